"""Admin corrections to the working-day calendar."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nhiemvu.workdays.calendar import is_weekend
from nhiemvu.workdays.choices import OverrideKind

WORKING_DAY_ON_WEEKDAY = _("Ngày làm bù phải là thứ Bảy hoặc Chủ nhật; ngày thường vốn đã là ngày làm việc.")
DAY_OFF_ON_WEEKEND = _(
    "Ngày nghỉ bù, nghỉ thêm phải là ngày từ thứ Hai đến thứ Sáu; thứ Bảy, Chủ nhật vốn đã là ngày nghỉ."
)


class DayOverride(models.Model):
    """An official day off or make-up working day that the `holidays` library does not know.

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
        """A make-up working day replaces a weekend day; an extra day off replaces a weekday."""
        super().clean()
        if self.date is None:
            return
        if self.kind == OverrideKind.WORKING_DAY and not is_weekend(self.date):
            raise ValidationError(
                {"date": ValidationError(WORKING_DAY_ON_WEEKDAY, code="working_day_on_weekday")}
            )
        if self.kind == OverrideKind.DAY_OFF and is_weekend(self.date):
            raise ValidationError({"date": ValidationError(DAY_OFF_ON_WEEKEND, code="day_off_on_weekend")})
