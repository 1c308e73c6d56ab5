"""What the dashboard shows, as plain data: every query starts from what the user may see.

The counts (cards, the per-unit table and its chart) are cached in the process per user's
scope, period and day (web.counts), so that a view finding nothing changed reads no million
rows. Each figure links to the task list (tracking.filters) with the filters that list its
tasks: list_query, scope_filter.
"""

import dataclasses
from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.http import urlencode

from nhiemvu.accounts import permissions
from nhiemvu.dashboard.chart import chart_data, month_counts
from nhiemvu.dashboard.forms import Period
from nhiemvu.dashboard.tables import UnitTable, tree
from nhiemvu.reports.services import timeliness_counts, unit_report
from nhiemvu.tracking.choices import NOT_COUNTED, TIMELINESS_BADGE, Timeliness
from nhiemvu.tracking.list_rows import ListedTask, listed
from nhiemvu.tracking.models import Task
from nhiemvu.web.counts import cached, data_version, scope_key
from nhiemvu.web.services import visible_units

OVERDUE_PAGE = 50
TIMELINESS_ICON = {
    Timeliness.DONE_ON_TIME: "check2-circle",
    Timeliness.DONE_LATE: "check2-square",
    Timeliness.OPEN_NOT_DUE: "hourglass-split",
    Timeliness.OPEN_NO_DEADLINE: "infinity",
    Timeliness.OPEN_OVERDUE: "exclamation-octagon",
}


@dataclass(frozen=True)
class Card:
    key: str
    label: str
    count: int
    badge: str
    icon: str


def timeliness_cards(user, day: date, version: tuple | None = None) -> list[Card]:
    """How the user's tasks stand on `day`, one count per timeliness class, in one query.
    Tasks cancelled or returned to the office count against no unit (as in the reports)."""

    def count():
        tasks = Task.objects.visible_to(user).exclude(lifecycle__in=NOT_COUNTED)
        return tasks.aggregate(**timeliness_counts(day))

    version = version or data_version()
    counts = cached(("cards", scope_key(user), day.isoformat(), version), count)
    return [
        Card(
            choice.value,
            choice.label,
            counts[choice.value],
            TIMELINESS_BADGE[choice],
            TIMELINESS_ICON[choice],
        )
        for choice in Timeliness
    ]


def overdue_tasks(user, day: date):
    """The user's open tasks past their due date on `day`, the longest overdue first."""
    return (
        Task.objects.visible_to(user)
        .overdue(as_of=day)
        .select_related("directive", "lead_unit")
        .order_by("due_in_force", "id")
    )


def first_overdue(user, day: date, version: tuple | None = None) -> list[ListedTask]:
    """The first OVERDUE_PAGE of overdue_tasks, their ids cached as the cards' counts are (a
    province's scope sorts its ~2,400 overdue tasks to find them: 13 ms at 1M), the rows read
    by those ids each time, so that what they show is current: the columns the task list
    shows, as it reads them (not 50 tasks with every column of their directives and units)."""
    version = version or data_version()
    key = ("overdue", scope_key(user), day.isoformat(), version)
    ids = cached(key, lambda: list(overdue_tasks(user, day).values_list("pk", flat=True)[:OVERDUE_PAGE]))
    return listed(ids)


def overdue_list_url(day: date) -> str:
    """The task list of overdue_tasks(…, day), longest overdue first: the same tasks as the
    overdue card's (open, past due, neither cancelled nor returned)."""
    query = {"timeliness": Timeliness.OPEN_OVERDUE, "on": f"{day:%d/%m/%Y}", "sort": "due"}
    return f"{reverse('tracking:task_list')}?{urlencode(query)}"


