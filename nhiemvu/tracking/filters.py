"""The one FilterSet of the task list: behind the page, its htmx fragment and the .xlsx export."""

from collections import OrderedDict
from datetime import datetime, time

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, TextField, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from nhiemvu.accounts import permissions as account_permissions
from nhiemvu.accounts.choices import Role
from nhiemvu.accounts.models import User
from nhiemvu.directives.models import Directive
from nhiemvu.reports.services import COUNTED, known_at, timeliness_condition, validate_as_of
from nhiemvu.text import search_key
from nhiemvu.tracking import event_filters
from nhiemvu.tracking import permissions as task_permissions
from nhiemvu.tracking.choices import NOT_COUNTED, Lifecycle, Timeliness
from nhiemvu.tracking.filter_fields import (
    CopiedPerRequest,
    DayFilter,
    ListedChoiceFilter,
    MomentFilter,
    NullsLastOrdering,
    NumberInFilter,
    UnitFilter,
)
from nhiemvu.tracking.models import Task
from nhiemvu.units.models import Field, Unit
from nhiemvu.web.counts import cached, scope_key

_INVALID_CHOICE = {
    "invalid_choice": _("Giá trị không có trong danh sách: %(value)s."),
}


def _widget_class(widget) -> str:
    if isinstance(widget, forms.CheckboxInput):
        return "form-check-input"
    return (
        "form-select form-select-sm" if isinstance(widget, forms.Select) else "form-control form-control-sm"
    )


def matching(queryset, words, *, indexed: bool = True):
    """The tasks whose search column holds every word, anywhere ("ke hoach" finds "Kế hoạch",
    "1196/ubnd" the directive 1196/UBND-TH). `indexed=False` writes the same test on an
    expression no index serves, for a list short enough to be read whole: PostgreSQL would
    otherwise combine it with the trigram index, whose bitmap for a common word holds 160,000
    rows at 1M tasks (50–100 ms) however few tasks the rest of the filter leaves."""
    column = "search_text"
    if not indexed and words:
        # COALESCE hands the column's value on as it is; a concatenation (Concat) copied each
        # row's text once a word (a province's 21,000 tasks searched: ~30 against ~25 ms).
        queryset = queryset.alias(search_scanned=Coalesce("search_text", Value(""), output_field=TextField()))
        column = "search_scanned"
    for word in words:
        queryset = queryset.filter(**{f"{column}__contains": word})
    return queryset


# The filter form's classes by scope and language (TaskFilterSet.get_form_class), apart from
# the counts' cache (web.counts) so as not to push them out.
_FORM_CLASSES: OrderedDict = OrderedDict()


