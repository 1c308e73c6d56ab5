"""The directory's stamp (accounts.directory): every change to who is where draws a new one,
so what a process keeps under the old one (role assignments, the task list's filter form) is
read again; a sign-in changes nothing shown and keeps it."""

from datetime import date

import pytest
from django.contrib.auth.models import update_last_login
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nhiemvu.accounts import directory
from nhiemvu.accounts.choices import Role
from nhiemvu.accounts.models import DirectoryStamp, RoleAssignment, User
from nhiemvu.accounts.permissions import role_assignments
from nhiemvu.tracking.models import Task
from nhiemvu.units.models import Field, Unit
from tests.factories import FieldFactory, UnitFactory, make_task, person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _stamp_row():
    """The row migrate makes, which a transactional test's flush before this one removes."""
    directory.draw_stamp()


def test_the_stamp_is_read_from_its_table():
    assert directory.STAMP_TABLE == DirectoryStamp._meta.db_table
    assert directory.read_stamp() == DirectoryStamp.objects.get(pk=1).stamp


def test_every_change_to_users_roles_units_and_fields_draws_a_new_stamp(cast):
    changes = {
        "a user renamed": lambda: User.objects.filter(pk=cast.desk.pk).first().save(),
        "a user deleted": lambda: User.objects.get(pk=cast.viewer.pk).delete(),
        "a role added": lambda: RoleAssignment.objects.create(
            user=cast.specialist, role=Role.VIEWER, unit=cast.province
        ),
        "a role's fields changed": lambda: RoleAssignment.objects.get(user=cast.leader).fields.clear(),
        "a role removed": lambda: RoleAssignment.objects.filter(
            user=cast.specialist, role=Role.VIEWER
        ).delete(),
        "a unit renamed": lambda: _rename(cast.finance_department, "Sở Tài chính tỉnh"),
        "a unit moved": lambda: _move(cast.forestry, cast.justice_department),
        "a field added": lambda: FieldFactory(code="GD", name="Giáo dục"),
        "a field deleted": lambda: Field.objects.filter(code="GD").delete(),
    }
    for change, make in changes.items():
        before = directory.read_stamp()
        make()
        assert directory.read_stamp() != before, change


def _rename(unit: Unit, name: str) -> None:
    unit.name = name
    unit.save(update_fields=["name"])


def _move(unit: Unit, parent: Unit) -> None:
    unit.parent = parent
    unit.save()


def test_a_sign_in_and_a_new_user_or_unit_keep_the_stamp(cast):
    """Nothing kept shows them: a sign-in changes nothing shown, a new user holds no role yet
    (the role drawn with it does) and no role is held in a new unit."""
    before = directory.read_stamp()
    update_last_login(None, cast.desk)
    person(username="moi_them")
    UnitFactory(parent=cast.province)
    assert directory.read_stamp() == before


def test_a_stamp_row_gone_is_made_again_by_the_next_change(cast):
    DirectoryStamp.objects.all().delete()  # as a flushed database
    assert directory.read_stamp() is None
    user = User.objects.get(pk=cast.desk.pk)
    assert [a.role for a in role_assignments(user)] == [Role.OFFICE_DESK]  # read, not kept
    FieldFactory(code="GD", name="Giáo dục")
    assert directory.read_stamp() is not None


def test_role_assignments_come_from_the_process_until_the_directory_changes(cast):
    def fresh():  # a new request's user
        return User.objects.get(pk=cast.leader.pk)

    justice_task = make_task(
        lead_unit=cast.justice_department,
        assigning_unit=cast.province,
        assigned_on=date(2026, 3, 2),
        field=cast.justice,
    )
    assert not Task.objects.visible_to(fresh()).filter(pk=justice_task.pk).exists()

    first = role_assignments(fresh())
    assert [(a.role, a.unit, a.field_ids) for a in first] == [
        (Role.LEADER, cast.province, frozenset({cast.agriculture.pk}))
    ]
    user = fresh()
    with CaptureQueriesContext(connection) as captured:
        assert role_assignments(user) == first
    assert len(captured) == 1  # the stamp only

    RoleAssignment.objects.get(user=cast.leader).fields.add(cast.justice)
    user = fresh()
    assert [a.field_ids for a in role_assignments(user)] == [
        frozenset({cast.agriculture.pk, cast.justice.pk})
    ]
    assert Task.objects.visible_to(user).filter(pk=justice_task.pk).exists()


def test_the_task_lists_filter_form_shows_a_new_field_and_officer_at_once(client, cast):
    client.force_login(cast.desk)
    url = reverse("tracking:task_list")
    page = client.get(url).content.decode()
    assert "Giáo dục" not in page and "Trần Thị Mới" not in page
    client.get(url)  # the form from the process's cache

    FieldFactory(code="GD", name="Giáo dục")
    person(Role.OFFICE_DESK, cast.agriculture_department, first_name="Thị Mới", last_name="Trần")
    page = client.get(url).content.decode()
    assert '">Giáo dục</option>' in page
    assert '">Trần Thị Mới</option>' in page
