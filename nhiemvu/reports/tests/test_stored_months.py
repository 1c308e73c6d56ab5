"""The emulation figures of closed months are stored (reports.stored_months): a report that
reads them gives what the report counted entirely live gives (seed 001 §2: the overdue tasks
at each month's end as known then, the results recorded more than 2 working days late), and
every change of the past they summarise makes them counted again."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nhiemvu.importing.columns import BASE_COLUMNS
from nhiemvu.importing.services import import_tasks
from nhiemvu.importing.tests.conftest import row
from nhiemvu.reports.emulation import emulation_report
from nhiemvu.reports.jobs import store_closed_months
from nhiemvu.reports.models import StoredMonth
from nhiemvu.reports.periods import Period
from nhiemvu.reports.stored_months import SETTLE, month_end
from nhiemvu.tracking import services
from nhiemvu.tracking.models import Task
from nhiemvu.units.models import Unit
from nhiemvu.units.services import merge_unit
from nhiemvu.workdays.choices import OverrideKind
from nhiemvu.workdays.services import add_correction, remove_correction
from tests.factories import make_task, moment

pytestmark = pytest.mark.django_db

YEAR = 2026  # closed months before the tests' today (the real one: no test runs before 2027)
PAST = moment(date(YEAR, 6, 30), 17)


def complete(task, completed_on, recorded_on, hour=9):
    services.complete(
        task, by=None, at=moment(recorded_on, hour), completed_on=completed_on, result_document="Báo cáo"
    )


def history(cast):
    """Four units' tasks of each month of YEAR up to October: some completed late and
    recorded late, some on time, some moved to another unit, some left open past due."""
    units = [cast.agriculture_department, cast.forestry, cast.justice_department, cast.district_agriculture]
    for index, unit in enumerate(units):
        for month in range(1, 11):
            assigned = date(YEAR, month, 2)
            due = date(YEAR, month, 18 + index)
            task = make_task(lead_unit=unit, assigning_unit=cast.province, assigned_on=assigned, due_on=due)
            match (month + index) % 4:
                case 0:  # completed late, and its result recorded late
                    complete(task, due + timedelta(days=9), due + timedelta(days=14))
                case 1:  # completed on time, recorded on its due date
                    complete(task, due, due)
                case 2:  # moved to the finance department, then completed late, recorded on time
                    services.reassign(
                        task, by=None, at=moment(due - timedelta(days=3)), to_unit=cast.finance_department
                    )
                    complete(task, due + timedelta(days=1), due + timedelta(days=1))
                case 3:  # left open: overdue at every month's end from its due date on
                    pass
    # A task of the year before, completed in the year and recorded late.
    old = make_task(
        lead_unit=cast.justice_department,
        assigning_unit=cast.province,
        assigned_on=date(YEAR - 1, 11, 3),
        due_on=date(YEAR - 1, 12, 15),
    )
    complete(old, date(YEAR, 2, 3), date(YEAR, 3, 4))


def both(**request):
    """The report reading (and storing) the closed months, and the one counted live."""
    return emulation_report(**request), emulation_report(**request, stored=False)


REQUESTS = [
    {"date_from": date(YEAR, 1, 1), "date_to": date(YEAR, 12, 31), "as_of": None},  # as of now
    {"date_from": date(YEAR, 1, 1), "date_to": date(YEAR, 12, 31), "as_of": PAST},
    {"date_from": date(YEAR - 1, 1, 1), "date_to": date(YEAR - 1, 12, 31), "as_of": None},
    {"date_from": date(YEAR, 4, 1), "date_to": date(YEAR, 6, 30), "as_of": moment(date(YEAR, 7, 1), 0)},
    # Whole months only in the middle: the first and the last are counted live.
    {"date_from": date(YEAR, 2, 10), "date_to": date(YEAR, 8, 20), "as_of": moment(date(YEAR, 9, 15))},
    {
        "date_from": date(YEAR, 1, 1),
        "date_to": date(YEAR, 12, 31),
        "as_of": moment(date(YEAR, 3, 31), 23, 59),
    },
]


def request_of(request):
    return {**request, "as_of": request["as_of"] or timezone.now()}


@pytest.mark.parametrize("request_", REQUESTS, ids=range(len(REQUESTS)))
def test_the_report_with_stored_months_is_the_report_counted_live_seed_001(cast, request_):
    history(cast)
    request = request_of(request_)
    first, live = both(**request)  # the first stores the closed months
    assert first == live
    assert emulation_report(**request) == live  # the second reads them
    assert any(month.overdue for month in live.months)
    assert any(month.recorded_late for month in live.months) or request["date_from"].year < YEAR


def test_a_scope_of_lead_units_reads_the_stored_months_of_its_units_seed_001(cast):
    history(cast)
    request = request_of(REQUESTS[0])
    emulation_report(**request)  # stored for every unit
    agriculture = Unit.objects.subtree_of(cast.agriculture_department)
    stored, live = both(**request, lead_units=agriculture)
    assert stored == live
    assert {month.unit_id for month in live.months} == {cast.agriculture_department.pk, cast.forestry.pk}


def test_a_scope_of_tasks_is_counted_live_seed_001(cast):
    """Stored figures are per unit: a report of some tasks cannot read them."""
    history(cast)
    request = request_of(REQUESTS[0])
    tasks = Task.objects.filter(lead_unit=cast.justice_department)
    assert emulation_report(**request, tasks=tasks) == emulation_report(**request, tasks=tasks, stored=False)
    assert not StoredMonth.objects.exists()


def test_only_whole_months_ended_by_the_moment_and_an_hour_ago_are_stored_seed_001(cast):
    history(cast)
    emulation_report(**request_of(REQUESTS[4]))
    # From 10/02 to 20/08 as of 15/09: March to July; February and August are partial.
    assert sorted(StoredMonth.objects.values_list("date_from", flat=True)) == [
        date(YEAR, month, 1) for month in range(3, 8)
    ]
    StoredMonth.objects.all().delete()
    # A month that ended less than an hour ago is not stored yet (a change recorded in its
    # last moments may not be committed).
    end = timezone.localtime() - SETTLE / 2
    emulation_report(date_from=date(end.year - 1, 1, 1), date_to=end.date(), as_of=timezone.now())
    assert not StoredMonth.objects.filter(date_to__gte=end.date() - timedelta(days=1)).exists()


def test_decree_09_months_are_stored_by_their_own_days_seed_001(cast, settings):
    """REPORT_PERIOD_CUTOFF=decree09: months from the 15th to the 14th, stored under those days,
    never read for the calendar months."""
    history(cast)
    request = request_of(REQUESTS[0])
    emulation_report(**request)
    settings.REPORT_PERIOD_CUTOFF = "decree09"
    stored, live = both(**request)
    assert stored == live
    assert StoredMonth.objects.filter(date_from=date(YEAR, 3, 15), date_to=date(YEAR, 4, 14)).exists()


def test_a_second_report_reads_the_stored_months_seed_001(cast, django_assert_num_queries):
    """2025 as of now, stored: the calendar, the stored months, the snapshot of the year's
    late completions and ranking's counts (reports.snapshots) and what changed since it (the
    completions recorded since; whether a task changed since the moment, those changed since
    then and now, those come due: 4), and the units' names (2); no overdue count and no
    completion judged by the calendar."""
    history(cast)
    request = request_of(REQUESTS[2])
    emulation_report(**request)
    with django_assert_num_queries(10), CaptureQueriesContext(connection) as queries:
        emulation_report(**request)
    sql = [query["sql"] for query in queries]
    # Neither overdue_by_unit's sums per month end nor late_result_records' days.
    assert [statement for statement in sql if "SUM(m0)" in statement or "latest_due" in statement] == []
    assert len([statement for statement in sql if "reports_storedmonth" in statement]) == 1
    assert len([statement for statement in sql if "reports_closedmonthssnapshot" in statement]) == 1


def stored_months():
    return sorted(StoredMonth.objects.values_list("date_from", flat=True))


def test_an_event_recorded_in_a_stored_month_forgets_it_and_the_later_ones_seed_001(cast):
    """tracking.services with a past moment (TaskEvent.save)."""
    history(cast)
    request = request_of(REQUESTS[0])
    emulation_report(**request)
    assert stored_months() == [date(YEAR, month, 1) for month in range(1, 12)]
    task = make_task(
        lead_unit=cast.justice_department,
        assigning_unit=cast.province,
        assigned_on=date(YEAR, 5, 4),
        due_on=date(YEAR, 5, 8),
        at=moment(date(YEAR, 5, 4)),
    )
    assert stored_months() == [date(YEAR, month, 1) for month in range(1, 5)]
    complete(task, date(YEAR, 5, 8), date(YEAR, 8, 11))
    assert emulation_report(**request) == emulation_report(**request, stored=False)


def test_an_event_recorded_today_forgets_nothing_and_changes_no_closed_month_seed_001(cast):
    """A change recorded now leaves the months' figures as known then: the stored months
    stay, and still give what the live count gives."""
    history(cast)
    request = request_of(REQUESTS[0])
    emulation_report(**request)
    before = stored_months()
    overdue = Task.objects.filter(completed_on__isnull=True, due_in_force__lt=date(YEAR, 6, 1)).first()
    services.complete(
        overdue, by=None, at=timezone.now(), completed_on=timezone.localdate(), result_document="Báo cáo"
    )
    make_task(
        lead_unit=cast.justice_department,
        assigning_unit=cast.province,
        assigned_on=date(YEAR, 5, 4),
        due_on=date(YEAR, 5, 8),
        at=timezone.now(),
    )
    assert stored_months() == before
    request = request_of(REQUESTS[0])
    assert emulation_report(**request) == emulation_report(**request, stored=False)


def test_imported_history_forgets_the_stored_months_from_its_first_day_seed_001(cast):
    """importing.writing's bulk_create: imported events are recorded on their own days."""
    history(cast)
    request = request_of(REQUESTS[0])
    emulation_report(**request)
    common = {"issuer": cast.province.name, "lead": cast.justice_department.name}
    import_tasks(
        [
            list(BASE_COLUMNS),
            row(issued_on="03/07/2026", assigned_on="03/07/2026", due_on="10/07/2026", **common),
            row(
                content="Hoàn thành muộn",
                issued_on="03/07/2026",
                assigned_on="03/07/2026",
                due_on="10/07/2026",
                completed_on="28/08/2026",
                **common,
            ),
        ],
        assigning_unit=cast.province,
    )
    assert stored_months() == [date(YEAR, month, 1) for month in range(1, 7)]
    assert emulation_report(**request) == emulation_report(**request, stored=False)


