"""The outbox of reminders, the in-app notifications and each user's preferences.

An OutboxMessage is one reminder decided for one recipient, rule, subject, day and channel,
unique in the database: the daily decision inserts its rows ignoring those already there,
so deciding a day twice adds nothing, and delivery claims rows with a conditional UPDATE
(reminders/delivery.py, which documents the guarantee). The recipient is a user, or a unit's
focal officer who has no account (reminders.focal_officers), reached by e-mail only.
"""

from datetime import time

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nhiemvu.reminders.choices import Channel, OutboxState, Rule


class OutboxMessage(models.Model):
    # Exactly one of the two: a user, or a unit's focal officer without an account.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="reminders",
        verbose_name=_("người nhận"),
    )
    focal_officer = models.ForeignKey(
        "units.FocalOfficer",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="reminders",
        verbose_name=_("cán bộ đầu mối"),
        db_index=False,  # outbox_officer_once_per_day starts with it
    )
    rule = models.CharField(_("loại nhắc việc"), max_length=30, choices=Rule.choices)
    # What within the rule: empty for a day's list, the month or the report and its deadline
    # for the reminders of a date ("2027-01", "government:2027-03-20").
    subject = models.CharField(_("nội dung nhắc"), max_length=100, blank=True)
    day = models.DateField(_("ngày nhắc"))
    channel = models.CharField(_("kênh"), max_length=10, choices=Channel.choices)
    # What the decision saw (counts, the first tasks, deadlines), rendered at delivery: a
    # resend says what was decided, not what is true later.
    payload = models.JSONField(_("dữ liệu"), default=dict)
    decided_at = models.DateTimeField(_("thời điểm quyết định"))
    # Not before: the recipient's digest time on the day, then each retry's backoff.
    next_attempt_at = models.DateTimeField(_("gửi từ lúc"))
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=OutboxState.choices, default=OutboxState.PENDING
    )
    claim_token = models.UUIDField(null=True, blank=True, editable=False)
    claimed_at = models.DateTimeField(_("thời điểm nhận gửi"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    sent_at = models.DateTimeField(_("thời điểm gửi"), null=True, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    resent_at = models.DateTimeField(_("thời điểm gửi lại"), null=True, blank=True)
    resent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người gửi lại"),
    )

    class Meta:
        verbose_name = _("nhắc việc đã gửi")
        verbose_name_plural = _("nhắc việc đã gửi")
        ordering = ["-day", "recipient", "channel", "rule"]
        constraints = [
            models.CheckConstraint(
                condition=Q(recipient__isnull=False, focal_officer__isnull=True)
                | Q(recipient__isnull=True, focal_officer__isnull=False),
                name="outbox_one_recipient",
            ),
            # In-app needs an account; the preferences and the gateway's opt-in are a user's.
            models.CheckConstraint(
                condition=Q(focal_officer__isnull=True) | Q(channel=Channel.EMAIL),
                name="outbox_focal_officer_by_email",
            ),
            models.UniqueConstraint(
                fields=["recipient", "rule", "subject", "day", "channel"],
                condition=Q(recipient__isnull=False),
                name="outbox_once_per_day_and_channel",
            ),
            models.UniqueConstraint(
                fields=["focal_officer", "rule", "subject", "day", "channel"],
                condition=Q(focal_officer__isnull=False),
                name="outbox_officer_once_per_day",
            ),
        ]
        indexes = [
            # Delivery: a message's pending rows whose time has come (delivery.claim and
            # claim_sending: recipient, day, channel, next_attempt_at <= now), and the list of
            # the pending messages. Led by the recipient, so that a claim reads its own rows
            # whatever the statistics say: at 07:00 the day's rows are all pending and due, and
            # an index on the time alone, which the planner preferred on statistics taken
            # before the day was decided, read all 85,000 of them for each claim (186 ms a
            # claim at 1M; 25 ms with these, bench/reminders_bench.py).
            models.Index(
                fields=["recipient", "day", "channel", "next_attempt_at"],
                name="outbox_pending_recipient",
                condition=Q(state=OutboxState.PENDING),
            ),
            models.Index(
                fields=["focal_officer", "day", "channel", "next_attempt_at"],
                name="outbox_pending_officer",
                condition=Q(state=OutboxState.PENDING, focal_officer__isnull=False),
            ),
            # Delivery: the rows of one claim (without it, a scan of the day's rows per message:
            # 0.2 s each over 68,000 rows on PostgreSQL).
            models.Index(
                fields=["claim_token"], name="outbox_claimed", condition=Q(claim_token__isnull=False)
            ),
        ]

    @property
    def addressee(self):
        """Whom the row goes to: the user, or the focal officer (units.FocalOfficer)."""
        return self.focal_officer if self.focal_officer_id else self.recipient

    def __str__(self) -> str:
        return f"{self.addressee} — {self.get_rule_display()} — {self.day:%d/%m/%Y} — {self.get_channel_display()}"


class Notification(models.Model):
    """A reminder shown in the application (the bell), opening its task or the task list."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="notifications", verbose_name=_("người nhận")
    )
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"), blank=True)
    link = models.CharField(_("liên kết"), max_length=500, blank=True)
    task = models.ForeignKey(
        "tracking.Task", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("nhiệm vụ")
    )
    # The reminder it delivers (a resend delivers it again: a second notification).
    outbox = models.ForeignKey(
        OutboxMessage, models.SET_NULL, null=True, blank=True, related_name="notifications"
    )
    created_at = models.DateTimeField(_("thời điểm tạo"))
    read_at = models.DateTimeField(_("thời điểm đọc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The bell: a user's unread count and latest notifications.
            models.Index(fields=["recipient", "read_at", "-created_at"], name="notification_by_recipient"),
        ]

    def __str__(self) -> str:
        return self.title


DEFAULT_DIGEST_TIME = time(7, 0)


class ReminderPreference(models.Model):
    """How a user wants their reminders; a user without a row gets the defaults."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="reminder_preference",
        verbose_name=_("người dùng"),
    )
    by_email = models.BooleanField(_("nhận qua thư điện tử"), default=True)
    in_app = models.BooleanField(_("nhận thông báo trong hệ thống"), default=True)
    # Only when the deployment has a gateway (settings.REMINDER_WEBHOOK_URL).
    by_webhook = models.BooleanField(_("nhận tin nhắn SMS/Zalo"), default=True)
    digest_time = models.TimeField(_("giờ nhận bản tin nhắc việc"), default=DEFAULT_DIGEST_TIME)

    class Meta:
        verbose_name = _("tùy chọn nhắc việc")
        verbose_name_plural = _("tùy chọn nhắc việc")

    def __str__(self) -> str:
        return str(self.user)

    def channels(self, *, has_email: bool, webhook_configured: bool) -> list[Channel]:
        wanted = [
            (Channel.EMAIL, self.by_email and has_email),
            (Channel.IN_APP, self.in_app),
            (Channel.WEBHOOK, self.by_webhook and webhook_configured),
        ]
        return [channel for channel, on in wanted if on]
