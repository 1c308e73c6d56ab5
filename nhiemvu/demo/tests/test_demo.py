"""`nhiemvu load-demo`: the Kon Tum province of the seeds, in every state, loaded idempotently.

The full demo is built once for the class (setUpTestData, rolled back at the end): building
it takes several seconds. What it may touch, and --reset, are checked on a small demo in
test_ownership.py.
"""

import io
import re
from datetime import date

import pytest
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from nhiemvu.accounts.models import User
from nhiemvu.compliance.appendix03 import appendix03
from nhiemvu.compliance.choices import PeriodicReport
from nhiemvu.compliance.choices import Timeliness as Sent
from nhiemvu.compliance.deadlines import due_date
from nhiemvu.demo import data
from nhiemvu.demo.ownership import real_data, recorded
from nhiemvu.demo.services import demo_counts
from nhiemvu.reports.services import unit_report
from nhiemvu.tracking.choices import ACTIVE_OPEN, NOT_COUNTED, EventKind, Lifecycle, Timeliness
from nhiemvu.tracking.models import Task, TaskEvent
from nhiemvu.tracking.status import timeliness
from nhiemvu.units.choices import UnitKind
from nhiemvu.units.models import Unit
from nhiemvu.workdays.choices import OverrideKind
from nhiemvu.workdays.models import DayOverride
from tests.test_appendix_02 import APPENDIX_02

pytestmark = pytest.mark.system  # the full demo province, as `make demo` loads it

# Seed 000 appendix 02: the 30 units, as printed, in its order.
APPENDIX_02_UNITS = [name for name, *_counts in APPENDIX_02]


def load(*args) -> str:
    out = io.StringIO()
    call_command("load-demo", *args, stdout=out)
    return out.getvalue()


def printed_passwords(output: str) -> dict[str, str]:
    """username → password, from the table the command prints."""
    usernames = [row[0] for row in data.USERS]
    found = {}
    for line in output.splitlines():
        words = line.split()
        if words and words[0] in usernames:
            found[words[0]] = words[-1]
    return found


class LoadDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.output = load()
        cls.counts = demo_counts()
        cls.now = timezone.now()

    def test_it_prints_a_vietnamese_table_of_the_accounts(self):
        self.assertIn("Đã tạo dữ liệu mẫu", self.output)
        self.assertIn("Tài khoản dùng thử", self.output)
        self.assertRegex(self.output, r"Tên đăng nhập\s+Vai trò\s+Đơn vị\s+Mật khẩu")
        self.assertEqual(set(printed_passwords(self.output)), {row[0] for row in data.USERS})

    def test_running_it_again_keeps_one_province_and_prints_new_passwords_that_work(self):
        again = load()
        self.assertIn("Dữ liệu mẫu đã có", again)
        self.assertEqual(demo_counts(), self.counts)
        self.assertEqual(self.counts["provinces"], 1)
        first, second = printed_passwords(self.output), printed_passwords(again)
        self.assertEqual(set(second), set(first))
        for username, password in second.items():
            self.assertNotEqual(password, first[username])
            self.assertTrue(User.objects.get(username=username).check_password(password), username)
            self.assertFalse(User.objects.get(username=username).check_password(first[username]), username)

    def test_everything_it_created_is_recorded_as_demo_data(self):
        self.assertEqual(real_data(), {})
        self.assertEqual(recorded(Unit).count(), self.counts["units"])

    def test_it_has_the_tree_government_province_and_the_30_units_of_appendix_02_in_order(self):
        province = Unit.objects.get(code=data.PROVINCE_CODE)
        self.assertEqual((province.parent.name, province.name), ("Chính phủ", "UBND tỉnh Kon Tum"))
        units = Unit.objects.filter(parent=province, active_from__isnull=True).order_by("sort_order")
        names_2018 = dict(Unit.objects.labels_in_tree_order({unit.pk for unit in units}, date(2018, 12, 27)))
        self.assertEqual([names_2018[unit.pk] for unit in units], APPENDIX_02_UNITS)
        self.assertTrue(all(unit.scored_for_reform for unit in units))
        self.assertEqual(
            {unit.kind for unit in units}, {UnitKind.DEPARTMENT, UnitKind.DISTRICT, UnitKind.OFFICE}
        )
        self.assertEqual(len({unit.code for unit in units}), 30)

    def test_the_department_of_agriculture_has_its_sub_units_seed_003(self):
        agriculture = Unit.objects.get(code=data.AGRICULTURE_CODE)
        names = set(agriculture.children.values_list("name", flat=True))
        self.assertLessEqual({"Văn phòng Sở", "Chi cục Kiểm lâm"}, names)
        self.assertTrue(
            Task.objects.filter(parent__lead_unit=agriculture, lead_unit__parent=agriculture).exists()
        )

    def test_the_provincial_office_has_desks_and_units_have_focal_officers(self):
        office = Unit.objects.get(code=data.OFFICE_CODE)
        self.assertGreaterEqual(office.children.filter(kind=UnitKind.DESK).count(), 3)
        for unit in Unit.objects.filter(parent__code=data.PROVINCE_CODE):
            officer = unit.focal_officers.get()
            self.assertTrue(officer.full_name and officer.title and officer.phone, unit)
            self.assertTrue(officer.email.endswith(".example"), unit)

    def test_a_district_was_merged_into_a_commune_on_1_july_2025_and_a_unit_renamed(self):
        district = Unit.objects.get(code=data.MERGED_CODE)
        commune = Unit.objects.get(code=data.COMMUNE[0])
        self.assertEqual(district.active_until, date(2025, 6, 30))
        self.assertEqual(district.default_successor(), commune)
        self.assertEqual(commune.kind, UnitKind.COMMUNE)
        self.assertFalse(Task.objects.filter(lead_unit=district, lifecycle__in=ACTIVE_OPEN).exists())
        self.assertTrue(Task.objects.filter(lead_unit=commune).exists())
        self.assertTrue(
            TaskEvent.objects.filter(
                kind=EventKind.REASSIGNED, lead_unit=commune, effective_on__gte=date(2025, 7, 1)
            ).exists()
        )
        renamed = Unit.objects.get(code=data.RENAMED_CODE)
        self.assertEqual(renamed.name, data.RENAMED_TO)
        self.assertEqual(
            Unit.objects.labels_in_tree_order({renamed.pk}, date(2018, 12, 27)), [(renamed.pk, "Ban Dân tộc")]
        )

    def test_a_report_of_2018_shows_the_2018_district(self):
        report = unit_report(date_from=date(2018, 1, 1), date_to=date(2018, 12, 31), as_of=self.now)
        self.assertIn("UBND huyện Đắk Hà", [row.unit for row in report.rows])
        self.assertGreater(report.totals.total, 20)

    def test_every_lifecycle_is_present(self):
        present = set(Task.objects.values_list("lifecycle", flat=True))
        self.assertEqual(present, set(Lifecycle.values))

    def test_every_timeliness_is_present_as_of_now(self):
        today = timezone.localdate(self.now)
        present = {
            timeliness(due=task.due_in_force, completed=task.completed_on, as_of=today)
            for task in Task.objects.exclude(lifecycle__in=NOT_COUNTED)
        }
        self.assertEqual(present, set(Timeliness))

    def test_there_are_tasks_due_within_a_week(self):
        today = timezone.localdate(self.now)
        due_soon = Task.objects.filter(
            lifecycle__in=ACTIVE_OPEN,
            due_in_force__gte=today,
            due_in_force__lte=today + timezone.timedelta(days=7),
        )
        self.assertGreaterEqual(due_soon.count(), 3)

    def test_every_kind_of_event_happened_including_late_recording_and_delegation(self):
        self.assertEqual(set(TaskEvent.objects.values_list("kind", flat=True)), set(EventKind.values))
        recorded_late = [
            task
            for task in Task.objects.filter(lifecycle=Lifecycle.COMPLETED, due_in_force__isnull=False)
            if task.completed_on <= task.due_in_force
            and (timezone.localdate(task.completion_recorded_at) - task.due_in_force).days > 4
        ]
        self.assertTrue(recorded_late)
        self.assertTrue(Task.objects.filter(parent__isnull=False).exists())

    def test_history_spans_2018_to_today_recorded_in_order_and_never_in_the_future(self):
        first = Task.objects.order_by("assigned_on").first().assigned_on
        self.assertEqual(first.year, 2018)
        self.assertGreater(
            Task.objects.filter(assigned_on__year=timezone.localdate(self.now).year).count(), 50
        )
        self.assertFalse(TaskEvent.objects.filter(recorded_at__gt=self.now).exists())
        last_seen = {}
        for task_id, recorded_at, effective_on in TaskEvent.objects.order_by("task_id", "id").values_list(
            "task_id", "recorded_at", "effective_on"
        ):
            self.assertGreaterEqual(recorded_at, last_seen.get(task_id, recorded_at))
            self.assertLessEqual(effective_on, timezone.localdate(recorded_at))
            last_seen[task_id] = recorded_at
        self.assertTrue(600 <= self.counts["tasks"] <= 1000, self.counts)

    def test_directives_carry_realistic_numbers_and_issuers(self):
        from nhiemvu.directives.models import Directive, SecretEntry

        symbols = list(Directive.objects.values_list("number_symbol", flat=True))
        self.assertTrue(any(re.fullmatch(r"\d+/UBND-TH", s) for s in symbols))
        self.assertTrue(any(re.fullmatch(r"\d+/QĐ-UBND", s) for s in symbols))
        self.assertTrue(any(re.fullmatch(r"\d+/UBND-KTTH", s) for s in symbols))
        self.assertEqual(
            set(Directive.objects.values_list("issuer", flat=True)),
            {"UBND tỉnh Kon Tum", "Chủ tịch UBND tỉnh", "Văn phòng Chính phủ"},
        )
        self.assertGreaterEqual(SecretEntry.objects.count(), 2)

    def test_the_calendar_has_a_make_up_saturday_and_an_extra_day_off_with_their_legal_basis(self):
        kinds = set(DayOverride.objects.exclude(legal_basis="").values_list("kind", flat=True))
        self.assertEqual(kinds, {OverrideKind.DAY_OFF, OverrideKind.WORKING_DAY})

    def test_every_demo_account_signs_in_and_sees_its_dashboard(self):
        for username, password in printed_passwords(self.output).items():
            with self.subTest(username=username):
                # Through the login page: django-axes needs the request that client.login() lacks.
                answer = self.client.post(reverse("login"), {"username": username, "password": password})
                self.assertRedirects(answer, reverse("home"), fetch_redirect_response=False)
                response = self.client.get(reverse("dashboard"))
                self.assertEqual(response.status_code, 200)
                self.assertGreater(sum(card.count for card in response.context["cards"]), 0, username)
                self.client.logout()

    def test_the_unit_side_users_see_their_unit_and_the_office_sees_the_province(self):
        today = timezone.localdate(self.now)
        last_year = {
            "date_from": f"{today - timezone.timedelta(days=365):%Y-%m-%d}",
            "date_to": f"{today:%Y-%m-%d}",
        }
        self.client.force_login(User.objects.get(username="daumoi.snn"))
        unit_rows = [
            row.unit for row in self.client.get(reverse("dashboard"), last_year).context["report"].rows
        ]
        self.assertIn("Sở Nông nghiệp và Phát triển nông thôn", unit_rows)
        self.assertNotIn("Sở Tài chính", unit_rows)
        self.client.force_login(User.objects.get(username="vanphong"))
        office_rows = [
            row.unit for row in self.client.get(reverse("dashboard"), last_year).context["report"].rows
        ]
        self.assertIn("Sở Tài chính", office_rows)
        self.assertGreater(len(office_rows), len(unit_rows))

    def test_the_compliance_register_has_reports_on_time_late_and_missing_and_regulations_seed_000(self):
        """Appendix 03 of last year and of this year, as the demo's office recorded them."""
        today = timezone.localdate(self.now)
        for year in (today.year - 1, today.year):
            for report in PeriodicReport:
                table = appendix03(year=year, as_of=self.now, report=report)
                states = {row.timeliness for row in table.rows}
                due = due_date(report, year)
                expected = {Sent.ON_TIME, Sent.LATE, Sent.MISSING}
                if due >= today:
                    expected = {Sent.NOT_YET_DUE}
                self.assertTrue(expected <= states, (year, report, states))
                self.assertGreater(table.regulations, 5)
                self.assertTrue(any(row.remarks for row in table.rows))
        self.client.force_login(User.objects.get(username="vanphong"))
        page = self.client.get(reverse("compliance:register"), {"nam": today.year - 1}).content.decode()
        self.assertIn("Trễ hạn", page)
        self.assertIn("/BC-SNN", page)


def test_the_command_is_named_load_demo():
    from django.core.management import get_commands

    assert get_commands()["load-demo"] == "nhiemvu.demo"
