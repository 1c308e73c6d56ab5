"""The one door for the compliance register (seed 000 appendix 03): the office records the
periodic reports each unit sent, and each unit's line of the year (internal regulation
issued, remarks). The web page and the tests call these; each checks who may, refuses bad
input in Vietnamese and changes nothing then, and stamps what it writes with who and when.

Reading is "as of a moment": only the rows recorded by then count, so a report printed
again for the same moment gives the same figures (docs/domain.md, the two times).
"""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from nhiemvu.compliance import permissions
from nhiemvu.compliance.choices import PeriodicReport
from nhiemvu.compliance.models import RegisterLine, SentReport
from nhiemvu.dates import format_date
from nhiemvu.units.models import Unit

FIRST_YEAR = 2000


def _require_keeper(by, unit: Unit) -> None:
    """`by=None` is the system itself (a data migration, the demo loader)."""
    if by is not None and not permissions.can_keep(by, unit):
        raise PermissionDenied(
            _("Chỉ Văn phòng cấp trên của đơn vị và quản trị hệ thống ghi sổ theo dõi này.")
        )


def _check_year(year: int, today: date) -> None:
    if not FIRST_YEAR <= year <= today.year:
        raise ValidationError(
            {"year": _("Năm phải từ %(first)d đến %(last)d.") % {"first": FIRST_YEAR, "last": today.year}}
        )


def _check_past(field: str, day: date | None, today: date, label: str) -> None:
    if day is not None and day > today:
        raise ValidationError(
            {
                field: _("%(label)s (%(day)s) chưa đến: không ghi ngày trong tương lai.")
                % {"label": label, "day": format_date(day)}
            }
        )


def _check_active_in(unit: Unit, year: int) -> None:
    ended = unit.active_until is not None and unit.active_until < date(year, 1, 1)
    not_yet = unit.active_from is not None and unit.active_from > date(year, 12, 31)
    if ended or not_yet:
        raise ValidationError(
            _("%(unit)s không hoạt động trong năm %(year)d.") % {"unit": unit.name, "year": year}
        )


def _locked(unit: Unit) -> Unit:
    """The unit's row locked: two clerks recording for one unit at once write in turn."""
    return Unit.objects.select_for_update().get(pk=unit.pk)


@transaction.atomic
def record_sent_report(
    *, unit: Unit, year: int, report: str, sent_on: date, number_symbol: str = "", by, at: datetime
) -> SentReport:
    """A periodic report `unit` sent for `year` (seed 003 art. 20.2, seed 004 art. 10.1),
    arrived on `sent_on`; recorded at `at`. A unit may send a report again (a corrected one):
    each sending is kept, and the earliest known counts for the deadline."""
    _require_keeper(by, unit)
    today = timezone.localdate(at)
    _check_year(year, today)
    if report not in PeriodicReport.values:
        raise ValidationError({"report": _("Loại báo cáo không hợp lệ.")})
    _check_past("sent_on", sent_on, today, _("Ngày gửi"))
    if sent_on < date(year, 1, 1):
        raise ValidationError(
            {"sent_on": _("Báo cáo của năm %(year)d không thể gửi trước năm đó.") % {"year": year}}
        )
    unit = _locked(unit)
    _check_active_in(unit, year)
    sent = SentReport(
        unit=unit,
        year=year,
        report=report,
        sent_on=sent_on,
        number_symbol=" ".join(number_symbol.split()),
        recorded_at=at,
        recorded_by=by,
    )
    sent.full_clean()
    sent.save()
    return sent


