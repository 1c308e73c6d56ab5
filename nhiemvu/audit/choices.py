from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    LOGIN_SUCCEEDED = "login_succeeded", _("Đăng nhập thành công")
    LOGIN_FAILED = "login_failed", _("Đăng nhập thất bại")
    LOCKED_OUT = "locked_out", _("Khóa đăng nhập")
    LOGGED_OUT = "logged_out", _("Đăng xuất")
    ROLE_ADDED = "role_added", _("Giao vai trò")
    ROLE_CHANGED = "role_changed", _("Sửa vai trò")
    ROLE_REMOVED = "role_removed", _("Thu hồi vai trò")
    USER_FLAGS_CHANGED = "user_flags_changed", _("Đổi quyền quản trị hoặc trạng thái tài khoản")
    PASSWORD_CHANGED = "password_changed", _("Đổi mật khẩu")
    PERSONAL_DATA_EXPORTED = "personal_data_exported", _("Xuất dữ liệu cá nhân")
