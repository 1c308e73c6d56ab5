"""The unit tree in the app: browse 5,000 units level by level, create, change, rename,
merge and split them, name their focal officers (seed 004 art. 4), and see the tasks a
split left for the office to reassign. Every change goes through units.services, which
also checks that the user may manage units (administrators)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from nhiemvu.administration.access import unit_manager_required
from nhiemvu.administration.forms import CHANGE_FORMS, UnitCreateForm, UnitUpdateForm
from nhiemvu.forms import add_service_errors, style_widgets
from nhiemvu.text import search_key
from nhiemvu.units import services
from nhiemvu.units.models import Unit

TREE_PAGE = 200  # children shown under one unit; a province has about 30


def _with_child_counts(units):
    return units.annotate(child_count=Count("children")).order_by("sort_order", "name", "pk")


@unit_manager_required
def unit_tree(request):
    """The roots; `?parent=ID` (htmx) gives one unit's children; `?q=` finds units by code
    or name at any level."""
    query = request.GET.get("q", "").strip()
    parent_id = request.GET.get("parent", "")
    if parent_id:
        if not parent_id.isdigit():
            raise Http404
        parent = get_object_or_404(Unit, pk=parent_id)
        rows = _with_child_counts(parent.children.all())[:TREE_PAGE]
        return render(
            request,
            "administration/partials/unit_rows.html",
            {"units": rows, "indent": min(parent.path.count("/"), 5)},
        )
    if query:
        # As the unit picker reads names (Unit.search_name), but ended units too.
        words = [Q(search_name__contains=word) for word in search_key(query).split()]
        units = _with_child_counts(Unit.objects.filter(*words))
    else:
        units = _with_child_counts(Unit.objects.filter(parent__isnull=True))
    context = {"units": units[:TREE_PAGE], "query": query, "indent": 0}
    return render(request, "administration/unit_tree.html", context)


@unit_manager_required
def unit_create(request):
    parent_id = request.GET.get("parent", "")
    parent = Unit.objects.filter(pk=parent_id).first() if parent_id.isdigit() else None
    form = UnitCreateForm(request.POST or None, initial={"parent": parent})
    style_widgets(form)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.create_unit(**form.cleaned_data, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã thêm đơn vị “%(name)s”.") % {"name": unit.name})
            return redirect("administration:unit_detail", unit.pk)
    return render(request, "administration/unit_create.html", {"form": form})


def _forms_of(unit, bound=None, change=None):
    """Every change form of the unit page, one of them bound to the POST that was refused."""
    forms = {
        key: form_class(prefix=key, **({"instance": unit} if form_class is UnitUpdateForm else {}))
        for key, form_class in CHANGE_FORMS.items()
    }
    if bound is not None:
        forms[change] = bound
    for form in forms.values():
        style_widgets(form)
    return forms


@unit_manager_required
def unit_detail(request, pk):
    return _unit_page(request, pk)


def _unit_page(request, pk, bound=None, change=None):
    """The unit page; `bound`: the form of `change` a POST filled in and a check refused."""
    unit = get_object_or_404(Unit.objects.select_related("parent"), pk=pk)
    context = {
        "unit": unit,
        "forms": _forms_of(unit, bound, change),
        "open_change": change,
        "children": _with_child_counts(unit.children.all())[:TREE_PAGE],
        "former_names": unit.former_names.order_by("-until"),
        "successions": unit.successions.select_related("successor"),
        "predecessions": unit.predecessions.select_related("predecessor"),
        "focal_officers": unit.focal_officers.all(),
        "awaiting": services.tasks_awaiting_successor().filter(lead_unit=unit).count(),
    }
    return render(
        request, "administration/unit_detail.html", context, status=400 if bound is not None else 200
    )


@unit_manager_required
def unit_change(request, pk, change):
    """One change of the unit page (POST), through its service, all or nothing."""
    if change not in CHANGE_FORMS:
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    unit = get_object_or_404(Unit, pk=pk)
    form_class = CHANGE_FORMS[change]
    # A ModelForm writes what it validates on its instance: the update form gets a copy of its
    # own, so that units.services.update_unit compares the new values with the unit as saved.
    instance = {"instance": Unit.objects.get(pk=pk)} if form_class is UnitUpdateForm else {}
    form = form_class(request.POST, prefix=change, **instance)
    if form.is_valid():
        try:
            with transaction.atomic():
                done = _apply(change, unit, form.cleaned_data, request.user)
        except (ValidationError, PermissionDenied) as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            waiting = services.tasks_awaiting_successor().filter(lead_unit=unit).count()
            if waiting:
                wait = _("%(count)d nhiệm vụ chờ Văn phòng giao lại cho một đơn vị kế thừa.")
                messages.warning(request, wait % {"count": waiting})
            return redirect("administration:unit_detail", unit.pk)
    return _unit_page(request, pk, bound=form, change=change)


def _apply(change, unit, data, by) -> str:
    if change == "sua":
        changed = services.update_unit(unit=unit, by=by, **data)
        return _("Đã lưu thay đổi của đơn vị.") if changed else _("Không có gì thay đổi.")
    if change == "doi-ten":
        services.rename_unit(unit=unit, new_name=data["new_name"], on=data["on"], by=by)
        return _("Đã đổi tên đơn vị; báo cáo các kỳ trước vẫn hiển thị tên cũ.")
    if change == "dau-moi":
        services.set_focal_officer(unit=unit, by=by, **data)
        return _("Đã lưu cán bộ đầu mối.")
    at = timezone.now()
    if change == "sap-nhap":
        moved = services.merge_unit(unit=unit, into=data["into"], on=data["on"], by=by, at=at)
    else:
        moved = services.split_unit(
            unit=unit, into=list(data["into"]), default=data["default"], on=data["on"], by=by, at=at
        )
    return _("Đã ghi nhận thay đổi đơn vị; %(moved)d nhiệm vụ chuyển sang đơn vị kế thừa.") % {"moved": moved}


@unit_manager_required
def awaiting_successor(request):
    """Tasks of units split without a default successor: the office gives each to a successor."""
    tasks = services.tasks_awaiting_successor().select_related("directive").order_by("lead_unit__name", "pk")
    return render(
        request, "administration/awaiting_successor.html", {"tasks": tasks[:500], "count": tasks.count()}
    )
