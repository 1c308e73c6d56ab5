"""The dashboard's period form."""

from dataclasses import dataclass
from datetime import date, datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nhiemvu.dates import DATE_INPUT_FORMATS
from nhiemvu.forms import AsOfField, DayField, not_too_early
from nhiemvu.reports.forms import AsOfChecked

DATE_FORMATS = DATE_INPUT_FORMATS


@dataclass(frozen=True)
class Period:
    """What the per-unit table is asked for: tasks assigned in [date_from, date_to], as the
    system knew them at `as_of` (domain.md, "Two times on every event")."""

    date_from: date
    date_to: date
    as_of: datetime
    live: bool = True  # `as_of` is now: no past moment was asked for


class PeriodForm(AsOfChecked, forms.Form):
    """Period and moment of the per-unit table (seed 000 appendix 02)."""

    date_from = DayField(
        label=_("Giao từ ngày"),
        input_formats=DATE_FORMATS,
    )
    date_to = DayField(
        label=_("Đến ngày"),
        input_formats=DATE_FORMATS,
    )
    as_of = AsOfField()

    def __init__(self, data=None, *, now: datetime, **kwargs):
        self.now = now
        today = timezone.localdate(now)
        initial = {"date_from": date(today.year, 1, 1), "date_to": date(today.year, 12, 31)}
        super().__init__(data, initial=initial, **kwargs)

    def clean_date_from(self):
        return not_too_early(self.cleaned_data["date_from"])

    def clean_date_to(self):
        return not_too_early(self.cleaned_data["date_to"])

    def clean_as_of(self):
        moment = super().clean_as_of()
        if moment is not None:
            not_too_early(moment.date())
        return moment

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("date_from"), cleaned.get("date_to")
        if first and last and first > last:
            self.add_error(
                "date_to",
                forms.ValidationError(_("Ngày kết thúc phải bằng hoặc sau ngày bắt đầu."), code="reversed"),
            )
        return cleaned

    def period(self) -> Period | None:
        """The period asked for; the current year, now, when nothing was asked; None when the
        input is invalid (the form then carries the errors)."""
        if not self.is_bound:
            return Period(self.initial["date_from"], self.initial["date_to"], self.now)
        if not self.is_valid():
            return None
        data = self.cleaned_data
        return Period(
            data["date_from"], data["date_to"], data["as_of"] or self.now, live=data["as_of"] is None
        )