class TaskFilterSet(event_filters.EventFilters):
    """The task list's filters. Every parameter is plain text, so any figure can link here:

    - `unit=<id>`: tasks of that unit; `subunits=1` with the units below it; `role=lead`
      (default: the unit leads the task) or `role=coordinating` (it coordinates it);
    - `timeliness=<class>`: `done_on_time`, `done_late`, `open_not_due`, `open_no_deadline`
      or `open_overdue`, the report's five classes (reports.services.timeliness_conditions:
      the same conditions the report counts with); cancelled and returned tasks belong to
      none, as in the report; `timeliness=counted`: a task of any of the five (the report's
      total: all but the cancelled and returned); `done`, `open`, `open_within_deadline`,
      `come_due`: the unions the narrative report prints (reports.services.TIMELINESS_GROUPS);
    - `recorded_late_from`, `recorded_late_to` (days): the tasks whose result was recorded on
      those days more than 2 working days after the due date (seed 001), by the moment (as_of,
      or now), the unit being the one that recorded it; `recorded_after_until=<moment>` with
      `as_of`: the tasks open then, completed by its day but recorded after it, up to that
      moment (seed 002), over the period of assignment; `corrected_until=<moment>` with
      `as_of`: the timeliness (default: `counted`) on the day of `as_of` by effective dates,
      with what was recorded up to that moment, as the corrected narrative report counts it
      (seed 002), over the period of assignment; `returned_from`, `returned_to`
      (days): the tasks returned to their assigner on those days (seed 003 art. 6.2) as
      recorded by the moment, the unit being the one that returned them (tracking.event_filters);
    - `on=dd/mm/yyyy`: the day timeliness is judged on (default today), on the current data;
    - `as_of=dd/mm/yyyy hh:mm` (or a day alone: its end; today: now): a past moment; unit, timeliness
      and lifecycle are then judged on what the system knew at that moment, as the
      per-unit report "as of" it counts (reports.services.known_at), and `on` is its day;
    - `lifecycle=<state>`: `not_started`, `in_progress`, `extension_requested`, `returned`,
      `completed`, `cancelled`;
    - `assigned_from`, `assigned_to`: the period of assignment; `due_from`, `due_to`: the
      due date in force; all dd/mm/yyyy (or yyyy-mm-dd);
    - `assigner=<unit id>,<unit id>…`: the tasks those units assigned (appendix 01's);
    - `directive=<id>`, `desk=<unit id>`, `officer=<user id>`, `field=<id>`, `key=1`;
    - `q=<words>`: every word in the content or the directive's number/symbol, without
      regard to case or diacritics ("ke hoach" finds "Kế hoạch");
    - `sort`: `assigned`, `due`, `percent`, `unit`, each with `-` for descending
      (default `-assigned`); `page=<n>`.

    So the per-unit report's figure "Sở NN, completed late, tasks of 2018, as of
    27/12/2018 15:30" is `?unit=7&timeliness=done_late&assigned_from=01/01/2018
    &assigned_to=31/12/2018&as_of=27/12/2018 15:30`.
    """

    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_noop")
    unit = UnitFilter(
        label=_("Đơn vị"),
        queryset=Unit.objects.none(),
        method="filter_noop",
        empty_label=_("Tất cả"),
        error_messages=_INVALID_CHOICE,
    )
    subunits = django_filters.BooleanFilter(
        label=_("Gồm đơn vị cấp dưới"), method="filter_noop", widget=forms.CheckboxInput
    )
    role = django_filters.ChoiceFilter(
        label=_("Vai trò của đơn vị"),
        choices=[("lead", _("Chủ trì")), ("coordinating", _("Phối hợp"))],
        empty_label=None,
        method="filter_noop",
        error_messages=_INVALID_CHOICE,
    )
    timeliness = django_filters.ChoiceFilter(
        label=_("Tình hình thực hiện"),
        choices=[
            (COUNTED, _("Tất cả, trừ nhiệm vụ đã hủy, trả lại")),
            *Timeliness.choices,
            ("done", _("Đã hoàn thành")),
            ("open", _("Chưa hoàn thành")),
            ("open_within_deadline", _("Chưa hoàn thành, trong hạn hoặc không hạn")),
            ("come_due", _("Đã đến hạn (đã hoàn thành hoặc trễ hạn)")),
        ],
        empty_label=_("Tất cả"),
        method="filter_noop",
        error_messages=_INVALID_CHOICE,
    )
    on = DayFilter(label=_("Tính đến ngày"), method="filter_noop")
    as_of = MomentFilter(
        label=_("Số liệu tại thời điểm"),
        method="filter_noop",
        widget=forms.TextInput(attrs={"placeholder": _("dd/mm/yyyy hh:mm")}),
    )
    lifecycle = django_filters.ChoiceFilter(
        label=_("Trạng thái"),
        choices=Lifecycle.choices,
        empty_label=_("Tất cả"),
        method="filter_noop",
        error_messages=_INVALID_CHOICE,
    )
    assigned_from = DayFilter(label=_("Giao từ ngày"), field_name="assigned_on", lookup_expr="gte")
    assigned_to = DayFilter(label=_("Giao đến ngày"), field_name="assigned_on", lookup_expr="lte")
    due_from = DayFilter(label=_("Hạn từ ngày"), field_name="due_in_force", lookup_expr="gte")
    due_to = DayFilter(label=_("Hạn đến ngày"), field_name="due_in_force", lookup_expr="lte")
    assigner = NumberInFilter(
        label=_("Đơn vị giao"), field_name="assigning_unit", lookup_expr="in", widget=forms.HiddenInput
    )
    directive = django_filters.ModelChoiceFilter(
        label=_("Văn bản chỉ đạo"),
        queryset=Directive.objects.none(),
        widget=forms.HiddenInput,
        error_messages=_INVALID_CHOICE,
    )
    desk = UnitFilter(
        label=_("Phòng theo dõi"),
        field_name="tracking_desk",
        queryset=Unit.objects.none(),
        empty_label=_("Tất cả"),
        error_messages=_INVALID_CHOICE,
    )
    officer = ListedChoiceFilter(
        label=_("Chuyên viên theo dõi"),
        field_name="tracking_officer",
        queryset=User.objects.none(),
        empty_label=_("Tất cả"),
        error_messages=_INVALID_CHOICE,
    )
    field = ListedChoiceFilter(
        label=_("Lĩnh vực"),
        queryset=Field.objects.order_by("name"),
        empty_label=_("Tất cả"),
        error_messages=_INVALID_CHOICE,
    )
    key = django_filters.BooleanFilter(
        label=_("Nhiệm vụ trọng tâm"), field_name="is_key", method="filter_key", widget=forms.CheckboxInput
    )
    sort = NullsLastOrdering(
        label=_("Sắp xếp"),
        empty_label=_("Mới giao trước"),
        fields=(
            ("assigned_on", "assigned"),
            ("due_in_force", "due"),
            ("percent", "percent"),
            ("lead_unit__name", "unit"),
        ),
        # Ascending labels by column, descending by parameter (django-filter's convention);
        # django-filter has no Vietnamese catalogue, so every label is ours.
        field_labels={
            "assigned_on": _("Ngày giao, cũ trước"),
            "-assigned": _("Ngày giao, mới trước"),
            "due_in_force": _("Hạn xử lý, sớm trước"),
            "-due": _("Hạn xử lý, muộn trước"),
            "percent": _("Tiến độ, thấp trước"),
            "-percent": _("Tiến độ, cao trước"),
            "lead_unit__name": _("Đơn vị chủ trì, A–Z"),
            "-unit": _("Đơn vị chủ trì, Z–A"),
        },
        error_messages=_INVALID_CHOICE,
    )

    # Shown folded on a phone unless one of them is set.
    MORE_FILTERS = (
        "on",
        "as_of",
        "lifecycle",
        "key",
        "assigned_from",
        "assigned_to",
        "due_from",
        "due_to",
        "field",
        "desk",
        "officer",
        "sort",
    )

    class Meta:
        model = Task
        fields = []

    @classmethod
    def get_filters(cls):
        return CopiedPerRequest(super().get_filters())

    def __init__(self, data=None, queryset=None, *, request, now: datetime, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        self.now = now

    def get_form_class(self):
        """The form class, built once per scope, language and whether a directive is asked
        for, not on every request: its fields hold only lazy querysets (each form copies and
        evaluates its own), so one class serves every request of that key. With the filters'
        shallow copies (CopiedPerRequest), the FilterSet took 3.7 ms a request instead of
        8.1 ms on the small demo (in process, load ~3)."""
        key = (
            "task_filter_form",
            scope_key(self.request.user),
            get_language(),
            bool(self.data.get("directive")),
        )
        return cached(key, self._build_form_class, _FORM_CLASSES)

    def _build_form_class(self):
        user = self.request.user
        scope = account_permissions.unit_scope(user)
        units = (
            Unit.objects.order_by("path") if scope is None else Unit.objects.filter(scope).order_by("path")
        )
        self.filters["unit"].queryset = units
        self.filters["desk"].queryset = units
        if self.data.get("directive"):
            # Only to check the one asked for: a hidden field, no list of choices to draw,
            # and the visibility filter costs a scope of its own on every page.
            self.filters["directive"].queryset = Directive.objects.visible_to(user)
        self.filters["officer"].queryset = (
            User.objects.filter(roles__role=Role.OFFICE_DESK, roles__unit__in=units)
            .distinct()
            .order_by("last_name", "first_name")
        )
        # Labels in the request's language (django-filter builds them once, at import).
        self.filters["sort"].extra["choices"] = self.filters["sort"].choices_in_language()
        form_class = super().get_form_class()
        for form_field in form_class.base_fields.values():
            form_field.widget.attrs.setdefault("class", _widget_class(form_field.widget))
        return form_class

    def more_filters_set(self) -> bool:
        return any(self.data.get(name) for name in self.MORE_FILTERS)

    def filter_key(self, queryset, name, value):
        return queryset.filter(is_key=True) if value else queryset

    def words(self) -> list[str]:
        """The words of the free text as the search column holds them (valid forms only)."""
        return search_key(self.form.cleaned_data.get("q") or "").split()

    @property
    def unsearched(self):
        """The list, ordered, with every filter but the free text (tracking.paging chooses how
        to apply it: `matching`)."""
        # Newest first by default; the id breaks ties so that pages never repeat a row.
        queryset = super().qs
        ordering = list(queryset.query.order_by) or ["-assigned_on"]
        return queryset.order_by(*ordering, "-id")

    @property
    def qs(self):
        return matching(self.unsearched, self.words())

    def moment(self):
        """The moment asked for, or None for now (valid forms only)."""
        return self.form.cleaned_data.get("as_of")

    def judging_day(self):
        data = self.form.cleaned_data
        if data.get("as_of"):
            return timezone.localdate(data["as_of"])
        return data.get("on") or timezone.localdate(self.now)

    # Whether the list keeps the tasks of some units only (filter_queryset): the task list
    # then walks a long list on SQLite (tracking.views).
    narrowed_to_units = False

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        events, units = event_filters.asked(data), None
        if (
            data.get("unit")
            and not events
            and data.get("role") != "coordinating"
            and task_permissions.sees_every_task_led_within(self.request.user, data["unit"])
        ):
            # The lead units asked for are all within the user's sight: their condition below
            # implies the scope. Under the scope's bitmap OR, a province desk's own province
            # sorted all its 21,000 tasks, testing each against the subtree's ids (30–40 ms
            # at 1M); alone, the condition lets the planner walk them newest first (0.7 ms).
            queryset = Task.objects.all()
        queryset = super().filter_queryset(queryset)
        state = Q()
        if data.get("unit"):
            unit = data["unit"]
            lookup = {"path__startswith": unit.path} if data.get("subunits") else {"pk": unit.pk}
            # The events' queries, and the corrections, name the unit as their report does.
            units = Unit.objects.filter(**lookup)
            if not events and data.get("role") == "coordinating":
                through = Task.coordinating_units.through.objects.filter(
                    task=OuterRef("pk"), **{f"unit__{key}": value for key, value in lookup.items()}
                )
                queryset = queryset.filter(Exists(through))
            elif not events and data.get("subunits"):
                # The subtree's ids as values, read first: the planner then knows from its
                # statistics how many tasks they lead (a subquery's ids it takes for a few):
                # a national user's province is walked newest first (0.8 ms at 1M, against
                # a sort of its 21,000 tasks), and a join on the path let it scan the whole
                # table for a free text it took to be rare (250 ms).
                # The root's subtree holds every unit: no condition (5,000 ids to test for none).
                # Below a root, its parent is missing from it: not counted.
                ids = list(units.values_list("pk", flat=True))
                if unit.parent_id is not None or len(ids) < Unit.objects.count():
                    state &= Q(lead_unit_id__in=ids)
                    self.narrowed_to_units = True
            elif not events:
                state &= Q(lead_unit_id=unit.pk)
                self.narrowed_to_units = True
        if events:
            queryset = event_filters.filtered(queryset, data, units=units, now=self.now)
        if data.get("timeliness") or data.get("corrected_until"):
            if (data.get("timeliness") or COUNTED) != COUNTED:
                state &= timeliness_condition(data["timeliness"], self.judging_day())
            state &= ~Q(lifecycle__in=NOT_COUNTED)
        if data.get("lifecycle"):
            state &= Q(lifecycle=data["lifecycle"])
        if data.get("corrected_until"):
            return event_filters.corrected(queryset, data, state=state, units=units)
        if not state and not data.get("as_of"):
            return queryset
        return known_at(queryset, state, as_of=data.get("as_of"))

    def is_valid(self):
        valid = super().is_valid()
        moment = self.form.cleaned_data.get("as_of") if valid else None
        if moment is not None and moment.time() == time.max and moment.date() == timezone.localdate(self.now):
            # Today alone: the end of the day is not known yet, now is.
            moment = self.form.cleaned_data["as_of"] = self.now
        if moment is not None:
            try:
                validate_as_of(moment, now=self.now)
            except forms.ValidationError as error:
                self.form.add_error("as_of", error)
                return False
        problem = event_filters.check(self.form.cleaned_data, now=self.now) if valid else None
        if problem is not None:
            self.form.add_error(*problem)
            return False
        return valid
