"""The task list and the task page. Thin: the FilterSet filters, the forms call the services,
and every queryset starts from what the user may see (a task they may not see is a 404)."""

from collections import OrderedDict

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from nhiemvu.accounts.directory import stamp_seen_by
from nhiemvu.accounts.permissions import unit_scope
from nhiemvu.reports.services import snapshots_at
from nhiemvu.tracking import permissions, services
from nhiemvu.tracking.choices import (
    ACTIVE_OPEN,
    LIFECYCLE_BADGE,
    NOT_COUNTED,
    TIMELINESS_BADGE,
    EventKind,
    Lifecycle,
)
from nhiemvu.tracking.exports import tasks_xlsx
from nhiemvu.tracking.filters import TaskFilterSet
from nhiemvu.tracking.forms import ACTION_FORMS
from nhiemvu.tracking.list_rows import listed, rows_html
from nhiemvu.tracking.models import Task
from nhiemvu.tracking.paging import search_count_text, task_page
from nhiemvu.tracking.status import TransitionError, allows, timeliness
from nhiemvu.web.counts import LIST_SIZES, cached, data_version, scope_key
from nhiemvu.web.fragments import refused

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _is_partial(request) -> bool:
    htmx = request.htmx
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def _status(task, day, state=None):
    """Lifecycle and timeliness of a task on `day` with their badges, and its lead unit, from
    `state` (a task row, or the event snapshot in force at a past moment; by default the
    task itself). No timeliness for the tasks no report counts (cancelled, returned)."""
    state = state or task
    lifecycle = Lifecycle(state.lifecycle)
    status = None
    if lifecycle not in NOT_COUNTED:
        status = timeliness(due=state.due_in_force, completed=state.completed_on, as_of=day)
    return {
        "lead_unit": state.lead_unit,
        "due_in_force": state.due_in_force,
        "lifecycle": lifecycle,
        "lifecycle_badge": LIFECYCLE_BADGE[lifecycle],
        "timeliness": status,
        "timeliness_badge": TIMELINESS_BADGE[status] if status else "",
    }


def _remembered_size(request, day):
    """The list's bounded size kept as the dashboard's counts are (web.counts: per scope, the
    list's parameters and day, until a task changes): counting a province's 21,000 tasks up to
    the bound takes 5 ms at 1M on PostgreSQL, 27 on SQLite, at every page of the list."""
    query = sorted((key, tuple(values)) for key, values in request.GET.lists() if key != "page")
    key = ("list-size", scope_key(request.user), tuple(query), day.isoformat(), data_version())

    def remember(bound, count):
        return cached((*key, bound), count, LIST_SIZES)

    return remember


# The filter forms as drawn, apart from the counts' cache (web.counts) so as not to push them out.
_FILTER_FORMS: OrderedDict = OrderedDict()


def _filters_html(filterset) -> str:
    """The list's filter form (tracking/partials/task_filters.html), drawn once per process for
    the same values, language, scope and directory (accounts.directory: its officers, fields
    and units' names): its 27 fields and the two queries of their choices took 3 ms of CPU a
    request, a fifth of the page's at 1M tasks on PostgreSQL. A form with errors is drawn each
    time (its messages may depend on the moment)."""
    form = filterset.form

    def draw() -> str:
        return render_to_string("tracking/partials/task_filters.html", {"filterset": filterset})

    user = filterset.request.user
    stamp = stamp_seen_by(user)
    if form.errors or stamp is None:
        return draw()
    values = tuple((name, tuple(form.data.getlist(name))) for name in form.fields)
    key = (stamp, scope_key(user), get_language(), get_script_prefix(), values)
    return cached(key, draw, _FILTER_FORMS)


