"""The forms that enter a directive and assign its tasks, at once or later (directives.entry
decides and saves)."""

import json

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nhiemvu.accounts.choices import Role
from nhiemvu.accounts.permissions import is_admin, role_assignments
from nhiemvu.directives.attachments import check_upload
from nhiemvu.directives.choices import DirectiveType, SourceChannel
from nhiemvu.directives.entry import TaskRow, due_after_working_days
from nhiemvu.directives.forms import DateInputField
from nhiemvu.forms import style_widgets
from nhiemvu.tracking import permissions
from nhiemvu.units.forms import UnitPickerField, UnitsPickerField
from nhiemvu.units.models import Field, Unit

MAX_FILES = 10


def assigning_units(user):
    """The units `user` may assign from: those they hold an assigning role in
    (tracking.permissions.can_assign_from); administrators, the top two levels."""
    if is_admin(user):
        return Unit.objects.filter(active_until__isnull=True, parent__parent__isnull=True).order_by("path")
    pks = {a.unit_id for a in role_assignments(user) if a.unit and permissions.can_assign_from(user, a.unit)}
    return Unit.objects.filter(pk__in=pks, active_until__isnull=True).order_by("path")


def tracking_officers(user, units):
    """Who may follow the tasks: the office desks of `units` and the units below them."""
    desks = get_user_model().objects.filter(is_active=True, roles__role=Role.OFFICE_DESK)
    if not is_admin(user):
        within = Q(pk__in=[])
        for unit in units:
            within |= Q(roles__unit__path__startswith=unit.path)
        desks = desks.filter(within)
    return desks.distinct().order_by("last_name", "first_name", "username")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """Several files, each through the attachment checks (directives.attachments)."""

    def __init__(self, **kwargs):
        super().__init__(widget=MultipleFileInput(attrs={"class": "form-control"}), **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("Đính kèm tối đa %(count)s tệp.") % {"count": MAX_FILES})
        errors = []
        for uploaded in files:
            try:
                check_upload(uploaded)
            except forms.ValidationError as error:
                errors.extend(f"{uploaded.name}: {message}" for message in error.messages)
        if errors:
            raise forms.ValidationError(errors)
        return files


class PastedTasksForm(forms.Form):
    """A list of tasks pasted from Word, split into task rows (directives.entry.split_task_list)."""

    paste = forms.CharField(
        label=_("Dán danh sách nhiệm vụ (mỗi dòng một nhiệm vụ)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Số thứ tự đầu dòng (1., a), -) được bỏ đi."),
    )


class DirectiveEntryForm(PastedTasksForm):
    """The directive (seed 003 art. 5.1.a, seed 004 art. 5.1.a) and the unit whose office
    received it and assigns its tasks (its receiving unit: directives.services.register_directive)."""

    assigning_unit = forms.ModelChoiceField(
        label=_("Đơn vị giao nhiệm vụ"),
        queryset=Unit.objects.none(),
        help_text=_("Đơn vị có Văn phòng tiếp nhận văn bản và giao nhiệm vụ."),
    )
    doc_type = forms.ChoiceField(
        label=_("Loại văn bản"),
        required=False,
        choices=[("", _("Theo ký hiệu văn bản")), *DirectiveType.choices],
    )
    number_symbol = forms.CharField(label=_("Số, ký hiệu"), max_length=60)
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=255)
    issued_on = DateInputField(label=_("Ngày ban hành"))
    received_on = DateInputField(label=_("Ngày nhận"), required=False)
    summary = forms.CharField(label=_("Trích yếu"), widget=forms.Textarea(attrs={"rows": 2}))
    signer = forms.CharField(label=_("Người ký"), max_length=150, required=False)
    channel = forms.ChoiceField(
        label=_("Nguồn tiếp nhận"),
        choices=[choice for choice in SourceChannel.choices if choice[0] != SourceChannel.IMPORT],
    )
    files = FilesField(label=_("Tệp đính kèm"), required=False)

    def __init__(self, *args, user, today, **kwargs):
        super().__init__(*args, **kwargs)
        units = assigning_units(user)
        self.fields["assigning_unit"].queryset = units
        if len(units) == 1:
            self.fields["assigning_unit"].initial = units[0]
        self.fields["received_on"].initial = today  # recorded on receipt, as a rule
        style_widgets(self)

    def directive_fields(self) -> dict:
        """The arguments of directives.services.register_directive."""
        data = self.cleaned_data
        names = ["number_symbol", "issuer", "issued_on", "received_on", "summary", "signer", "channel"]
        return {name: data[name] for name in names} | {"doc_type": data["doc_type"] or None}


class AssignTasksForm(PastedTasksForm):
    """Assigning a recorded directive's tasks (seed 003 art. 6.1.b): on behalf of its
    receiving unit when the user may assign from it (no field then), else of one of the
    units they may assign from."""

    assigning_unit = forms.ModelChoiceField(label=_("Đơn vị giao nhiệm vụ"), queryset=Unit.objects.none())

    def __init__(self, *args, user, directive, **kwargs):
        super().__init__(*args, **kwargs)
        receiving = directive.receiving_unit
        if receiving is not None and permissions.can_assign_from(user, receiving):
            self.fixed_unit = receiving
            del self.fields["assigning_unit"]
        else:
            self.fixed_unit = None
            units = assigning_units(user)
            self.fields["assigning_unit"].queryset = units
            if len(units) == 1:
                self.fields["assigning_unit"].initial = units[0]
        style_widgets(self)

    def assigning_from(self) -> Unit:
        return self.fixed_unit or self.cleaned_data["assigning_unit"]


class SharedChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField whose objects are read once for a whole formset (`share`) rather
    than once per row: its <select> and its validation use that list, without a query."""

    def share(self, choices: list, objects: dict) -> None:
        self.choices, self._shared = choices, objects

    def to_python(self, value):
        if value in self.empty_values:
            return None
        key = str(value.pk if isinstance(value, self.queryset.model) else value)
        if key not in self._shared:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        return self._shared[key]


def shared_choices(field: forms.ModelChoiceField, queryset) -> tuple[list, dict]:
    """`field`'s choices among `queryset` and its objects by key, read with one query."""
    objects = list(queryset.all())  # a copy: the field's own queryset keeps no cache
    choices = [("", field.empty_label)] if field.empty_label is not None else []
    choices += [(obj.pk, field.label_from_instance(obj)) for obj in objects]
    return choices, {str(obj.pk): obj for obj in objects}


class TaskRowForm(forms.Form):
    """One task (seed 003 art. 5.1.b–đ): content, lead and coordinating units, tracking desk
    and officer, field, key task, due date (or none)."""

    content = forms.CharField(label=_("Nội dung nhiệm vụ"), widget=forms.Textarea(attrs={"rows": 2}))
    lead_unit = UnitPickerField(label=_("Đơn vị chủ trì"))
    coordinating_units = UnitsPickerField(
        label=_("Đơn vị phối hợp"), required=False, help_text=_("Nhiều đơn vị cách nhau bằng dấu ;")
    )
    tracking_desk = UnitPickerField(label=_("Phòng theo dõi"), required=False)
    tracking_officer = SharedChoiceField(
        label=_("Chuyên viên theo dõi"), queryset=get_user_model().objects.none(), required=False
    )
    field = SharedChoiceField(label=_("Lĩnh vực"), queryset=Field.objects.all(), required=False)
    is_key = forms.BooleanField(label=_("Nhiệm vụ trọng tâm"), required=False)
    due_on = DateInputField(label=_("Hạn xử lý"), required=False, help_text=_("Để trống nếu không có hạn."))
    working_days = forms.IntegerField(
        label=_("+ số ngày làm việc"),
        required=False,
        min_value=0,
        max_value=250,
        help_text=_("Hạn = ngày giao + số ngày làm việc (trừ ngày nghỉ lễ, Tết)."),
    )

    def __init__(self, *args, today, officers, shared=None, **kwargs):
        """`shared`: each SharedChoiceField's (choices, objects), read once for all the rows
        (TaskRowFormSet); a row alone reads its own."""
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["tracking_officer"].queryset = officers
        shared = shared or row_choices(officers)
        for name, (choices, objects) in shared.items():
            self.fields[name].share(choices, objects)
        self.fields["working_days"].widget.attrs.update(
            {
                "hx-get": reverse("directive_due_date"),
                "hx-trigger": "change",
                "hx-target": f"#{self.prefix}-due-box",
                "hx-vals": json.dumps({"row": self.prefix}),
            }
        )
        style_widgets(self)

    def clean(self):
        cleaned = super().clean()
        days = cleaned.get("working_days")
        if cleaned.get("due_on") is None and days is not None:
            try:
                cleaned["due_on"] = due_after_working_days(self.today, days)
            except ValueError:
                self.add_error("working_days", _("Hạn xử lý nằm ngoài lịch ngày làm việc đã có."))
        return cleaned

    def task_row(self) -> TaskRow:
        data = self.cleaned_data
        return TaskRow(
            content=data["content"],
            lead_unit=data["lead_unit"],
            due_on=data["due_on"],
            coordinating_units=data["coordinating_units"],
            tracking_desk=data["tracking_desk"],
            tracking_officer=data["tracking_officer"],
            field=data["field"],
            is_key=data["is_key"],
        )


def row_choices(officers) -> dict:
    """The choices of a task row's <select>s: the tracking officers among `officers`, the fields."""
    fields = TaskRowForm.base_fields
    return {
        "tracking_officer": shared_choices(fields["tracking_officer"], officers),
        "field": shared_choices(fields["field"], fields["field"].queryset),
    }


class BaseTaskRowFormSet(forms.BaseFormSet):
    """Task rows sharing their <select>s' choices: two queries for the formset, not two a row."""

    def __init__(self, *args, form_kwargs=None, **kwargs):
        form_kwargs = dict(form_kwargs or {})
        if "officers" in form_kwargs:
            form_kwargs.setdefault("shared", row_choices(form_kwargs["officers"]))
        super().__init__(*args, form_kwargs=form_kwargs, **kwargs)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["DELETE"].widget.attrs["class"] = "form-check-input"


TaskRowFormSet = forms.formset_factory(
    TaskRowForm,
    formset=BaseTaskRowFormSet,
    # One row to start with; a row left empty is no task, and a directive may be recorded
    # without any (directives.entry.enter_directive).
    extra=1,
    can_delete=True,
    max_num=200,
    absolute_max=200,
)
