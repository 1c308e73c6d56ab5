from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from nhiemvu.reports.render import extraction_caption
from nhiemvu.web import services
from nhiemvu.web.forms import PeriodForm


def _is_partial(request) -> bool:
    """An htmx request for a fragment (not a boosted page, nor a history restore)."""
    htmx = request.htmx
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


@login_required
def home(request):
    """The dashboard: the user's tasks by timeliness, the per-unit table, overdue tasks.

    The table's period form swaps only the table (htmx); the same URL with the same
    parameters gives the whole page.
    """
    now = timezone.now()
    today = timezone.localdate(now)
    form = PeriodForm(request.GET or None, now=now)
    period = form.period()
    report = services.unit_table(request.user, period) if period else None
    context = {"form": form, "report": report, "caption": extraction_caption(report) if report else ""}
    if _is_partial(request):
        response = render(request, "web/partials/unit_report.html", context)
    else:
        overdue = services.overdue_tasks(request.user, today)
        context |= {
            "today": today,
            "cards": services.timeliness_cards(request.user, today),
            "overdue": list(overdue[: services.OVERDUE_PAGE]),
            "overdue_count": overdue.count(),
        }
        response = render(request, "web/home.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response
