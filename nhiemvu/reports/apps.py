from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "nhiemvu.reports"
    verbose_name = _("Báo cáo")

    def ready(self):
        from nhiemvu.reports import jobs  # noqa: F401 - registers the periodic job with huey