def unit_table(user, period: Period, version: tuple | None = None) -> UnitTable:
    """Seed 000 appendix 02 over the tasks the user may see, in the rows of the units they follow."""
    version = version or data_version()
    key = ("table", *_period_key(user, period, version))

    def build():
        report = unit_report(
            date_from=period.date_from,
            date_to=period.date_to,
            as_of=period.as_of,
            tasks=Task.objects.visible_to(user),
            lead_units=visible_units(user),
        )
        return tree(report)

    table = cached(key, build)  # shared: copied, not changed
    return dataclasses.replace(table, report=dataclasses.replace(table.report, as_of=period.as_of))


def _period_key(user, period: Period, version: tuple) -> tuple:
    """Whose counts of which period as of which moment: a report as of any moment after the
    last change is the report of now (of that day)."""
    moment = "now" if _unchanged_since(period, version) else period.as_of
    return (
        scope_key(user),
        period.date_from,
        period.date_to,
        timezone.localdate(period.as_of),
        moment,
        version,
    )


def _unchanged_since(period: Period, version: tuple) -> bool:
    last_change = version[0]
    return last_change is None or period.as_of >= last_change


# list_query's first two parameters, which each segment of the chart sets to its month.
_DAYS = ("assigned_from", "assigned_to")


def month_chart(user, period: Period, version: tuple | None = None) -> dict:
    """The chart's data (chart.chart_data) over the tasks the table counts: its bars add up
    to the table's totals. Each segment links to the task list as the totals row does."""
    version = version or data_version()

    def count():
        return month_counts(
            date_from=period.date_from,
            date_to=period.date_to,
            as_of=period.as_of,
            tasks=Task.objects.visible_to(user),
            lead_units=visible_units(user),
            changed_since=not _unchanged_since(period, version),
        )

    months = cached(("months", *_period_key(user, period, version)), count)
    scope = scope_filter(user)
    query = list_query(period)
    reverse_list = reverse("tracking:task_list")

    # What every segment's address shares, encoded once: a year's 60 links encoded whole took
    # 56 µs each, 3.4 ms a view. The same parameters in the same order as before.
    shared = urlencode({key: value for key, value in (query | (scope or {})).items() if key not in _DAYS})

    def link(first: date, last: date, timeliness: str) -> str | None:
        if scope is None:
            return None
        days = urlencode({"assigned_from": f"{first:%d/%m/%Y}", "assigned_to": f"{last:%d/%m/%Y}"})
        return f"{reverse_list}?{days}&{shared}&{urlencode({'timeliness': timeliness})}"

    return chart_data(months, period, link)


def list_query(period: Period) -> dict[str, str]:
    """The task list's filters (tracking.filters) for the tasks assigned in the period, judged
    as the table judges them: on today's data for now, as the system knew them at a past
    moment otherwise. A unit and a timeliness added, the tasks of one figure of the table."""
    query = {"assigned_from": f"{period.date_from:%d/%m/%Y}", "assigned_to": f"{period.date_to:%d/%m/%Y}"}
    if period.live:
        query["on"] = f"{timezone.localdate(period.as_of):%d/%m/%Y}"
    else:
        moment = timezone.localtime(period.as_of)
        whole_minute = not (moment.second or moment.microsecond)
        query["as_of"] = (
            f"{moment:%d/%m/%Y %H:%M}" if whole_minute else moment.replace(tzinfo=None).isoformat()
        )
    return query


def list_url(query: dict[str, str]) -> str:
    """The task list's address with `query`, escaped for HTML and ready for more: "…&amp;"."""
    return escape(f"{reverse('tracking:task_list')}?{urlencode(query)}&")


def scope_filter(user) -> dict[str, str] | None:
    """The task list's unit filter for the tasks of the table's every row together (lead units
    within the units the user follows): none for administrators, the unit with its sub-units
    for a user who follows one subtree; None when no one filter says it (several subtrees)."""
    if permissions.is_admin(user):
        return {}
    units = {a.unit for a in permissions.role_assignments(user) if a.unit is not None}
    tops = [unit for unit in units if not any(unit.path.startswith(other.path) for other in units - {unit})]
    return {"unit": str(tops[0].pk), "subunits": "1"} if len(tops) == 1 else None
