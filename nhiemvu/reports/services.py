"""Reports: plain functions of (scope, period, as-of moment) returning plain data, which a
table, JSON, CSV, .xlsx or .docx writer can each render."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db.models import Count, F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from nhiemvu.db import fetch_rows
from nhiemvu.tracking.choices import NOT_COUNTED
from nhiemvu.tracking.models import Task, TaskEvent
from nhiemvu.units.models import Unit

COUNT_COLUMNS = ("done_on_time", "done_late", "open_not_due", "open_no_deadline", "open_overdue")


@dataclass
class Counts:
    total: int = 0
    done_on_time: int = 0
    done_late: int = 0
    open_not_due: int = 0
    open_no_deadline: int = 0
    open_overdue: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"total": self.total, **{column: getattr(self, column) for column in COUNT_COLUMNS}}


@dataclass
class UnitRow(Counts):
    unit_id: int = 0
    unit: str = ""


@dataclass
class UnitReport:
    date_from: date
    date_to: date
    as_of: datetime
    rows: list[UnitRow] = field(default_factory=list)
    totals: Counts = field(default_factory=Counts)


def timeliness_conditions(day: date) -> dict[str, Q]:
    """Each timeliness class on `day` as a condition, as tracking.status.timeliness defines
    them: what the report counts and what the task list filters by, so they always agree.

    Works on Task rows and on TaskEvent snapshots alike: both carry lead_unit,
    due_in_force, completed_on and lifecycle.
    """
    done = Q(completed_on__isnull=False)
    open_ = Q(completed_on__isnull=True)
    return {
        "done_on_time": done & (Q(due_in_force__isnull=True) | Q(completed_on__lte=F("due_in_force"))),
        "done_late": done & Q(completed_on__gt=F("due_in_force")),
        "open_not_due": open_ & Q(due_in_force__gte=day),
        "open_no_deadline": open_ & Q(due_in_force__isnull=True),
        "open_overdue": open_ & Q(due_in_force__lt=day),
    }


# Any of the five classes: the per-unit report's "total" column (the task list's `counted`).
COUNTED = "counted"

# The unions of classes a report prints as one figure: seed 002's completed, not completed and
# within the deadline (appendix 02's "Trong hạn"), and the tasks come due of the Government
# Office's rate (reports.percent.rate_over_due).
TIMELINESS_GROUPS = {
    "done": ("done_on_time", "done_late"),
    "open": ("open_not_due", "open_no_deadline", "open_overdue"),
    "open_within_deadline": ("open_not_due", "open_no_deadline"),
    "come_due": ("done_on_time", "done_late", "open_overdue"),
}


def timeliness_condition(name: str, day: date) -> Q:
    """One class of timeliness_conditions, or the union of a group of TIMELINESS_GROUPS."""
    conditions = timeliness_conditions(day)
    if name in conditions:
        return conditions[name]
    condition = Q()
    for member in TIMELINESS_GROUPS[name]:
        condition |= conditions[member]
    return condition


def timeliness_counts(day: date) -> dict:
    """Count each timeliness class in one pass (timeliness_conditions). Counting lead_unit
    (never null) rather than the id keeps the query inside the covering indexes."""
    return {
        name: Count("lead_unit", filter=condition) for name, condition in timeliness_conditions(day).items()
    }


def known_at(tasks, state: Q, *, as_of: datetime | None):
    """The tasks of `tasks` whose state matched `state` as the system knew it at `as_of`
    (now when None): what unit_report counts, as a filter for the task list.

    `state` may name only the columns Task rows and TaskEvent snapshots share (lead_unit,
    due_in_force, completed_on, lifecycle). As in unit_report, a task unchanged since the
    moment is judged on its row, one changed since on the event in force at the moment.
    """
    return tasks.filter(known_condition(state, as_of=as_of))


def known_condition(state: Q, *, as_of: datetime | None) -> Q:
    """known_at's condition on Task rows, to be combined with others."""
    if as_of is None:
        return state
    in_force = TaskEvent.objects.filter(state, recorded_at__lte=as_of, superseded_at__gt=as_of)
    return (Q(state_recorded_at__lte=as_of) & state) | Q(
        state_recorded_at__gt=as_of, assignment_recorded_at__lte=as_of, pk__in=in_force.values("task")
    )


def snapshots_at(tasks, *, as_of: datetime) -> dict[int, TaskEvent]:
    """For those of `tasks` changed since `as_of`, the event in force then (its snapshot is
    the task's state at that moment), by task id; the others' rows are their state then."""
    in_force = TaskEvent.objects.filter(
        task__in=tasks.filter(state_recorded_at__gt=as_of).values("pk"),
        recorded_at__lte=as_of,
        superseded_at__gt=as_of,
    ).select_related("lead_unit")
    return {event.task_id: event for event in in_force}


