"""The emulation figures of closed months, stored (reports.stored_months): facts that time
moving forward cannot change, read rather than counted again by every later report."""

from django.db import models


class StoredMonth(models.Model):
    """One closed month's stored figures, per unit: three lists of the same length, the units
    with a figure by id, their overdue tasks at the month's end and their results recorded late
    in it (reports.emulation.UnitMonth). One row, not a row per unit: a national year is 12 of
    these rather than ~60,000 rows to read and turn into dicts (bench/README.md).

    Keyed by the month's days as the deployment's cut-off made them (REPORT_PERIOD_CUTOFF),
    so a change of cut-off needs nothing; `calendar_key` fingerprints the working-day
    calendar the results recorded late were judged by (stored_months.calendar_key), so a
    calendar changed since is noticed."""

    date_from = models.DateField()
    date_to = models.DateField()
    calendar_key = models.CharField(max_length=64)
    # JSON text, [[unit ids], [overdue], [recorded late]]: text rather than jsonb, which
    # PostgreSQL parses number by number (11 national months: 131 ms to insert, as text 25).
    figures = models.TextField()
    stored_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            # One row per month: two reports storing it at once store it once.
            models.UniqueConstraint(fields=["date_to", "date_from"], name="stored_month_once"),
        ]


class ClosedMonthsSnapshot(models.Model):
    """The emulation figures of a report's closed months that change as time moves forward,
    as known at `counted_at`, for every unit (reports.snapshots): the ranking's counts of the
    tasks assigned in them (JSON text: the units by id, then a list per
    services.COUNT_COLUMNS) and the late completions of each month (a list per month of
    [unit ids, counts]). Counted again when older than a report of now reads; forgotten, as
    the stored months, when an event recorded by `counted_at` is written later."""

    date_from = models.DateField()  # the first month's first day
    date_to = models.DateField()  # the last month's last day
    months = models.TextField()  # JSON: the months' first days, as the deployment cut them
    counted_at = models.DateTimeField()
    counts = models.TextField()
    late = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["date_from", "date_to"], name="closed_months_snapshot_once"),
        ]
