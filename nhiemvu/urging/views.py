"""Urging on the task page and the list of urgings. Thin: the forms call the services, and
every queryset starts from what the user may see (an unseen task or request is a 404).

The task page's section (partials/task_section.html, through the `urging_section` tag) holds
the forms. Posted by htmx, the answer is that section to swap in place: the message that it is
done, or the form with its Vietnamese errors (400) or the refusal (403). Posted plainly (no
JavaScript), a redirect to the task page when done, else a page with the section (400, 403).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from nhiemvu.accounts.permissions import unit_scope
from nhiemvu.forms import add_service_errors
from nhiemvu.reports import writers
from nhiemvu.tracking import permissions as task_policy
from nhiemvu.tracking.choices import ACTIVE_OPEN
from nhiemvu.tracking.models import Task
from nhiemvu.tracking.permissions import Action
from nhiemvu.tracking.status import TransitionError
from nhiemvu.units.models import Unit
from nhiemvu.urging import permissions
from nhiemvu.urging.choices import UrgingKind
from nhiemvu.urging.counts import answered_by, requested_within, urged_within
from nhiemvu.urging.forms import (
    AnswerForm,
    ExplanationPeriodForm,
    ExplanationRequestForm,
    UrgeForm,
    UrgingPeriodForm,
)
from nhiemvu.urging.letter import urging_letter
from nhiemvu.urging.models import ExplanationRequest, Urging
from nhiemvu.urging.services import is_overdue
from nhiemvu.web.fragments import refused

PAGE_SIZE = 50
SECTION = "urging/partials/task_section.html"
URLS = {UrgeForm: "urging:urge", ExplanationRequestForm: "urging:request_explanation"}


def _is_partial(request) -> bool:
    htmx = request.htmx
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def _answer_form(user, item, bound):
    """The answer form of a request that waits for `user`'s unit: the posted one if it was
    this request's, else a fresh one; None for an answered request or another unit's."""
    if isinstance(bound, AnswerForm) and bound.request.pk == item.pk:
        return bound
    if not item.is_answered and permissions.can_answer(user, item):
        return AnswerForm(request=item, user=user)
    return None


def section_context(user, task, *, bound=None, message="", error="") -> dict:
    """What the task page's urging section shows `user`: the task's explanation requests (with
    an answer form where it waits for them) and urgings, and the forms they may use now.
    `bound` is a posted form to show with its errors instead of a fresh one."""
    today = timezone.localdate()
    requests = list(task.explanation_requests.select_related("unit", "requested_by", "answered_by"))
    urgings = list(
        Urging.objects.visible_to(user)
        .filter(tasks=task)
        .select_related("unit", "by")
        .order_by("-recorded_at")
    )
    context = {"task": task, "message": message, "error": error, "urgings": urgings}
    context["requests"] = [(item, _answer_form(user, item, bound)) for item in requests]
    # A form only when it is the one open (posted, or asked for without JavaScript): the others
    # are fetched when their button is pressed (_form); the urging's holds a box per open task
    # of the unit.
    context["may_urge"] = _may_urge(user, task)
    context["urge_form"] = bound if isinstance(bound, UrgeForm) else None
    pending = any(not item.is_answered for item in requests)
    context["may_explain"] = _may_request_explanation(user, task, pending=pending, today=today)
    context["explain_form"] = bound if isinstance(bound, ExplanationRequestForm) else None
    context["open_form"] = type(bound).__name__ if bound is not None else ""
    return context


def _may_urge(user, task) -> bool:
    return task.lifecycle in ACTIVE_OPEN and task_policy.can(user, Action.URGE, task)


def _may_request_explanation(user, task, *, pending: bool, today) -> bool:
    """Seed 003 art. 18.3: of an overdue task, one request at a time."""
    return not pending and is_overdue(task, today) and task_policy.can(user, Action.REQUEST_EXPLANATION, task)


def render_section(request, task, **kwargs) -> str:
    return render_to_string(SECTION, section_context(request.user, task, **kwargs), request=request)


def _visible_task(user, pk):
    queryset = Task.objects.visible_to(user).select_related("directive", "lead_unit", "assigning_unit")
    return get_object_or_404(queryset, pk=pk)


def _answer(request, task, *, status=200, **kwargs):
    """The section (htmx) or a page holding it (a plain POST that did not go through)."""
    context = section_context(request.user, task, **kwargs)
    template = SECTION if _is_partial(request) else "urging/task_form.html"
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _post(request, task, form, *, allowed: bool, done: str):
    """Check, validate, perform, answer: the same for every form of the section."""
    if not allowed:
        error = _("Bạn không có quyền thực hiện thao tác này.")
        return _answer(request, task, error=error, status=403)
    if not form.is_valid():
        return _answer(request, task, bound=form, status=400)
    try:
        form.perform(timezone.now())
    except PermissionDenied as refusal:
        return _answer(request, _visible_task(request.user, task.pk), error=str(refusal), status=403)
    except (ValidationError, TransitionError) as problem:
        add_service_errors(form, problem)
        return _answer(request, _visible_task(request.user, task.pk), bound=form, status=400)
    task = _visible_task(request.user, task.pk)
    if _is_partial(request):
        return _answer(request, task, message=done)
    messages.success(request, done)
    return redirect(task)


def _form(request, task, form_class, *, allowed: bool):
    """A section's empty form asked for: to htmx, the form alone (403 and the reason when it is
    not the user's now); otherwise the section's page with it open."""
    if not allowed:
        error = _("Bạn không có quyền thực hiện thao tác này.")
        if _is_partial(request):
            return refused(error)
        return _answer(request, task, error=error, status=403)
    form = form_class(task=task, user=request.user)
    if not _is_partial(request):
        return _answer(request, task, bound=form)
    url = reverse(URLS[form_class], args=[task.pk])
    response = render(request, "urging/partials/section_form.html", {"form": form, "url": url})
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_http_methods(["GET", "POST"])
def urge(request, pk):
    task = _visible_task(request.user, pk)
    if request.method == "GET":
        return _form(request, task, UrgeForm, allowed=_may_urge(request.user, task))
    form = UrgeForm(request.POST, task=task, user=request.user)
    allowed = task_policy.can(request.user, Action.URGE, task)
    return _post(request, task, form, allowed=allowed, done=_("Đã ghi việc đôn đốc đơn vị."))


@login_required
@require_http_methods(["GET", "POST"])
def request_explanation(request, pk):
    task = _visible_task(request.user, pk)
    if request.method == "GET":
        pending = task.explanation_requests.pending().exists()
        allowed = _may_request_explanation(request.user, task, pending=pending, today=timezone.localdate())
        return _form(request, task, ExplanationRequestForm, allowed=allowed)
    form = ExplanationRequestForm(request.POST, task=task, user=request.user)
    allowed = task_policy.can(request.user, Action.REQUEST_EXPLANATION, task)
    return _post(request, task, form, allowed=allowed, done=_("Đã gửi yêu cầu giải trình."))


@login_required
@require_POST
def answer(request, pk):
    queryset = ExplanationRequest.objects.visible_to(request.user).select_related("unit", "task")
    explanation = get_object_or_404(queryset, pk=pk)
    task = _visible_task(request.user, explanation.task_id)
    form = AnswerForm(request.POST, request=explanation, user=request.user)
    allowed = permissions.can_answer(request.user, explanation)
    return _post(request, task, form, allowed=allowed, done=_("Đã gửi nội dung giải trình."))


def _of_unit(request, records):
    """The urgings or explanation requests of `records` of the unit asked for (`unit=<id>`;
    `subunits=1`: with the units below it), and that unit's id as asked ("" for none)."""
    unit = request.GET.get("unit", "")
    unit = unit if unit.isdigit() else ""
    if unit:
        chosen = Unit.objects.filter(pk=int(unit)).first()
        if chosen is not None and request.GET.get("subunits") == "1":
            return records.filter(unit__path__startswith=chosen.path), unit
        return records.filter(unit_id=int(unit)), unit
    return records, unit