def changed_after(as_of: datetime) -> bool:
    """Whether some task changed after `as_of`: a report of now (or of any moment after the
    last change) reads task rows alone (one probe of task_changed_since)."""
    last_change = Task.objects.aggregate(last=Max("state_recorded_at"))["last"]
    return last_change is not None and last_change > as_of


def validate_as_of(as_of: datetime, *, now: datetime) -> None:
    """A report shows what the system knew at a moment (domain.md): the future is not known yet."""
    if as_of > now:
        raise ValidationError(_("Thời điểm lấy số liệu không được sau thời điểm hiện tại."), code="future")


def counts_by(
    group,
    *,
    date_from: date,
    date_to: date,
    as_of: datetime,
    tasks=None,
    lead_units=None,
    changed_since=None,
    columns: tuple[str, ...] = COUNT_COLUMNS,
) -> dict:
    """The COUNT_COLUMNS of the tasks assigned within [date_from, date_to], as the system knew
    them at `as_of`, per value of `group(assignment date field)` (the lead unit for the per-unit
    table, the month of assignment for the dashboard's chart): one statement, one rule.
    `columns`: those of COUNT_COLUMNS wanted, in that order (the emulation's ranking counts
    three: each class is a filter on every task of the period).

    `changed_since`: whether some task changed after `as_of` (read from the task table when
    not given); only then do the events in force at that moment hold part of the states."""
    every = timeliness_counts(timezone.localdate(as_of))
    counts = {column: every[column] for column in columns}
    period = Q(assigned_on__gte=date_from, assigned_on__lte=date_to)
    tasks = Task.objects.all() if tasks is None else tasks
    if changed_since is None:
        changed_since = changed_after(as_of)

    # Tasks unchanged since the moment: their row is their state then.
    unchanged = tasks.filter(period).exclude(lifecycle__in=NOT_COUNTED)
    parts = [(unchanged.filter(state_recorded_at__lte=as_of) if changed_since else unchanged, "assigned_on")]
    if changed_since:
        # Tasks changed since: the event in force at the moment holds their state then.
        in_force = TaskEvent.objects.filter(
            task__in=tasks.filter(period, state_recorded_at__gt=as_of, assignment_recorded_at__lte=as_of),
            recorded_at__lte=as_of,
            superseded_at__gt=as_of,
        ).exclude(lifecycle__in=NOT_COUNTED)
        parts.append((in_force, "task__assigned_on"))

    first, *others = [
        (queryset if lead_units is None else queryset.filter(lead_unit__in=lead_units))
        .annotate(grouped=group(assigned))
        .values("grouped")
        .annotate(**counts)
        .order_by()
        .values_list("grouped", *columns)
        for queryset, assigned in parts
    ]
    sums: dict = {}
    for key, *values in fetch_rows(first.union(*others, all=True) if others else first):
        if key in sums:
            values = [a + b for a, b in zip(sums[key], values, strict=True)]
        sums[key] = tuple(values)
    return sums


def unit_report(
    *, date_from: date, date_to: date, as_of: datetime, tasks=None, lead_units=None
) -> UnitReport:
    """Seed 000 appendix 02: per lead unit, the tasks assigned within [date_from, date_to],
    classified as the system knew them at `as_of` (domain.md, "Two times on every event").

    Tasks cancelled or returned to the office (awaiting reassignment) at that moment are
    not counted against any unit. `tasks` limits the tasks counted (what a user may see,
    the tasks one unit assigned); `lead_units` limits the rows. Units carry the names they
    had at the end of the period (or at the moment, if earlier) and come in tree order.
    """
    day = timezone.localdate(as_of)
    sums = counts_by(
        lambda assigned: F("lead_unit_id"),
        date_from=date_from,
        date_to=date_to,
        as_of=as_of,
        tasks=tasks,
        lead_units=lead_units,
    )
    rows, totals = unit_rows(sums, Unit.objects.labels_in_tree_order(sums, min(date_to, day)))
    return UnitReport(date_from=date_from, date_to=date_to, as_of=as_of, rows=rows, totals=totals)


def unit_rows(sums: dict, labels) -> tuple[list[UnitRow], Counts]:
    """A row per (unit id, name) of `labels` with its COUNT_COLUMNS from `sums`, and the
    totals of all `sums`. Positional arguments and the five columns added in place: over a
    national table's 5,000 rows this halves the rows' Python time (bench/README.md)."""
    rows = []
    append = rows.append
    for unit_id, name in labels:
        on_time, late, not_due, no_deadline, overdue = sums[unit_id]
        total = on_time + late + not_due + no_deadline + overdue
        append(UnitRow(total, on_time, late, not_due, no_deadline, overdue, unit_id, name))
    columns = (
        [sum(column) for column in zip(*sums.values(), strict=True)] if sums else [0] * len(COUNT_COLUMNS)
    )
    return rows, Counts(sum(columns), *columns)
