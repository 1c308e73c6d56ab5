"""Emulation figures (seed 001 §2): each month the inspection team passes the units' delays to
the Department of Home Affairs (Sở Nội vụ), which scores them in the yearly emulation.

Per unit and month, three delays, each as the system knew it at the report's `as_of`:
- overdue: open tasks past their due date at the end of the month, as the system knew them
  then (the month's own check; the current month is taken at `as_of`);
- completed late: completions that took effect in the month after the due date in force;
- results recorded late: completions recorded in the month more than 2 working days after
  the due date (seed 001, quoting art. 6.3.b of Decision 270/QĐ-UBND).
A task can be in several columns (completed late, and recorded late too): each column
counts one kind of delay.

And a ranking of the period by on-time rate (`ranking`), its rule stated in the document
(reports.emulation_document).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import partial
from itertools import repeat
from operator import itemgetter
from typing import NamedTuple

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import F, Q
from django.utils import timezone

from nhiemvu.reports.delays import by_column, completed_late_by_month, late_result_records
from nhiemvu.reports.percent import RATE_DECIMALS, truncated_places
from nhiemvu.reports.periods import Period
from nhiemvu.reports.services import counts_by
from nhiemvu.reports.snapshots import late_by_month, ranking_counts, snapshot
from nhiemvu.reports.stored_months import figures as stored_figures
from nhiemvu.reports.stored_months import month_end, storable
from nhiemvu.tracking.choices import ACTIVE_OPEN
from nhiemvu.tracking.models import Task, TaskEvent
from nhiemvu.units.models import Unit
from nhiemvu.workdays.services import load_calendar


def months_of(date_from: date, date_to: date) -> list[Period]:
    """The months that [date_from, date_to] touches, as the deployment counts them
    (settings.REPORT_PERIOD_CUTOFF: calendar months, or Decree 09/2019 art. 12.1's 15th to 14th)."""
    months, (year, month) = [], (date_from.year, date_from.month)
    # Under Decree 09 the 15th to the end of a month belong to the next month's period.
    while (year, month) <= (date_to.year, date_to.month + 1):
        period = Period.month(year, month)
        if period.date_to >= date_from and period.date_from <= date_to:
            months.append(period)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


# What the ranking counts of the tasks assigned in the period: those come due (reports.percent).
RANKING_COLUMNS = ("done_on_time", "done_late", "open_overdue")


class UnitMonth(NamedTuple):
    """One unit's delays in one month (seed 001 §2). A named tuple: a national year is ~55,000
    of them, made by tuple.__new__ (unit_months)."""

    unit_id: int
    unit: str
    month: Period
    overdue: int = 0
    completed_late: int = 0
    recorded_late: int = 0


class UnitMonths(Sequence):
    """EmulationReport.months: its UnitMonth rows, by month, then units in tree order, held as
    columns per month (the units' ids and names, and each figure by unit id) and made into
    rows as they are read, with the interpreter's own loops (map, zip): a national year is
    ~55,000 rows, which the report builds no object for and its writers read once."""

    __slots__ = ("_columns", "_length")

    def __init__(self, columns=()):
        self._columns = list(columns)  # (month, ids, names, overdue, completed late, recorded late)
        self._length = sum(len(ids) for _month, ids, *_rest in self._columns)

    def __iter__(self):
        make = partial(tuple.__new__, UnitMonth)
        for month, ids, names, *by_unit in self._columns:
            counts = (map(column.get, ids, repeat(0)) for column in by_unit)
            yield from map(make, zip(ids, names, repeat(month), *counts))

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index):
        if isinstance(index, slice):
            return list(self)[index]
        position = index + self._length if index < 0 else index
        for month, ids, names, *by_unit in self._columns:
            if 0 <= position < len(ids):
                pk = ids[position]
                return UnitMonth(pk, names[position], month, *(column.get(pk, 0) for column in by_unit))
            position -= len(ids)
        raise IndexError(index)

    def __eq__(self, other) -> bool:
        if not isinstance(other, UnitMonths | list | tuple):
            return NotImplemented
        return len(self) == len(other) and list(self) == list(other)

    __hash__ = None

    def __repr__(self) -> str:
        return f"UnitMonths({list(self)!r})"


