"""Delivering the outbox: claim, send, record; once per row even with several workers.

A worker claims one recipient's (a user's, or a focal officer's without an account: then
by e-mail only) pending rows of a day and channel with a conditional UPDATE
(state pending, time come, and not claimed, or claimed longer ago than the lease
REMINDER_CLAIM_LEASE_SECONDS: a worker killed after claiming is taken over), stamping its
own token; it then works only on the rows that carry its token. The rows of a claim become
one message: one digest a day per recipient and channel. For e-mail and webhook rows the
claim also marks them "sending", in the statement that marks the previous message's rows
"sent" (claim_sending): one commit per message, so 50 mails a second and more.

What is guaranteed, per channel:

- in-app: exactly once. The notifications are inserted in the same transaction that marks
  the rows sent, on the condition that they still carry the worker's token.
- e-mail and webhook: at most once, automatically. Before talking to the server the rows
  are marked "sending" (again on the token); only after the server accepted are they marked
  "sent". A worker that dies in between leaves them "sending": the server may or may not
  have the message, and nothing can tell which (SMTP has no way to ask). Such rows are
  never sent again by themselves; they show as "uncertain" to the office (admin), which
  resends them if the recipient did not get the mail (services.resend). The window is the
  SMTP conversation of one message. The mail's Message-ID and the webhook's delivery
  header are the same on every attempt, so a receiver that deduplicates can. An error the
  server or the network reports (refused, unreachable, timeout) means not delivered: the
  rows go back to pending with a doubling wait (REMINDER_RETRY_BASE_SECONDS × 2^(n-1)) until
  REMINDER_MAX_ATTEMPTS, then "failed" with the error's text. An addressee whose address was
  cleared after the day was decided fails at once (channels.NoAddress): Django would drop a
  mail without recipients and the row would read "sent".
"""

import smtplib
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Case, F, Q, TextField, Value, When
from django.utils import timezone

from nhiemvu.reminders import channels
from nhiemvu.reminders.choices import Channel, OutboxState
from nhiemvu.reminders.models import OutboxMessage

# What a send raises when it did not deliver: SMTP refusals, network errors (socket, TLS,
# urllib's URLError and HTTPError are OSErrors).
DELIVERY_ERRORS = (smtplib.SMTPException, OSError)
# What a message needs of its recipient: the user, or the focal officer and his unit.
ADDRESSEE = ("recipient", "focal_officer__unit")


@dataclass
class DeliveryReport:
    messages: int = 0  # mails, webhook calls and notification batches that went out
    rows_sent: int = 0
    rows_retrying: int = 0
    rows_failed: int = 0

    def add(self, other: "DeliveryReport") -> None:
        self.messages += other.messages
        self.rows_sent += other.rows_sent
        self.rows_retrying += other.rows_retrying
        self.rows_failed += other.rows_failed


def lease() -> timedelta:
    return timedelta(seconds=settings.REMINDER_CLAIM_LEASE_SECONDS)


def claimable(now: datetime) -> Q:
    return Q(state=OutboxState.PENDING, next_attempt_at__lte=now) & (
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - lease())
    )


class Group(NamedTuple):
    """The rows of one message: one recipient's (a user or a focal officer) of a day and channel."""

    recipient_id: int | None
    focal_officer_id: int | None
    day: date
    channel: str

    def rows(self) -> Q:
        return Q(
            recipient_id=self.recipient_id,
            focal_officer_id=self.focal_officer_id,
            day=self.day,
            channel=self.channel,
        )


def uncertain(now: datetime):
    """Rows marked sending longer ago than the lease: their worker died mid-send."""
    return OutboxMessage.objects.filter(state=OutboxState.SENDING, claimed_at__lt=now - lease())


def deliver_pending(*, now: datetime | None = None, day: date | None = None) -> DeliveryReport:
    """Deliver every claimable row (of `day` only, if given), one message per recipient, day
    and channel. Without `now`, the clock is read for each claim, so that a long run stamps
    its late claims with their own time (the delivery job); with it, every claim of the run
    is stamped with that moment (the day's run, tests).

    A mail's or webhook call's rows are claimed and marked "sending" in one statement, which
    also marks the previous message's rows "sent": one commit per message."""
    report = DeliveryReport()
    pending = OutboxMessage.objects.filter(claimable(now or timezone.now()))
    if day is not None:
        pending = pending.filter(day=day)
    groups = [
        Group(*values)
        for values in pending.values_list("recipient_id", "focal_officer_id", "day", "channel")
        .distinct()
        .order_by("day", "recipient_id", "focal_officer_id")
    ]
    connection = get_connection()
    connection.open()  # one SMTP session for the run (send_messages closes only what it opened)
    accepted = Accepted(None, [])
    try:
        for group in groups:
            moment = now or timezone.now()
            if group.channel == Channel.IN_APP:
                claimed = claim(group, now=moment)
                if claimed is not None:
                    report.add(deliver_claimed(claimed, now=moment))
                continue
            token = uuid.uuid4()
            rows = claim_sending(token, group, sent=accepted, now=moment)
            report.rows_sent, accepted = report.rows_sent + len(accepted.ids), Accepted(None, [])
            if rows:
                outcome = _send(token, rows, moment, connection)
                report.add(outcome)
                if outcome.messages:
                    accepted = Accepted(token, [row.pk for row in rows])
    finally:
        report.rows_sent += _mark_sent(accepted.token, accepted.ids, now or timezone.now())
        connection.close()
    return report


def claim(group: Group, *, now: datetime) -> uuid.UUID | None:
    """Take the group's claimable rows; None if another worker has them."""
    token = uuid.uuid4()
    taken = OutboxMessage.objects.filter(claimable(now), group.rows()).update(
        claim_token=token, claimed_at=now
    )
    return token if taken else None


