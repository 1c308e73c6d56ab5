"""The screens that enter a directive (with its tasks, or to assign them later) and assign a
recorded directive's tasks, and their two htmx helpers (a new task row; the "+N ngày làm
việc" due date). The rules are in directives.entry."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from nhiemvu.directives import services
from nhiemvu.directives.entry import (
    EntryError,
    assign_directive_tasks,
    assignment_deadline,
    due_after_working_days,
    enter_directive,
    split_task_list,
)
from nhiemvu.directives.entry_forms import (
    AssignTasksForm,
    DirectiveEntryForm,
    TaskRowFormSet,
    assigning_units,
    tracking_officers,
)

PREFIX = "tasks"
_ROW_PREFIX = re.compile(rf"^{PREFIX}-\d{{1,3}}$")


def _row_kwargs(user, today):
    return {"today": today, "officers": tracking_officers(user, assigning_units(user))}


def _with_pasted_rows(data):
    """The POST data with each line of the pasted list in a task row: the empty rows first,
    then new ones."""
    lines = split_task_list(data.get("paste", ""))
    try:
        total = max(0, min(int(data.get(f"{PREFIX}-TOTAL_FORMS", "0")), 200))
    except ValueError:
        total = 0
    index = 0
    for line in lines:
        while index < total and data.get(f"{PREFIX}-{index}-content", "").strip():
            index += 1
        data[f"{PREFIX}-{index}-content"] = line
        index += 1
        total = max(total, index)
    data[f"{PREFIX}-TOTAL_FORMS"] = str(total)
    data["paste"] = ""
    return data


def _add_row(data):
    try:
        total = max(0, min(int(data.get(f"{PREFIX}-TOTAL_FORMS", "0")), 199))
    except ValueError:
        total = 0
    data[f"{PREFIX}-TOTAL_FORMS"] = str(total + 1)
    return data


def _posted(request):
    """The POST data with the rows "Thêm dòng" or "Tách thành dòng nhiệm vụ" asked for, and
    whether to save it (neither was asked)."""
    data = request.POST.copy()
    if "split" in data:
        return _with_pasted_rows(data), False
    if "add_row" in data:
        return _add_row(data), False
    return data, True


def _may_assign_or_403(user):
    if not assigning_units(user).exists():
        raise PermissionDenied(_("Bạn không có quyền giao nhiệm vụ thay mặt đơn vị nào."))


def _bound(request, make_form, row_kwargs):
    """The page's form (`make_form(data)`) and task rows, bound to a POST; `save`: one of the
    save buttons was pressed (not "Thêm dòng" nor "Tách thành dòng nhiệm vụ")."""
    if request.method != "POST":
        return make_form(None), TaskRowFormSet(prefix=PREFIX, form_kwargs=row_kwargs), None, False
    data, save = _posted(request)
    return make_form(data), TaskRowFormSet(data, prefix=PREFIX, form_kwargs=row_kwargs), data, save


@login_required
def directive_add(request):
    """`/van-ban/them/`: the directive and its tasks in one form, saved all or nothing; with
    no task, the directive alone, for its office to assign later (directive_assign).

    "Thêm dòng" and "Tách thành dòng nhiệm vụ" send the form back to be shown again with
    more rows (htmx does the first in place); only the save buttons save."""
    _may_assign_or_403(request.user)
    now = timezone.now()
    today = timezone.localdate(now)
    row_kwargs = _row_kwargs(request.user, today)
    show_errors = False
    form, formset, data, save = _bound(
        request,
        lambda data: DirectiveEntryForm(
            data, None if data is None else request.FILES, user=request.user, today=today
        ),
        row_kwargs,
    )
    if save:
        show_errors = True
        saved = _save(form, formset, by=request.user, at=now, record_only="record_only" in data)
        if saved is not None:
            directive, count = saved
            if count:
                messages.success(request, _("Đã nhập văn bản và giao %(count)s nhiệm vụ.") % {"count": count})
            else:
                messages.success(request, _("Đã ghi nhận văn bản. Văn phòng giao nhiệm vụ sau."))
            return redirect("directive_detail", directive.pk)
    context = {"form": form, "formset": formset, "show_errors": show_errors, "today": today}
    return render(request, "directives/directive_form.html", context)


def _task_rows(formset) -> list:
    return [row for row in formset.forms if row.has_changed() and not row.cleaned_data.get("DELETE")]


def _show(error: EntryError, form, rows) -> None:
    """The service's messages on the fields they name, else on the form or the row."""
    for name, errors in error.directive_errors.items():
        form.add_error(name if name in form.fields else None, errors)
    for index, by_field in error.task_errors.items():
        for name, errors in by_field.items():
            rows[index].add_error(name if name in rows[index].fields else None, errors)


