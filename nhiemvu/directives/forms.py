"""Forms of the directive register and of the secret register."""

from datetime import date

from django import forms
from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext_lazy as _

from nhiemvu.directives.choices import DirectiveType
from nhiemvu.directives.models import SecretEntry
from nhiemvu.forms import DayField, style_widgets
from nhiemvu.units.models import Unit

# Dates outside the era of the system are typing mistakes.
EARLIEST, LATEST = date(1945, 9, 2), date(2100, 12, 31)


class DateInputField(DayField):
    """A dd/mm/yyyy date within the era of the system."""

    def validate(self, value):
        super().validate(value)
        if value and not EARLIEST <= value <= LATEST:
            raise forms.ValidationError(_("Ngày phải trong khoảng 1945–2100."))


class OpenTasks(models.TextChoices):
    ANY = "", _("Tất cả")
    OPEN = "open", _("Còn nhiệm vụ chưa hoàn thành")
    NONE_OPEN = "none_open", _("Không còn nhiệm vụ chưa hoàn thành")


class RegisterFilterForm(forms.Form):
    """The register's filters, in the GET query string so that a filtered list can be bookmarked."""

    q = forms.CharField(
        label=_("Tìm kiếm"),
        required=False,
        max_length=200,
        help_text=_("Số, ký hiệu, trích yếu hoặc cơ quan ban hành; gõ có dấu hay không dấu đều được."),
    )
    doc_type = forms.ChoiceField(
        label=_("Loại văn bản"), required=False, choices=[("", _("Tất cả")), *DirectiveType.choices]
    )
    issued_from = DateInputField(label=_("Ban hành từ ngày"), required=False)
    issued_to = DateInputField(label=_("Ban hành đến ngày"), required=False)
    received_from = DateInputField(label=_("Nhận từ ngày"), required=False)
    received_to = DateInputField(label=_("Nhận đến ngày"), required=False)
    open_tasks = forms.ChoiceField(label=_("Nhiệm vụ"), required=False, choices=OpenTasks.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def clean(self):
        cleaned = super().clean()
        for start, end in (("issued_from", "issued_to"), ("received_from", "received_to")):
            if cleaned.get(start) and cleaned.get(end) and cleaned[end] < cleaned[start]:
                self.add_error(end, _("Ngày kết thúc phải bằng hoặc sau ngày bắt đầu."))
        return cleaned


class SecretEntryForm(forms.ModelForm):
    """Number, date, secrecy, lead unit, due and completion dates, who may see: nothing else
    of a secret document is kept (seed 003 art. 5.2)."""

    issued_on = DateInputField(label=_("Ngày ban hành"))
    due_on = DateInputField(label=_("Hạn xử lý"), required=False)
    completed_on = DateInputField(label=_("Ngày hoàn thành"), required=False)

    class Meta:
        model = SecretEntry
        fields = [
            "secrecy",
            "number_symbol",
            "issued_on",
            "lead_unit",
            "due_on",
            "completed_on",
            "allowed_users",
        ]
        widgets = {"allowed_users": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = Unit.objects.filter(active_until__isnull=True).order_by("path")
        self.fields["allowed_users"].queryset = (
            get_user_model().objects.filter(is_active=True).order_by("username")
        )
        self.fields["allowed_users"].required = False
        self.fields["allowed_users"].help_text = _("Người ghi sổ luôn có trong danh sách.")
        style_widgets(self)

    def clean(self):
        cleaned = super().clean()
        issued, due, done = cleaned.get("issued_on"), cleaned.get("due_on"), cleaned.get("completed_on")
        if issued and due and due < issued:
            self.add_error("due_on", _("Hạn xử lý không được trước ngày ban hành."))
        if issued and done and done < issued:
            self.add_error("completed_on", _("Ngày hoàn thành không được trước ngày ban hành."))
        return cleaned