@dataclass(slots=True)
class RankRow:
    unit_id: int
    unit: str
    done_on_time: int
    done_late: int
    open_overdue: int
    rate: Decimal | None  # on-time rate in percent, truncated to 2 places; None: nothing came due
    rank: int | None = None

    @property
    def come_due(self) -> int:
        return self.done_on_time + self.done_late + self.open_overdue


@dataclass
class EmulationReport:
    date_from: date
    date_to: date
    as_of: datetime
    months: UnitMonths = field(default_factory=UnitMonths)  # by month, then units in tree order
    ranking: list[RankRow] = field(default_factory=list)
    # The task-list filters holding what the report covers (reports.links.list_scope), for the
    # links of its figures on screen; None: no links.
    links_to: dict | None = None


def emulation_report(
    *,
    date_from: date,
    date_to: date,
    as_of: datetime,
    tasks=None,
    lead_units=None,
    calendar=None,
    stored: bool = True,
) -> EmulationReport:
    """Seed 001 §2 for the months of [date_from, date_to] (those begun by `as_of`), and the
    ranking of the tasks assigned in the period by on-time rate. `tasks` and `lead_units`
    limit the scope as in unit_report; `calendar`: as
    reports.delays.late_result_records needs it (loaded when not given). The overdue and
    recorded-late figures of the months closed by `as_of` are those stored
    (reports.stored_months), their late completions and the ranking's counts of their tasks
    those of their snapshot with what changed since (reports.snapshots), unless `tasks`
    limits the scope (they are kept per unit) or `stored` is False (the tests' comparison:
    everything counted live)."""
    day = timezone.localdate(as_of)
    months = [m for m in months_of(date_from, date_to) if m.date_from <= day]
    if not months:  # the period has not begun at the moment: nothing is known of it
        return EmulationReport(date_from=date_from, date_to=date_to, as_of=as_of)
    scope = {"tasks": tasks, "lead_units": lead_units}
    if calendar is None:
        # Due dates late in a December have their deadlines in the next January.
        calendar = load_calendar(date_from.year - 1, min(date_to, day).year + 1)
    count = partial(
        month_figures,
        months,
        date_from=date_from,
        date_to=date_to,
        as_of=as_of,
        tasks=tasks,
        calendar=calendar,
    )
    closed = (
        storable(months, date_from=date_from, date_to=date_to, as_of=as_of)
        if stored and tasks is None
        else []
    )
    live = [month for month in months if month not in closed]
    by_month = stored_figures(closed, live=live, calendar=calendar, lead_units=lead_units, count=count)
    live = [month for month in months if month not in by_month]  # unless counted while storing
    by_month.update(zip(live, zip(*count(live, lead_units), strict=True), strict=True))
    overdue, recorded_late = ([by_month[month][column] for month in months] for column in (0, 1))
    # The late completions and the ranking's counts (unit_report's statement), named in the
    # same walk of the tree; those of the closed months from their snapshot (reports.snapshots).
    kept = snapshot(closed, as_of=as_of) if closed else None
    if kept is None:
        completed_late = completed_late_by_month(
            months, first=date_from, last=min(date_to, day), as_of=as_of, **scope
        )
        counts = counts_by(
            lambda assigned: F("lead_unit_id"),
            date_from=date_from,
            date_to=date_to,
            as_of=as_of,
            columns=RANKING_COLUMNS,
            **scope,
        )
    else:
        last = min(date_to, day)
        completed_late = late_by_month(
            months, closed, kept, date_from=date_from, last=last, as_of=as_of, lead_units=lead_units
        )
        counts = ranking_counts(
            closed, kept, date_from=date_from, date_to=date_to, as_of=as_of, lead_units=lead_units
        )
    shown = set(counts).union(*overdue, *completed_late, *recorded_late)
    order = Unit.objects.labels_in_tree_order(shown, min(date_to, day))
    return EmulationReport(
        date_from=date_from,
        date_to=date_to,
        as_of=as_of,
        months=unit_months(months, order, overdue, completed_late, recorded_late),
        ranking=ranking(counts, order),
    )


