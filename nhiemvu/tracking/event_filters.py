"""The task list behind the figures the reports count from the task events rather than from
a task's state: the results recorded late (reports.delays, seed 001: more than 2 working days
after the due date), the completions recorded after a report's moment (seed 002: "đã hoàn
thành nhưng không theo dõi cập nhật") and the returns to the assigning unit (reports.urgings,
seed 003 art. 6.2). Each runs the report's own query, so the list behind a figure holds the
tasks it counts (a task counted twice, recorded late or returned twice, is listed once). And
the narrative report's corrected figures (seed 002: the day of the moment by effective dates,
with what was recorded since), by the corrections that report applies (reports.delays).

Each names its unit as the report does: the unit that led the task when the result was
recorded or the task returned, or when the report's moment came; the list's `unit` (and
`subunits`) is passed to them instead of being judged on the task's state.
"""

from datetime import date, datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nhiemvu.dates import EARLIEST_DATE
from nhiemvu.reports import urgings
from nhiemvu.reports.delays import completed_after, corrections, late_completions, late_result_tasks
from nhiemvu.reports.services import COUNT_COLUMNS, COUNTED, TIMELINESS_GROUPS, known_condition
from nhiemvu.tracking.filter_fields import DayFilter, MomentFilter


class EventFilters(django_filters.FilterSet):
    """The parameters, which TaskFilterSet takes (hidden: a list reached from a report keeps
    them when filtered further); its filter_queryset applies them through `filtered`."""

    recorded_late_from = DayFilter(
        label=gettext_lazy("Cập nhật kết quả chậm từ ngày"), method="filter_noop", widget=forms.HiddenInput
    )
    recorded_late_to = DayFilter(
        label=gettext_lazy("Cập nhật kết quả chậm đến ngày"), method="filter_noop", widget=forms.HiddenInput
    )
    recorded_after_until = MomentFilter(
        label=gettext_lazy("Hoàn thành nhưng cập nhật sau thời điểm lấy số liệu, đến"),
        method="filter_noop",
        widget=forms.HiddenInput,
    )
    corrected_until = MomentFilter(
        label=gettext_lazy("Hiệu chỉnh theo ngày hiệu lực, tính các cập nhật đến"),
        method="filter_noop",
        widget=forms.HiddenInput,
    )
    completed_late_from = DayFilter(
        label=gettext_lazy("Hoàn thành trễ hạn từ ngày"), method="filter_noop", widget=forms.HiddenInput
    )
    completed_late_to = DayFilter(
        label=gettext_lazy("Hoàn thành trễ hạn đến ngày"), method="filter_noop", widget=forms.HiddenInput
    )
    returned_from = DayFilter(
        label=gettext_lazy("Chuyển trả từ ngày"), method="filter_noop", widget=forms.HiddenInput
    )
    returned_to = DayFilter(
        label=gettext_lazy("Chuyển trả đến ngày"), method="filter_noop", widget=forms.HiddenInput
    )

    def filter_noop(self, queryset, name, value):
        return queryset  # applied together in filter_queryset


PARAMETERS = (
    "recorded_late_from",
    "recorded_late_to",
    "completed_late_from",
    "completed_late_to",
    "recorded_after_until",
    "returned_from",
    "returned_to",
)
LAST_DATE = date(9999, 12, 31)


def asked(data: dict) -> bool:
    return any(data.get(name) for name in PARAMETERS)


def check(data: dict, *, now: datetime) -> tuple[str, forms.ValidationError] | None:
    """What is wrong with the parameters, if anything, and the field it is said on: the
    completions recorded after a moment, and the corrections, are those recorded after
    `as_of` by a later moment."""
    for name in ("recorded_after_until", "corrected_until"):
        until = data.get(name)
        if until is None:
            continue
        if data.get("as_of") is None:
            return name, forms.ValidationError(
                _("Cần nhập thời điểm lấy số liệu (as_of) cùng với thời điểm cập nhật sau.")
            )
        if until < data["as_of"] or until > now:
            return name, forms.ValidationError(
                _("Thời điểm cập nhật sau phải từ thời điểm lấy số liệu đến thời điểm hiện tại.")
            )
    return None


def corrected(queryset, data: dict, *, state: Q, units):
    """The tasks of `queryset` whose state matched `state` (a timeliness, default all five
    classes, the unit) on the day of `as_of` by effective dates, with what was recorded up to
    `corrected_until`: the narrative report's corrected figures, moved by its own corrections
    (reports.delays.corrections), over the period of assignment, by the lead units `units`.
    A task the corrections move is judged by them, the others as known at `as_of`."""
    scope = {
        "date_from": data.get("assigned_from") or EARLIEST_DATE,
        "date_to": data.get("assigned_to") or LAST_DATE,
        "as_of": data["as_of"],
        "made_at": data["corrected_until"],
    }
    asked = data.get("timeliness") or COUNTED
    classes = COUNT_COLUMNS if asked == COUNTED else TIMELINESS_GROUPS.get(asked, (asked,))
    unrecorded = completed_after(**scope, tasks=queryset, lead_units=units)
    moved, added = set(), set()
    for task_id, _unit_id, was, now in corrections(unrecorded, **scope, tasks=queryset, lead_units=units):
        if was is not None:
            moved.add(task_id)
        if now in classes:
            added.add(task_id)
    known = known_condition(state, as_of=data["as_of"]) & ~Q(pk__in=moved)
    return queryset.filter(known | Q(pk__in=added))


def filtered(queryset, data: dict, *, units, now: datetime):
    """`queryset` narrowed to the tasks of the events asked for in `data` (the FilterSet's
    cleaned data), by the lead units `units` (None: any)."""
    moment = data.get("as_of") or now
    if data.get("recorded_late_from") or data.get("recorded_late_to"):
        ids = late_result_tasks(
            recorded_from=data.get("recorded_late_from") or EARLIEST_DATE,
            recorded_to=data.get("recorded_late_to") or timezone.localdate(moment),
            as_of=moment,
            tasks=queryset,
            lead_units=units,
        )
        queryset = queryset.filter(pk__in=ids)
    if data.get("recorded_after_until"):
        unrecorded = completed_after(
            date_from=data.get("assigned_from") or EARLIEST_DATE,
            date_to=data.get("assigned_to") or LAST_DATE,
            as_of=data["as_of"],
            made_at=data["recorded_after_until"],
            tasks=queryset,
            lead_units=units,
        )
        queryset = queryset.filter(pk__in=list(unrecorded))
    if data.get("completed_late_from") or data.get("completed_late_to"):
        late = late_completions(
            first=data.get("completed_late_from") or EARLIEST_DATE,
            last=data.get("completed_late_to") or LAST_DATE,
            as_of=moment,
            tasks=queryset,
            lead_units=units,
        )
        queryset = queryset.filter(pk__in=late.values("task"))
    if data.get("returned_from") or data.get("returned_to"):
        returned = urgings.returns(
            units,
            queryset,
            date_from=data.get("returned_from") or EARLIEST_DATE,
            date_to=data.get("returned_to") or LAST_DATE,
            as_of=moment,
        )
        queryset = queryset.filter(pk__in=returned.values("task"))
    return queryset
