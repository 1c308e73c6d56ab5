"""What the demo created, so that it can tell its own rows from real data."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoRecord(models.Model):
    """One row the demo loader created (a unit, a user, a directive, a task…).

    `load-demo` refuses a database that holds rows without a record (real data), `--reset`
    deletes only recorded rows (and the events of recorded tasks), and demo accounts are
    recognised by their record, never by their username: a real "quantri" is never touched.
    """

    content_type = models.ForeignKey(ContentType, models.CASCADE, verbose_name=_("loại dữ liệu"))
    object_id = models.PositiveBigIntegerField(verbose_name=_("mã bản ghi"))

    class Meta:
        verbose_name = _("bản ghi dữ liệu mẫu")
        verbose_name_plural = _("bản ghi dữ liệu mẫu")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="demo_record_once"),
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id}"