class Accepted(NamedTuple):
    """The rows of a message the server accepted, under their claim's token, not yet marked sent."""

    token: uuid.UUID | None
    ids: list[int]


def claim_sending(token: uuid.UUID, group: Group, *, sent: Accepted, now: datetime) -> list[OutboxMessage]:
    """Claim the claimable rows of `group` under `token` and mark them
    "sending", in the statement that marks the rows of `sent` (the previous message, which
    the server accepted) "sent"; return the group's rows so taken (none if another worker
    has them)."""
    accepted = Q(pk__in=sent.ids, claim_token=sent.token, state=OutboxState.SENDING)
    OutboxMessage.objects.filter(accepted | (claimable(now) & group.rows())).update(
        state=Case(When(accepted, then=Value(OutboxState.SENT)), default=Value(OutboxState.SENDING)),
        attempts=Case(When(accepted, then=F("attempts")), default=F("attempts") + 1),
        sent_at=Case(When(accepted, then=Value(now)), default=F("sent_at")),
        error=Case(When(accepted, then=Value("")), default=F("error"), output_field=TextField()),
        claimed_at=Case(When(accepted, then=F("claimed_at")), default=Value(now)),
        claim_token=token,
    )
    return list(
        OutboxMessage.objects.filter(group.rows(), claim_token=token, state=OutboxState.SENDING)
        .select_related(*ADDRESSEE)
        .order_by("pk")
    )


def deliver_claimed(token: uuid.UUID, *, now: datetime, connection=None) -> DeliveryReport:
    """Deliver the rows claimed under `token` (one recipient, day and channel: claim)."""
    rows = list(
        OutboxMessage.objects.filter(claim_token=token, state=OutboxState.PENDING)
        .select_related(*ADDRESSEE)
        .order_by("pk")
    )
    if not rows:
        return DeliveryReport()
    if rows[0].channel == Channel.IN_APP:
        return _notify(token, rows, now)
    rows = mark_sending(token, [row.pk for row in rows])
    if not rows:
        return DeliveryReport()
    report = _send(token, rows, now, connection)
    if report.messages:
        report.rows_sent = _mark_sent(token, [row.pk for row in rows], now)
    return report


def _send(token, rows, now, connection) -> DeliveryReport:
    """Send one message of rows marked "sending"; on an error the server or the network
    reports, the rows go back to pending (or fail) and their state says so."""
    recipient, day = rows[0].addressee, rows[0].day
    try:
        if rows[0].channel == Channel.EMAIL:
            channels.send_email(recipient, day, rows, connection or get_connection())
        else:
            channels.post_webhook(recipient, day, rows)
    except channels.NoAddress as error:
        return _not_delivered(rows, token, error, now, final=True)
    except DELIVERY_ERRORS as error:
        if connection is not None:
            connection.close()  # the next message opens a fresh one
        return _not_delivered(rows, token, error, now)
    return DeliveryReport(messages=1)


def mark_sending(token: uuid.UUID, ids) -> list[OutboxMessage]:
    """Mark the claimed rows "sending" before the server is asked, and return those marked.
    Checked on the token: a worker whose lease ran out and was taken over gets none."""
    OutboxMessage.objects.filter(pk__in=ids, claim_token=token, state=OutboxState.PENDING).update(
        state=OutboxState.SENDING, attempts=F("attempts") + 1
    )
    return list(
        OutboxMessage.objects.filter(claim_token=token, state=OutboxState.SENDING)
        .select_related(*ADDRESSEE)
        .order_by("pk")
    )


def _mark_sent(token: uuid.UUID, ids, now: datetime | None) -> int:
    if not ids:
        return 0
    return OutboxMessage.objects.filter(pk__in=ids, claim_token=token, state=OutboxState.SENDING).update(
        state=OutboxState.SENT, sent_at=now, error=""
    )


class _TakenOver(Exception):
    """The rows lost their claim (lease run out, taken by another worker): undo."""


def _notify(token, rows, now) -> DeliveryReport:
    try:
        with transaction.atomic():
            ids = [row.pk for row in rows]
            marked = OutboxMessage.objects.filter(
                pk__in=ids, claim_token=token, state=OutboxState.PENDING
            ).update(state=OutboxState.SENT, sent_at=now, attempts=F("attempts") + 1, error="")
            if marked != len(rows):
                raise _TakenOver
            channels.create_notifications(rows[0].recipient, rows[0].day, rows, now)
    except _TakenOver:
        return DeliveryReport()
    return DeliveryReport(messages=1, rows_sent=len(rows))


def _not_delivered(rows, token, error, now, *, final: bool = False) -> DeliveryReport:
    """The rows back to pending with a doubling wait, or failed after the last attempt or
    at once when trying again cannot help (`final`)."""
    report = DeliveryReport()
    text = f"{type(error).__name__}: {error}"[:2000]
    for row in rows:
        attempts = row.attempts  # already counted when marked sending
        mine = OutboxMessage.objects.filter(pk=row.pk, claim_token=token, state=OutboxState.SENDING)
        if final or attempts >= settings.REMINDER_MAX_ATTEMPTS:
            report.rows_failed += mine.update(state=OutboxState.FAILED, error=text)
        else:
            wait = timedelta(seconds=settings.REMINDER_RETRY_BASE_SECONDS * 2 ** (attempts - 1))
            report.rows_retrying += mine.update(
                state=OutboxState.PENDING,
                error=text,
                next_attempt_at=now + wait,
                claimed_at=None,
                claim_token=None,
            )
    return report
