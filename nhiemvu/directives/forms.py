"""Forms of the secret register screen."""

from datetime import date

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from nhiemvu.directives.models import SecretEntry
from nhiemvu.forms import DayField
from nhiemvu.units.models import Unit

# Dates outside the era of the system are typing mistakes.
EARLIEST, LATEST = date(1945, 9, 2), date(2100, 12, 31)


class _DateField(DayField):
    def __init__(self, **kwargs):
        super().__init__(
            widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}, format="%d/%m/%Y"), **kwargs
        )

    def validate(self, value):
        super().validate(value)
        if value and not EARLIEST <= value <= LATEST:
            raise forms.ValidationError(_("Ngày phải trong khoảng 1945–2100."))


class SecretEntryForm(forms.ModelForm):
    """Number, date, secrecy, lead unit, due and completion dates, who may see: nothing else
    of a secret document is kept (seed 003 art. 5.2)."""

    issued_on = _DateField(label=_("Ngày ban hành"))
    due_on = _DateField(label=_("Hạn xử lý"), required=False)
    completed_on = _DateField(label=_("Ngày hoàn thành"), required=False)

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
        for field in self.fields.values():
            css = (
                "form-select"
                if isinstance(field.widget, forms.Select | forms.SelectMultiple)
                else "form-control"
            )
            field.widget.attrs.setdefault("class", css)

    def clean(self):
        cleaned = super().clean()
        issued, due, done = cleaned.get("issued_on"), cleaned.get("due_on"), cleaned.get("completed_on")
        if issued and due and due < issued:
            self.add_error("due_on", _("Hạn xử lý không được trước ngày ban hành."))
        if issued and done and done < issued:
            self.add_error("completed_on", _("Ngày hoàn thành không được trước ngày ban hành."))
        return cleaned
