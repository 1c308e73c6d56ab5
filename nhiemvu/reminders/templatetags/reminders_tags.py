from django import template
from django.db import DatabaseError

from nhiemvu.reminders.models import Notification

register = template.Library()


@register.simple_tag
def unread_count(user) -> int | None:
    """The bell's badge: one COUNT on the index notification_by_recipient, on every page.
    None on the error pages that cannot read (a 500 has no user, a 503 a locked database):
    they show the bell without a count rather than fail again."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    except DatabaseError:
        return None
