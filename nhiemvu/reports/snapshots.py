"""The emulation figures of the closed months that change as time moves forward, kept as of a
recent moment (issue 14, "Reports and exports").

Two of the emulation's figures (reports.emulation) over the report's closed months depend on
the report's moment, unlike those stored for good (reports.stored_months):
- the ranking's counts of the tasks assigned in them, as known at the moment (a task
  completed, an open one come due, change them);
- the completions that took effect in them after the due date, as recorded by the moment
  (a completion may be recorded days after it took effect).
So they are kept as of a moment S (models.ClosedMonthsSnapshot), and a report of a moment
`as_of` ≥ S adds what changed since:
- the tasks changed after S (their row's state_recorded_at): their classes at `as_of`, less
  their classes at S (the events in force then, as counts_by reads them);
- the tasks unchanged since S, open, whose due date fell within [S's day, `as_of`'s day):
  not due at S, overdue at `as_of`;
- the late completions recorded after S.
Every counted task is in one class of counts_by's five, so their sum tells whether a unit has
a task in the period: a unit with tasks but nothing come due is listed, unranked.

S is the end of the day before (or the report's moment, if earlier), of a day that ended
over SETTLE ago: an event recorded by S and written later is a change of the past, which
forgets the snapshots counted from its day on (stored_months.forget_from), as it forgets the
months. A report of today reads the snapshot of the end of the day before, counted again
when older, so that it adds at most a day of changes; a report of a past moment reads one
counted at most a day before it, keeps one at its moment when none is kept, or counts live.
"""

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from operator import add, itemgetter, neg, sub

from django.db import router, transaction
from django.db.models import Count, F
from django.utils import timezone

from nhiemvu.dates import start_of_day
from nhiemvu.db import fetch_rows
from nhiemvu.reports.delays import completed_late_by_month
from nhiemvu.reports.models import ClosedMonthsSnapshot
from nhiemvu.reports.services import COUNT_COLUMNS, changed_after, counts_by
from nhiemvu.reports.stored_months import SETTLE, ids_of, may_store, scoped
from nhiemvu.tracking.choices import NOT_COUNTED
from nhiemvu.tracking.models import Task

# Where counts_by's COUNT_COLUMNS hold what the ranking takes, and the tasks that come due.
ON_TIME, LATE, NOT_DUE, OVERDUE = (
    COUNT_COLUMNS.index(name) for name in ("done_on_time", "done_late", "open_not_due", "open_overdue")
)


@dataclass
class Snapshot:
    """The closed months' figures at `counted_at`, for every unit."""

    counted_at: datetime
    counts: dict[int, tuple]  # per unit, the COUNT_COLUMNS of the tasks assigned in the months
    late: list[dict[int, int]]  # per month, per unit, the late completions


def snapshot_moment(as_of: datetime) -> datetime:
    """The moment a snapshot read by a report of `as_of` is counted at: the last moment of the
    last day ended over SETTLE ago, or `as_of` if earlier. An event recorded by then is
    recorded on an earlier day than any written since: a change of the past."""
    day = timezone.localdate(timezone.now() - SETTLE)
    return min(as_of, start_of_day(day) - timedelta(microseconds=1))


def snapshot(closed: list, *, as_of: datetime) -> Snapshot | None:
    """The snapshot of `closed` (the report's closed months, whole, in order) that a report of
    `as_of` reads; None when the report counts live. A report of today reads the snapshot of
    the end of the day before, counted and kept by the first of them (or the nightly job:
    reports.jobs). A report of an earlier moment reads one counted at most a day before its
    moment, or counts and keeps one at its moment when none is kept; else it counts live,
    rather than add a long stretch of changes or count a snapshot few reports would read."""
    first, last = closed[0].date_from, closed[-1].date_to
    starts = [month.date_from.isoformat() for month in closed]
    moment = snapshot_moment(as_of)
    kept = (
        ClosedMonthsSnapshot.objects.filter(date_from=first, date_to=last)
        .values_list("counted_at", "months", "counts", "late")
        .first()
    )
    if kept is not None and json.loads(kept[1]) == starts:  # else the deployment cut months otherwise
        counted_at = kept[0]
        if counted_at == moment or (moment == as_of and as_of - timedelta(days=1) <= counted_at <= as_of):
            return _snapshot(counted_at, json.loads(kept[2]), json.loads(kept[3]))
        if moment == as_of:  # a past moment, the snapshot kept another day's
            return None
    return _store(closed, moment, starts)


def _snapshot(counted_at: datetime, counts: list, late: list) -> Snapshot:
    units, *columns = counts
    return Snapshot(
        counted_at=counted_at,
        counts=dict(zip(units, zip(*columns, strict=True), strict=True)),
        late=[dict(zip(ids, values, strict=True)) for ids, values in late],
    )


def _store(closed: list, moment: datetime, starts: list[str]) -> Snapshot | None:
    """Count `closed`'s figures at `moment` for every unit and keep them, in one transaction;
    None, keeping nothing, when a writer of past events holds the lock."""
    first, last = closed[0].date_from, closed[-1].date_to
    using = router.db_for_write(ClosedMonthsSnapshot)
    with transaction.atomic(using=using):
        if not may_store(using):
            return None
        counts = _count(first, last, as_of=moment, changed_since=changed_after(moment))
        units = sorted(counts)
        counts_json = [units, *([counts[pk][index] for pk in units] for index in range(len(COUNT_COLUMNS)))]
        late = completed_late_by_month(closed, first=first, last=last, as_of=moment)
        late_json = [[list(by_unit), list(by_unit.values())] for by_unit in late]
        ClosedMonthsSnapshot.objects.update_or_create(
            date_from=first,
            date_to=last,
            defaults={
                "counted_at": moment,
                "months": json.dumps(starts),
                "counts": json.dumps(counts_json, separators=(",", ":")),
                "late": json.dumps(late_json, separators=(",", ":")),
            },
        )
    return Snapshot(counted_at=moment, counts=counts, late=late)