def _page(request, records):
    query = request.GET.copy()
    query.pop("page", None)
    return Paginator(records, PAGE_SIZE).get_page(request.GET.get("page")), query.urlencode()


@login_required
def urging_list(request):
    """The urgings the user may see, newest first, filtered by kind, by unit urged (`subunits=1`:
    with the units below it), by the days urged and the moment they had been recorded by
    (`urged_from`, `urged_to`, `as_of`: the urgings report's figures, urging.counts)."""
    urgings = Urging.objects.visible_to(request.user)
    scope = unit_scope(request.user)
    units = Unit.objects.filter(scope) if scope is not None else Unit.objects.all()
    units = units.filter(pk__in=urgings.values("unit_id")).order_by("path")
    kind = request.GET.get("kind", "")
    kind = kind if kind in UrgingKind.values else ""
    if kind:
        urgings = urgings.filter(kind=kind)
    urgings, unit = _of_unit(request, urgings)
    period = UrgingPeriodForm(request.GET, now=timezone.now())
    if period.is_valid():
        urgings = urged_within(urgings, **period.cleaned_data)
    else:
        urgings = urgings.none()
    urgings = urgings.select_related("unit", "issuing_unit", "by").annotate(task_count=Count("tasks"))
    page, query = _page(request, urgings.order_by("-urged_on", "-recorded_at", "-id"))
    context = {
        "page": page,
        "kinds": UrgingKind.choices,
        "kind": kind,
        "units": units,
        "unit": unit,
        "period": period,
        "query": query,
    }
    return render(request, "urging/urging_list.html", context)


@login_required
def explanation_list(request):
    """The explanation requests the user may see (those of the tasks they see), newest first,
    filtered by the unit asked (`subunits=1`: with the units below it), by the days asked and
    the moment they had been recorded by (`requested_from`, `requested_to`, `as_of`), and
    `answered=1`: those answered by that moment; the urgings report's figures (urging.counts)."""
    requests = ExplanationRequest.objects.visible_to(request.user)
    requests, unit = _of_unit(request, requests)
    period = ExplanationPeriodForm(request.GET, now=timezone.now())
    if period.is_valid():
        requests = requested_within(requests, **period.cleaned_data)
        if request.GET.get("answered") == "1":
            requests = requests.filter(answered_by(period.cleaned_data["as_of"]))
    else:
        requests = requests.none()
    requests = requests.select_related("unit", "task", "requested_by")
    page, query = _page(request, requests.order_by("-requested_at", "-id"))
    context = {"page": page, "unit": unit, "period": period, "query": query}
    return render(request, "urging/explanation_list.html", context)


@login_required
def letter(request, pk):
    """The urging's letter (urging.letter), a .docx in the Decree 30/2020 format."""
    queryset = Urging.objects.visible_to(request.user).select_related("unit", "issuing_unit")
    document = urging_letter(get_object_or_404(queryset, pk=pk))
    response = HttpResponse(writers.render(document, "docx"), content_type=writers.CONTENT_TYPES["docx"])
    response["Content-Disposition"] = f'attachment; filename="{writers.file_name(document, "docx")}"'
    return response
