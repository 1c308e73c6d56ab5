from axes import apps as axes_apps
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    default = True  # the app's own config; LoginLockoutConfig below is named in INSTALLED_APPS
    name = "nhiemvu.audit"
    verbose_name = _("Nhật ký an toàn thông tin")

    def ready(self):
        from nhiemvu.audit import receivers  # noqa: F401  (connects the signal receivers)


class LoginLockoutConfig(axes_apps.AppConfig):
    """django-axes under a Vietnamese name in the admin (its models are translated in
    locale/vi, the catalogue of the libraries that ship none)."""

    verbose_name = _("Chống dò mật khẩu")
