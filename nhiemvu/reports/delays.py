"""Delays the seeds count, read from the task events: results recorded more than 2 working
days after the due date (seed 001), completions recorded after a report's moment (seed 002
"đã hoàn thành nhưng không theo dõi cập nhật"), and what the latter change when a report is
corrected by effective dates. Shared by the narrative report and the emulation figures.
"""

from bisect import bisect_right
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from operator import itemgetter
from typing import NamedTuple

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Count, F, Q
from django.utils import timezone

from nhiemvu.dates import start_of_day
from nhiemvu.db import fetch_rows
from nhiemvu.tracking.choices import ACTIVE_OPEN, EventKind
from nhiemvu.tracking.models import Task, TaskEvent
from nhiemvu.tracking.status import timeliness
from nhiemvu.workdays.deadlines import latest_due_with_result_late
from nhiemvu.workdays.services import load_calendar


class UnitCount(NamedTuple):
    """A unit and how many times a list counts it. A named tuple, as StateThen: a national
    report makes thousands, and a frozen dataclass sets each field through object.__setattr__."""

    unit_id: int
    unit: str
    count: int


def late_result_records(
    *,
    recorded_from: date,
    recorded_to: date,
    as_of: datetime,
    buckets: list[date],
    tasks=None,
    lead_units=None,
    calendar=None,
) -> list[dict[int, int]]:
    """The completions recorded on the days [recorded_from, recorded_to] (and by `as_of`) more
    than 2 working days after the due date in force when they were recorded (seed 001, quoting
    art. 6.3.b of Decision 270/QĐ-UBND: "chậm nhất sau thời hạn 02 ngày làm việc"), whatever
    month the task was assigned in, counted per lead unit that recorded it in each of
    `buckets` (first days in order, the first not after `recorded_from`: a report's months, or
    its period alone): a dict (unit id → count, units with a count only) per bucket, the
    days from its first day to the next bucket's. Each record counts: a task reopened and
    completed late again was recorded late twice. A task without a due date has no such
    limit. `calendar` (loaded when not given) covers the year before `recorded_from` to the
    year after the last day.

    In SQL: a completion recorded on day r is late when its due date is on or before
    latest_due_with_result_late(r). The days go to the database as a small table of
    (bucket, start, end, latest late due date), consecutive days with the same bucket and
    date making one row; joined to the completions (index event_completed_recorded) by the
    recorded moment, each completion is judged by comparing two dates and two moments, and
    the database returns a row per unit with a count per bucket (a national year: 5,000 rows,
    not the ~36,000 of one per unit and month, nor every completion)."""
    query = _late_records_query(
        recorded_from=recorded_from,
        recorded_to=recorded_to,
        as_of=as_of,
        tasks=tasks,
        lead_units=lead_units,
        calendar=calendar,
        buckets=buckets,
    )
    if query is None:
        return [{} for _bucket in buckets]
    days, joined, params, keys, db = query
    # Only the buckets' numbers (ints made here) are spliced in: every value is a parameter.
    counts = ", ".join(f"COUNT(CASE WHEN days.bucket = {index} THEN 1 END)" for index in range(len(keys)))
    with connections[db].cursor() as cursor:
        cursor.execute(f"{days} SELECT c.unit, {counts} {joined} GROUP BY c.unit", params)
        rows = cursor.fetchall()
    columns: dict[date, dict[int, int]] = {}
    if rows:
        units, *values = zip(*rows)
        columns = {
            bucket: dict(filter(itemgetter(1), zip(units, column))) for bucket, column in zip(keys, values)
        }
    return [columns.get(bucket, {}) for bucket in buckets]


def late_result_tasks(
    *, recorded_from: date, recorded_to: date, as_of: datetime, tasks=None, lead_units=None, calendar=None
) -> list[int]:
    """The ids of the tasks whose results late_result_records counts (its rule, its query), for
    the task list behind its figures: a task recorded late twice is one task of the list."""
    query = _late_records_query(
        recorded_from=recorded_from,
        recorded_to=recorded_to,
        as_of=as_of,
        tasks=tasks,
        lead_units=lead_units,
        calendar=calendar,
        buckets=None,
    )
    if query is None:
        return []
    days, joined, params, _keys, db = query
    with connections[db].cursor() as cursor:
        cursor.execute(f"{days} SELECT DISTINCT c.task_pk {joined}", params)
        return [task_id for (task_id,) in cursor.fetchall()]


