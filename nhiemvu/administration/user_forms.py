"""The user forms of the in-app administration; accounts.services decides and saves."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nhiemvu.accounts.choices import Role
from nhiemvu.forms import style_widgets
from nhiemvu.units.forms import UnitPickerField
from nhiemvu.units.models import Field


class UserSearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo tên đăng nhập, họ tên hoặc e-mail"), required=False, max_length=100)


class UserForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=30, required=False)
    title = forms.CharField(label=_("Chức vụ"), max_length=150, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class NewUserForm(UserForm):
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150)
    field_order = ["username", "full_name", "email", "phone", "title"]


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)
    unit = UnitPickerField(
        label=_("Đơn vị"), required=False, help_text=_("Không ghi cho vai trò quản trị hệ thống.")
    )
    fields = forms.ModelMultipleChoiceField(
        label=_("Lĩnh vực phụ trách"),
        queryset=Field.objects.order_by("name"),
        required=False,
        help_text=_(
            "Chỉ cho lãnh đạo và chuyên viên văn phòng theo dõi một số lĩnh vực; để trống là mọi lĩnh vực."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def clean(self):
        cleaned = super().clean()
        role, unit = cleaned.get("role"), cleaned.get("unit")
        if role and role != Role.ADMIN and unit is None and "unit" not in self.errors:
            self.add_error("unit", _("Vai trò này cần một đơn vị."))
        if role == Role.ADMIN:
            cleaned["unit"] = None
        return cleaned
