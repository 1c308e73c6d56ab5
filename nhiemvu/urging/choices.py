from django.db import models
from django.utils.translation import gettext_lazy as _


class UrgingKind(models.TextChoices):
    """How firmly a unit is urged. The seeds name the reminder (seed 000 I.1: "nhắc nhở, đôn
    đốc"); criticism and a required self-review are the measures the office proposes to the
    leaders for units that do not carry out their tasks (seed 003 art. 8.4, 18.3)."""

    REMINDER = "reminder", _("Nhắc nhở")
    CRITICISM = "criticism", _("Phê bình")
    REVIEW = "review", _("Kiểm điểm")


KIND_BADGE = {
    UrgingKind.REMINDER: "info",
    UrgingKind.CRITICISM: "warning",
    UrgingKind.REVIEW: "danger",
}
