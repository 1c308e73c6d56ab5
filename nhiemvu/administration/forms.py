"""The unit forms of the in-app administration; units.services decides and saves."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nhiemvu.units.forms import MergeForm, RenameForm, SplitForm, UnitPickerField
from nhiemvu.units.models import FocalOfficer, Unit
from nhiemvu.units.services import UPDATABLE_UNIT_FIELDS


def parent_field():
    """The parent unit, named with the unit picker rather than a <select> of 5,000 units;
    units.services refuses a unit put under itself or below itself."""
    return UnitPickerField(label=_("Đơn vị cấp trên"), required=False, help_text=_("Tên hoặc mã đơn vị."))


class UnitCreateForm(forms.ModelForm):
    parent = parent_field()

    class Meta:
        model = Unit
        fields = ["code", "name", *UPDATABLE_UNIT_FIELDS]


class UnitUpdateForm(forms.ModelForm):
    """What changes in place; the name only by a dated rename."""

    parent = parent_field()

    class Meta:
        model = Unit
        fields = list(UPDATABLE_UNIT_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["parent"] = self.instance.parent  # the unit, not its id: the box shows its name


class FocalOfficerForm(forms.ModelForm):
    class Meta:
        model = FocalOfficer
        fields = ["full_name", "title", "phone", "email"]
        labels = {"full_name": _("Họ và tên cán bộ đầu mối")}


# The changes of a unit page: each form, keyed by its URL segment (views.unit_change).
CHANGE_FORMS = {
    "sua": UnitUpdateForm,
    "doi-ten": RenameForm,
    "sap-nhap": MergeForm,
    "chia-tach": SplitForm,
    "dau-moi": FocalOfficerForm,
}