def _count(first: date, last: date, *, as_of: datetime, changed_since: bool, tasks=None, lead_units=None):
    return counts_by(
        lambda assigned: F("lead_unit_id"),
        date_from=first,
        date_to=last,
        as_of=as_of,
        tasks=tasks,
        lead_units=lead_units,
        changed_since=changed_since,
    )


def _add(sums: dict[int, tuple], counts: dict[int, tuple], sign: int = 1) -> None:
    """Add `counts` (per unit, a count per COUNT_COLUMNS) into `sums`, or take them away."""
    combine, alone = (add, tuple) if sign > 0 else (sub, lambda values: tuple(map(neg, values)))
    for pk, values in counts.items():
        previous = sums.get(pk)
        sums[pk] = alone(values) if previous is None else tuple(map(combine, previous, values))


def ranking_counts(
    closed: list, kept: Snapshot, *, date_from: date, date_to: date, as_of: datetime, lead_units=None
) -> dict[int, tuple[int, int, int]]:
    """Per lead unit with a task assigned within [date_from, date_to] counted at `as_of`,
    (done on time, done late, open overdue), as counts_by counts them (every task, of
    `lead_units`; None: of every unit): those of the tasks assigned in `closed` (the report's
    closed months) from `kept`, their snapshot, and what changed since; the others' counted
    live."""
    first, last = closed[0].date_from, closed[-1].date_to
    sums = dict(scoped(kept.counts, None if lead_units is None else ids_of(lead_units)))
    changed_since = changed_after(as_of)
    if kept.counted_at < as_of:
        _add_changes(
            sums, (first, last), kept, as_of=as_of, lead_units=lead_units, changed_since=changed_since
        )
    for part in ((date_from, first - timedelta(days=1)), (last + timedelta(days=1), date_to)):
        if part[0] <= part[1]:
            _add(sums, _count(*part, as_of=as_of, changed_since=changed_since, lead_units=lead_units))
    ranked = itemgetter(ON_TIME, LATE, OVERDUE)
    return {pk: ranked(values) for pk, values in sums.items() if sum(values) > 0}


def _add_changes(sums, span, kept: Snapshot, *, as_of: datetime, lead_units, changed_since: bool) -> None:
    """Into `sums` (`kept`'s counts of the tasks assigned within `span`), what changed up to
    `as_of`; `changed_since`: whether a task changed after `as_of`."""
    first, last = span
    counted_at = kept.counted_at
    changed = Task.objects.filter(state_recorded_at__gt=counted_at)
    scope = {"tasks": changed, "lead_units": lead_units}
    _add(sums, _count(first, last, as_of=as_of, changed_since=changed_since, **scope))
    _add(sums, _count(first, last, as_of=counted_at, changed_since=True, **scope), sign=-1)
    day_then, day_now = timezone.localdate(counted_at), timezone.localdate(as_of)
    if day_then < day_now:
        come_due = Task.objects.filter(
            assigned_on__gte=first,
            assigned_on__lte=last,
            state_recorded_at__lte=counted_at,
            completed_on__isnull=True,
            due_in_force__gte=day_then,
            due_in_force__lt=day_now,
        ).exclude(lifecycle__in=NOT_COUNTED)
        if lead_units is not None:
            come_due = come_due.filter(lead_unit__in=lead_units)
        rows = come_due.order_by().values("lead_unit_id").annotate(n=Count("lead_unit_id"))
        for pk, come in fetch_rows(rows.values_list("lead_unit_id", "n")):
            moved = [0] * len(COUNT_COLUMNS)  # from not due to overdue
            moved[NOT_DUE], moved[OVERDUE] = -come, come
            _add(sums, {pk: moved})


def late_by_month(
    months: list,
    closed: list,
    kept: Snapshot,
    *,
    date_from: date,
    last: date,
    as_of: datetime,
    lead_units=None,
) -> list[dict[int, int]]:
    """Per month of `months` (the report's, in order), per lead unit of `lead_units` (None:
    any), the late completions (delays.late_completions) within [date_from, last] recorded by
    `as_of`: those of `closed` from `kept`, their snapshot, and those recorded since; the
    other months' counted live."""
    ids = None if lead_units is None else ids_of(lead_units)
    by_month = {month: scoped(late, ids) for month, late in zip(closed, kept.late, strict=True)}
    scope = {"as_of": as_of, "lead_units": lead_units}
    if kept.counted_at < as_of:
        since = completed_late_by_month(
            closed,
            first=closed[0].date_from,
            last=closed[-1].date_to,
            recorded_after=kept.counted_at,
            **scope,
        )
        for month, recorded in zip(closed, since, strict=True):
            if recorded:
                late = by_month[month] = dict(by_month[month])
                for pk, since_then in recorded.items():
                    late[pk] = late.get(pk, 0) + since_then
    # The live months before the closed ones (a first one begun before date_from) and after.
    for group in (
        [m for m in months if m.date_to < closed[0].date_from],
        [m for m in months if m.date_from > closed[-1].date_to],
    ):
        if group:
            first, end = max(date_from, group[0].date_from), min(last, group[-1].date_to)
            by_month.update(
                zip(group, completed_late_by_month(group, first=first, last=end, **scope), strict=True)
            )
    return [by_month[month] for month in months]
