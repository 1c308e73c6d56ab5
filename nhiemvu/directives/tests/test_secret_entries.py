"""Secret documents (mật, tối mật, tuyệt mật) are never put on the normal system: a separate
register with number, date, lead unit and due date, for the allowed users only
(seed 003 art. 5.2, seed 004 art. 5.2)."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import models

from nhiemvu.accounts.choices import Role
from nhiemvu.directives.choices import Secrecy
from nhiemvu.directives.models import SecretEntry
from tests.factories import UnitFactory, UserFactory, person

CONTENT_LIKE = (
    "content",
    "summary",
    "trich_yeu",
    "note",
    "text",
    "body",
    "description",
    "detail",
    "file",
    "attachment",
    "document",
    "task",
)


@pytest.fixture
def police(province):
    return UnitFactory(name="Công an tỉnh", parent=province)


@pytest.fixture
def people(cast, province, police):
    return {
        "office_secretary": person(Role.OFFICE_DESK, province, username="van_thu_mat"),
        "police_focal": person(Role.FOCAL_OFFICER, police, username="daumoi_cat"),
        "desk": cast.desk,
        "leader": person(Role.LEADER, province, username="chu_tich"),
        "police_leader": person(Role.UNIT_LEADER, police, username="giam_doc_cat"),
        "admin": cast.admin,
        "superuser": UserFactory(username="root", is_superuser=True, is_staff=True),
        "anonymous": AnonymousUser(),
    }


def entry(number, lead_unit, *allowed, secrecy=Secrecy.SECRET):
    record = SecretEntry.objects.create(
        secrecy=secrecy,
        number_symbol=number,
        issued_on=date(2018, 5, 15),
        lead_unit=lead_unit,
        due_on=date(2018, 6, 30),
    )
    record.allowed_users.set(allowed)
    return record


@pytest.mark.django_db
def test_an_entry_is_shown_only_to_the_users_allowed_seed_003_art_5_2(people, police):
    secret = entry("12/UBND-NC", police, people["office_secretary"], people["police_focal"])
    top = entry("3/QĐ-UBND", police, people["office_secretary"], secrecy=Secrecy.TOP_SECRET)
    sees = {who: set(SecretEntry.objects.visible_to(user)) for who, user in people.items()}
    assert sees == {
        "office_secretary": {secret, top},
        "police_focal": {secret},
        "desk": set(),
        "leader": set(),
        "police_leader": set(),  # leading the unit is not being allowed
        "admin": set(),  # administering the system is not being allowed
        "superuser": set(),
        "anonymous": set(),
    }


@pytest.mark.django_db
def test_each_entry_shows_once_however_many_users_are_allowed(people, police):
    entry("12/UBND-NC", police, *[user for who, user in people.items() if who != "anonymous"])
    visible = SecretEntry.objects.visible_to(people["office_secretary"])
    assert visible.count() == visible.distinct().count() == 1


@pytest.mark.django_db
def test_nothing_is_shown_to_an_anonymous_user_even_with_entries_for_everyone(people, police):
    entry("12/UBND-NC", police, people["office_secretary"])
    assert not SecretEntry.objects.visible_to(AnonymousUser()).exists()


def test_the_register_keeps_no_content_seed_004_art_5_2():
    """Number, date, lead unit, due date, completion, secrecy and who may see: nothing that
    could hold what the document says."""
    names = [field.name for field in SecretEntry._meta.get_fields()]
    assert not [name for name in names if any(word in name.lower() for word in CONTENT_LIKE)], names
    for field in SecretEntry._meta.get_fields():
        assert not isinstance(
            field, (models.TextField, models.FileField, models.JSONField, models.BinaryField)
        ), field.name
    assert {"number_symbol", "issued_on", "lead_unit", "due_on", "secrecy", "allowed_users"} <= set(names)
