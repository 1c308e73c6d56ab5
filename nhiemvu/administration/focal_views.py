"""The list of focal officers that the office keeps: units send it their focal officer's
name, title, phone and e-mail (seed 004 art. 4 and art. 12.2). An office desk keeps those of
the units below its role's unit, administrators every unit's; every change goes through
units.services, which checks that again on the unit."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nhiemvu.accounts.permissions import focal_officer_units
from nhiemvu.administration.access import focal_officer_keeper_required
from nhiemvu.administration.forms import FocalOfficerForm
from nhiemvu.forms import add_service_errors, style_widgets
from nhiemvu.text import search_key
from nhiemvu.units import services
from nhiemvu.units.models import FocalOfficer, Unit

UNITS_PAGE = 50


def _kept_units(user):
    """The active units whose focal officers `user` keeps."""
    scope = focal_officer_units(user)
    units = Unit.objects.filter(active_until__isnull=True)
    return units if scope is None else units.filter(scope)


@focal_officer_keeper_required
def focal_officers(request):
    """The units with their focal officers; `q` finds units by code or name (without
    diacritics, as the unit picker), `thieu=1` lists the units that have named none."""
    query = request.GET.get("q", "").strip()
    missing = request.GET.get("thieu") == "1"
    units = _kept_units(request.user).annotate(officer_count=Count("focal_officers"))
    if query:
        units = units.filter(*[Q(search_name__contains=word) for word in search_key(query).split()])
    if missing:
        units = units.filter(officer_count=0)
    units = units.order_by("path").prefetch_related(
        Prefetch("focal_officers", queryset=FocalOfficer.objects.order_by("full_name"))
    )
    page = Paginator(units, UNITS_PAGE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {"page": page, "q": query, "missing": missing, "query": params.urlencode()}
    return render(request, "administration/focal_officers.html", context)


@focal_officer_keeper_required
def focal_officer_unit(request, pk):
    """One unit's focal officers: add one, or bring one up to date by typing the same name."""
    unit = get_object_or_404(_kept_units(request.user), pk=pk)
    form = FocalOfficerForm(request.POST or None)
    style_widgets(form)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_focal_officer(unit=unit, by=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu cán bộ đầu mối."))
            return redirect("administration:focal_officer_unit", unit.pk)
    context = {"unit": unit, "officers": unit.focal_officers.order_by("full_name"), "form": form}
    return render(
        request, "administration/focal_officer_unit.html", context, status=400 if form.errors else 200
    )


@require_POST
@focal_officer_keeper_required
def focal_officer_remove(request, pk):
    officer = get_object_or_404(FocalOfficer.objects.filter(unit__in=_kept_units(request.user)), pk=pk)
    services.remove_focal_officer(officer=officer, by=request.user)
    messages.success(
        request, _("Đã bỏ %(name)s khỏi danh sách cán bộ đầu mối.") % {"name": officer.full_name}
    )
    return redirect("administration:focal_officer_unit", officer.unit_id)