def _late_records_query(*, recorded_from, recorded_to, as_of, tasks, lead_units, calendar, buckets):
    """late_result_records' rule as one statement to which the caller gives its SELECT list:
    the WITH of the days (bucket, day_start, day_end, latest_due), the FROM … JOIN of them and
    the completions c (unit, at, due, task_pk), the parameters, the buckets by number and the
    database; None when nothing can match."""
    last = min(recorded_to, timezone.localdate(as_of))
    if last < recorded_from:
        return None
    if buckets is not None and (not buckets or buckets[0] > recorded_from):
        raise ValueError(f"the first bucket must begin by {recorded_from}: {buckets[:1]}")
    if calendar is None:
        # Due dates late in a December have their deadlines in the next January.
        calendar = load_calendar(recorded_from.year - 1, last.year + 1)
    runs: list[list] = []  # [bucket, first day, day after the last, latest late due date]
    for n in range((last - recorded_from).days + 1):
        day = recorded_from + timedelta(days=n)
        bucket = day if buckets is None else buckets[bisect_right(buckets, day) - 1]
        latest = latest_due_with_result_late(day, calendar)
        if runs and runs[-1][0] == bucket and runs[-1][3] == latest:
            runs[-1][2] = day + timedelta(days=1)
        else:
            runs.append([bucket, day, day + timedelta(days=1), latest])
    completions = TaskEvent.objects.filter(
        kind=EventKind.COMPLETED,
        recorded_at__gte=start_of_day(recorded_from),
        recorded_at__lt=start_of_day(last + timedelta(days=1)),
        recorded_at__lte=as_of,
        due_in_force__isnull=False,
    )
    if tasks is not None:
        completions = completions.filter(task__in=tasks.values("pk"))
    if lead_units is not None:
        completions = completions.filter(lead_unit__in=lead_units)
    completions = completions.order_by().values(
        unit=F("lead_unit_id"), at=F("recorded_at"), due=F("due_in_force"), task_pk=F("task_id")
    )
    try:
        completions_sql, completions_params = completions.query.sql_with_params()
    except EmptyResultSet:  # a filter nothing can match, such as an empty list of units
        return None
    connection = connections[completions.db]
    keys = list(dict.fromkeys(bucket for bucket, *_days in runs))  # the buckets, by number
    number = {bucket: index for index, bucket in enumerate(keys)}
    local = timezone.get_current_timezone()
    columns = (
        [number[bucket] for bucket, *_days in runs],
        [datetime.combine(first, time.min, local) for _bucket, first, _after, _latest in runs],
        [datetime.combine(after, time.min, local) for _bucket, _first, after, _latest in runs],
        [latest for *_days, latest in runs],
    )
    # Only placeholders and the ORM's own SQL are spliced in: every value is a parameter.
    if connection.vendor == "postgresql":
        # Four arrays rather than four placeholders a day: the driver parses no long query and
        # quotes four strings (ints, ISO dates and moments) rather than each element.
        days_sql = "SELECT * FROM unnest(%s::integer[], %s::timestamptz[], %s::timestamptz[], %s::date[])"
        days_params = [
            "{"
            + ",".join(str(value) if isinstance(value, int) else value.isoformat() for value in column)
            + "}"
            for column in columns
        ]
    else:
        ops = connection.ops
        days_sql = "VALUES " + ", ".join(["(%s, %s, %s, %s)"] * len(runs))
        days_params = [
            value
            for bucket, first, after, latest in zip(*columns, strict=True)
            for value in (
                bucket,
                ops.adapt_datetimefield_value(first),
                ops.adapt_datetimefield_value(after),
                ops.adapt_datefield_value(latest),
            )
        ]
    days = f"WITH days (bucket, day_start, day_end, latest_due) AS ({days_sql})"
    joined = (
        f"FROM days INNER JOIN ({completions_sql}) c "
        "ON c.at >= days.day_start AND c.at < days.day_end AND c.due <= days.latest_due"
    )
    return days, joined, [*days_params, *completions_params], keys, completions.db


def per_unit(counts: Mapping[int, int], *, names: list[tuple[int, str]]) -> list[UnitCount]:
    """The units of `counts` (unit id → count) with their counts, in the order of `names`
    ((id, name) in tree order: Unit.objects.labels_in_tree_order), which holds them."""
    return [UnitCount(pk, name, counts[pk]) for pk, name in names if pk in counts]


