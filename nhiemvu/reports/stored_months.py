"""The emulation figures of closed months, stored (issue 14, "Reports and exports").

Two of a month's figures (reports.emulation, seed 001 §2) cannot change once the month has
ended while time moves forward:
- the tasks overdue at its end as the system knew them then: the events recorded by then;
- the results recorded late in it: the completions recorded within its days, judged by the
  working-day calendar.
So they are counted once, by the very statements the report runs live, stored per unit with
a marker for the month in the same transaction, and read by every later report whose moment
is past the month's end. What could change them is noticed:
- an event recorded before the day it is written (history imported, a change entered with a
  past moment, a reorganisation's moves recorded so): `changing_the_past` forgets the
  stored months from that day's month on, from TaskEvent's save and bulk_create, the only
  ways an event is written (events are append-only);
- events deleted (the demo's reset): TaskEvent's queryset delete forgets every month;
- the working-day calendar changed (the admin, the official days written on migrate, a new
  release of the holidays library): each marker holds its month's calendar_key, and a month
  whose key differs now is counted and stored again.
"""

import hashlib
from contextlib import contextmanager
from datetime import date, datetime, timedelta

from django.db import connections, router, transaction
from django.utils import timezone

from nhiemvu.dates import start_of_day
from nhiemvu.db import fetch_rows
from nhiemvu.reports.models import StoredMonth, StoredMonthFigure
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
STORE_BATCH = 5000


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


def figures(months, *, calendar, lead_units, count) -> dict:
    """Month → (overdue, recorded late), each unit id → count, of `months` (storable ones),
    of `lead_units` (None: every unit). Read where stored; the others counted by
    `count(months, lead_units)` (the report's own statements: a list of overdue and a list of
    recorded late dicts), stored for every unit, then read; or, when a writer of past events
    is in flight, counted for the report alone."""
    if not months:
        return {}
    keys = {(month.date_from, month.date_to): calendar_key(month, calendar) for month in months}
    valid = {
        (first, last)
        for first, last, key in StoredMonth.objects.filter(
            date_to__in=[last for _first, last in keys]
        ).values_list("date_from", "date_to", "calendar_key")
        if keys.get((first, last)) == key
    }
    missing = [month for month in months if (month.date_from, month.date_to) not in valid]
    found = {}
    if missing:
        if _store(missing, keys, count):
            valid.update((month.date_from, month.date_to) for month in missing)
        else:
            found = dict(zip(missing, zip(*count(missing, lead_units), strict=True), strict=True))
    found.update(_read([month for month in months if (month.date_from, month.date_to) in valid], lead_units))
    return found


def _store(months, keys, count) -> bool:
    """Count `months` for every unit and store them with their markers, in one transaction;
    False, storing nothing, when a writer of past events holds the lock."""
    using = router.db_for_write(StoredMonth)
    with transaction.atomic(using=using):
        connection = connections[using]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [LOCK_KEY])
                if not cursor.fetchone()[0]:
                    return False
        # A marker of another calendar, and its rows, give way.
        for model in (StoredMonth, StoredMonthFigure):
            model.objects.filter(date_to__in=[month.date_to for month in months]).delete()
        overdue, recorded_late = count(months, None)
        rows = [
            StoredMonthFigure(
                date_from=month.date_from,
                date_to=month.date_to,
                unit_id=unit_id,
                overdue=by_unit.get(unit_id, 0),
                recorded_late=late.get(unit_id, 0),
            )
            for month, by_unit, late in zip(months, overdue, recorded_late, strict=True)
            for unit_id in sorted(by_unit.keys() | late.keys())
        ]
        # Conflicts: a report that stored the same months between our read and our lock, with
        # the same figures (any past event written since would have deleted them).
        StoredMonthFigure.objects.bulk_create(rows, batch_size=STORE_BATCH, ignore_conflicts=True)
        StoredMonth.objects.bulk_create(
            [
                StoredMonth(
                    date_from=month.date_from,
                    date_to=month.date_to,
                    calendar_key=keys[(month.date_from, month.date_to)],
                )
                for month in months
            ],
            ignore_conflicts=True,
        )
    return True


def _read(months, lead_units) -> dict:
    """Month → (overdue, recorded late) as stored, of `lead_units` (None: every unit)."""
    if not months:
        return {}
    rows = StoredMonthFigure.objects.filter(
        date_to__in=[month.date_to for month in months], date_from__in=[month.date_from for month in months]
    )
    if lead_units is not None:
        rows = rows.filter(unit__in=lead_units)
    found = {month: ({}, {}) for month in months}
    # fetch_rows skips the converters: SQLite gives the days as ISO text, PostgreSQL as dates.
    by_days = {}
    for month in months:
        by_days[(month.date_from, month.date_to)] = by_days[
            (month.date_from.isoformat(), month.date_to.isoformat())
        ] = found[month]
    for first, last, unit_id, overdue, late in fetch_rows(
        rows.values_list("date_from", "date_to", "unit_id", "overdue", "recorded_late")
    ):
        month = by_days.get((first, last))
        if month is not None:  # the other months of the same first and last days
            if overdue:
                month[0][unit_id] = overdue
            if late:
                month[1][unit_id] = late
    return found


def forget_from(day: date, *, using: str) -> None:
    """Delete the stored months ending on or after `day`, the caller's transaction holding the
    writers' lock until it commits (call it inside that transaction)."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock_shared(%s)", [LOCK_KEY])
    for model in (StoredMonth, StoredMonthFigure):
        model.objects.using(using).filter(date_to__gte=day).delete()


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
