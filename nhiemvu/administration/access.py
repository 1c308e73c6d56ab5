"""Who reaches the administration pages; the services check again on every change."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from nhiemvu.accounts.permissions import can_manage_units, is_admin, keeps_focal_officers
from nhiemvu.compliance.permissions import keeps_register


def _required(allowed, message):
    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not allowed(request.user):
                raise PermissionDenied(message())
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


unit_manager_required = _required(can_manage_units, lambda: _("Chỉ quản trị hệ thống được quản lý đơn vị."))
user_manager_required = _required(is_admin, lambda: _("Chỉ quản trị hệ thống được quản lý người dùng."))
focal_officer_keeper_required = _required(
    keeps_focal_officers, lambda: _("Chỉ Văn phòng và quản trị hệ thống quản lý danh sách cán bộ đầu mối.")
)
register_keeper_required = _required(
    keeps_register, lambda: _("Chỉ Văn phòng và quản trị hệ thống ghi sổ theo dõi chấp hành.")
)
