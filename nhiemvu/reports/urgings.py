"""Urgings and returns per unit (issue 14, the reminders' report): for a period, as of a
moment, how often each unit was urged — reminded (nhắc nhở), criticised (phê bình), required
to review itself (kiểm điểm): seed 000 I.1, seed 003 art. 8.4, 18.3 — how many explanations it
was asked for and gave (seed 003 art. 18.3), and how many tasks it returned to the unit that
assigned them as outside its functions (seed 003 art. 6.2).

As every report, the figures are what had been recorded by the moment (seed 002 2.2): an
urging dated in the period but entered later, or a return recorded after the moment, is not
counted; run again for the same moment, the report gives the same figures. A unit appears
when it has a figure in the period.
"""

from dataclasses import asdict, dataclass, fields
from datetime import date, datetime
from operator import attrgetter

from django.db.models import Count, Q, QuerySet, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from nhiemvu.db import fetch_rows
from nhiemvu.reports.captions import extraction_line, period_label
from nhiemvu.reports.document import Column, Document, Paragraph, Row, Table
from nhiemvu.reports.links import day_param, for_unit, moment_param
from nhiemvu.tracking.choices import EventKind
from nhiemvu.tracking.models import TaskEvent
from nhiemvu.units.models import Unit
from nhiemvu.urging.choices import UrgingKind
from nhiemvu.urging.counts import answered_by, counted


@dataclass(frozen=True)
class UnitFigures:
    reminders: int = 0
    criticisms: int = 0
    reviews: int = 0
    explanations_asked: int = 0
    explanations_answered: int = 0
    returned: int = 0

    @property
    def urgings(self) -> int:
        return self.reminders + self.criticisms + self.reviews

    @classmethod
    def total(cls, figures: list["UnitFigures"]) -> "UnitFigures":
        """The sum of `figures`, field by field (one pass per field, no object per addition)."""
        return cls(*(sum(map(attrgetter(f.name), figures)) for f in fields(cls)))


@dataclass(frozen=True)
class UnitLine:
    unit_id: int
    unit: str
    figures: UnitFigures


@dataclass(frozen=True)
class UrgingsReport:
    date_from: date
    date_to: date
    as_of: datetime
    lines: list[UnitLine]
    totals: UnitFigures
    # The list filters holding the units the report covers (reports.links.list_scope), for
    # the links of its figures on screen; None: no links.
    links_to: dict | None = None

    def as_data(self) -> dict:
        def figures(f: UnitFigures) -> dict:
            return {**asdict(f), "urgings": f.urgings}

        return {
            "from": self.date_from.isoformat(),
            "to": self.date_to.isoformat(),
            "as_of": timezone.localtime(self.as_of).isoformat(timespec="minutes"),
            "units": [
                {"unit_id": line.unit_id, "unit": line.unit, **figures(line.figures)} for line in self.lines
            ],
            "totals": figures(self.totals),
        }


def returns(
    units: QuerySet | None, tasks: QuerySet | None, *, date_from: date, date_to: date, as_of: datetime
) -> QuerySet:
    """The returns (seed 003 art. 6.2) in the period by `units`' (None: any) of `tasks` (None:
    any), as recorded by `as_of`: the RETURNED events, whose snapshot still names the
    returning unit as lead. The report counts them; the task list behind its figures lists
    their tasks (tracking.event_filters)."""
    events = TaskEvent.objects.filter(
        kind=EventKind.RETURNED,
        effective_on__gte=date_from,
        effective_on__lte=date_to,
        recorded_at__lte=as_of,
    )
    if units is not None:
        events = events.filter(lead_unit__in=units.values("pk"))
    if tasks is not None:
        events = events.filter(task__in=tasks.values("pk"))
    return events


def _figures(
    units: QuerySet | None, tasks: QuerySet | None, *, date_from: date, date_to: date, as_of: datetime
) -> dict[int, UnitFigures]:
    """Per unit with a figure, its UnitFigures: the urgings by kind and the explanation
    requests as urging.counts counts them, and the returns (`returns`), in one statement (a
    part per table, each grouped by unit)."""
    urgings, requests = counted(units, date_from=date_from, date_to=date_to, as_of=as_of)
    zero = Value(0)
    kinds = (UrgingKind.REMINDER, UrgingKind.CRITICISM, UrgingKind.REVIEW)  # UnitFigures' order
    by_kind = {f"n_{kind.value}": Count("id", filter=Q(kind=kind)) for kind in kinds}
    no_kind = dict.fromkeys(by_kind, zero)
    requested = {"n_asked": Count("id"), "n_answered": Count("id", filter=answered_by(as_of))}
    parts = [  # the unit each part is grouped by, and what it counts
        (urgings, "unit_id", {**by_kind, "n_asked": zero, "n_answered": zero, "n_returned": zero}),
        (requests, "unit_id", {**no_kind, **requested, "n_returned": zero}),
        (
            returns(units, tasks, date_from=date_from, date_to=date_to, as_of=as_of),
            "lead_unit_id",
            {**no_kind, "n_asked": zero, "n_answered": zero, "n_returned": Count("id")},
        ),
    ]
    first, *others = [
        rows.order_by().values(unit).annotate(**counts).values_list(unit, *counts)
        for rows, unit, counts in parts
    ]
    sums: dict[int, list[int]] = {}
    for pk, *values in fetch_rows(first.union(*others, all=True)):
        if pk in sums:
            values = [a + b for a, b in zip(sums[pk], values, strict=True)]
        sums[pk] = values
    return {pk: UnitFigures(*values) for pk, values in sums.items() if any(values)}


