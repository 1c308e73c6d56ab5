from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from nhiemvu.reports.render import extraction_caption
from nhiemvu.web import services
from nhiemvu.web.forms import LoginForm, PeriodForm


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
