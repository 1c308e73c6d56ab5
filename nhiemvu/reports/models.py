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
