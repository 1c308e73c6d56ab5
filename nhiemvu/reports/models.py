"""The emulation figures of closed months, stored (reports.stored_months): facts that time
moving forward cannot change, read rather than counted again by every later report."""

from django.db import models

from nhiemvu.units.models import Unit


class StoredMonth(models.Model):
    """One closed month whose figures are stored: its rows are complete. Keyed by the month's
    days as the deployment's cut-off made them (REPORT_PERIOD_CUTOFF), so a change of cut-off
    needs nothing; `calendar_key` fingerprints the working-day calendar the results recorded
    late were judged by (stored_months.calendar_key), so a calendar changed since is noticed."""

    date_from = models.DateField()
    date_to = models.DateField()
    calendar_key = models.CharField(max_length=64)
    stored_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            # One marker per month: two reports storing it at once store it once.
            models.UniqueConstraint(fields=["date_to", "date_from"], name="stored_month_once"),
        ]


class StoredMonthFigure(models.Model):
    """A unit's figures of a stored month, those with a figure only (emulation.UnitMonth)."""

    date_from = models.DateField()
    date_to = models.DateField()
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+", db_index=False)
    overdue = models.PositiveIntegerField()
    recorded_late = models.PositiveIntegerField()

    class Meta:
        constraints = [
            # Serves the report's read (date_to IN … AND date_from IN …, optionally AND unit_id IN
            # …) and the invalidation's delete (date_to >= the day changed).
            models.UniqueConstraint(fields=["date_to", "date_from", "unit"], name="stored_month_figure_once"),
        ]
