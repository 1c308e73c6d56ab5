"""Answers to htmx that stand for a part of a page."""

from django.http import HttpResponse
from django.utils.html import format_html


def refused(message: str) -> HttpResponse:
    """A form asked for that is not the user's to use: the reason, where the form would go
    (403; web/static/web/htmx-config.js swaps it inside a region marked data-swap-errors)."""
    return HttpResponse(
        format_html('<div class="alert alert-danger py-1 small" role="alert">{}</div>', message), status=403
    )
