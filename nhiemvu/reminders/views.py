"""The in-app side of reminders: the bell's list of one's notifications, one's preferences,
and the office's page of every reminder sent, with its resend button. Thin: each action is
one service (reminders.services); who sees what is reminders.access.

Notifications are their recipient's alone: another's is a 404. Opening one is a POST that
marks it read and redirects to its task (or list): a GET changes nothing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nhiemvu.forms import add_service_errors
from nhiemvu.reminders import access, services
from nhiemvu.reminders.choices import OutboxState
from nhiemvu.reminders.delivery import lease, uncertain
from nhiemvu.reminders.forms import UNCERTAIN, OutboxFilterForm, PreferenceForm
from nhiemvu.reminders.models import Notification, OutboxMessage

PAGE_SIZE = 30
OUTBOX_PAGE_SIZE = 50
OUTBOX_ROW = ("recipient", "focal_officer__unit", "resent_by")  # what a row of the outbox page shows


def _is_partial(request) -> bool:
    htmx = request.htmx
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def _query(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
def notification_list(request):
    """The user's notifications, newest first, the unread ones marked."""
    notifications = Notification.objects.filter(recipient=request.user).order_by("-created_at", "-id")
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    partial = _is_partial(request)
    context = {"page": page, "query": _query(request), "oob": partial}
    template = "reminders/partials/notifications.html" if partial else "reminders/notification_list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_POST
def notification_open(request, pk):
    """Mark the notification read and go to what it is about (its task, else its list)."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.mark_read(notification, user=request.user, at=timezone.now())
    target = notification.link
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = ""
    if not target and notification.task_id:
        target = reverse("tracking:task_detail", args=[notification.task_id])
    return redirect(target or reverse("tracking:task_list"))


@login_required
@require_POST
def mark_all_read(request):
    services.mark_all_read(request.user, at=timezone.now())
    if _is_partial(request):
        return notification_list(request)
    messages.success(request, _("Đã đánh dấu tất cả thông báo là đã đọc."))
    return redirect("reminders:notification_list")


@login_required
def preferences(request):
    """One's channels and digest time (services.set_preference checks them)."""
    form = PreferenceForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                form.perform()
            except ValidationError as problem:
                add_service_errors(form, problem)
            else:
                messages.success(request, _("Đã lưu cách nhận nhắc việc."))
                return redirect("reminders:preferences")
        status = 400
    return render(request, "reminders/preferences.html", {"form": form}, status=status)


def _visible_outbox(user):
    return OutboxMessage.objects.filter(access.outbox_scope(user))


def _filtered(queryset, form, now):
    if not form.is_valid():
        return queryset
    data = form.cleaned_data
    if data["state"] == UNCERTAIN:
        queryset = queryset.filter(pk__in=uncertain(now).values("pk"))
    elif data["state"]:
        queryset = queryset.filter(state=data["state"])
    if data["channel"]:
        queryset = queryset.filter(channel=data["channel"])
    if data["rule"]:
        queryset = queryset.filter(rule=data["rule"])
    if data["day"]:
        queryset = queryset.filter(day=data["day"])
    if words := data["recipient"].strip():
        queryset = queryset.filter(
            Q(recipient__username__icontains=words)
            | Q(recipient__last_name__icontains=words)
            | Q(recipient__first_name__icontains=words)
            | Q(recipient__email__icontains=words)
            | Q(focal_officer__full_name__icontains=words)
            | Q(focal_officer__email__icontains=words)
        )
    return queryset


def _with_uncertainty(rows, now):
    """Each row's `uncertain`: "sending" past the lease, its worker died mid-send."""
    limit = now - lease()
    for row in rows:
        row.uncertain = (
            row.state == OutboxState.SENDING and row.claimed_at is not None and row.claimed_at < limit
        )
    return rows


@login_required
def outbox_list(request):
    """Every reminder sent to the people the user follows up (users, and focal officers without
    an account): whom, when, channel, outcome."""
    if not access.keeps_outbox(request.user):
        raise PermissionDenied
    now = timezone.now()
    form = OutboxFilterForm(request.GET or None)
    rows = _filtered(_visible_outbox(request.user), form, now).select_related(*OUTBOX_ROW)
    page = Paginator(rows.order_by("-day", "-decided_at", "-id"), OUTBOX_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    _with_uncertainty(page.object_list, now)
    context = {"page": page, "form": form, "query": _query(request)}
    return render(request, "reminders/outbox_list.html", context)


@login_required
@require_POST
def resend(request, pk):
    """Put one reminder back in the queue (services.resend); htmx swaps its row."""
    if not access.keeps_outbox(request.user):
        raise PermissionDenied
    message = get_object_or_404(_visible_outbox(request.user), pk=pk)
    now = timezone.now()
    count = services.resend([message], by=request.user, now=now)
    if count:
        done = _("Đã đưa nhắc việc vào hàng gửi lại.")
    else:
        done = _("Nhắc việc này đang chờ gửi: không cần gửi lại.")
    row = _with_uncertainty([_visible_outbox(request.user).select_related(*OUTBOX_ROW).get(pk=pk)], now)[0]
    if _is_partial(request):
        return render(request, "reminders/partials/outbox_row.html", {"row": row, "message": done})
    messages.success(request, done)
    return redirect("reminders:outbox_list")
