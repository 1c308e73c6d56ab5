"""What the layout asks of the administration: whether to show its menu."""

from django import template

from nhiemvu.accounts.permissions import can_manage_units, keeps_focal_officers

register = template.Library()


@register.filter
def may_manage_units(user) -> bool:
    return user.is_authenticated and can_manage_units(user)


@register.filter
def may_keep_focal_officers(user) -> bool:
    return user.is_authenticated and keeps_focal_officers(user)
