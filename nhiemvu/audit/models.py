"""The security audit trail (TCVN 11930:2017, level 3: log the events that touch access)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nhiemvu.audit.choices import EventKind


class AppendOnlyError(RuntimeError):
    """The audit trail is written once and never changed."""


class SecurityEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("security events are never updated")

    def delete(self):
        raise AppendOnlyError("security events are never deleted")


class SecurityEvent(models.Model):
    """One security event: who did what to whom, from where, when.

    Written only by `audit.services.record`. The actor's and subject's names are copied into
    the row so the trail still reads right after an account is renamed or deleted (the
    foreign keys then become NULL).
    """

    kind = models.CharField(_("loại sự kiện"), max_length=30, choices=EventKind.choices)
    at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    actor_username = models.CharField(_("tên đăng nhập người thực hiện"), max_length=150, blank=True)
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người dùng liên quan"),
    )
    subject = models.CharField(_("đối tượng"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    user_agent = models.CharField(_("trình duyệt"), max_length=300, blank=True)
    details = models.JSONField(_("chi tiết"), default=dict, blank=True)

    objects = SecurityEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("sự kiện an toàn thông tin")
        verbose_name_plural = _("nhật ký an toàn thông tin")
        ordering = ["-at", "-id"]
        indexes = [
            # The admin's list: one kind, newest first.
            models.Index(fields=["kind", "-at"], name="security_event_kind_at"),
        ]

    def __str__(self) -> str:
        return (
            f"{timezone.localtime(self.at):%d/%m/%Y %H:%M} {self.get_kind_display()} {self.subject}".strip()
        )

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("security events are never updated")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("security events are never deleted")
