from django import template

from nhiemvu.reminders.models import Notification

register = template.Library()


@register.simple_tag
def unread_count(user) -> int:
    """The bell's badge: one COUNT on the index notification_by_recipient, on every page."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