def month_figures(
    report_months, months, lead_units, *, date_from, date_to, as_of, tasks, calendar
) -> tuple[list[dict[int, int]], list[dict[int, int]]]:
    """The overdue and recorded-late figures of `months`, some of `report_months` in their
    order, per month a dict by unit id: the overdue tasks at each month's end (or at `as_of`,
    for the month under way), each month's own check, as known then; the results recorded late
    on the days of the months within [date_from, date_to] and by `as_of`."""
    if not months:
        return [], []
    ends = [min(as_of, month_end(month)) for month in months]
    overdue = overdue_by_unit(moments=ends, tasks=tasks, lead_units=lead_units)
    # One statement over the days from the first month to the last, a bucket per month
    # between them (the ones not asked for are dropped).
    span = [
        month for month in report_months if months[0].date_from <= month.date_from <= months[-1].date_from
    ]
    recorded_late = late_result_records(
        recorded_from=max(date_from, months[0].date_from),
        recorded_to=min(date_to, months[-1].date_to),
        as_of=as_of,
        calendar=calendar,
        buckets=[month.date_from for month in span],
        tasks=tasks,
        lead_units=lead_units,
    )
    by_start = dict(zip((month.date_from for month in span), recorded_late, strict=True))
    return overdue, [by_start[month.date_from] for month in months]


def unit_months(months, order, *figures: list[dict[int, int]]) -> UnitMonths:
    """The UnitMonth rows of each month, its units in `order` ((id, name) in tree order),
    those with a delay only; `figures`: the overdue, completed late and recorded late counts,
    per month a dict by unit id."""
    ids, names = [pk for pk, _name in order], [name for _pk, name in order]
    columns = []
    for month, *by_unit in zip(months, *figures, strict=True):
        present = set().union(*by_unit)
        if present.issuperset(ids):  # every unit of the report has a delay in the month
            columns.append((month, ids, names, *by_unit))
        else:
            listed = [unit for unit in order if unit[0] in present]
            columns.append((month, [pk for pk, _ in listed], [name for _, name in listed], *by_unit))
    return UnitMonths(columns)