def test_a_merger_recorded_in_the_past_forgets_the_months_from_its_moment_seed_001(cast):
    """units.services.merge_unit moves the open tasks by reassignments recorded at its `at`
    (it rewrites no past event): the events' door forgets the months."""
    history(cast)
    request = request_of(REQUESTS[0])
    emulation_report(**request)
    merge_unit(
        unit=cast.district_agriculture,
        into=cast.agriculture_department,
        on=date(YEAR, 9, 1),
        by=None,
        at=moment(date(YEAR, 9, 2)),
    )
    assert stored_months() == [date(YEAR, month, 1) for month in range(1, 9)]
    assert emulation_report(**request) == emulation_report(**request, stored=False)


def test_a_calendar_correction_recounts_the_months_it_changes_seed_001(cast):
    """A working day turned into a day off (workdays.add_correction, as the admin does)
    moves the 2-working-day limit: the months whose limits it moves are counted again."""
    history(cast)
    # Due Friday 21/08, recorded Tuesday 25/08: late, the limit being Monday 24/08.
    task = make_task(
        lead_unit=cast.justice_department,
        assigning_unit=cast.province,
        assigned_on=date(YEAR, 8, 3),
        due_on=date(YEAR, 8, 21),
        at=moment(date(YEAR, 8, 3)),
    )
    complete(task, date(YEAR, 8, 21), date(YEAR, 8, 25))
    request = request_of(REQUESTS[0])

    def august(report):
        return sum(
            month.recorded_late
            for month in report.months
            if month.unit_id == cast.justice_department.pk and month.month.date_from == date(YEAR, 8, 1)
        )

    before = emulation_report(**request)
    keys = dict(StoredMonth.objects.values_list("date_from", "calendar_key"))
    # With Monday 24/08 off, the limit is Tuesday 25/08: on time.
    correction = add_correction(
        day=date(YEAR, 8, 24), kind=OverrideKind.DAY_OFF, name="Nghỉ bù", legal_basis="Thông báo số 1/TB"
    )
    changed = emulation_report(**request)
    assert changed == emulation_report(**request, stored=False)
    assert august(changed) == august(before) - 1
    assert emulation_report(**request) == changed  # stored again, under the new calendar
    remove_correction(correction=correction)
    assert emulation_report(**request) == before
    assert dict(StoredMonth.objects.values_list("date_from", "calendar_key")) == keys


def test_the_nightly_job_stores_the_month_just_closed_seed_001(cast):
    """reports.jobs.store_closed_months, run each night at 01:30: the month before this one
    is stored (unless it ended less than an hour ago), with the figures the live count gives."""
    history(cast)
    store_closed_months.call_local()
    today = timezone.localdate()
    last = today.replace(day=1) - timedelta(days=1)
    previous = Period.month(last.year, last.month)
    stored = StoredMonth.objects.filter(date_from=previous.date_from, date_to=previous.date_to).exists()
    assert stored == (month_end(previous) <= timezone.now() - SETTLE)
    request = {"date_from": previous.date_from, "date_to": previous.date_to, "as_of": timezone.now()}
    assert emulation_report(**request) == emulation_report(**request, stored=False)
