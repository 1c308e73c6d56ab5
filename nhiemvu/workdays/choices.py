from django.db import models
from django.utils.translation import gettext_lazy as _


class OverrideKind(models.TextChoices):
    DAY_OFF = "day_off", _("Nghỉ bù / nghỉ thêm")
    WORKING_DAY = "working_day", _("Làm bù")
