"""The one door that writes the security audit trail."""

from django.contrib.auth import get_user_model

from nhiemvu.audit.choices import EventKind
from nhiemvu.audit.client import client_ip, user_agent
from nhiemvu.audit.middleware import current_request
from nhiemvu.audit.models import SecurityEvent

SUBJECT_LENGTH = 300


def record(
    kind: EventKind,
    *,
    actor,
    subject=None,
    request=None,
    details: dict | None = None,
) -> SecurityEvent:
    """Append one event. `actor` is the user who acted (None: anonymous or the system);
    `subject` the user or object acted on, or a text; `request` gives the address and browser
    (default: the request being served, when there is one)."""
    request = request if request is not None else current_request()
    user_model = get_user_model()
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None  # AnonymousUser
    return SecurityEvent.objects.create(
        kind=kind,
        actor=actor,
        actor_username=actor.get_username() if actor else "",
        subject_user=subject if isinstance(subject, user_model) else None,
        subject=_label(subject),
        ip_address=client_ip(request) if request is not None else None,
        user_agent=user_agent(request) if request is not None else "",
        details=details or {},
    )


def _label(subject) -> str:
    if subject is None:
        return ""
    if isinstance(subject, get_user_model()):
        return subject.get_username()
    return str(subject)[:SUBJECT_LENGTH]
