"""The screen that enters a directive and its tasks, and its two htmx helpers (a new task
row; the "+N ngày làm việc" due date). The rules are in directives.entry."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from nhiemvu.directives.entry import EntryError, due_after_working_days, enter_directive, split_task_list
from nhiemvu.directives.entry_forms import (
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


@login_required
def directive_add(request):
    """`/van-ban/them/`: the directive and its tasks in one form, saved all or nothing.

    "Thêm dòng" and "Tách thành dòng nhiệm vụ" send the form back to be shown again with
    more rows (htmx does the first in place); only "Lưu" saves."""
    if not assigning_units(request.user).exists():
        raise PermissionDenied(_("Bạn không có quyền giao nhiệm vụ thay mặt đơn vị nào."))
    now = timezone.now()
    today = timezone.localdate(now)
    row_kwargs = _row_kwargs(request.user, today)
    show_errors = False
    if request.method != "POST":
        form = DirectiveEntryForm(user=request.user)
        formset = TaskRowFormSet(prefix=PREFIX, form_kwargs=row_kwargs)
    else:
        data = request.POST.copy()
        if "split" in data:
            data = _with_pasted_rows(data)
        elif "add_row" in data:
            data = _add_row(data)
        form = DirectiveEntryForm(data, request.FILES, user=request.user)
        formset = TaskRowFormSet(data, prefix=PREFIX, form_kwargs=row_kwargs)
        if "split" not in data and "add_row" not in data:
            show_errors = True
            saved = _save(request, form, formset, now)
            if saved is not None:
                messages.success(request, _("Đã nhập văn bản và giao %(count)s nhiệm vụ.") % saved[1])
                return redirect("directive_detail", saved[0].pk)
    context = {"form": form, "formset": formset, "show_errors": show_errors, "today": today}
    return render(request, "directives/directive_form.html", context)


def _save(request, form, formset, now):
    """(directive, {"count": n}) once saved; None with the errors put on the forms."""
    if not (form.is_valid() and formset.is_valid()):
        return None
    rows = [row for row in formset.forms if row.has_changed() and not row.cleaned_data.get("DELETE")]
    if not rows:
        form.add_error(None, _("Văn bản phải có ít nhất một nhiệm vụ."))
        return None
    try:
        directive = enter_directive(
            by=request.user,
            at=now,
            assigning_unit=form.cleaned_data["assigning_unit"],
            directive=form.directive_fields(),
            tasks=[row.task_row() for row in rows],
            files=form.cleaned_data["files"],
        )
    except EntryError as error:
        for name, errors in error.directive_errors.items():
            form.add_error(name if name in form.fields else None, errors)
        for index, errors in error.task_errors.items():
            rows[index].add_error(None, errors)
        return None
    return directive, {"count": len(rows)}


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
