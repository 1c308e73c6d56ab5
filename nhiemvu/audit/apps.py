from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "nhiemvu.audit"
    verbose_name = _("Nhật ký an toàn thông tin")

    def ready(self):
        from nhiemvu.audit import receivers  # noqa: F401  (connects the signal receivers)
