from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _refresh_statistics(sender, using, **kwargs):
    from nhiemvu import statistics

    statistics.refresh(using)


class TrackingConfig(AppConfig):
    name = "nhiemvu.tracking"
    verbose_name = _("Theo dõi nhiệm vụ")

    def ready(self):
        from nhiemvu.tracking import jobs  # noqa: F401 - registers the periodic jobs with huey

        # New indexes need statistics before SQLite will choose them.
        post_migrate.connect(_refresh_statistics, sender=self, dispatch_uid="nhiemvu.refresh_statistics")
