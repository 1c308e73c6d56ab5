"""Urgings and explanation requests: what the office and the leaders did to make units act.

Both are records of their own, not task events: urging a unit changes neither a task's state
nor its timeliness, and one urging names several tasks. Each keeps the two times of domain.md
(when it took effect, when the system learned it), so counts "as of" a moment count only what
was recorded by then (seed 002 2.2). Written only by urging.services.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from nhiemvu.urging.choices import KIND_BADGE, UrgingKind


class AppendOnlyError(RuntimeError):
    """An urging, once recorded, is the trail of what was said to a unit: never changed."""


class UrgingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The urgings `user` may see (urging.permissions decides)."""
        from nhiemvu.urging.permissions import urging_scope

        return self.filter(urging_scope(user))

    def update(self, **kwargs):
        raise AppendOnlyError("urgings are never updated")

    def delete(self):
        raise AppendOnlyError("urgings are never deleted")


class Urging(models.Model):
    """The office (or a leader, the inspection team, a unit for its sub-units) urges ONE unit
    about some of the tasks it leads (seed 004 art. 3.2, 6.1.d, 7; seed 003 art. 8-10)."""

    unit = models.ForeignKey(
        "units.Unit", models.PROTECT, related_name="urgings_received", verbose_name=_("đơn vị được đôn đốc")
    )
    # The unit that assigned the tasks, on whose behalf the urging is made (the letter's issuer).
    issuing_unit = models.ForeignKey(
        "units.Unit", models.PROTECT, related_name="urgings_issued", verbose_name=_("đơn vị đôn đốc")
    )
    kind = models.CharField(_("hình thức"), max_length=16, choices=UrgingKind.choices)
    text = models.TextField(_("nội dung đôn đốc"))
    tasks = models.ManyToManyField("tracking.Task", related_name="urgings", verbose_name=_("nhiệm vụ"))
    urged_on = models.DateField(_("ngày đôn đốc"))
    recorded_at = models.DateTimeField(_("thời điểm ghi nhận"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người đôn đốc"),
    )

    objects = UrgingQuerySet.as_manager()

    class Meta:
        verbose_name = _("lần đôn đốc")
        verbose_name_plural = _("đôn đốc")
        ordering = ["-urged_on", "-recorded_at", "-id"]
        constraints = [
            # The system's own urging (by empty, urging.scheduled) is made once a day per unit
            # and issuing unit: a second run of the job, or a second worker, adds nothing.
            models.UniqueConstraint(
                fields=["unit", "issuing_unit", "urged_on"],
                condition=Q(by__isnull=True),
                name="urging_system_once_a_day",
            ),
        ]
        indexes = [
            # Counts per unit and the list of a unit's urgings: by unit, then the period.
            models.Index(fields=["unit", "urged_on", "recorded_at"], name="urging_unit_day"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.unit} {self.urged_on:%d/%m/%Y}"

    @property
    def badge(self) -> str:
        return KIND_BADGE[UrgingKind(self.kind)]

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("urgings are never updated")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("urgings are never deleted")


class ExplanationRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        from nhiemvu.urging.permissions import explanation_scope

        return self.filter(explanation_scope(user))

    def pending(self):
        return self.filter(answered_at__isnull=True)


class ExplanationRequest(models.Model):
    """A leader asks the lead unit why an overdue task is not done; the unit answers in the
    app (seed 004 art. 5.1.e: the causes of overdue tasks; seed 003 art. 19.2)."""

    task = models.ForeignKey(
        "tracking.Task", models.PROTECT, related_name="explanation_requests", verbose_name=_("nhiệm vụ")
    )
    # The lead unit when asked: it answers, even if the task moves on later.
    unit = models.ForeignKey(
        "units.Unit", models.PROTECT, related_name="explanation_requests", verbose_name=_("đơn vị giải trình")
    )
    question = models.TextField(_("nội dung yêu cầu"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+", verbose_name=_("người yêu cầu")
    )
    requested_at = models.DateTimeField(_("thời điểm yêu cầu"))
    answer = models.TextField(_("nội dung giải trình"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người giải trình"),
    )
    answered_at = models.DateTimeField(_("thời điểm giải trình"), null=True, blank=True)

    objects = ExplanationRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("yêu cầu giải trình")
        verbose_name_plural = _("yêu cầu giải trình")
        ordering = ["-requested_at", "-id"]
        constraints = [
            # One question at a time: a second waits for the first answer.
            models.UniqueConstraint(
                fields=["task"],
                condition=Q(answered_at__isnull=True),
                name="explanation_one_pending_per_task",
            ),
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True, answer="")
                | (Q(answered_at__gte=F("requested_at")) & ~Q(answer="")),
                name="explanation_answered_with_text_after_request",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "requested_at"], name="explanation_unit_requested"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.requested_at:%d/%m/%Y}"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None
