from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "nhiemvu.units"
    verbose_name = _("Cơ quan, đơn vị")
