"""Forms of the changes to the unit tree (the admin's actions; units.services decides), and
the unit picker the other forms use."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from nhiemvu.forms import DayField
from nhiemvu.units.models import Unit
from nhiemvu.units.search import resolve_unit, unit_label


class UnitPickerInput(forms.TextInput):
    """A text box with a <datalist> the picker script (units/picker.js) fills from
    /don-vi/tim/; without the script, a code or a whole name typed in works too."""

    template_name = "units/widgets/unit_picker.html"

    class Media:
        js = ["units/picker.js"]  # for pages that render `form.media` (the Django admin's actions)

    def __init__(self, *, many: bool = False, attrs=None):
        super().__init__(attrs={"class": "form-control", "autocomplete": "off", **(attrs or {})})
        self.many = many

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["many"] = self.many
        return context


class UnitPickerField(forms.CharField):
    """One active unit, named as units.search.resolve_unit reads it."""

    def __init__(self, **kwargs):
        super().__init__(widget=UnitPickerInput(), max_length=400, **kwargs)

    def clean(self, value):
        text = super().clean(value)
        return resolve_unit(text) if text else None

    def prepare_value(self, value):
        """A unit given as the initial value (a ModelForm gives its id) shows as the picker
        writes it; what was typed shows as typed."""
        if isinstance(value, int):
            value = Unit.objects.filter(pk=value).only("name", "code").first() or value
        if isinstance(value, Unit):
            return unit_label(value.name, value.code)
        return value


class UnitsPickerField(forms.CharField):
    """Several active units, separated by ";" or line breaks."""

    def __init__(self, **kwargs):
        super().__init__(widget=UnitPickerInput(many=True), max_length=4000, **kwargs)

    def clean(self, value):
        text = super().clean(value)
        units, errors = [], []
        for part in re.split(r"[;\n]", text or ""):
            if part.strip():
                try:
                    unit = resolve_unit(part)
                except forms.ValidationError as error:
                    errors.extend(error.messages)
                else:
                    if unit not in units:
                        units.append(unit)
        if errors:
            raise forms.ValidationError(errors)
        return units


class PickedUnitField(forms.ModelChoiceField):
    """One unit of `queryset` chosen with the picker instead of a <select> of thousands: by id
    (what the links of a figure carry, ended units included) or as the picker's text (units.search
    .resolve_unit: "name (code)", a code, a whole name). The box shows the chosen unit's label."""

    widget = UnitPickerInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip()
        if text.isdigit():
            return super().to_python(text)
        unit = resolve_unit(text)
        if not self.queryset.filter(pk=unit.pk).exists():
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": text}
            )
        return unit

    def prepare_value(self, value):
        if isinstance(value, Unit):
            return unit_label(value.name, value.code)
        if isinstance(value, int | str) and str(value).isdigit():
            unit = self.queryset.filter(pk=value).only("name", "code").first()
            return unit_label(unit.name, unit.code) if unit else value
        return value


class RenameForm(forms.Form):
    new_name = forms.CharField(label=_("Tên mới"), max_length=255)
    on = DayField(label=_("Dùng tên mới từ ngày"))


# The successors are named with the unit picker, as the role form names a unit: a <select>
# of every active unit would put 5,000 options in the page (the unit page holds both forms).
class MergeForm(forms.Form):
    into = UnitPickerField(label=_("Sáp nhập vào đơn vị"), help_text=_("Tên hoặc mã đơn vị."))
    on = DayField(label=_("Đơn vị kế thừa nhận từ ngày"))


class SplitForm(forms.Form):
    into = UnitsPickerField(
        label=_("Chia tách thành các đơn vị"), help_text=_("Nhiều đơn vị cách nhau bằng dấu ;")
    )
    default = UnitPickerField(
        label=_("Đơn vị kế thừa mặc định"),
        required=False,
        help_text=_(
            "Nhận nhiệm vụ đang thực hiện và đơn vị trực thuộc; để trống thì Văn phòng giao lại từng nhiệm vụ."
        ),
    )
    on = DayField(label=_("Đơn vị kế thừa nhận từ ngày"))