class StateThen(NamedTuple):
    """What a report needs of a task's state at its moment: the lead unit and due date then."""

    lead_unit_id: int
    due_in_force: date | None


def completed_after(
    *, date_from, date_to, as_of, made_at, tasks=None, lead_units=None
) -> dict[int, tuple[StateThen, date | None]]:
    """The tasks assigned within the period, open (and counted) as the system knew them at
    `as_of`, whose completion took effect by that day but was recorded after `as_of` (up to
    `made_at`): seed 002 "đã hoàn thành nhưng không theo dõi cập nhật". Task id → (its lead
    unit and due date then, from the event in force at `as_of`; the date of the first such
    completion recorded)."""
    if made_at <= as_of:
        return {}  # nothing recorded after the moment is looked at
    completions = _completions_after(as_of=as_of, made_at=made_at, tasks=tasks)
    first: dict[int, date] = {}
    for task_id, completed_on in completions.order_by("recorded_at", "id").values_list(
        "task_id", "effective_on"
    ):
        first.setdefault(task_id, completed_on)
    then = _in_force_then(completions, date_from=date_from, date_to=date_to, as_of=as_of, tasks=tasks)
    if lead_units is not None:
        then = then.filter(lead_unit__in=lead_units)
    return {
        task_id: (StateThen(lead_unit_id, due), first.get(task_id))
        for task_id, lead_unit_id, due in then.order_by("task_id").values_list(
            "task_id", "lead_unit_id", "due_in_force"
        )
    }


def completed_after_by_unit(
    *, date_from, date_to, as_of, made_at, tasks=None, lead_units=None
) -> dict[int, int]:
    """completed_after's tasks counted per lead unit at `as_of` (unit id → count), counted in
    the database: what the narrative prints when not corrected (as of a past moment at 1M,
    ~9,000 tasks, which it no longer reads one by one)."""
    if made_at <= as_of:
        return {}
    completions = _completions_after(as_of=as_of, made_at=made_at, tasks=tasks)
    then = _in_force_then(completions, date_from=date_from, date_to=date_to, as_of=as_of, tasks=tasks)
    if lead_units is not None:
        then = then.filter(lead_unit__in=lead_units)
    # One event in force per task at a moment: counting events counts tasks.
    return dict(
        fetch_rows(
            then.order_by()
            .values("lead_unit_id")
            .annotate(n=Count("lead_unit_id"))
            .values_list("lead_unit_id", "n")
        )
    )


def _completions_after(*, as_of, made_at, tasks):
    """The completions recorded in (`as_of`, `made_at`] that took effect by the day of `as_of`."""
    completions = TaskEvent.objects.filter(
        kind=EventKind.COMPLETED,
        effective_on__lte=timezone.localdate(as_of),
        recorded_at__gt=as_of,
        recorded_at__lte=made_at,
    )
    if tasks is not None:
        completions = completions.filter(task__in=tasks.values("pk"))
    return completions


def _in_force_then(completions, *, date_from, date_to, as_of, tasks):
    """The events in force at `as_of`, open then, of the tasks assigned within the period and
    completed by `completions`.

    A task completed after `as_of` changed after it (Task.state_recorded_at, indexed): its
    state at `as_of` is the event in force then, open if it was open. The tasks of the period
    changed since and completed since (task_changed_since and event_completed_recorded,
    index-only, joined by hash), then their events in force then (event_superseded,
    index-only, joined by hash): no row of either table is read. With the completions as a
    second condition beside the tasks, PostgreSQL probed the events of each of ~40,000 tasks
    (2026 as of 30/06/2026 at 1M: 184 → 72 ms under load)."""
    changed = (Task.objects.all() if tasks is None else tasks).filter(
        assigned_on__range=(date_from, date_to),
        state_recorded_at__gt=as_of,
        assignment_recorded_at__lte=as_of,
    )
    return TaskEvent.objects.filter(
        task__in=changed.filter(pk__in=completions.values("task")).values("pk"),
        recorded_at__lte=as_of,
        superseded_at__gt=as_of,
        lifecycle__in=ACTIVE_OPEN,
    )


