"""Pages that list rows read the same number of queries for 2 rows as for 20: no query per row
(../shared/style.md, anti-pattern 3). The task list, the register, the home page, the dashboard,
the unit tree and the user list check this in their own modules; these are the other lists."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nhiemvu.accounts.choices import Role
from nhiemvu.directives.choices import Secrecy
from nhiemvu.directives.models import SecretEntry
from nhiemvu.workdays import services as workdays
from nhiemvu.workdays.choices import OverrideKind
from tests.factories import DirectiveFactory, make_task, person

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def assert_no_query_per_row(client, url, add_rows):
    """The page's queries with 2 rows, then with 20: the same count."""
    add_rows(2)
    client.get(url)  # warm the per-process caches (content types, the calendar)
    few = queries(client, url)
    add_rows(18)
    assert queries(client, url) == few, url


def test_a_directive_page_reads_its_tasks_and_their_units_in_a_fixed_number_of_queries(client, cast):
    directive = DirectiveFactory(number_symbol="11/KH-UBND", issued_on=date(2026, 3, 2))
    units = [cast.agriculture_department, cast.justice_department, cast.district_agriculture]

    def add_tasks(count):
        for index in range(count):
            task = make_task(
                directive=directive,
                lead_unit=units[index % 3],
                assigning_unit=cast.province,
                assigned_on=date(2026, 3, 3),
                due_on=date(2026, 4, 30),
                field=cast.agriculture,
                tracking_officer=cast.desk,
            )
            task.coordinating_units.add(cast.finance_department)

    client.force_login(cast.desk)
    assert_no_query_per_row(client, reverse("directive_detail", args=[directive.pk]), add_tasks)


def test_the_secret_register_reads_its_lines_in_a_fixed_number_of_queries(client, cast):
    keeper = person(Role.OFFICE_DESK, cast.province, username="van_thu_mat")

    def add_lines(count):
        start = SecretEntry.objects.count()
        for number in range(start, start + count):
            line = SecretEntry.objects.create(
                secrecy=Secrecy.SECRET,
                number_symbol=f"{number + 1}/KH-UBND",
                issued_on=date(2026, 5, 15),
                lead_unit=cast.agriculture_department,
                due_on=date(2026, 6, 30),
            )
            line.allowed_users.set([keeper, cast.focal_officer])

    client.force_login(keeper)
    assert_no_query_per_row(client, reverse("secret_entry_list"), add_lines)


def test_the_calendar_reads_a_years_corrections_in_a_fixed_number_of_queries(client, cast):
    # Working days of March 2026 (no holiday in it) made days off.
    days = iter(day for day in (date(2026, 3, number) for number in range(2, 32)) if day.weekday() < 5)

    def add_corrections(count):
        for _ in range(count):
            workdays.add_correction(
                day=next(days),
                kind=OverrideKind.DAY_OFF,
                name="Nghỉ bù",
                legal_basis="Thông báo số 1/TB-UBND",
                by=cast.admin,
            )

    client.force_login(cast.admin)
    assert_no_query_per_row(client, f"{reverse('administration:calendar')}?nam=2026", add_corrections)
