"""The emulation figures of closed months, stored (issue 14, "Reports and exports").

Two of a month's figures (reports.emulation, seed 001 §2) cannot change once the month has
ended while time moves forward:
- the tasks overdue at its end as the system knew them then: the events recorded by then;
- the results recorded late in it: the completions recorded within its days, judged by the
  working-day calendar.
So they are counted once, by the very statements the report runs live, stored per unit in a
row per month (models.StoredMonth), and read by every later report whose moment is past the
month's end. What could change them is noticed:
- an event recorded before the day it is written (history imported, a change entered with a
  past moment, a reorganisation's moves recorded so): `changing_the_past` forgets the
  stored months from that day's month on, from TaskEvent's save and bulk_create, the only
  ways an event is written (events are append-only);
- events deleted (the demo's reset): TaskEvent's queryset delete forgets every month;
- the working-day calendar changed (the admin, the official days written on migrate, a new
  release of the holidays library): each stored month holds its calendar_key, and a month
  whose key differs now is counted and stored again.
"""

import hashlib
import json
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from operator import attrgetter, itemgetter

from django.db import connections, router, transaction
from django.db.models import QuerySet
from django.utils import timezone

from nhiemvu.dates import start_of_day
from nhiemvu.reports.models import ClosedMonthsSnapshot, StoredMonth
from nhiemvu.workdays.deadlines import latest_due_with_result_late

# A month is stored once it ended this long ago. A change recorded within its last day but
# committed later is not seen by a report counting the month meanwhile, and its writer did not
# forget the month (changing_the_past: recorded on the day it was written): only a
# transaction left open over an hour past the month's end could be missed.
SETTLE = timedelta(hours=1)
# PostgreSQL's advisory lock between the writers of past events (shared: they never wait for
# one another) and a report storing months (exclusive, only tried: it never waits, and while
# such a writer is in flight, whose events its counts may miss, it stores nothing). SQLite
# needs none: a transaction there begins by taking the database's write lock
# (settings: transaction_mode IMMEDIATE).
LOCK_KEY = 0x6E76_656D  # "nvem"


def month_end(month) -> datetime:
    """The last moment of a month (reports.periods.Period)."""
    return start_of_day(month.date_to + timedelta(days=1)) - timedelta(microseconds=1)


def storable(months, *, date_from: date, date_to: date, as_of: datetime) -> list:
    """The months of a report that stored figures serve: within [date_from, date_to] whole
    (a report from a month's 10th counts its results recorded late from the 10th), and
    ended by `as_of` and by SETTLE ago."""
    closed_by = min(as_of, timezone.now() - SETTLE)
    return [
        month
        for month in months
        if date_from <= month.date_from and month.date_to <= date_to and month_end(month) <= closed_by
    ]


def calendar_key(month, calendar) -> str:
    """What the month's results recorded late take of the working-day calendar: for each day
    of it, the latest due date whose result recorded that day is late (reports.delays)."""
    days = (month.date_to - month.date_from).days + 1
    latest = (
        latest_due_with_result_late(month.date_from + timedelta(days=n), calendar).isoformat()
        for n in range(days)
    )
    return hashlib.sha256(",".join(latest).encode()).hexdigest()


