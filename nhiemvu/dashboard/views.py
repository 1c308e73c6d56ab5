from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.html import escape
from django.utils.http import urlencode

from nhiemvu.dashboard import services, tables
from nhiemvu.dashboard.forms import PeriodForm
from nhiemvu.reports.render import extraction_caption
from nhiemvu.tracking.choices import Timeliness
from nhiemvu.web.counts import data_version


def _is_partial(request) -> bool:
    """An htmx request for a fragment (not a boosted page, nor a history restore)."""
    htmx = request.htmx
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


@login_required
def dashboard(request):
    """The dashboard: the user's tasks by timeliness, the per-unit table with its chart by
    month, overdue tasks. Every figure links to the task list of its tasks (issue 13).

    The table's period form swaps only the table and its chart (htmx); the same URL with the
    same parameters gives the whole page. The table shows its top two levels of units; `mo`
    (a unit id) opens the rows below that unit: as an htmx fragment of rows, or in the page.
    """
    now = timezone.now()
    today = timezone.localdate(now)
    form = PeriodForm(request.GET or None, now=now)
    period = form.period()
    version = data_version()
    table = services.unit_table(request.user, period, version) if period else None
    opened = _unit_id(request.GET.get("mo"))
    query = request.GET.copy()
    query.pop("mo", None)
    context = {
        "form": form,
        "report": table.report if table else None,
        "caption": extraction_caption(table.report) if table else "",
        "open_query": query.urlencode(),
    }
    rows_only = _is_partial(request) and table and opened
    if table:
        rows = table.rows(table.below(opened) if rows_only else table.shown([opened] if opened else ()))
        list_url = services.list_url(services.list_query(period))
        scope = services.scope_filter(request.user)
        context |= {
            "rows": rows,
            "rows_html": tables.rows_html(rows, reverse("dashboard"), context["open_query"], list_url),
        }
        if not rows_only:
            context |= {
                "totals_html": tables.totals_html(
                    table.totals(), None if scope is None else f"{list_url}{escape(urlencode(scope))}&amp;"
                ),
                "chart": services.month_chart(request.user, period, version),
            }
    if rows_only:
        response = render(request, "dashboard/partials/unit_rows.html", context)
    elif _is_partial(request):
        response = render(request, "dashboard/partials/unit_report.html", context)
    else:
        cards = services.timeliness_cards(request.user, today, version)
        overdue = services.first_overdue(request.user, today, version)
        context |= {
            "today": today,
            "cards": cards,
            "overdue": overdue,
            "overdue_html": tables.overdue_html(overdue, today),
            # The overdue card counts the same tasks (open, past due, not cancelled nor returned).
            "overdue_count": next(card.count for card in cards if card.key == Timeliness.OPEN_OVERDUE),
            "overdue_url": services.overdue_list_url(today),
        }
        response = render(request, "dashboard/dashboard.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _unit_id(value) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 12 else None
