"""The demo touches only what it created (issue 12 #4): it refuses a database in real use,
never changes an account it did not create, and `--reset` deletes its own rows only.

A small demo (a few directives besides the showcase) keeps these tests fast; the full demo
is checked in test_demo.py.
"""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase
from django.utils import translation

from nhiemvu.accounts.models import User
from nhiemvu.compliance.models import RegisterLine, SentReport
from nhiemvu.demo import data
from nhiemvu.demo.models import DemoRecord
from nhiemvu.demo.ownership import DemoRefused, real_data, recorded
from nhiemvu.demo.services import demo_counts
from nhiemvu.directives.models import Directive
from nhiemvu.tracking.models import Task, TaskEvent
from nhiemvu.units.models import Unit
from tests.cast import load_small_demo
from tests.factories import UnitFactory, UserFactory, make_task


def load(*args) -> str:
    out = io.StringIO()
    call_command("load-demo", *args, stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    """What a refused load must leave as it was."""
    return {
        "units": sorted(Unit.objects.values_list("pk", "code", "name")),
        "users": sorted(User.objects.values_list("pk", "username", "password", "is_superuser", "is_staff")),
        "tasks": sorted(Task.objects.values_list("pk", "lead_unit_id", "lifecycle")),
        "events": TaskEvent.objects.count(),
        "directives": Directive.objects.count(),
        "records": DemoRecord.objects.count(),
    }


def real_unit():
    return UnitFactory(code="QNGAI", name="UBND tỉnh Quảng Ngãi", kind="province")


def real_task():
    province = real_unit()
    department = UnitFactory(code="QNGAI.STC", name="Sở Tài chính", parent=province)
    return make_task(lead_unit=department, assigning_unit=province, assigned_on=date(2024, 3, 1))


REAL_DATA = {
    "a unit": real_unit,
    "a user": lambda: UserFactory(username="nguyenvana"),
    "a task": real_task,
}


@pytest.mark.django_db
@pytest.mark.parametrize("make", REAL_DATA.values(), ids=REAL_DATA.keys())
@pytest.mark.parametrize("args", [(), ("--reset",)], ids=["load", "reset"])
def test_a_database_with_real_data_is_refused_in_vietnamese_and_english_and_left_unchanged(make, args):
    make()
    before = snapshot()
    with pytest.raises(CommandError) as refused:
        load(*args)
    vietnamese, _, english = str(refused.value).partition(" / ")
    assert "Cơ sở dữ liệu đã có dữ liệu không do lệnh nạp dữ liệu mẫu tạo" in vietnamese
    assert "--into-existing-database" in vietnamese
    assert "The database holds data the demo loader did not create" in english
    assert snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize("args", [(), ("--into-existing-database",), ("--reset", "--into-existing-database")])
def test_an_existing_quantri_the_demo_did_not_create_is_never_modified(args):
    quantri = User.objects.create_user("quantri", password="mat-khau-that-cua-toi")
    before = snapshot()
    with pytest.raises(CommandError, match="quantri"):
        load(*args)
    quantri.refresh_from_db()
    assert quantri.check_password("mat-khau-that-cua-toi")
    assert not quantri.is_superuser and not quantri.is_staff
    assert snapshot() == before


@pytest.mark.django_db
def test_a_unit_code_of_the_demo_held_by_a_real_unit_is_refused_beside_real_data():
    UnitFactory(code=data.PROVINCE_CODE, name="UBND tỉnh Kon Tum (thật)", kind="province")
    before = snapshot()
    with pytest.raises(CommandError, match=data.PROVINCE_CODE):
        load("--into-existing-database")
    assert snapshot() == before


class SmallDemoBesideRealData(TestCase):
    """A real province with a task and an officer, then the demo beside it."""

    @classmethod
    def setUpTestData(cls):
        cls.task = real_task()
        cls.officer = UserFactory(username="nguyenvana")
        cls.real = snapshot()
        cls.result = load_small_demo(into_existing=True)
        cls.counts = demo_counts()

    def test_the_demo_loads_beside_real_data_which_stays_unrecorded(self):
        self.assertTrue(self.result.created)
        self.assertEqual(self.counts["provinces"], 1)
        self.assertEqual(set(real_data()), {Unit, User, Directive, Task})
        self.assertFalse(recorded(Task).filter(pk=self.task.pk).exists())
        self.assertFalse(recorded(User).filter(pk=self.officer.pk).exists())

    def test_a_second_run_keeps_the_data_and_needs_no_flag(self):
        tasks = sorted(recorded(Task).values_list("pk", "lifecycle", "due_in_force"))
        output = load()
        self.assertIn("Dữ liệu mẫu đã có", output)
        self.assertEqual(demo_counts(), self.counts)
        self.assertEqual(sorted(recorded(Task).values_list("pk", "lifecycle", "due_in_force")), tasks)

    def test_reset_needs_the_flag_when_real_data_is_there(self):
        before = snapshot()
        with self.assertRaisesMessage(CommandError, "--into-existing-database"):
            load("--reset")
        self.assertEqual(snapshot(), before)

    def test_reset_deletes_only_what_the_demo_created(self):
        old_tasks = set(recorded(Task).values_list("pk", flat=True))
        old_register = {
            model: set(recorded(model).values_list("pk", flat=True)) for model in (SentReport, RegisterLine)
        }
        self.assertTrue(all(old_register.values()))  # the demo's compliance register, recorded as its own
        load_small_demo(reset=True, into_existing=True)
        for model, pks in old_register.items():
            self.assertFalse(model.objects.filter(pk__in=pks).exists())
            self.assertEqual(model.objects.count(), recorded(model).count())
        self.assertEqual(demo_counts(), self.counts)
        self.assertFalse(Task.objects.filter(pk__in=old_tasks).exists())
        self.task.refresh_from_db()
        self.officer.refresh_from_db()
        real_units = sorted(
            Unit.objects.exclude(pk__in=recorded(Unit).values("pk")).values_list("pk", "code", "name")
        )
        self.assertEqual(real_units, self.real["units"])
        self.assertEqual(self.task.events.count(), 1)

    def test_reset_is_refused_when_real_data_refers_to_the_demo(self):
        """Every foreign key to a demo row protects it: a real task given to a demo unit
        keeps the unit, and the reset changes nothing."""
        province = recorded(Unit).get(code=data.PROVINCE_CODE)
        make_task(
            lead_unit=recorded(Unit).get(code=data.AGRICULTURE_CODE),
            assigning_unit=province,
            assigned_on=date(2024, 5, 2),
        )
        before = snapshot()
        with self.assertRaises(DemoRefused) as refused:
            load_small_demo(reset=True, into_existing=True)
        self.assertIn("Không xóa được dữ liệu mẫu", str(refused.exception))
        self.assertEqual(snapshot(), before)

    def test_demo_accounts_get_new_passwords_and_real_accounts_keep_theirs(self):
        password = self.officer.password
        load()
        self.officer.refresh_from_db()
        self.assertEqual(self.officer.password, password)


@pytest.mark.django_db
def test_in_english_the_refusal_is_said_once():
    real_unit()
    with translation.override("en"), pytest.raises(CommandError) as refused:
        load()
    assert str(refused.value).startswith("The database holds data the demo loader did not create (1 ")
    assert "Cơ sở dữ liệu" not in str(refused.value)
