"""The urging section of the task page and the home page's explanation requests, as tags:
the pages of other apps include them without building their context."""

from django import template
from django.template.loader import render_to_string

from nhiemvu.urging import permissions
from nhiemvu.urging.models import ExplanationRequest

register = template.Library()

# Pending requests listed on the home page; the rest are on their tasks' pages.
HOME_ITEMS = 10


@register.simple_tag(takes_context=True)
def urging_section(context, task):
    from nhiemvu.urging.views import render_section

    return render_section(context["request"], task)


@register.simple_tag(takes_context=True)
def pending_explanations(context):
    """The explanation requests waiting for the user's answer (urging.permissions.answerable)."""
    request = context["request"]
    waiting = (
        ExplanationRequest.objects.pending()
        .filter(permissions.answerable(request.user))
        .select_related("task__directive", "unit", "requested_by")
        .order_by("requested_at", "pk")
    )
    items = list(waiting[: HOME_ITEMS + 1])
    if not items:
        return ""
    context = {"items": items[:HOME_ITEMS], "more": len(items) > HOME_ITEMS}
    return render_to_string("urging/partials/pending_explanations.html", context, request=request)
