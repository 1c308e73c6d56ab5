"""The unit forms of the in-app administration; units.services decides and saves."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nhiemvu.units.forms import MergeForm, RenameForm, SplitForm, active_units
from nhiemvu.units.models import FocalOfficer, Unit
from nhiemvu.units.services import UPDATABLE_UNIT_FIELDS


class UnitCreateForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["code", "name", *UPDATABLE_UNIT_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = active_units()


class UnitUpdateForm(forms.ModelForm):
    """What changes in place; the name only by a dated rename."""

    class Meta:
        model = Unit
        fields = list(UPDATABLE_UNIT_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = active_units().exclude(pk=self.instance.pk)


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
