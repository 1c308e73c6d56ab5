"""accounts.services: creating users and giving them roles, the one door for the import, the web and the admin."""

import pytest
from django.core.exceptions import PermissionDenied

from nhiemvu.accounts import services
from nhiemvu.accounts.choices import Role
from nhiemvu.units.models import Field
from tests.factories import UnitFactory, person

pytestmark = pytest.mark.django_db


def test_a_new_user_has_no_usable_password_and_a_vietnamese_full_name():
    user = services.create_user(username="an.nv", full_name="Nguyễn  Văn An", email="an@kontum.gov.vn")
    assert not user.has_usable_password()
    assert (user.last_name, user.first_name, user.get_full_name()) == ("Nguyễn Văn", "An", "Nguyễn Văn An")


def test_only_administrators_create_users_and_assign_roles():
    unit = UnitFactory()
    clerk = person(Role.OFFICE_DESK, unit)
    with pytest.raises(PermissionDenied):
        services.create_user(username="x", full_name="X", by=clerk)
    with pytest.raises(PermissionDenied):
        services.assign_role(user=clerk, role=Role.LEADER, unit=unit, by=clerk)


def test_assigning_the_same_role_twice_changes_nothing_fields_are_replaced():
    unit = UnitFactory()
    economy = Field.objects.create(code="KT", name="Kinh tế")
    user = services.create_user(username="an.nv", full_name="Nguyễn Văn An")
    assert services.assign_role(user=user, role=Role.LEADER, unit=unit, fields=[economy])[1]
    assert not services.assign_role(user=user, role=Role.LEADER, unit=unit, fields=[economy])[1]
    assert not services.assign_role(user=user, role=Role.LEADER, unit=unit)[1]  # None: fields kept
    assert services.assign_role(user=user, role=Role.LEADER, unit=unit, fields=[])[1]
    assert user.roles.get().fields.count() == 0


def test_a_profile_update_keeps_the_password_and_a_name_split_otherwise():
    user = person(username="an.nv", last_name="Nguyễn", first_name="Văn An")
    user.set_password("Mật khẩu riêng của An 1")
    user.save()
    assert not services.update_profile(user=user, full_name="Nguyễn Văn An")
    assert services.update_profile(user=user, full_name="Nguyễn Văn An", email="an@x.vn")
    user.refresh_from_db()
    assert user.first_name == "Văn An" and user.check_password("Mật khẩu riêng của An 1")
