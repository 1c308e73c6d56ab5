"""The emulation figures of the closed months that change as time moves forward (the
ranking's counts, the late completions) are kept as of a moment (reports.snapshots): a report
that reads them, adding what changed since, gives what the report counted entirely live
gives (seed 001 §2), and a change of the past forgets them."""

from datetime import date, timedelta
from unittest.mock import patch

import pytest
from django.db.models import F
from django.utils import timezone

from nhiemvu.reports import snapshots
from nhiemvu.reports.emulation import emulation_report
from nhiemvu.reports.jobs import store_closed_months
from nhiemvu.reports.models import ClosedMonthsSnapshot
from nhiemvu.reports.periods import Period
from nhiemvu.reports.snapshots import snapshot_moment
from nhiemvu.reports.stored_months import SETTLE, month_end
from nhiemvu.tracking import services
from tests.factories import make_task, moment

pytestmark = pytest.mark.django_db


def months_ago(count: int) -> date:
    """The first day of the month `count` months before this one."""
    first = timezone.localdate().replace(day=1)
    for _ in range(count):
        first = (first - timedelta(days=1)).replace(day=1)
    return first


@pytest.fixture
def tasks(cast):
    """Tasks assigned three months ago, recorded then: on time, overdue, open and not due,
    due yesterday (not due at the snapshot's moment, overdue today), and one of this month."""
    start, today = months_ago(3), timezone.localdate()
    province = cast.province

    def task(unit, due_on, assigned_on=start + timedelta(days=1)):
        return make_task(lead_unit=unit, assigning_unit=province, assigned_on=assigned_on, due_on=due_on)

    on_time = task(cast.agriculture_department, start + timedelta(days=10))
    services.complete(
        on_time, by=None, at=moment(start + timedelta(days=9)), completed_on=start + timedelta(days=9),
        result_document="Báo cáo",
    )  # fmt: skip
    return {
        "on_time": on_time,
        "due_yesterday": task(cast.agriculture_department, today - timedelta(days=1)),
        "overdue": task(cast.forestry, start + timedelta(days=10)),
        "not_due": task(cast.district, today + timedelta(days=30)),  # the district's only task
        "moved": task(cast.justice_department, start + timedelta(days=20)),
        "completed_back": task(cast.district_agriculture, start + timedelta(days=10)),
        "this_month": task(
            cast.finance_department, today + timedelta(days=5), assigned_on=today.replace(day=1)
        ),
    }


def request_now():
    return {"date_from": months_ago(3), "date_to": timezone.localdate(), "as_of": timezone.now()}


def ranking_of(report):
    return [(row.unit, row.done_on_time, row.done_late, row.open_overdue, row.rank) for row in report.ranking]


def test_the_snapshot_and_what_changed_since_give_the_live_figures_seed_001(cast, tasks):
    emulation_report(**request_now())  # keeps the closed months' counts
    kept = ClosedMonthsSnapshot.objects.get()
    assert kept.counted_at == snapshot_moment(timezone.now())
    assert kept.date_from == months_ago(3)
    now = timezone.now()
    today = timezone.localdate(now)
    services.complete(tasks["overdue"], by=None, at=now, completed_on=today, result_document="Báo cáo")
    services.cancel(tasks["not_due"], by=None, at=now, reason="Không còn phù hợp")
    services.reassign(tasks["moved"], by=None, at=now, to_unit=cast.finance_department)
    make_task(  # assigned in a closed month, entered today
        lead_unit=cast.forestry,
        assigning_unit=cast.province,
        assigned_on=months_ago(3) + timedelta(days=2),
        due_on=months_ago(3) + timedelta(days=5),
        at=now,
    )
    # Completed late in the first month, entered today: that month's late completions change.
    services.complete(
        tasks["completed_back"], by=None, at=now, completed_on=months_ago(3) + timedelta(days=15),
        result_document="Báo cáo",
    )  # fmt: skip
    request = request_now()
    stored, live = emulation_report(**request), emulation_report(**request, stored=False)
    assert stored == live
    assert [
        (row.month.date_from, row.completed_late)
        for row in live.months
        if row.unit_id == cast.district_agriculture.pk and row.completed_late
    ] == [(months_ago(3), 1)]
    assert ClosedMonthsSnapshot.objects.get().counted_at == kept.counted_at  # read, not counted again
    by_unit = {row[0]: row[1:4] for row in ranking_of(live)}
    assert by_unit[cast.agriculture_department.name] == (1, 0, 1)  # the task due yesterday is overdue
    assert by_unit[cast.forestry.name] == (0, 1, 1)
    assert by_unit[cast.finance_department.name] == (0, 0, 1)  # the task moved to it
    assert by_unit[cast.district_agriculture.name] == (0, 1, 0)
    assert cast.district.name not in by_unit and cast.justice_department.name not in by_unit


