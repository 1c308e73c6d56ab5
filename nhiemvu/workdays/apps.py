from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class WorkdaysConfig(AppConfig):
    name = "nhiemvu.workdays"
    verbose_name = _("Lịch ngày làm việc")

    def ready(self) -> None:
        post_migrate.connect(apply_official_days, sender=self, dispatch_uid="workdays_apply_official_days")


def apply_official_days(sender, using, verbosity=1, apps=global_apps, **kwargs) -> None:
    """After every migrate (and every test-database flush), write the shipped official days.

    Uses the model as the migrations left it: nothing to do while the table or its
    `source` column does not exist yet (a partial or backwards migrate).
    """
    from nhiemvu.workdays.services import sync_official_days

    try:
        model = apps.get_model("workdays", "DayOverride")
    except LookupError:
        return
    if "source" not in {field.name for field in model._meta.get_fields()}:
        return
    summary = sync_official_days(model=model, using=using)
    if verbosity >= 2:
        print(  # noqa: T201 - migrate's own progress output
            f"  Official working-calendar days: {summary.created} created, {summary.updated} updated, "
            f"{summary.deleted} deleted"
        )
