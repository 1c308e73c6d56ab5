"""The task list's day and moment filters, typed day first: shared by the task list's
FilterSet (tracking.filters), its filters on the task events (tracking.event_filters) and the
forms that ask for a day the same way (reports, urging)."""

from datetime import datetime, time

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nhiemvu.dates import EARLIEST_DATE, MOMENT_INPUT_FORMATS
from nhiemvu.forms import DayField, MomentInput


class DayFilterField(DayField):
    """A day typed day first, refusing the years nobody means (before 1900)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("error_messages", {"invalid": _("Ngày không hợp lệ (nhập theo dạng dd/mm/yyyy).")})
        super().__init__(**kwargs)

    def to_python(self, value):
        day = super().to_python(value)
        if day is not None and day < EARLIEST_DATE:
            raise forms.ValidationError(
                _("Ngày phải từ %(day)s trở về sau.") % {"day": f"{EARLIEST_DATE:%d/%m/%Y}"}
            )
        return day


class DayFilter(django_filters.DateFilter):
    field_class = DayFilterField


class MomentField(forms.DateTimeField):
    """A moment "27/12/2018 15:30" (or ISO); a day alone means the end of that day."""

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", MOMENT_INPUT_FORMATS)
        kwargs.setdefault("widget", MomentInput)
        kwargs.setdefault(
            "error_messages", {"invalid": _("Thời điểm không hợp lệ (nhập theo dạng dd/mm/yyyy hh:mm).")}
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        text = value.strip() if isinstance(value, str) else value
        if isinstance(text, str) and text and ":" not in text:
            day = DayFilterField().to_python(text)
            return timezone.make_aware(datetime.combine(day, time.max))
        moment = super().to_python(value)
        if moment is not None and moment.date() < EARLIEST_DATE:
            raise forms.ValidationError(
                _("Ngày phải từ %(day)s trở về sau.") % {"day": f"{EARLIEST_DATE:%d/%m/%Y}"}
            )
        return moment


class MomentFilter(django_filters.Filter):
    field_class = MomentField
