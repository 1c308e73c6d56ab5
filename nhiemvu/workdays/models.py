"""Admin corrections to the working-day calendar."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nhiemvu.workdays.calendar import build_calendar
from nhiemvu.workdays.choices import OverrideKind

ALREADY_WORKING_DAY = _(
    "Theo lịch nghỉ lễ, ngày này vốn đã là ngày làm việc: chỉ nhập ngày làm việc cho một ngày "
    "nghỉ (thứ Bảy, Chủ nhật hoặc ngày lễ cần sửa)."
)
ALREADY_DAY_OFF = _(
    "Theo lịch nghỉ lễ, ngày này vốn đã là ngày nghỉ: chỉ nhập ngày nghỉ cho một ngày làm việc "
    "(thứ Hai đến thứ Sáu, hoặc ngày làm bù cần bỏ)."
)


class DayOverride(models.Model):
    """An official day off or make-up working day that the `holidays` library does not know,
    or a correction of a day the library has wrong.

    The library covers the statutory holidays and a fixed table of past day swaps; later
    announcements (an extra day off, a Saturday worked in exchange) are entered here, each
    with the document that announced it, and win over the library (calendar.build_calendar).
    """

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=20, choices=OverrideKind.choices)
    name = models.CharField(_("tên ngày"), max_length=200, help_text=_("Ví dụ: Nghỉ bù Tết Nguyên đán"))
    legal_basis = models.CharField(
        _("căn cứ"),
        max_length=255,
        help_text=_("Văn bản thông báo, ví dụ: Thông báo 6150/TB-LĐTBXH"),
    )
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("ngày điều chỉnh lịch làm việc")
        verbose_name_plural = _("ngày điều chỉnh lịch làm việc")
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=OverrideKind.values), name="dayoverride_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} – {self.name}"

    def clean(self) -> None:
        """An override changes what the `holidays` library says of its day: a make-up
        working day on a weekend, an extra day off on a weekday, or the correction of a
        library day found wrong against the official announcement (a holiday that is not,
        a make-up Saturday that was cancelled)."""
        super().clean()
        if self.date is None or self.kind not in OverrideKind.values:
            return
        worked_per_library = build_calendar([self.date.year], []).is_working_day(self.date)
        if self.kind == OverrideKind.WORKING_DAY and worked_per_library:
            raise ValidationError({"date": ValidationError(ALREADY_WORKING_DAY, code="already_working_day")})
        if self.kind == OverrideKind.DAY_OFF and not worked_per_library:
            raise ValidationError({"date": ValidationError(ALREADY_DAY_OFF, code="already_day_off")})