@login_required
def task_list(request):
    """The tasks the user may see, filtered (TaskFilterSet), sorted, paginated; `export=xlsx`
    gives the same rows as a file. The filter form swaps only the table (htmx)."""
    now = timezone.now()
    tasks = Task.objects.visible_to(request.user)
    filterset = TaskFilterSet(request.GET, tasks, request=request, now=now)
    valid = filterset.is_valid()
    filtered = filterset.qs if valid else tasks.none()
    day = filterset.judging_day() if valid else timezone.localdate(now)
    if valid and request.GET.get("export") == "xlsx":
        count = filtered.count()
        if count > settings.TASK_EXPORT_MAX_ROWS:
            messages.error(
                request,
                _("Danh sách có %(count)s nhiệm vụ, quá giới hạn xuất tệp %(limit)s: hãy lọc bớt.")
                % {"count": count, "limit": settings.TASK_EXPORT_MAX_ROWS},
            )
            query = request.GET.copy()
            query.pop("export")
            return redirect(f"{request.path}?{query.urlencode()}")
        moment = filterset.moment()
        xlsx = tasks_xlsx(filtered, day=day, extracted_at=moment or now, as_of=moment)
        response = HttpResponse(xlsx, content_type=XLSX)
        name = f"nhiem-vu-{timezone.localtime(now):%Y%m%d-%H%M}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    # Invalid filters list nothing, in the list's own order (a Paginator warns of none).
    unsearched = filterset.unsearched if valid else tasks.none().order_by("-assigned_on", "-id")
    if valid and request.GET.get("count") and filterset.words():
        # The count a long list's text search left for a request of its own (tracking.paging).
        return HttpResponse(escape(search_count_text(unsearched, filterset.words())))
    # On SQLite a user's scope (a union of ids, db.any_of) or a unit's tasks make a long
    # list walk its order, testing the ids (paging._planned); not a filter on the whole
    # country, which holds most rows of a walk (done on time: 37 ms, walked 1,175 ms at 1M).
    walk = connection.vendor == "sqlite" and (
        unit_scope(request.user) is not None or (valid and filterset.narrowed_to_units)
    )
    page = task_page(
        unsearched,
        filterset.words() if valid else [],
        request.GET.get("page"),
        per_page=PAGE_SIZE,
        walk=walk,
        remember=_remembered_size(request, day) if valid else None,
        read=listed,
    )
    moment = filterset.moment() if valid else None
    # As of a past moment, each row as the system knew it then (the report's rows).
    then = snapshots_at(Task.objects.filter(pk__in=[t.pk for t in page]), as_of=moment) if moment else {}
    rows = [(task, _status(task, day, then.get(task.pk))) for task in page]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filterset": filterset,
        "page": page,
        "rows": rows,
        "rows_html": rows_html(rows),
        # Called by the whole page only, not by the table's htmx fragment.
        "filters_html": lambda: _filters_html(filterset),
        "day": day,
        "query": query.urlencode(),
        "as_of": moment,
    }
    template = "tracking/partials/task_table.html" if _is_partial(request) else "tracking/task_list.html"
    response = render(request, template, context, status=200 if valid else 400)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _visible_task(user, pk):
    """The task with what its page shows of it. Four relations joined, the others read by
    their ids (a query each, when set): with all seven joined, PostgreSQL spent 5–18 ms planning
    the one-row query at 1M tasks (its join search grows with each join; 18 indexes on the
    task table, which the parent's join adds again), against ~1 ms with four."""
    queryset = (
        Task.objects.visible_to(user)
        .select_related("directive", "lead_unit", "assigning_unit", "field")
        .prefetch_related("tracking_desk", "tracking_officer", "parent__lead_unit")
    )
    return get_object_or_404(queryset, pk=pk)


def _offered(form_class, user, task) -> bool:
    """The action is the user's (permissions.can) and the task's state allows it."""
    if form_class.kind is None:
        state_allows = task.lifecycle in ACTIVE_OPEN
    else:
        state_allows = allows(form_class.kind, Lifecycle(task.lifecycle))
    return state_allows and permissions.can(user, form_class.action, task)


def _due_history(events):
    """The due dates in force one after the other: (from the day, the due date, the event)."""
    history, previous = [], object()
    for event in events:
        if event.due_in_force != previous:
            history.append(event)
            previous = event.due_in_force
    return history


def _contributions(coordinating_units, events):
    """Each coordinating unit with what it reported (seed 003 art. 10.2.b), in the order of the
    tree; a unit that reported and coordinates no longer (it leads the task now) after them."""
    by_unit = {unit.pk: (unit, []) for unit in coordinating_units}
    for event in events:
        if event.kind == EventKind.CONTRIBUTED:
            by_unit.setdefault(event.contributing_unit_id, (event.contributing_unit, []))[1].append(event)
    return list(by_unit.values())


