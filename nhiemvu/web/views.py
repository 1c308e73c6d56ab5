from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from nhiemvu.web import services
from nhiemvu.web.agenda_items import items_html
from nhiemvu.web.forms import LoginForm


@login_required
def home(request):
    """ "Việc của tôi": what waits for the user today (tracking.agenda), each need with its
    count (a link to the task list that lists the same tasks, where one filter does) and its
    most urgent items with the working days left."""
    today = timezone.localdate()
    sections = services.my_work(request.user, today)
    rows = [(section, services.need_list_url(section, today), items_html(section)) for section in sections]
    return render(request, "web/my_work.html", {"sections": sections, "rows": rows, "today": today})


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
