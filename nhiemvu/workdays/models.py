"""The days that change the working-day calendar: the official data and the admin's corrections."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nhiemvu.workdays.calendar import build_calendar
from nhiemvu.workdays.choices import DaySource, OverrideKind

ALREADY_WORKING_DAY = _(
    "Theo lịch nghỉ lễ, ngày này vốn đã là ngày làm việc: chỉ nhập ngày làm việc cho một ngày "
    "nghỉ (thứ Bảy, Chủ nhật hoặc ngày lễ cần sửa)."
)
ALREADY_DAY_OFF = _(
    "Theo lịch nghỉ lễ, ngày này vốn đã là ngày nghỉ: chỉ nhập ngày nghỉ cho một ngày làm việc "
    "(thứ Hai đến thứ Sáu, hoặc ngày làm bù cần bỏ)."
)
ALREADY_CORRECTED = _("Ngày này đã có một điều chỉnh của quản trị viên: hãy sửa điều chỉnh đó.")


class DayOverride(models.Model):
    """A day off or make-up working day that changes what the `holidays` library says.

    Two sources, at most one row of each per date. Official rows are the shipped data
    (official_days.py), written on every `migrate` by services.sync_official_days and never
    edited by hand. Admin rows are corrections entered in the admin, each with the document
    that announced it (a swap announced after the release, a shipped day found wrong); they
    win over the official row of the same date, which wins over the library
    (calendar.build_calendar), and a re-run of migrate leaves them alone.
    """

    date = models.DateField(_("ngày"))
    kind = models.CharField(_("loại"), max_length=20, choices=OverrideKind.choices)
    name = models.CharField(_("tên ngày"), max_length=200, help_text=_("Ví dụ: Nghỉ bù Tết Nguyên đán"))
    legal_basis = models.CharField(
        _("căn cứ"),
        max_length=255,
        help_text=_("Văn bản thông báo, ví dụ: Thông báo 6150/TB-LĐTBXH"),
    )
    source = models.CharField(_("nguồn"), max_length=20, choices=DaySource.choices, default=DaySource.ADMIN)
    verified = models.BooleanField(
        _("đã đối chiếu văn bản"),
        default=False,
        help_text=_("Ngày đã được đọc trong văn bản chính thức (không chỉ theo báo chí)."),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("ngày điều chỉnh lịch làm việc")
        verbose_name_plural = _("ngày điều chỉnh lịch làm việc")
        ordering = ["date", "source"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=OverrideKind.values), name="dayoverride_kind_valid"),
            models.CheckConstraint(condition=Q(source__in=DaySource.values), name="dayoverride_source_valid"),
            models.UniqueConstraint(fields=["date", "source"], name="dayoverride_one_per_date_and_source"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} – {self.name}"

    def clean(self) -> None:
        """An admin correction changes what the calendar says of its day before any admin
        row: a make-up working day on a weekend, an extra day off on a weekday, or the
        correction of a library or official day found wrong against the announcement (a
        holiday that is not, a make-up Saturday that was cancelled)."""
        super().clean()
        if self.source != DaySource.ADMIN or self.date is None or self.kind not in OverrideKind.values:
            return
        admin_rows = DayOverride.objects.filter(date=self.date, source=DaySource.ADMIN).exclude(pk=self.pk)
        if admin_rows.exists():
            raise ValidationError({"date": ValidationError(ALREADY_CORRECTED, code="already_corrected")})
        official = DayOverride.objects.filter(date__year=self.date.year, source=DaySource.OFFICIAL)
        calendar = build_calendar([self.date.year], official=official.values_list("date", "kind"))
        worked_before_correction = calendar.is_working_day(self.date)
        if self.kind == OverrideKind.WORKING_DAY and worked_before_correction:
            raise ValidationError({"date": ValidationError(ALREADY_WORKING_DAY, code="already_working_day")})
        if self.kind == OverrideKind.DAY_OFF and not worked_before_correction:
            raise ValidationError({"date": ValidationError(ALREADY_DAY_OFF, code="already_day_off")})