def _page(request, task, *, open_action=None, bound_form=None, error="", status=200):
    """The task page; to an htmx request, only its main region (partials/task_page.html), which
    the action forms swap in place, errors included (web/static/web/htmx-config.js)."""
    user = request.user
    events = list(task.events.select_related("actor", "contributing_unit").prefetch_related("attachments"))
    children = list(task.children.select_related("lead_unit").order_by("assigned_on", "id"))
    coordinating_units = list(task.coordinating_units.order_by("path"))
    # The actions offered, each with its form only when it is the one open: the others are
    # fetched when their button is pressed (_action_form), which halves the page's server time
    # for a user with many actions (bench/README.md).
    actions = [
        (name, form_class, bound_form if name == open_action else None)
        for name, form_class in ACTION_FORMS.items()
        if _offered(form_class, user, task)
    ]
    if bound_form is not None and open_action not in {name for name, _, _ in actions}:
        # Refused by the state the task is in now (e.g. completed meanwhile): no form to show
        # it in, so the page says why.
        error = (
            error
            or " ".join(bound_form.non_field_errors())
            or _("Thao tác này không còn thực hiện được ở trạng thái hiện tại của nhiệm vụ.")
        )
    context = {
        "task": task,
        "status": _status(task, timezone.localdate()),
        "coordinating_units": coordinating_units,
        "contributions": _contributions(coordinating_units, events),
        "events": events,
        "due_history": _due_history(events),
        "children": [(child, _status(child, timezone.localdate())) for child in children],
        # A sub-unit follows its own task, not always the delegating unit's: no link to a 404.
        "parent_visible": bool(task.parent_id)
        and Task.objects.visible_to(user).filter(pk=task.parent_id).exists(),
        "progress": services.children_progress(task) if children else None,
        "actions": actions,
        "open_action": open_action,
        "error": error,
    }
    partial = _is_partial(request)
    template = "tracking/partials/task_page.html" if partial else "tracking/task_detail.html"
    response = render(request, template, context, status=status)
    if partial and (error or status == 200):
        # A message at the top of the region (done, or refused): show it, not the form.
        response["HX-Reswap"] = "outerHTML show:top"
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def task_detail(request, pk):
    """Seed 003 art. 5.1: what is recorded for a task, its history, and what the user may do."""
    return _page(request, _visible_task(request.user, pk))


@login_required
@require_http_methods(["GET", "POST"])
def task_action(request, pk, action):
    """One action's form: asked for (GET), the form alone to htmx, or the task page with it
    open; posted, its service does it, or nothing is saved and the page says why.

    Posted by htmx, the answer is the page's main region to swap in place, with its form and
    Vietnamese errors (400, 403) or the message that it is done; posted plainly (no
    JavaScript), the whole page on an error and a redirect to it when done."""
    form_class = ACTION_FORMS[action]  # the URL admits only these
    task = _visible_task(request.user, pk)
    if request.method == "GET":
        return _action_form(request, task, action)
    if not permissions.can(request.user, form_class.action, task):
        # Said before the form is read; the service checks again on the locked row.
        message = _("Bạn không có quyền %(action)s nhiệm vụ này.") % {"action": form_class.action.label}
        return _page(request, task, error=message, status=403)
    form = form_class(request.POST, request.FILES, task=task, user=request.user)
    if not form.is_valid():
        return _page(request, task, open_action=action, bound_form=form, status=400)
    try:
        form.perform(timezone.now())
    except PermissionDenied as error:
        return _page(request, _visible_task(request.user, pk), error=str(error), status=403)
    except (ValidationError, TransitionError) as error:
        for message in error.messages if isinstance(error, ValidationError) else [str(error)]:
            form.add_error(None, message)
        # Read again: nothing was saved, whatever the service left on the caller's copy.
        task = _visible_task(request.user, pk)
        form.task = task
        return _page(request, task, open_action=action, bound_form=form, status=400)
    messages.success(request, _("Đã ghi: %(action)s.") % {"action": form_class.title})
    if _is_partial(request):
        return _page(request, _visible_task(request.user, pk))
    return redirect(task)


def _action_form(request, task, action):
    """An action's empty form: to htmx, the form alone, to open under its button (403 with the
    reason when the action is not the user's in the task's state); otherwise the page with it
    open, which says the same."""
    form_class = ACTION_FORMS[action]
    offered = _offered(form_class, request.user, task)
    if not _is_partial(request):
        form = form_class(task=task, user=request.user)
        return _page(request, task, open_action=action, bound_form=form, status=200 if offered else 403)
    if not offered:
        message = _("Thao tác này không còn thực hiện được ở trạng thái hiện tại của nhiệm vụ.")
        return refused(message)
    context = {"task": task, "name": action, "form": form_class(task=task, user=request.user)}
    response = render(request, "tracking/partials/action_form.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response
