"""The directive register and a directive's page, the secret register screen, and
attachment downloads (entering a directive: directives.entry_views)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from nhiemvu.directives import register, services
from nhiemvu.directives.attachments import file_response
from nhiemvu.directives.entry import assignment_deadline
from nhiemvu.directives.entry_forms import assigning_units
from nhiemvu.directives.forms import RegisterFilterForm, SecretEntryForm
from nhiemvu.directives.models import Directive, DirectiveAttachment, SecretEntry
from nhiemvu.tracking.models import Task, TaskEventAttachment

REGISTER_PAGE = 25


@login_required
def directive_list(request):
    """`/van-ban/`: the directives the user may see, filtered by the GET query string."""
    form = RegisterFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    page = Paginator(register.register(request.user, filters), REGISTER_PAGE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "may_enter": assigning_units(request.user).exists(),
    }
    return render(request, "directives/directive_list.html", context)


@login_required
def directive_detail(request, pk):
    """`/van-ban/<id>/`: the directive, its files and its tasks' progress; 404 to a user who
    may not see it."""
    directive = get_object_or_404(
        services.visible_directives(request.user).select_related("issuer_unit", "receiving_unit"), pk=pk
    )
    today = timezone.localdate()
    rows = register.tasks_progress(request.user, directive, today)
    deadline = None
    if directive.received_on:  # without tasks yet: 1 working day, as the home page counts it
        lead_units = len({row.task.lead_unit_id for row in rows})
        deadline = assignment_deadline(directive.received_on, lead_units)
    context = {
        "directive": directive,
        "rows": rows,
        "attachments": directive.attachments.order_by("pk"),
        "assignment_deadline": deadline,
        "today": today,
        "may_assign": assigning_units(request.user).exists(),
    }
    return render(request, "directives/directive_detail.html", context)


def _register_or_404():
    if not services.secret_register_enabled():
        raise Http404


@login_required
def secret_entry_list(request):
    """The lines of the register the user is on the list of (seed 003 art. 5.2)."""
    _register_or_404()
    entries = SecretEntry.objects.visible_to(request.user).select_related("lead_unit")
    context = {"entries": entries, "may_keep": services.may_keep_secret_register(request.user)}
    return render(request, "directives/secret_entry_list.html", context)


@login_required
def secret_entry_form(request, pk=None):
    """Add (pk=None) or edit a line; a line the user may not see is a 404."""
    _register_or_404()
    entry = None
    if pk is not None:
        entry = get_object_or_404(SecretEntry.objects.visible_to(request.user), pk=pk)
    if not services.may_keep_secret_register(request.user):
        raise PermissionDenied(_("Bạn không có quyền ghi sổ theo dõi văn bản mật."))
    form = SecretEntryForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        fields = {name: value for name, value in form.cleaned_data.items() if name != "allowed_users"}
        services.save_secret_entry(
            by=request.user, entry=entry, allowed_users=form.cleaned_data["allowed_users"], **fields
        )
        messages.success(request, _("Đã ghi sổ theo dõi văn bản mật."))
        return redirect("secret_entry_list")
    return render(request, "directives/secret_entry_form.html", {"form": form, "entry": entry})


@login_required
def attachment_download(request, name):
    """A stored file, to a user who may see the directive or the task it belongs to; any
    other is a 404 (MEDIA_URL points here, so every link Django builds to a file is checked)."""
    if name.startswith("tasks/"):
        visible_tasks = Task.objects.visible_to(request.user)
        attachment = get_object_or_404(TaskEventAttachment, file=name, event__task__in=visible_tasks)
    else:
        visible = Directive.objects.visible_to(request.user)
        attachment = get_object_or_404(DirectiveAttachment, file=name, directive__in=visible)
    return file_response(attachment.file, name=attachment.name, content_type=attachment.content_type)