def corrections(unrecorded, *, date_from, date_to, as_of, made_at, tasks=None, lead_units=None):
    """What the "corrected" figures change: (task id, unit id, class at `as_of` or None for a
    task not counted then, class by effective dates), the classes being COUNT_COLUMNS, on the day of
    `as_of`, with what was recorded up to `made_at`:
    - a completion recorded after `as_of` that took effect by that day (`unrecorded`) moves its
      task from open to completed, on time or late against the due date in force at `as_of`;
    - a task assigned in the period by that day but entered after `as_of` counts, as assigned
      (lead unit, due date), completed if a completion recorded by `made_at` took effect by then.
    Other changes recorded since (extensions, reassignments, cancellations) are not applied:
    they take effect when decided, after the moment. The narrative report moves its counts by
    them; the task list behind its corrected figures (tracking.event_filters) its tasks."""
    if made_at <= as_of:
        return  # nothing was recorded since: corrected is as recorded
    day = timezone.localdate(as_of)
    for task_id, (then, completed_on) in unrecorded.items():
        was = timeliness(due=then.due_in_force, completed=None, as_of=day)
        yield (
            task_id,
            then.lead_unit_id,
            was.value,
            timeliness(due=then.due_in_force, completed=completed_on, as_of=day).value,
        )
    period = (Task.objects.all() if tasks is None else tasks).filter(
        assigned_on__range=(date_from, min(date_to, day))
    )
    entered = TaskEvent.objects.filter(
        kind=EventKind.ASSIGNED,
        recorded_at__gt=as_of,
        recorded_at__lte=made_at,
        task__in=period.values("pk"),
    )
    if lead_units is not None:
        entered = entered.filter(lead_unit__in=lead_units)
    assigned = {
        task_id: (unit_id, due)
        for task_id, unit_id, due in entered.values_list("task_id", "lead_unit_id", "due_in_force")
    }
    completed: dict[int, date] = {}
    for task_id, completed_on in (
        TaskEvent.objects.filter(
            kind=EventKind.COMPLETED, task__in=list(assigned), effective_on__lte=day, recorded_at__lte=made_at
        )
        .order_by("recorded_at", "id")
        .values_list("task_id", "effective_on")
    ):
        completed.setdefault(task_id, completed_on)
    for task_id, (unit_id, due) in sorted(assigned.items()):
        yield task_id, unit_id, None, timeliness(due=due, completed=completed.get(task_id), as_of=day).value


def by_column(rows: list[tuple], columns: int) -> list[dict[int, int]]:
    """Rows of (unit id, count per column) as a dict per column of the units with a count."""
    if not rows:
        return [{} for _column in range(columns)]
    units, *values = zip(*rows)
    return [dict(filter(itemgetter(1), zip(units, column))) for column in values]


def late_completions(*, first: date, last: date, as_of: datetime, tasks=None, lead_units=None):
    """The completions that took effect within [first, last] after the due date in force, as
    recorded by `as_of` (seed 001 §2: "hoàn thành trễ hạn"), of `tasks` and by `lead_units`
    (None: any): the emulation's figures and the task list behind them (tracking.event_filters)."""
    late = TaskEvent.objects.filter(
        kind=EventKind.COMPLETED,
        effective_on__range=(first, last),
        recorded_at__lte=as_of,
        due_in_force__lt=F("effective_on"),
    )
    if tasks is not None:
        late = late.filter(task__in=tasks.values("pk"))
    if lead_units is not None:
        late = late.filter(lead_unit__in=lead_units)
    return late


def completed_late_by_month(
    months, *, first: date, last: date, as_of: datetime, tasks=None, lead_units=None, recorded_after=None
):
    """Per month, per lead unit: late_completions within [first, last], a column per month, in
    one statement read from the late completions alone (index event_completed_late); those
    recorded after `recorded_after` alone when given (read by their record time, index
    event_completed_recorded)."""
    late = late_completions(first=first, last=last, as_of=as_of, tasks=tasks, lead_units=lead_units)
    if recorded_after is not None:
        late = late.filter(recorded_at__gt=recorded_after)
    by_month = {
        f"m{index}": Count("lead_unit", filter=Q(effective_on__range=(month.date_from, month.date_to)))
        for index, month in enumerate(months)
    }
    rows = fetch_rows(
        late.order_by().values("lead_unit").annotate(**by_month).values_list("lead_unit", *by_month)
    )
    return by_column(rows, len(months))
