from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodicReport(models.TextChoices):
    """The periodic reports a unit sends the office on the tasks it was given (seed 003 art.
    20.2: the half-year's and the year's; seed 004 art. 10.1 adds the quarter's for the
    Government's tasks, which nhiemvu does not follow here)."""

    HALF_YEAR = "half_year", _("Báo cáo 6 tháng")
    YEAR = "year", _("Báo cáo năm")


class Timeliness(models.TextChoices):
    """Where a unit stands with one report at a moment."""

    ON_TIME = "on_time", _("Đúng hạn")
    LATE = "late", _("Trễ hạn")
    NOT_YET_DUE = "not_yet_due", _("Chưa đến hạn")
    MISSING = "missing", _("Chưa gửi")


BADGE = {
    Timeliness.ON_TIME: "success",
    Timeliness.LATE: "warning",
    Timeliness.NOT_YET_DUE: "secondary",
    Timeliness.MISSING: "danger",
}
