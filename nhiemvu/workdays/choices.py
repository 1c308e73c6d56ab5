from django.db import models
from django.utils.translation import gettext_lazy as _


class OverrideKind(models.TextChoices):
    DAY_OFF = "day_off", _("Nghỉ bù / nghỉ thêm")
    WORKING_DAY = "working_day", _("Làm bù")


class DaySource(models.TextChoices):
    """Who entered a DayOverride row: the shipped official data (written on migrate) or the admin."""

    OFFICIAL = "official", _("Văn bản chính thức (dữ liệu kèm phần mềm)")
    ADMIN = "admin", _("Quản trị viên điều chỉnh")