def _save(form, formset, *, by, at, record_only):
    """(directive, number of tasks) once saved; None with the errors put on the forms."""
    if not (form.is_valid() and formset.is_valid()):
        return None
    rows = _task_rows(formset)
    if record_only and rows:  # the rows typed would be lost
        form.add_error(
            None,
            _(
                "Đã có dòng nhiệm vụ: chọn “Lưu văn bản và giao nhiệm vụ”, "
                "hoặc bỏ các dòng đó để chỉ ghi nhận văn bản."
            ),
        )
        return None
    try:
        directive = enter_directive(
            by=by,
            at=at,
            assigning_unit=form.cleaned_data["assigning_unit"],
            directive=form.directive_fields(),
            tasks=[row.task_row() for row in rows],
            files=form.cleaned_data["files"],
        )
    except EntryError as error:
        _show(error, form, rows)
        return None
    return directive, len(rows)


@login_required
def directive_assign(request, pk):
    """`/van-ban/<id>/giao-nhiem-vu/`: the office classifies a recorded directive and assigns
    its tasks, with the entry form's task rows (seed 003 art. 6.1.b, seed 004 art. 6.1.b).
    404 to a user who may not see the directive, 403 to one who assigns for no unit."""
    directive = get_object_or_404(
        services.visible_directives(request.user).select_related("receiving_unit"), pk=pk
    )
    _may_assign_or_403(request.user)
    now = timezone.now()
    today = timezone.localdate(now)
    row_kwargs = _row_kwargs(request.user, today)
    show_errors = False
    form, formset, _data, save = _bound(
        request, lambda data: AssignTasksForm(data, user=request.user, directive=directive), row_kwargs
    )
    if save:
        show_errors = True
        count = _assign(form, formset, directive, by=request.user, at=now)
        if count is not None:
            messages.success(request, _("Đã giao %(count)s nhiệm vụ.") % {"count": count})
            return redirect("directive_detail", directive.pk)
    deadline = assignment_deadline(directive.received_on, 1) if directive.received_on else None
    context = {
        "directive": directive,
        "form": form,
        "formset": formset,
        "show_errors": show_errors,
        "today": today,
        "assignment_deadline": deadline,
    }
    return render(request, "directives/directive_assign.html", context)


def _assign(form, formset, directive, *, by, at):
    """The number of tasks assigned; None with the errors put on the forms."""
    if not (form.is_valid() and formset.is_valid()):
        return None
    rows = _task_rows(formset)
    try:
        tasks = assign_directive_tasks(
            by=by,
            at=at,
            directive=directive,
            assigning_unit=form.assigning_from(),
            tasks=[row.task_row() for row in rows],
        )
    except EntryError as error:
        _show(error, form, rows)
        return None
    return len(tasks)


@login_required
def task_row(request):
    """htmx: one more empty task row, and the formset's new total (out of band)."""
    try:
        index = int(request.GET.get(f"{PREFIX}-TOTAL_FORMS", ""))
    except ValueError as error:
        raise Http404 from error
    if not 0 <= index < 200:
        raise Http404
    row = TaskRowFormSet.form(
        prefix=f"{PREFIX}-{index}",
        empty_permitted=True,
        use_required_attribute=False,
        **_row_kwargs(request.user, timezone.localdate()),
    )
    TaskRowFormSet(prefix=PREFIX).add_fields(row, index)  # its "Xóa" box, as the others have
    context = {"row": row, "total": index + 1}
    return render(request, "directives/partials/task_row_added.html", context)


@login_required
def due_date(request):
    """htmx: the row's due date input, filled with today + N working days (directives.entry)."""
    row = request.GET.get("row", "")
    if not _ROW_PREFIX.match(row):
        raise Http404
    value, error = request.GET.get(f"{row}-due_on", ""), ""
    try:
        count = int(request.GET.get(f"{row}-working_days", ""))
        if not 0 <= count <= 250:
            raise ValueError(count)
        value = f"{due_after_working_days(timezone.localdate(), count):%d/%m/%Y}"
    except ValueError:
        error = _("Số ngày làm việc phải là số nguyên từ 0 đến 250.")
    context = {"name": f"{row}-due_on", "value": value, "error": error}
    return render(request, "directives/partials/due_date_input.html", context)
