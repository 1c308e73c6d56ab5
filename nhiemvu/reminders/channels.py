"""The three ways a digest leaves: e-mail (Django's mail API, so the SMTP settings or the
embedded default's mail folder), in-app notifications, and a signed JSON webhook for an SMS
or Zalo gateway. Each takes one recipient's outbox rows of a day and channel: a user's, or
(e-mail only) a unit's focal officer's without an account (units.FocalOfficer)."""

import hashlib
import hmac
import json
import urllib.request

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils.translation import gettext as _

from nhiemvu.reminders import render
from nhiemvu.reminders.models import Notification

SIGNATURE_HEADER = "X-Nhiemvu-Signature"
DELIVERY_HEADER = "X-Nhiemvu-Delivery"
WEBHOOK_TIMEOUT_SECONDS = 10


def delivery_key(messages) -> str:
    """The same for every attempt of the same rows: the mail's Message-ID and the webhook's
    delivery header, by which a receiver can tell a resend from a new message."""
    first = min(m.pk for m in messages)
    m = messages[0]
    whom = m.recipient_id if m.recipient_id else f"officer{m.focal_officer_id}"
    return f"{whom}.{m.day:%Y%m%d}.{m.channel}.{first}"


class NoAddress(Exception):
    """The addressee has no e-mail address any more (cleared after the day was decided): no
    server can be asked, and asking again will not help."""


def send_email(recipient, day, messages, connection) -> None:
    """`recipient`: a user or a FocalOfficer, both with an `email`. Without an address,
    NoAddress: Django would drop a mail without recipients and report it sent."""
    if not recipient.email.strip():
        raise NoAddress(_("Người nhận không có địa chỉ e-mail."))
    content = render.digest(recipient, day, messages)
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "nhiemvu"
    mail = EmailMultiAlternatives(
        subject=content["subject"],
        body=content["text"],
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
        connection=connection,
        headers={"Message-ID": f"<reminder.{delivery_key(messages)}@{domain}>"},
    )
    mail.attach_alternative(content["html"], "text/html")
    mail.send()


def create_notifications(recipient, day, messages, now) -> list[Notification]:
    """One notification per reminder, opening its task when it is about one task, else the
    list of its tasks."""
    notifications = []
    for message in messages:
        (section,) = render.sections([message])
        title = f"{section.title} ({section.count})" if section.count else section.title
        single = section.items[0] if section.count == 1 and section.items else None
        notifications.append(
            Notification(
                recipient=recipient,
                title=title[:255],
                body="\n".join(
                    f"{item.text}: {item.when}" if item.when else item.text for item in section.items
                ),
                link=(single.link if single else section.link)[:500],
                task_id=single.task_id if single else None,
                outbox=message,
                created_at=now,
            )
        )
    return Notification.objects.bulk_create(notifications)


def webhook_body(recipient, day, messages) -> bytes:
    content = render.digest(recipient, day, messages)
    document = {
        "delivery": delivery_key(messages),
        "day": day.isoformat(),
        "recipient": {
            "username": recipient.username,
            "name": recipient.get_full_name(),
            "phone": recipient.phone,
            "email": recipient.email,
        },
        "subject": content["subject"],
        "text": content["text"],
        "reminders": [
            {"rule": s.rule.value, "title": s.title, "count": s.count, "link": s.link}
            for s in content["sections"]
        ],
    }
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def signature(body: bytes, secret: str) -> str:
    """HMAC-SHA256 of the exact body with the deployment's secret, as the header carries it."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def post_webhook(recipient, day, messages) -> None:
    """POST the digest; an HTTP error status or no answer raises (and the rows are retried)."""
    body = webhook_body(recipient, day, messages)
    request = urllib.request.Request(  # noqa: S310 - the URL is the deployment's own setting
        settings.REMINDER_WEBHOOK_URL,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            SIGNATURE_HEADER: signature(body, settings.REMINDER_WEBHOOK_SECRET),
            DELIVERY_HEADER: delivery_key(messages),
        },
    )
    with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT_SECONDS):  # noqa: S310
        pass
