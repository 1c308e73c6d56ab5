"""`/quan-tri/tuan-thu/`: the office's register of the units' compliance (seed 000 appendix
03), a year at a time. Each unit's line is edited in place: posted by htmx, the answer is the
line to swap in (with the message, or the form's Vietnamese errors with 400); posted plainly,
a redirect to the register when done, else a page holding the line (400). A unit the user
does not keep is a 404; a user who keeps none gets a 403."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nhiemvu.administration.access import register_keeper_required
from nhiemvu.compliance import permissions
from nhiemvu.compliance.appendix03 import appendix03, unit_row
from nhiemvu.compliance.choices import BADGE
from nhiemvu.compliance.deadlines import due_date
from nhiemvu.compliance.forms import RegisterLineForm, SentReportForm
from nhiemvu.compliance.services import FIRST_YEAR, lines_as_of, sent_reports
from nhiemvu.forms import add_service_errors
from nhiemvu.units.forms import PickedUnitField
from nhiemvu.units.models import Unit

LINES_PAGE = 50
LINE = "compliance/partials/unit_line.html"


def _kept_units(user):
    scope = permissions.kept_units(user)
    return Unit.objects.all() if scope is None else Unit.objects.filter(scope)


def _kept_unit(request, year, pk):
    """The unit of the address, if the user keeps it and the year is one of the register's."""
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise Http404
    return get_object_or_404(_kept_units(request.user), pk=pk)


def _year(text, today) -> int:
    return int(text) if text and text.isdigit() and FIRST_YEAR <= int(text) <= today.year else today.year


def _line_context(unit, year, now, *, line_form=None, sent_form=None, message="", open_form="", known=None):
    """What a unit's line shows; `known` is (row, line, sent) when the register read them for
    its whole page at once."""
    if known is None:
        known = (
            unit_row(unit, year=year, as_of=now),
            lines_as_of(year=year, as_of=now, unit_ids=[unit.pk]).get(unit.pk),
            sent_reports(unit_ids=[unit.pk], year=year, as_of=now)[unit.pk],
        )
    row, line, sent = known
    initial = {name: getattr(line, name) for name in RegisterLineForm.base_fields} if line else {}
    return {
        "unit": unit,
        "year": year,
        "row": row,
        "badge": BADGE[row.timeliness],
        "line": line,
        "sent": sent,
        "line_form": line_form or RegisterLineForm(initial=initial, auto_id=_ids(unit)),
        "sent_form": sent_form or SentReportForm(auto_id=_ids(unit)),
        "message": message,
        "open_form": open_form,
    }


def _ids(unit) -> str:
    """The register shows every unit's forms on one page: their fields need ids of their own."""
    return f"id_%s_{unit.pk}"


def _is_partial(request) -> bool:
    htmx = request.htmx
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


@register_keeper_required
def register(request):
    """The year's register (`nam`), the units the user keeps; `don_vi` picks one to add."""
    now = timezone.now()
    year = _year(request.GET.get("nam"), timezone.localdate(now))
    kept = _kept_units(request.user)
    picker = PickedUnitField(queryset=kept, required=False)
    picked = request.GET.get("don_vi", "").strip()
    error = ""
    if picked:
        try:
            unit = picker.clean(picked)
        except ValidationError:
            error = _("Đơn vị không có trong danh sách bạn theo dõi: %(value)s.") % {"value": picked}
        else:
            return redirect(reverse("compliance:unit_line", args=[year, unit.pk]))
    report = appendix03(year=year, as_of=now, units=kept)
    page = Paginator(report.rows, LINES_PAGE).get_page(request.GET.get("page"))
    ids = [row.unit_id for row in page.object_list]
    units = Unit.objects.in_bulk(ids)
    known_lines = lines_as_of(year=year, as_of=now, unit_ids=ids)
    sent = sent_reports(unit_ids=ids, year=year, as_of=now)
    lines = [
        _line_context(
            units[row.unit_id], year, now, known=(row, known_lines.get(row.unit_id), sent[row.unit_id])
        )
        for row in page.object_list
    ]
    context = {
        "year": year,
        "years": range(timezone.localdate(now).year, FIRST_YEAR - 1, -1),
        "report": report,
        "due": due_date("year", year),
        "page": page,
        "lines": lines,
        "picked": picked,
        "error": error,
        "query": urlencode({"nam": year}),
    }
    return render(request, "compliance/register.html", context, status=400 if error else 200)


def _answer(request, context, *, status=200):
    template = LINE if _is_partial(request) else "compliance/unit_line.html"
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _post(request, year, pk, form_class, done):
    """Check, validate, save, answer: the same for both forms of a line."""
    unit = _kept_unit(request, year, pk)
    form = form_class(request.POST, auto_id=_ids(unit))
    key = "line_form" if form_class is RegisterLineForm else "sent_form"
    now = timezone.now()
    if form.is_valid():
        try:
            form.save(unit=unit, year=year, by=request.user, at=now)
        except PermissionDenied as refusal:
            return _answer(request, _line_context(unit, year, now, message=str(refusal)), status=403)
        except ValidationError as problem:
            add_service_errors(form, problem)
        else:
            if _is_partial(request):
                return _answer(request, _line_context(unit, year, now, message=done))
            messages.success(request, done)
            return redirect(f"{reverse('compliance:register')}?nam={year}#line-{unit.pk}")
    context = _line_context(unit, year, now, open_form=key, **{key: form})
    return _answer(request, context, status=400)


@register_keeper_required
def unit_line(request, year, pk):
    """One unit's line of the year: shown (GET), or its regulation and remarks saved (POST)."""
    if request.method == "POST":
        return _post(request, year, pk, RegisterLineForm, _("Đã lưu dòng của đơn vị."))
    unit = _kept_unit(request, year, pk)
    return _answer(request, _line_context(unit, year, timezone.now()))


@require_POST
@register_keeper_required
def sent_report(request, year, pk):
    """A report the unit sent, recorded with the day it arrived."""
    return _post(request, year, pk, SentReportForm, _("Đã ghi nhận báo cáo đơn vị gửi."))
