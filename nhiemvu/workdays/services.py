"""Writing the official days into DayOverride, loading the working-day calendar, and the
administrators' corrections of it."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import holidays
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DEFAULT_DB_ALIAS, transaction
from django.utils.translation import gettext as _

from nhiemvu.accounts.permissions import is_admin
from nhiemvu.workdays.calendar import WorkCalendar, build_calendar
from nhiemvu.workdays.choices import DaySource, OverrideKind
from nhiemvu.workdays.models import DayOverride
from nhiemvu.workdays.official_days import OfficialDay, shipped_official_days

OFFICIAL_FIELDS = ["kind", "name", "legal_basis", "verified", "note"]


@dataclass(frozen=True)
class SyncSummary:
    created: int
    updated: int
    deleted: int


def sync_official_days(
    days: Iterable[OfficialDay] | None = None, *, model=DayOverride, using: str = DEFAULT_DB_ALIAS
) -> SyncSummary:
    """Make the official rows of DayOverride equal to the shipped data; run on every migrate.

    Idempotent: a second run changes nothing. Only rows with source "official" are written
    (created, updated to the data, or deleted when a release drops their date), so the
    admin's corrections survive and keep winning. `model` is the historical model when
    called from post_migrate (apps.WorkdaysConfig), the real one otherwise.
    """
    wanted = {day.date: day for day in (shipped_official_days() if days is None else days)}
    with transaction.atomic(using=using):
        rows = model._default_manager.using(using).filter(source=DaySource.OFFICIAL).select_for_update()
        existing = {row.date: row for row in rows}
        stale = [row.pk for day, row in existing.items() if day not in wanted]
        model._default_manager.using(using).filter(pk__in=stale).delete()
        new, changed = [], []
        for day, official in wanted.items():
            values = {field: getattr(official, field) for field in OFFICIAL_FIELDS}
            row = existing.get(day)
            if row is None:
                new.append(model(date=day, source=DaySource.OFFICIAL, **values))
            elif any(getattr(row, field) != value for field, value in values.items()):
                for field, value in values.items():
                    setattr(row, field, value)
                changed.append(row)
        model._default_manager.using(using).bulk_create(new)
        model._default_manager.using(using).bulk_update(changed, OFFICIAL_FIELDS)
    return SyncSummary(created=len(new), updated=len(changed), deleted=len(stale))


def load_calendar(first_year: int, last_year: int) -> WorkCalendar:
    """The calendar of first_year to last_year: library, official rows, admin corrections; one query.

    The rows are read on every call, so a change in the admin applies to the next load in
    every process; only the library's part is cached (calendar._library_days). Load once per
    request or job and reuse the calendar for all its tasks.
    """
    rows = list(
        DayOverride.objects.filter(date__range=(date(first_year, 1, 1), date(last_year, 12, 31))).values_list(
            "date", "kind", "source"
        )
    )
    return build_calendar(
        range(first_year, last_year + 1),
        official=[(day, kind) for day, kind, source in rows if source == DaySource.OFFICIAL],
        corrections=[(day, kind) for day, kind, source in rows if source == DaySource.ADMIN],
    )


@dataclass(frozen=True)
class CalendarDay:
    day: date
    kind: str  # OverrideKind: a weekday off, or a weekend day worked
    name: str
    legal_basis: str
    source: str  # DaySource, or "" for the holidays library alone


def year_days(year: int) -> list[CalendarDay]:
    """Every day of `year` the calendar treats unlike an ordinary week: weekdays off and
    weekend days worked, with the name and document of the row that decided it (an admin
    correction, else the official data, else the library's holiday name)."""
    calendar = load_calendar(year, year)
    rows = {}
    for row in DayOverride.objects.filter(date__year=year).order_by("source"):  # "admin" before "official"
        rows.setdefault(row.date, row)
    library = holidays.country_holidays("VN", years=[year], language="vi")
    days = []
    for day, kind in [(d, OverrideKind.DAY_OFF) for d in calendar.days_off] + [
        (d, OverrideKind.WORKING_DAY) for d in calendar.makeup_days
    ]:
        row = rows.get(day)
        if row is not None:
            days.append(CalendarDay(day, kind, row.name, row.legal_basis, row.source))
        else:
            days.append(CalendarDay(day, kind, library.get(day) or "", "", ""))
    return sorted(days, key=lambda entry: entry.day)


def _require_calendar_manager(by) -> None:
    if by is not None and not is_admin(by):
        raise PermissionDenied(_("Chỉ quản trị hệ thống được điều chỉnh lịch làm việc."))


@transaction.atomic
def add_correction(
    *, day: date, kind: str, name: str, legal_basis: str, note: str = "", by=None
) -> DayOverride:
    """An administrator's correction of one day, with the document that announced it; it wins
    over the official data and the library (DayOverride.clean says which corrections make sense)."""
    _require_calendar_manager(by)
    correction = DayOverride(
        date=day, kind=kind, name=" ".join(name.split()), legal_basis=" ".join(legal_basis.split()), note=note
    )
    correction.full_clean()
    correction.save()
    return correction


@transaction.atomic
def remove_correction(*, correction: DayOverride, by=None) -> None:
    """Only the administrators' rows are removed; the official ones come back on every migrate."""
    _require_calendar_manager(by)
    if correction.source != DaySource.ADMIN:
        raise ValidationError(
            _("Ngày lấy từ văn bản chính thức kèm phần mềm không xóa được; hãy nhập một điều chỉnh.")
        )
    correction.delete()
