from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UrgingConfig(AppConfig):
    name = "nhiemvu.urging"
    verbose_name = _("Đôn đốc, giải trình")

    def ready(self):
        from nhiemvu.urging import jobs  # noqa: F401 - registers the periodic job with huey