def urgings_report(
    *,
    date_from: date,
    date_to: date,
    as_of: datetime,
    units: QuerySet | None = None,
    tasks: QuerySet | None = None,
) -> UrgingsReport:
    """Over `units` (None: every unit) and, for the returns, the tasks of `tasks` (what the
    asker may see; None: every task); units in appendix 02's order, named as on `date_to`."""
    by_unit = _figures(units, tasks, date_from=date_from, date_to=date_to, as_of=as_of)
    # Only the units with a figure are read and named (none: the tree is not walked).
    labels = Unit.objects.labels_in_tree_order(by_unit, date_to) if by_unit else []
    lines = [UnitLine(pk, name, by_unit[pk]) for pk, name in labels]
    return UrgingsReport(
        date_from=date_from,
        date_to=date_to,
        as_of=as_of,
        lines=lines,
        totals=UnitFigures.total([line.figures for line in lines]),
    )


def _cells(f: UnitFigures) -> list[int]:
    return [
        f.reminders,
        f.criticisms,
        f.reviews,
        f.urgings,
        f.explanations_asked,
        f.explanations_answered,
        f.returned,
    ]


def _links(report: UrgingsReport, unit_id: int | None) -> tuple:
    """The urgings behind a row's counts, by kind and in all, in the list of urgings with the
    report's days and moment (urging.counts.urged_within); the explanation requests asked, and
    those of them answered, in the list of explanation requests (urging.counts.requested_within,
    answered_by); the returns in the task list (returned_from, returned_to)."""
    if report.links_to is None:
        return ()
    period = {
        "urged_from": day_param(report.date_from),
        "urged_to": day_param(report.date_to),
        "as_of": moment_param(report.as_of),
    }
    urgings = [for_unit(report.links_to, unit_id, **period, kind=kind.value) for kind in UrgingKind]
    every = for_unit(report.links_to, unit_id, **period)
    asked = for_unit(
        report.links_to,
        unit_id,
        requested_from=period["urged_from"],
        requested_to=period["urged_to"],
        as_of=period["as_of"],
    )
    returned = for_unit(
        report.links_to,
        unit_id,
        returned_from=period["urged_from"],
        returned_to=period["urged_to"],
        as_of=period["as_of"],
    )
    explanations = [{"explanations": asked}, {"explanations": asked | {"answered": "1"}}]
    return (None, None, *({"urgings": link} for link in [*urgings, every]), *explanations, returned)


def as_document(report: UrgingsReport) -> Document:
    urged, explained = _("Số lần đôn đốc"), _("Yêu cầu giải trình")
    table = Table(
        [
            Column(_("TT"), "int", 5),
            Column(_("Cơ quan, đơn vị"), "text", 40),
            *(Column(str(kind.label), "int", 10, urged) for kind in UrgingKind),
            Column(_("Cộng"), "int", 8, urged),
            Column(_("Đã yêu cầu"), "int", 10, explained),
            Column(_("Đã giải trình"), "int", 10, explained),
            Column(_("Nhiệm vụ chuyển trả"), "int", 12),
        ]
    )
    table.rows.extend(
        Row([number, line.unit, *_cells(line.figures)], links=_links(report, line.unit_id))
        for number, line in enumerate(report.lines, start=1)
    )
    table.rows.append(
        Row([None, _("Tổng số"), *_cells(report.totals)], role="total", links=_links(report, None))
    )
    period = period_label(report.date_from, report.date_to)
    return Document(
        name=f"don-doc-theo-don-vi-{report.date_from:%Y%m%d}-{report.date_to:%Y%m%d}",
        extraction=extraction_line(report.as_of),
        heading=[
            _("TÌNH HÌNH ĐÔN ĐỐC, YÊU CẦU GIẢI TRÌNH VÀ CHUYỂN TRẢ NHIỆM VỤ"),
            _("Theo cơ quan, đơn vị %(period)s") % {"period": period},
        ],
        blocks=[
            table,
            Paragraph(
                _(
                    "Đôn đốc: theo ngày đôn đốc trong kỳ; yêu cầu giải trình: theo ngày yêu cầu trong kỳ, đã giải "
                    "trình tính đến thời điểm trích xuất; chuyển trả: nhiệm vụ đơn vị chủ trì chuyển trả đơn vị giao "
                    "trong kỳ. Chỉ tính những gì đã cập nhật trên hệ thống đến thời điểm trích xuất."
                ),
                style="note",
            ),
        ],
    )
