"""The dashboard's chart: tasks assigned per month of the period, by timeliness as of the
period's moment (stacked bars), each segment a link to the task list of its tasks."""

import calendar
from datetime import date, datetime

from django.db.models import Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from nhiemvu.dashboard.forms import Period
from nhiemvu.db import fetch_rows
from nhiemvu.reports.services import COUNT_COLUMNS, timeliness_counts
from nhiemvu.tracking.choices import NOT_COUNTED, TIMELINESS_BADGE, Timeliness
from nhiemvu.tracking.models import TaskEvent

MONTHS_SHOWN = 36


def month_counts(
    *, date_from: date, date_to: date, as_of: datetime, tasks, lead_units, changed_since: bool
) -> list[tuple[date, tuple[int, ...]]]:
    """Per month of assignment within [date_from, date_to], the counts of COUNT_COLUMNS as the
    system knew them at `as_of`: reports.unit_report's rule (its rows and totals count the
    same tasks), grouped by month instead of lead unit, in one statement. `changed_since`:
    some task changed after `as_of`, so that the events in force then hold their state."""
    counts = timeliness_counts(timezone.localdate(as_of))
    period = Q(assigned_on__gte=date_from, assigned_on__lte=date_to)
    unchanged = tasks.filter(period).exclude(lifecycle__in=NOT_COUNTED)
    parts = [(unchanged.filter(state_recorded_at__lte=as_of) if changed_since else unchanged, "assigned_on")]
    if changed_since:
        snapshots = TaskEvent.objects.filter(
            task__in=tasks.filter(period, state_recorded_at__gt=as_of, assignment_recorded_at__lte=as_of),
            recorded_at__lte=as_of,
            superseded_at__gt=as_of,
        ).exclude(lifecycle__in=NOT_COUNTED)
        parts.append((snapshots, "task__assigned_on"))
    first, *others = [
        (queryset if lead_units is None else queryset.filter(lead_unit__in=lead_units))
        .annotate(month=TruncMonth(assigned))
        .values("month")
        .annotate(**counts)
        .order_by()
        .values_list("month", *COUNT_COLUMNS)
        for queryset, assigned in parts
    ]
    sums: dict[date, tuple[int, ...]] = {}
    for month, *values in fetch_rows(first.union(*others, all=True) if others else first):
        month = date.fromisoformat(str(month)[:10])  # a date, a timestamp or text, by database
        before = sums.get(month, (0,) * len(values))
        sums[month] = tuple(a + b for a, b in zip(before, values, strict=True))
    return sorted(sums.items())


def chart_data(months: list[tuple[date, tuple[int, ...]]], period: Period, link) -> dict:
    """What the page's script draws (json_script): every month of the period, one stacked
    dataset per timeliness class with its Bootstrap colour, and per bar segment the task
    list's address (`link(date_from, date_to, timeliness)`, None when no filter lists them)."""
    counts = dict(months)
    spans = _months(period.date_from, period.date_to)
    if len(spans) > MONTHS_SHOWN:  # a period of years: its months without tasks left out
        spans = [(start, end) for start, end in spans if start.replace(day=1) in counts]
    empty = (0,) * len(COUNT_COLUMNS)
    return {
        "labels": [f"{start:%m/%Y}" for start, _ in spans],
        "datasets": [
            {
                "key": choice.value,
                "label": str(choice.label),
                "colour": TIMELINESS_BADGE[choice],
                "data": [counts.get(start.replace(day=1), empty)[column] for start, _ in spans],
                "links": [link(start, end, choice.value) for start, end in spans],
            }
            for column, choice in ((COUNT_COLUMNS.index(choice.value), choice) for choice in Timeliness)
        ],
    }


def _months(first: date, last: date) -> list[tuple[date, date]]:
    """The months from `first` to `last`, each as its part within them (first day, last day)."""
    spans = []
    start = first
    while start <= last:
        end = start.replace(day=calendar.monthrange(start.year, start.month)[1])
        spans.append((start, min(end, last)))
        start = end.replace(day=1).replace(month=end.month % 12 + 1, year=end.year + end.month // 12)
    return spans
