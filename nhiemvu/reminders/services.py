"""The doors' one function per action: run a day's reminders (the CLI and the scheduled
job), remind a unit's people of something decided elsewhere (an urging), deliver what waits
(the job that retries), resend (the office), mark read (the bell), set one's preferences."""

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nhiemvu.accounts.models import RoleAssignment, User
from nhiemvu.reminders import focal_officers, outbox
from nhiemvu.reminders.choices import OutboxState, Rule
from nhiemvu.reminders.decide import UNIT_ROLES, DayDecision, Reminder, calendar_for, decide_day
from nhiemvu.reminders.delivery import DeliveryReport, deliver_pending
from nhiemvu.reminders.models import Notification, OutboxMessage, ReminderPreference
from nhiemvu.units.models import FocalOfficer


@dataclass
class DayRun:
    decision: DayDecision
    delivery: DeliveryReport | None  # None on a dry run


def run_day(day: date, *, now: datetime, dry_run: bool = False) -> DayRun:
    """Decide `day`'s reminders, write them to the outbox and deliver what is due by `now`.

    Run again for the same day, it writes and sends nothing new (the outbox's unique key and
    the conditional claims). On a day that is not worked it decides nothing. A dry run
    decides and says what it would write, and writes and sends nothing.
    """
    decision = decide_day(day, now=now, calendar=calendar_for(day), write=not dry_run)
    if dry_run:
        return DayRun(decision, None)
    return DayRun(decision, deliver_pending(now=now))


def remind_unit(unit, *, rule: Rule, subject: str, payload: dict, day: date, now: datetime) -> list[Reminder]:
    """Remind the people a unit's digest goes to (its active leaders and focal officers, the
    accounts of its FocalOfficers, and by e-mail those without one) of one thing decided by
    the caller, in the caller's transaction: the outbox rows are written with what they are
    about, or not at all. They go out with the recipient's digest of `day` (their digest time
    and channels), once: the outbox's unique key (recipient, rule, subject, day, channel)."""
    # Two IN subqueries rather than joins and DISTINCT: at 5,000 units the joined form read
    # 22 ms a unit (the month's ~4,900 urgings, bench/reminders_bench.py --urge).
    leaders = RoleAssignment.objects.filter(unit=unit, role__in=UNIT_ROLES).values("user_id")
    officers_with_accounts = FocalOfficer.objects.filter(unit=unit, user__isnull=False).values("user_id")
    people = User.objects.filter(Q(pk__in=leaders) | Q(pk__in=officers_with_accounts), is_active=True)
    reminders = [Reminder(user, rule, subject, payload) for user in people.order_by("pk")]
    # Its focal officers without an account, by e-mail, as with the unit's digest.
    officers = focal_officers.to_mail(day, unit_roles=UNIT_ROLES, units=[unit.pk])
    reminders += [Reminder(officer, rule, subject, payload) for officer in officers]
    outbox.insert_new(outbox.rows_for(reminders, day, now))
    return reminders


def resend(messages, *, by, now: datetime) -> int:
    """Send the given outbox rows again (the office, when a recipient did not get one: a
    failed row, or one left "sending" by a worker that died, delivery.uncertain). A row still
    pending is already on its way and is left alone. Returns how many were put back."""
    ids = [m.pk for m in messages]
    return (
        OutboxMessage.objects.filter(pk__in=ids)
        .exclude(state=OutboxState.PENDING)
        .update(
            state=OutboxState.PENDING,
            next_attempt_at=now,
            claimed_at=None,
            claim_token=None,
            attempts=0,
            error="",
            resent_at=now,
            resent_by=by,
        )
    )


def mark_read(notification: Notification, *, user, at: datetime) -> bool:
    """The recipient has read the notification; False if it is not theirs or was read before."""
    return bool(
        Notification.objects.filter(pk=notification.pk, recipient=user, read_at__isnull=True).update(
            read_at=at
        )
    )


def mark_all_read(user, *, at: datetime) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=at)


def unread(user):
    """The bell's notifications: the user's unread ones, newest first."""
    return Notification.objects.filter(Q(recipient=user), read_at__isnull=True).order_by("-created_at", "-id")


def set_preference(
    user, *, by_email: bool, in_app: bool, by_webhook: bool, digest_time
) -> ReminderPreference:
    """How `user` wants their reminders (the preferences page, the admin). Raises
    ValidationError, changing nothing, for a choice that would leave them unreminded: no
    channel at all (the follow-up the office owes, seed 003 ch. III, reaches everyone), or
    e-mail for an account without an address. Without a gateway (REMINDER_WEBHOOK_URL), the
    SMS/Zalo choice is kept as it was: nobody can choose what is not there."""
    preference = ReminderPreference.objects.filter(user=user).first() or ReminderPreference(user=user)
    if not settings.REMINDER_WEBHOOK_URL:
        by_webhook = preference.by_webhook
    errors = {}
    if by_email and not user.email:
        errors["by_email"] = _("Tài khoản chưa có địa chỉ thư điện tử: không nhận nhắc việc qua thư được.")
    webhook_on = by_webhook and bool(settings.REMINDER_WEBHOOK_URL)
    if not (by_email or in_app or webhook_on):
        errors["in_app"] = _("Chọn ít nhất một kênh nhận nhắc việc.")
    if errors:
        raise ValidationError(errors)
    preference.by_email, preference.in_app, preference.by_webhook = by_email, in_app, by_webhook
    preference.digest_time = digest_time
    preference.save()
    return preference
