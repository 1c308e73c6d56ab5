from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from nhiemvu.reports.render import extraction_caption
from nhiemvu.tracking.agenda import Need
from nhiemvu.tracking.choices import Timeliness
from nhiemvu.web import services
from nhiemvu.web.forms import LoginForm, PeriodForm


def _is_partial(request) -> bool:
    """An htmx request for a fragment (not a boosted page, nor a history restore)."""
    htmx = request.htmx
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


@login_required
def home(request):
    """ "Việc của tôi": what waits for the user today (tracking.agenda), each need with its
    count (a link to the task list that lists the same tasks, where one filter does) and its
    most urgent items with the working days left."""
    today = timezone.localdate()
    sections = services.my_work(request.user, today)
    rows = [(section, _list_url(section, today)) for section in sections]
    return render(request, "web/my_work.html", {"sections": sections, "rows": rows, "today": today})


def _list_url(section, today) -> str:
    """The task list of exactly the need's tasks, for the needs one filter expresses."""
    day = f"{today:%d/%m/%Y}"
    if section.need == Need.OVERDUE:
        query = {"timeliness": Timeliness.OPEN_OVERDUE, "on": day}
    elif section.need == Need.DUE_SOON:
        query = {"timeliness": Timeliness.OPEN_NOT_DUE, "on": day, "due_from": day, "due_to": section.due_to}
    elif section.need == Need.RESULT_NOT_RECORDED:
        query = {"timeliness": Timeliness.OPEN_OVERDUE, "on": day, "due_to": section.due_to}
    else:
        return ""
    if "due_to" in query:
        query["due_to"] = f"{query['due_to']:%d/%m/%Y}"
    return f"{reverse('tracking:task_list')}?{urlencode(query)}"


@login_required
def dashboard(request):
    """The dashboard: the user's tasks by timeliness, the per-unit table, overdue tasks.

    The table's period form swaps only the table (htmx); the same URL with the same
    parameters gives the whole page. The table shows its top two levels of units; `mo`
    (a unit id) opens the rows below that unit: as an htmx fragment of rows, or in the page.
    """
    now = timezone.now()
    today = timezone.localdate(now)
    form = PeriodForm(request.GET or None, now=now)
    period = form.period()
    version = services.data_version()
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
    if table:
        rows = table.rows(
            table.below(opened)
            if opened and _is_partial(request)
            else table.shown([opened] if opened else ())
        )
        context |= {
            "rows": rows,
            "rows_html": services.rows_html(rows, reverse("dashboard"), context["open_query"]),
            "totals": table.totals(),
        }
    if _is_partial(request) and table and opened:
        response = render(request, "web/partials/unit_rows.html", context)
    elif _is_partial(request):
        response = render(request, "web/partials/unit_report.html", context)
    else:
        cards = services.timeliness_cards(request.user, today, version)
        overdue = list(services.overdue_tasks(request.user, today)[: services.OVERDUE_PAGE])
        context |= {
            "today": today,
            "cards": cards,
            "overdue": overdue,
            "overdue_html": services.overdue_html(overdue, today),
            # The overdue card counts the same tasks (open, past due, not cancelled nor returned).
            "overdue_count": next(card.count for card in cards if card.key == Timeliness.OPEN_OVERDUE),
        }
        response = render(request, "web/dashboard.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _unit_id(value) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 12 else None


class LoginView(auth_views.LoginView):
    """The site's login. The session ends with the browser window (SESSION_EXPIRE_AT_BROWSER_CLOSE)
    unless "Ghi nhớ đăng nhập" is ticked; either way it ends after SESSION_IDLE_HOURS idle."""

    form_class = LoginForm
    template_name = "web/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        if form.cleaned_data["remember_me"]:
            self.request.session.set_expiry(settings.SESSION_COOKIE_AGE)
        return response


def locked_out(request, response=None, credentials=None):
    """django-axes' lock-out answer (AXES_LOCKOUT_CALLABLE), for the site's login and the admin's:
    the login page with the reason, HTTP 429."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = _(
        "Đăng nhập tạm thời bị khóa vì đã nhập sai %(limit)d lần. Vui lòng thử lại sau %(minutes)d phút "
        "hoặc đề nghị quản trị hệ thống mở khóa."
    ) % {"limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    context = {
        "form": LoginForm(request),
        "lockout_message": message,
        "next": request.POST.get(REDIRECT_FIELD_NAME, request.GET.get(REDIRECT_FIELD_NAME, "")),
    }
    return render(request, "web/login.html", context, status=429)
