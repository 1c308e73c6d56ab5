"""Forms of the changes to the unit tree (the admin's actions); units.services decides."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nhiemvu.forms import DayField
from nhiemvu.units.models import Unit


def active_units():
    return Unit.objects.filter(active_until__isnull=True)


class RenameForm(forms.Form):
    new_name = forms.CharField(label=_("Tên mới"), max_length=255)
    on = DayField(label=_("Dùng tên mới từ ngày"))


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(label=_("Sáp nhập vào đơn vị"), queryset=active_units())
    on = DayField(label=_("Đơn vị kế thừa nhận từ ngày"))


class SplitForm(forms.Form):
    into = forms.ModelMultipleChoiceField(label=_("Chia tách thành các đơn vị"), queryset=active_units())
    default = forms.ModelChoiceField(
        label=_("Đơn vị kế thừa mặc định"),
        queryset=active_units(),
        required=False,
        help_text=_(
            "Nhận nhiệm vụ đang thực hiện và đơn vị trực thuộc; để trống thì Văn phòng giao lại từng nhiệm vụ."
        ),
    )
    on = DayField(label=_("Đơn vị kế thừa nhận từ ngày"))
