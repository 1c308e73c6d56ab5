from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "nhiemvu.compliance"
    verbose_name = _("Chấp hành chế độ báo cáo")
