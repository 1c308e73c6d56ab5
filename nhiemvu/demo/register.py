"""The demo's compliance register (seed 000 appendix 03): for last year and this one, the
half year's and the year's reports each scored unit sent the office (seed 003 art. 20.2), on
time, late or not at all, and each unit's line (its internal regulation on following up
tasks, the office's remarks), so that /quan-tri/tuan-thu/ and appendix 03 show every state.

Written through compliance.services, by the office's clerk, at moments in the past; a report
due later than today is sent early by some units and not yet by the others. Which unit does
what follows its place in the list (every state is there whatever the seed), the days the
builder's random draws.
"""

from datetime import date, datetime, time

from django.utils import timezone

from nhiemvu.compliance import permissions, services
from nhiemvu.compliance.choices import PeriodicReport
from nhiemvu.compliance.deadlines import due_date
from nhiemvu.demo.history import DIRECTIVES
from nhiemvu.reports.letterhead import abbreviation
from nhiemvu.units.models import Unit

REMARKS = (
    "Báo cáo đầy đủ nội dung theo đề cương",
    "Báo cáo chưa đánh giá nguyên nhân nhiệm vụ trễ hạn",
    "Cập nhật kết quả trên hệ thống chưa kịp thời",
)
# Per unit in turn: how it sends a report (a cycle of six: one late, one not at all).
SENDING = ("on_time", "late", "on_time", "on_time", "missing", "on_time")
# A demo with a smaller history than the full one (the tests' small demo) keeps the register
# of the first units only: every state is among them, at a quarter of the writes.
SMALL_REGISTER = 8


def record_register(builder) -> None:
    """The register of the years before today and today's, for the scored units."""
    clerk = builder.users["vanphong"]
    for year in (builder.today.year - 1, builder.today.year):
        first, last = date(year, 1, 1), date(year, 12, 31)
        units = (
            Unit.objects.filter(scored_for_reform=True, pk__in=[unit.pk for unit in builder.units.values()])
            .exclude(active_until__lt=first)
            .exclude(active_from__gt=last)
            .order_by("sort_order", "pk")
        )
        if builder.directive_count < DIRECTIVES:
            units = units[:SMALL_REGISTER]
        for index, unit in enumerate(units):
            by = clerk if permissions.can_keep(clerk, unit) else None
            for turn, report in enumerate((PeriodicReport.HALF_YEAR, PeriodicReport.YEAR)):
                _send(builder, unit, year, report, SENDING[(index + turn + year) % len(SENDING)], by)
            _line(builder, unit, year, index, by)


def _at(builder, day: date) -> datetime:
    """A moment in office hours on `day`, never after the builder's now."""
    moment = timezone.make_aware(
        datetime.combine(day, time(builder.rng.randint(8, 16), builder.rng.randint(0, 59)))
    )
    return min(moment, builder.now)


def _send(builder, unit: Unit, year: int, report: str, how: str, by) -> None:
    due = due_date(report, year)
    if how == "missing" or (unit.active_until is not None and unit.active_until < due):
        return
    if how == "late":
        sent_on = builder.plus(due, builder.rng.randint(1, 12))
    else:
        sent_on = builder.minus(due, builder.rng.randint(0, 6))
    if sent_on > builder.today:
        return  # not sent yet: "not yet due" until its day, then late or missing
    recorded_on = min(builder.plus(sent_on, builder.rng.choice([0, 0, 1, 2])), builder.today)
    sent = services.record_sent_report(
        unit=unit,
        year=year,
        report=report,
        sent_on=sent_on,
        number_symbol=f"{builder.rng.randint(20, 480)}/BC-{abbreviation(unit)}",
        by=by,
        at=_at(builder, recorded_on),
    )
    builder.records.add(sent)


def _line(builder, unit: Unit, year: int, index: int, by) -> None:
    """Two units in three issued their regulation in 2018 or 2019, after Decision 270/QĐ-UBND
    of 19/3/2018 (the same every year: it was issued once); one in four gets a remark.
    Written at the year's end (or today)."""
    issued = index % 3 != 2
    remarks = REMARKS[index % len(REMARKS)] if index % 4 == 0 else ""
    if not issued and not remarks:
        return
    issued_on = date(2018 + index % 2, 4 + index % 9, 1 + 5 * index % 28) if issued else None
    if issued and unit.active_from is not None and issued_on < unit.active_from:
        issued_on = min(builder.plus(unit.active_from, 15), builder.today)  # a unit set up since
    line, _changed = services.record_register_line(
        unit=unit,
        year=year,
        regulation_issued=issued,
        regulation_number=f"{12 + 7 * index}/QĐ-{abbreviation(unit)}" if issued else "",
        regulation_issued_on=issued_on,
        remarks=remarks,
        by=by,
        at=_at(builder, min(date(year, 12, 20), builder.today)),
    )
    builder.records.add(line)
