from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    name = "nhiemvu.reminders"
    verbose_name = _("Nhắc việc")

    def ready(self):
        from nhiemvu.reminders import jobs  # noqa: F401 - registers the periodic jobs with huey
