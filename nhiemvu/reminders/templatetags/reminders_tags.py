from django import template
from django.db import DatabaseError

from nhiemvu.reminders.services import unread

register = template.Library()


@register.simple_tag
def unread_count(user) -> int | None:
    """The bell's badge: one COUNT on the index notification_by_recipient, on every page.
    None on the error pages that cannot read (a 500 has no user, a 503 a locked database):
    they show the bell without a count rather than fail again."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return unread(user).count()
    except DatabaseError:
        return None