def overdue_by_unit(*, moments: list[datetime], tasks=None, lead_units=None) -> list[dict[int, int]]:
    """For each of `moments`, per lead unit, the tasks open and past their due date as the
    system knew them then, whenever assigned: unit_report's "open_overdue" over all time.

    One statement for all the moments, a column per moment, summing two parts: the task rows
    unchanged since the moment (open now, so read through task_open_by_due_unit), and the
    events in force at the moment of the tasks changed since. An event counts at a moment
    only if it was superseded after it, so the events are read in slices of
    event_superseded: those superseded between two consecutive moments (or after the last),
    recorded by the earlier one and due before its day, every condition read in the index.
    Each slice holds only events that count at one moment at least (2026 to date at 1M:
    ~43,000 of the ~175,000 events superseded in the year, the rest never summed)."""
    if not moments:
        return []
    days = [timezone.localdate(moment) for moment in moments]
    open_ = Q(lifecycle__in=ACTIVE_OPEN, completed_on__isnull=True)
    rows = (Task.objects.all() if tasks is None else tasks).filter(
        open_, due_in_force__lt=max(days), state_recorded_at__lte=max(moments)
    )
    ordered = sorted(set(zip(moments, days, strict=True)))
    slices = []
    for (moment, day), later in zip(ordered, [*ordered[1:], None], strict=True):
        events = TaskEvent.objects.filter(
            open_, superseded_at__gt=moment, recorded_at__lte=moment, due_in_force__lt=day
        )
        if later is not None:
            events = events.filter(superseded_at__lte=later[0])
        if tasks is not None:
            events = events.filter(task__in=tasks.values("pk"))
        slices.append(events)
    if lead_units is not None:
        rows = rows.filter(lead_unit__in=lead_units)
        slices = [events.filter(lead_unit__in=lead_units) for events in slices]
    connection = connections[rows.db]
    ops = connection.ops
    at = [ops.adapt_datetimefield_value(moment) for moment in moments]
    on = [ops.adapt_datefield_value(day) for day in days]
    parts = [
        (
            [rows.order_by().values_list("lead_unit_id", "state_recorded_at", "due_in_force")],
            "state_recorded_at <= %s",
            lambda index: [at[index], on[index]],
        ),
        (
            [
                events.order_by().values_list("lead_unit_id", "recorded_at", "superseded_at", "due_in_force")
                for events in slices
            ],
            "recorded_at <= %s AND superseded_at > %s",
            lambda index: [at[index], at[index], on[index]],
        ),
    ]
    statements, params = [], []
    for querysets, known, values in parts:
        selects, select_params = [], []
        for queryset in querysets:
            try:
                sql, query_params = queryset.query.sql_with_params()
            except EmptyResultSet:  # a filter nothing can match, such as an empty list of units
                continue
            selects.append(sql)
            select_params += query_params
        if not selects:
            continue
        # Only the ORM's own SQL, the conditions above and the columns' names are spliced in:
        # every value is a parameter.
        count = (  # FILTER where the database has it: ~8 % less than CASE over 109,000 tasks
            "COUNT(*) FILTER (WHERE {} AND due_in_force < %s)"
            if connection.features.supports_aggregate_filter_clause
            else "COUNT(CASE WHEN {} AND due_in_force < %s THEN 1 END)"
        )
        columns = ", ".join(f"{count.format(known)} AS m{index}" for index in range(len(moments)))
        statements.append(
            f"SELECT lead_unit_id, {columns} FROM ({' UNION ALL '.join(selects)}) part GROUP BY lead_unit_id"  # noqa: S608
        )
        params += [value for index in range(len(moments)) for value in values(index)] + select_params
    if not statements:
        return [{} for _moment in moments]
    sums = ", ".join(f"CAST(SUM(m{index}) AS INTEGER)" for index in range(len(moments)))
    sql = f"SELECT lead_unit_id, {sums} FROM ({' UNION ALL '.join(statements)}) parts GROUP BY lead_unit_id"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return by_column(cursor.fetchall(), len(moments))


def ranking(counts: dict[int, tuple], order: list[tuple[int, str]]) -> list[RankRow]:
    """ranking_rule(): units by on-time rate of the tasks assigned in the period that have come
    due, the rate as printed (truncated to 2 places) deciding; equal rates share a rank (1, 2,
    2, 4), the unit with more tasks come due listed first; units with nothing come due last,
    unranked. `counts`: reports.services.counts_by's RANKING_COLUMNS per lead unit; `order`:
    (id, name) in tree order, holding them all. The rates are sorted as ints of their last
    place (truncated_places), each made a Decimal once: a national ranking is 5,000 rows."""
    rated, unrated = [], []
    for pk, name in order:
        if pk in counts:
            on_time, late, overdue = counts[pk]
            come_due = on_time + late + overdue
            if come_due:
                rated.append(
                    (truncated_places(on_time, come_due), come_due, pk, name, on_time, late, overdue)
                )
            else:
                unrated.append(RankRow(pk, name, on_time, late, overdue, None))
    # Descending, stable: equal rates and counts keep the tree's order.
    rated.sort(key=itemgetter(0, 1), reverse=True)
    rows, rank, previous = [], 0, None
    for position, (places, _come_due, pk, name, on_time, late, overdue) in enumerate(rated, start=1):
        if places != previous:
            rank, previous = position, places
        rows.append(RankRow(pk, name, on_time, late, overdue, Decimal(places).scaleb(-RATE_DECIMALS), rank))
    return rows + unrated
