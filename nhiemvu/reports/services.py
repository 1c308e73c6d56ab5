"""Reports: plain functions of (scope, period, as-of moment) returning plain data, which a
table, JSON, CSV, .xlsx or .docx writer can each render."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone

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

    def add(self, values: dict) -> None:
        for column in COUNT_COLUMNS:
            setattr(self, column, getattr(self, column) + values[column])
        self.total = sum(getattr(self, column) for column in COUNT_COLUMNS)

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


def timeliness_counts(day: date) -> dict:
    """Count each timeliness class in one pass, as tracking.status.timeliness defines them.

    Works on Task rows and on TaskEvent snapshots alike: both carry lead_unit,
    due_in_force, completed_on and lifecycle.
    """
    done = Q(completed_on__isnull=False)
    open_ = Q(completed_on__isnull=True)
    return {
        "done_on_time": Count("pk", filter=done & (Q(due_in_force__isnull=True) | Q(completed_on__lte=F("due_in_force")))),
        "done_late": Count("pk", filter=done & Q(completed_on__gt=F("due_in_force"))),
        "open_not_due": Count("pk", filter=open_ & Q(due_in_force__gte=day)),
        "open_no_deadline": Count("pk", filter=open_ & Q(due_in_force__isnull=True)),
        "open_overdue": Count("pk", filter=open_ & Q(due_in_force__lt=day)),
    }


def unit_report(*, date_from: date, date_to: date, as_of: datetime, tasks=None, lead_units=None) -> UnitReport:
    """Seed 000 appendix 02: per lead unit, the tasks assigned within [date_from, date_to],
    classified as the system knew them at `as_of` (domain.md, "Two times on every event").

    Tasks cancelled or returned to the office (awaiting reassignment) at that moment are
    not counted against any unit. `tasks` limits the tasks counted (what a user may see,
    the tasks one unit assigned); `lead_units` limits the rows. Units carry the names they
    had at the end of the period (or at the moment, if earlier) and come in tree order.
    """
    day = timezone.localdate(as_of)
    counts = timeliness_counts(day)
    period = Q(assigned_on__gte=date_from, assigned_on__lte=date_to)
    tasks = Task.objects.all() if tasks is None else tasks

    # Tasks unchanged since the moment: their row is their state then.
    unchanged = tasks.filter(period, state_recorded_at__lte=as_of).exclude(lifecycle__in=NOT_COUNTED)
    # Tasks changed since: their last event recorded by then holds their state then.
    later_event = TaskEvent.objects.filter(task=OuterRef("task"), recorded_at__lte=as_of).filter(
        Q(recorded_at__gt=OuterRef("recorded_at")) | Q(recorded_at=OuterRef("recorded_at"), id__gt=OuterRef("id"))
    )
    changed = (
        TaskEvent.objects.filter(recorded_at__lte=as_of)
        .filter(task__in=tasks.filter(period, state_recorded_at__gt=as_of, assignment_recorded_at__lte=as_of))
        .filter(~Exists(later_event))
        .exclude(lifecycle__in=NOT_COUNTED)
    )
    if lead_units is not None:
        unchanged = unchanged.filter(lead_unit__in=lead_units)
        changed = changed.filter(lead_unit__in=lead_units)

    by_unit: dict[int, Counts] = {}
    for queryset in (unchanged, changed):
        for values in queryset.values("lead_unit_id").annotate(**counts).order_by():
            by_unit.setdefault(values["lead_unit_id"], Counts()).add(values)

    report = UnitReport(date_from=date_from, date_to=date_to, as_of=as_of)
    name_day = min(date_to, day)
    for unit in _in_tree_order(Unit.objects.filter(pk__in=by_unit).prefetch_related("former_names")):
        row = UnitRow(unit_id=unit.pk, unit=unit.name_on(name_day), **by_unit[unit.pk].as_dict())
        report.rows.append(row)
        report.totals.add(row.as_dict())
    return report


def _in_tree_order(units) -> list[Unit]:
    """Each unit after its parent, siblings by (sort_order, name), as in appendix 02."""
    units = list(units)
    ancestor_ids = {ancestor for unit in units for ancestor in unit.ancestor_ids()}
    keys = {pk: (order, name) for pk, order, name in Unit.objects.filter(pk__in=ancestor_ids).values_list("pk", "sort_order", "name")}
    return sorted(units, key=lambda unit: [keys[ancestor] for ancestor in unit.ancestor_ids()])
