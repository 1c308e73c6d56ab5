from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportingConfig(AppConfig):
    name = "nhiemvu.importing"
    verbose_name = _("Nhập dữ liệu")