def figures(months, *, live, calendar, lead_units, count) -> dict:
    """Month → (overdue, recorded late), each unit id → count, of `months` (storable ones),
    of `lead_units` (None: every unit). Read where stored; the others counted by
    `count(months, lead_units)` (the report's own statements: a list of overdue and a list of
    recorded late dicts) for every unit and stored, in the same statements as the report's
    `live` months (which are then returned too); or, when a writer of past events is in
    flight, counted for the report alone."""
    if not months:
        return {}
    keys = {(month.date_from, month.date_to): calendar_key(month, calendar) for month in months}
    stored = {
        (first, last): figures
        for first, last, key, figures in StoredMonth.objects.filter(
            date_to__in=[last for _first, last in keys]
        ).values_list("date_from", "date_to", "calendar_key", "figures")
        if keys.get((first, last)) == key
    }
    ids = None if lead_units is None else ids_of(lead_units)
    found = {}
    for month in months:
        if (month.date_from, month.date_to) in stored:
            units, overdue, late = json.loads(stored[(month.date_from, month.date_to)])
            found[month] = tuple(
                scoped(dict(filter(itemgetter(1), zip(units, column))), ids) for column in (overdue, late)
            )
    missing = [month for month in months if month not in found]
    if missing:
        counted = _store(missing, live, keys, count)
        if counted is None:  # not stored: counted for the report alone
            found.update(zip(missing, zip(*count(missing, lead_units), strict=True), strict=True))
        else:
            found.update(
                (month, (scoped(overdue, ids), scoped(late, ids)))
                for month, (overdue, late) in counted.items()
            )
    return found


def ids_of(units) -> set[int]:
    """The ids of `units`: a queryset of them or a list."""
    if isinstance(units, QuerySet):
        return set(units.values_list("pk", flat=True))
    return {unit.pk for unit in units}


def scoped(by_unit: dict, ids: set[int] | None) -> dict:
    """`by_unit`'s entries of the units `ids` (None: all)."""
    return by_unit if ids is None else {pk: by_unit[pk] for pk in by_unit.keys() & ids}


def may_store(using: str) -> bool:
    """Inside the transaction that stores figures of the past: False when a writer of past
    events holds the lock (PostgreSQL's advisory lock, held until the transaction ends; on
    SQLite the database's one write lock orders them)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [LOCK_KEY])
        return cursor.fetchone()[0]


def _store(months, live, keys, count) -> dict | None:
    """Count `months` and `live` for every unit, and store `months`, in one transaction:
    month → (overdue, recorded late) of both; None, storing nothing, when a writer of past
    events holds the lock."""
    using = router.db_for_write(StoredMonth)
    with transaction.atomic(using=using):
        if not may_store(using):
            return None
        # A month stored under another calendar gives way.
        StoredMonth.objects.filter(date_to__in=[month.date_to for month in months]).delete()
        counted_months = sorted([*months, *live], key=attrgetter("date_from"))
        counted = dict(zip(counted_months, zip(*count(counted_months, None), strict=True), strict=True))
        rows = []
        for month in months:
            by_unit, late = counted[month]
            units = sorted(by_unit.keys() | late.keys())
            rows.append(
                StoredMonth(
                    date_from=month.date_from,
                    date_to=month.date_to,
                    calendar_key=keys[(month.date_from, month.date_to)],
                    figures=json.dumps(
                        [units, [by_unit.get(pk, 0) for pk in units], [late.get(pk, 0) for pk in units]],
                        separators=(",", ":"),
                    ),
                )
            )
        # A conflict: a report stored the same month between our read and our lock, with the
        # same figures (a past event written since would have deleted it).
        StoredMonth.objects.bulk_create(rows, ignore_conflicts=True)
    return counted


def forget_from(day: date, *, using: str) -> None:
    """Delete the stored months ending on or after `day`, and the snapshots of closed months
    counted on or after it (reports.snapshots), the caller's transaction holding the writers'
    lock until it commits (call it inside that transaction)."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock_shared(%s)", [LOCK_KEY])
    StoredMonth.objects.using(using).filter(date_to__gte=day).delete()
    ClosedMonthsSnapshot.objects.using(using).filter(counted_at__gte=start_of_day(day)).delete()


@contextmanager
def changing_the_past(recorded_at: datetime | None, *, using: str):
    """Around the writing of events the earliest recorded at `recorded_at` (None: none): one
    transaction in which, for events recorded before the day they are written, the stored
    months from that day's on are forgotten. Events recorded today touch no closed month
    (SETTLE): nothing more is done for them."""
    if recorded_at is None or timezone.localdate(recorded_at) >= timezone.localdate():
        yield
        return
    with transaction.atomic(using=using, savepoint=False):
        forget_from(timezone.localdate(recorded_at), using=using)
        yield
