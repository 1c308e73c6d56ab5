"""The dashboard's chart: tasks assigned per month of the period, by timeliness as of the
period's moment (stacked bars), each segment a link to the task list of its tasks."""

import calendar
from datetime import date, datetime

from django.db.models.functions import TruncMonth

from nhiemvu.dashboard.forms import Period
from nhiemvu.reports.services import COUNT_COLUMNS, counts_by
from nhiemvu.tracking.choices import TIMELINESS_BADGE, Timeliness

MONTHS_SHOWN = 36


def month_counts(
    *, date_from: date, date_to: date, as_of: datetime, tasks, lead_units, changed_since: bool
) -> list[tuple[date, tuple[int, ...]]]:
    """Per month of assignment within [date_from, date_to], the counts of COUNT_COLUMNS as the
    system knew them at `as_of`: the per-unit table's rule (reports.counts_by), grouped by
    month instead of lead unit, so that the bars add up to the table's totals."""
    sums = counts_by(
        TruncMonth,
        date_from=date_from,
        date_to=date_to,
        as_of=as_of,
        tasks=tasks,
        lead_units=lead_units,
        changed_since=changed_since,
    )
    # A month comes back as a date, a timestamp or text, by database.
    return sorted((date.fromisoformat(str(month)[:10]), values) for month, values in sums.items())


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
