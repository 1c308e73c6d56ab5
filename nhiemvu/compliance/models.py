"""What the office writes down about each unit's compliance with the regulation on following
up tasks (seed 000 appendix 03): the periodic reports each unit sent, and the year's register
line (internal regulation issued, remarks).

Both are append-only, like the task events: a row is never changed, so the register "as of"
a moment is the rows recorded by then, and each row says who recorded it and when. The
obligation itself (which report, by which day) is not stored: it follows from the year and
the deployment's deadlines (compliance.deadlines).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nhiemvu.compliance.choices import PeriodicReport
from nhiemvu.directives.numbering import validate_number_symbol


class SentReport(models.Model):
    """A periodic report a unit sent the office: `sent_on` is the date of its arrival (the
    effective date, from which "late" is judged), `recorded_at` when the office entered it."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="sent_reports")
    year = models.PositiveSmallIntegerField(_("năm"))
    report = models.CharField(_("loại báo cáo"), max_length=16, choices=PeriodicReport.choices)
    number_symbol = models.CharField(
        _("số, ký hiệu"), max_length=60, blank=True, validators=[validate_number_symbol]
    )
    sent_on = models.DateField(_("ngày gửi"))
    recorded_at = models.DateTimeField(_("thời điểm ghi nhận"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("báo cáo định kỳ đã gửi")
        verbose_name_plural = _("báo cáo định kỳ đã gửi")
        indexes = [
            # appendix03: a year's reports of one kind, then the earliest per unit.
            models.Index(fields=["year", "report", "unit"], name="sent_report_year_unit"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=1990) & Q(year__lte=2200), name="sent_report_year_plausible"
            ),
        ]

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("SentReport rows are append-only: a row is never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("SentReport rows are append-only: a row is never deleted.")


class RegisterLine(models.Model):
    """One version of a unit's line in the year's register. The line in force at a moment is
    the latest recorded by then; an edit adds a version."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="register_lines")
    year = models.PositiveSmallIntegerField(_("năm"))
    regulation_issued = models.BooleanField(_("đã ban hành quy chế theo dõi tại đơn vị"), default=False)
    regulation_number = models.CharField(
        _("số, ký hiệu quy chế"), max_length=60, blank=True, validators=[validate_number_symbol]
    )
    regulation_issued_on = models.DateField(_("ngày ban hành quy chế"), null=True, blank=True)
    remarks = models.TextField(_("ghi chú"), max_length=1000, blank=True)
    recorded_at = models.DateTimeField(_("thời điểm ghi nhận"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("dòng sổ theo dõi chấp hành")
        verbose_name_plural = _("dòng sổ theo dõi chấp hành")
        indexes = [
            # The line in force: a year's versions per unit, the latest first.
            models.Index(fields=["year", "unit", "-recorded_at"], name="register_line_in_force"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(regulation_issued=True)
                | (Q(regulation_number="") & Q(regulation_issued_on=None)),
                name="register_line_regulation_only_if_issued",
            ),
        ]

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("RegisterLine rows are append-only: a row is never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("RegisterLine rows are append-only: a row is never deleted.")
