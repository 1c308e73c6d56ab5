"""The task list's day and moment filters, typed day first: shared by the task list's
FilterSet (tracking.filters), its filters on the task events (tracking.event_filters) and the
forms that ask for a day the same way (reports, urging); and its other filters' machinery.
"""

import copy
from collections import OrderedDict
from datetime import datetime, time

import django_filters
from django import forms
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nhiemvu.dates import MOMENT_INPUT_FORMATS
from nhiemvu.forms import DayField, ListedChoiceField, MomentInput, not_too_early
from nhiemvu.units.forms import PickedUnitField


class DayFilterField(DayField):
    """A day typed day first, refusing the years nobody means (before 1900)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("error_messages", {"invalid": _("Ngày không hợp lệ (nhập theo dạng dd/mm/yyyy).")})
        super().__init__(**kwargs)

    def to_python(self, value):
        day = super().to_python(value)
        return None if day is None else not_too_early(day)


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
        if moment is not None:
            not_too_early(moment.date())
        return moment


class MomentFilter(django_filters.Filter):
    field_class = MomentField


class NullsLastOrdering(django_filters.OrderingFilter):
    """Tasks without a due date (or a value) last, both ways, on both databases; the labels
    kept to be built again in each request's language (choices_in_language)."""

    def __init__(self, *args, **kwargs):
        self.labels = dict(kwargs.get("field_labels", {}))
        super().__init__(*args, **kwargs)

    def choices_in_language(self):
        fields = {column: param for param, column in self.param_map.items()}
        return self.build_choices(fields, self.labels)

    def get_ordering_value(self, param):
        descending = param.startswith("-")
        column = F(self.param_map[param.lstrip("-")])
        return column.desc(nulls_last=True) if descending else column.asc(nulls_last=True)


class ListedChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = ListedChoiceField


class UnitFilter(django_filters.ModelChoiceFilter):
    """A unit chosen with the picker (a <select> of a national scope's 5,000 units weighed
    780 KiB a page); links keep `unit=<id>`."""

    field_class = PickedUnitField


class NumberInFilter(django_filters.BaseInFilter, django_filters.NumberFilter):
    """Ids separated by commas: `assigner=1,2`."""


class CopiedPerRequest(OrderedDict):
    """A FilterSet's base filters whose deep copy, which django-filter makes for every
    request, is a shallow copy of each filter with its own `extra` and its method bound to
    the copy: what a request changes (its parent, model, queryset, choices, its form field).
    The filters' querysets, widgets and lazy labels are never changed; deep-copying them
    took 2.3 ms a request on the small demo (~860 deepcopy calls), this 0.4 ms."""

    def __deepcopy__(self, memo):
        copies = OrderedDict()
        for name, base in self.items():
            own = copy.copy(base)
            own.extra = dict(base.extra)
            if base.method is not None:
                own.method = base.method  # a FilterMethod resolving on the copy's parent
            copies[name] = own
        return copies
