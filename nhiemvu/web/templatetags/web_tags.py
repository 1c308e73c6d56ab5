"""Small display helpers for the templates."""

from datetime import date

from django import template

register = template.Library()


@register.filter
def days_after(day: date | None, since: date | None) -> int | None:
    """Whole days from `since` to `day`: how long a task has been overdue on `day`."""
    if day is None or since is None:
        return None
    return (day - since).days