@transaction.atomic
def record_register_line(
    *,
    unit: Unit,
    year: int,
    regulation_issued: bool,
    regulation_number: str = "",
    regulation_issued_on: date | None = None,
    remarks: str = "",
    by,
    at: datetime,
) -> tuple[RegisterLine, bool]:
    """The unit's line of `year` in the register (seed 000 appendix 03: "Đã ban hành Quy chế
    theo dõi tại đơn vị", "Ghi chú"), as of `at`. A line that changes nothing adds nothing;
    otherwise a new version, the old one kept. Returns (line, changed)."""
    _require_keeper(by, unit)
    today = timezone.localdate(at)
    _check_year(year, today)
    regulation_number = " ".join(regulation_number.split())
    if not regulation_issued and (regulation_number or regulation_issued_on):
        raise ValidationError(
            {"regulation_issued": _("Đơn vị chưa ban hành quy chế thì không ghi số, ngày của quy chế.")}
        )
    _check_past("regulation_issued_on", regulation_issued_on, today, _("Ngày ban hành quy chế"))
    unit = _locked(unit)
    _check_active_in(unit, year)
    values = {
        "regulation_issued": regulation_issued,
        "regulation_number": regulation_number,
        "regulation_issued_on": regulation_issued_on,
        "remarks": remarks.strip(),
    }
    current = RegisterLine.objects.filter(unit=unit, year=year).order_by("-recorded_at", "-pk").first()
    if current is not None:
        if at < current.recorded_at:
            raise ValidationError(_("Dòng này đã được ghi sau thời điểm %(at)s.") % {"at": _moment_text(at)})
        if all(getattr(current, name) == value for name, value in values.items()):
            return current, False
    line = RegisterLine(unit=unit, year=year, recorded_at=at, recorded_by=by, **values)
    line.full_clean()
    line.save()
    return line, True


def _moment_text(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")


def lines_as_of(*, year: int, as_of: datetime, unit_ids=None) -> dict[int, RegisterLine]:
    """Each unit's line of `year` in force at `as_of`: its latest version recorded by then."""
    versions = RegisterLine.objects.filter(year=year, recorded_at__lte=as_of)
    if unit_ids is not None:
        versions = versions.filter(unit_id__in=unit_ids)
    lines = {}
    for line in versions.select_related("recorded_by").order_by("recorded_at", "pk"):
        lines[line.unit_id] = line
    return lines


def first_sent_as_of(*, year: int, report: str, as_of: datetime, unit_ids=None) -> dict[int, SentReport]:
    """Per unit, the earliest-sent of its reports of `report` for `year` recorded by `as_of`
    (what the office knew then: a report recorded later is "not received" at that moment)."""
    sent = SentReport.objects.filter(year=year, report=report, recorded_at__lte=as_of)
    if unit_ids is not None:
        sent = sent.filter(unit_id__in=unit_ids)
    first = {}
    for row in sent.order_by("-sent_on", "-recorded_at", "-pk"):
        first[row.unit_id] = row
    return first


def sent_reports(*, unit_ids, year: int, as_of: datetime) -> dict[int, list[SentReport]]:
    """Per unit, every report it sent for `year` as known at `as_of`, in the order they arrived."""
    rows = SentReport.objects.filter(unit_id__in=unit_ids, year=year, recorded_at__lte=as_of)
    sent = {unit_id: [] for unit_id in unit_ids}
    for row in rows.order_by("sent_on", "recorded_at", "pk"):
        sent[row.unit_id].append(row)
    return sent


def register_units(*, year: int, as_of: datetime, within=None):
    """The units of the year's register: those the reform scoring follows (seed 000 III.1:
    the units whose compliance the inspection team scores) that were active in the year,
    and any other unit with a line or a report recorded by `as_of`. `within` (a Unit
    queryset) limits them to what the asker follows. One query, its conditions subqueries:
    no list of the ~1,900 ids of a national register goes to the database (bench/README.md)."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    scored = Q(scored_for_reform=True) & ~Q(active_until__lt=first) & ~Q(active_from__gt=last)
    recorded = Q(pk__in=RegisterLine.objects.filter(year=year, recorded_at__lte=as_of).values("unit_id")) | Q(
        pk__in=SentReport.objects.filter(year=year, recorded_at__lte=as_of).values("unit_id")
    )
    return (Unit.objects.all() if within is None else within).filter(scored | recorded)