def test_an_event_recorded_by_the_snapshot_and_written_later_forgets_it_seed_001(cast, tasks):
    emulation_report(**request_now())
    assert ClosedMonthsSnapshot.objects.exists()
    two_days_ago = timezone.localdate() - timedelta(days=2)
    services.complete(
        tasks["overdue"],
        by=None,
        at=moment(two_days_ago),
        completed_on=two_days_ago,
        result_document="Báo cáo",
    )
    assert not ClosedMonthsSnapshot.objects.exists()
    request = request_now()
    assert emulation_report(**request) == emulation_report(**request, stored=False)


def test_a_report_of_a_moment_before_the_snapshot_counts_live_and_keeps_it_seed_001(cast, tasks):
    """Two closed months, ranked as of now, then as of a moment after them but before the
    snapshot's."""
    request = {**request_now(), "date_to": months_ago(1) - timedelta(days=1)}
    emulation_report(**request)
    kept = ClosedMonthsSnapshot.objects.get()
    request["as_of"] = moment(months_ago(1) + timedelta(days=2))
    assert emulation_report(**request) == emulation_report(**request, stored=False)
    assert ClosedMonthsSnapshot.objects.get().counted_at == kept.counted_at


def test_a_snapshot_older_than_a_report_of_now_reads_is_counted_again_seed_001(cast, tasks):
    emulation_report(**request_now())
    # Left from days ago, its figures since outdated.
    ClosedMonthsSnapshot.objects.update(
        counted_at=F("counted_at") - timedelta(days=3), counts="[[],[],[],[],[],[]]", late="[]"
    )
    request = request_now()
    assert emulation_report(**request) == emulation_report(**request, stored=False)
    assert ClosedMonthsSnapshot.objects.get().counted_at == snapshot_moment(timezone.now())


def test_the_nightly_job_counts_the_snapshot_of_the_year_to_date_seed_001(cast, tasks):
    """reports.jobs.store_closed_months: the day's reports of the year to date read the
    closed months' snapshot it counted (none in January, when no month of the year is closed)."""
    store_closed_months.call_local()
    today = timezone.localdate()
    first = today.replace(month=1, day=1)
    year = ClosedMonthsSnapshot.objects.filter(date_from=first)
    assert year.exists() == (
        today.month > 1 and month_end(Period.month(today.year, 1)) <= timezone.now() - SETTLE
    )
    counted = list(year.values_list("counted_at", flat=True))
    request = {"date_from": first, "date_to": today, "as_of": timezone.now()}
    assert emulation_report(**request) == emulation_report(**request, stored=False)
    assert list(year.values_list("counted_at", flat=True)) == counted


def test_a_report_of_a_past_moment_reads_a_snapshot_of_its_day_before_or_counts_live_seed_001(cast, tasks):
    """Of a past moment: the first report keeps the snapshot at its moment; one of a moment
    less than a day later reads it with what changed since (here a task come due); one of a
    moment days later counts live, leaving it."""
    day = months_ago(1) + timedelta(days=2)
    make_task(  # open, due on `day`: overdue from the next day on
        lead_unit=cast.forestry,
        assigning_unit=cast.province,
        assigned_on=months_ago(3) + timedelta(days=1),
        due_on=day,
    )
    request = {"date_from": months_ago(3), "date_to": months_ago(1) - timedelta(days=1)}
    moments = {
        moment(day, 9): 0,
        moment(day + timedelta(days=1), 8): 1,
        moment(day + timedelta(days=3), 8): 0,
    }
    for as_of, reads in moments.items():
        with patch.object(snapshots, "_snapshot", wraps=snapshots._snapshot) as read:
            stored = emulation_report(**request, as_of=as_of)
        assert stored == emulation_report(**request, as_of=as_of, stored=False)
        assert read.call_count == reads
        assert ClosedMonthsSnapshot.objects.get().counted_at == moment(day, 9)
