"""Seed 000 appendix 03: "Kết quả thực hiện Quy chế ban hành theo Quyết định số 270/QĐ-UBND
ngày 19/3/2018": per unit, whether it sent its year's report (when, and whether on time) and
whether it issued its own internal regulation on following up tasks, with the office's
remarks; the totals of both (the seed: 30 units sent, 17 issued). Seed 003 art. 20.2 asks a
half year's report too (due on HALF_YEAR_REPORT_DUE): the same table for it, on request.

Everything as the office knew it at a moment: the reports and register lines recorded by
then (compliance.services), the deadline of the deployment (compliance.deadlines).
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nhiemvu.compliance import services
from nhiemvu.compliance.choices import PeriodicReport, Timeliness
from nhiemvu.compliance.deadlines import due_date, timeliness
from nhiemvu.dates import format_date
from nhiemvu.reports.document import Column, Document, Letterhead, Paragraph, Row, Signature, Table
from nhiemvu.units.models import Unit

MARK = "X"  # the seed's mark in a yes/no column


@dataclass
class ComplianceRow:
    unit_id: int
    unit: str
    sent_on: date | None
    number_symbol: str
    timeliness: Timeliness
    regulation_issued: bool
    regulation_number: str
    regulation_issued_on: date | None
    remarks: str

    @property
    def received(self) -> bool:
        return self.sent_on is not None


@dataclass
class Appendix03:
    year: int
    as_of: datetime
    due: date
    regulation: str = ""  # the regulation complied with: "Quyết định số 270/QĐ-UBND ngày 19/3/2018 …"
    rows: list[ComplianceRow] = field(default_factory=list)
    report: str = PeriodicReport.YEAR  # the periodic report received: the year's or the half year's

    @property
    def received(self) -> int:
        return sum(row.received for row in self.rows)

    @property
    def late(self) -> int:
        return sum(row.timeliness == Timeliness.LATE for row in self.rows)

    @property
    def regulations(self) -> int:
        return sum(row.regulation_issued for row in self.rows)

    def as_data(self) -> dict:
        """The JSON of `nhiemvu report appendix03 --format json`."""
        return {
            "year": self.year,
            "report": str(self.report),
            "as_of": timezone.localtime(self.as_of).isoformat(timespec="minutes"),
            "due": self.due.isoformat(),
            "regulation": self.regulation,
            "rows": [
                {
                    "unit": row.unit,
                    "report_sent_on": row.sent_on.isoformat() if row.sent_on else None,
                    "report_number_symbol": row.number_symbol,
                    "report": row.timeliness.value,
                    "regulation_issued": row.regulation_issued,
                    "regulation_number": row.regulation_number,
                    "regulation_issued_on": row.regulation_issued_on.isoformat()
                    if row.regulation_issued_on
                    else None,
                    "remarks": row.remarks,
                }
                for row in self.rows
            ],
            "totals": {
                "units": len(self.rows),
                "reports_received": self.received,
                "reports_late": self.late,
                "regulations_issued": self.regulations,
            },
        }


def appendix03(
    *, year: int, as_of: datetime, units=None, regulation: str = "", report: str = PeriodicReport.YEAR
) -> Appendix03:
    """Seed 000 appendix 03 for `year` as known at `as_of`, over the register's units
    (services.register_units) among `units` (None: all), in the order appendix 02 lists them.
    `regulation` names the regulation the units comply with, for the title; `report` is the
    periodic report whose sending is reported (seed 003 art. 20.2: the year's, or the half
    year's, each judged against its own due date, compliance.deadlines)."""
    due = due_date(report, year)
    appendix = Appendix03(
        year=year, as_of=as_of, due=due, regulation=" ".join(regulation.split()), report=report
    )
    ids = set(services.register_units(year=year, as_of=as_of, within=units).values_list("pk", flat=True))
    if not ids:
        return appendix
    # The year's lines and reports of every unit (a few per unit at most), rather than an IN
    # list of the register's ~1,900 ids at national scope; those of other units are not used.
    lines = services.lines_as_of(year=year, as_of=as_of)
    sent = services.first_sent_as_of(year=year, report=report, as_of=as_of)
    today = timezone.localdate(as_of)
    last_day = date(year, 6, 30) if report == PeriodicReport.HALF_YEAR else date(year, 12, 31)
    for unit_id, name in Unit.objects.labels_in_tree_order(ids, min(last_day, today)):
        appendix.rows.append(_row(unit_id, name, lines.get(unit_id), sent.get(unit_id), due, today))
    return appendix


def unit_row(unit: Unit, *, year: int, as_of: datetime) -> ComplianceRow:
    """One unit's row, whether or not the register lists it yet (the office's page adds it)."""
    lines = services.lines_as_of(year=year, as_of=as_of, unit_ids=[unit.pk])
    sent = services.first_sent_as_of(year=year, report=PeriodicReport.YEAR, as_of=as_of, unit_ids=[unit.pk])
    due, today = due_date(PeriodicReport.YEAR, year), timezone.localdate(as_of)
    return _row(unit.pk, unit.name, lines.get(unit.pk), sent.get(unit.pk), due, today)


def _row(unit_id: int, name: str, line, first, due: date, today: date) -> ComplianceRow:
    sent_on = first.sent_on if first else None
    return ComplianceRow(
        unit_id=unit_id,
        unit=name,
        sent_on=sent_on,
        number_symbol=first.number_symbol if first else "",
        timeliness=timeliness(sent_on=sent_on, due=due, today=today),
        regulation_issued=bool(line and line.regulation_issued),
        regulation_number=line.regulation_number if line else "",
        regulation_issued_on=line.regulation_issued_on if line else None,
        remarks=line.remarks if line else "",
    )


def _regulation_text(row: ComplianceRow) -> str:
    parts = [part for part in (row.regulation_number, format_date(row.regulation_issued_on)) if part]
    return ", ".join(parts)


# What the table says of the report received, per periodic report (seed 003 art. 20.2).
SENT_GROUP = {
    PeriodicReport.YEAR: gettext_lazy("Đã gửi Báo cáo năm"),
    PeriodicReport.HALF_YEAR: gettext_lazy("Đã gửi Báo cáo 6 tháng"),
}
CAPTION = {
    PeriodicReport.YEAR: gettext_lazy(
        "Dữ liệu trích xuất lúc %(time)s ngày %(date)s; báo cáo năm %(year)d, hạn gửi %(due)s"
    ),
    PeriodicReport.HALF_YEAR: gettext_lazy(
        "Dữ liệu trích xuất lúc %(time)s ngày %(date)s; báo cáo 6 tháng đầu năm %(year)d, hạn gửi %(due)s"
    ),
}
TITLE_WITH_REGULATION = {
    PeriodicReport.YEAR: gettext_lazy("Kết quả thực hiện Quy chế ban hành theo %(regulation)s năm %(year)d"),
    PeriodicReport.HALF_YEAR: gettext_lazy(
        "Kết quả thực hiện Quy chế ban hành theo %(regulation)s 6 tháng đầu năm %(year)d"
    ),
}
TITLE = {
    PeriodicReport.YEAR: gettext_lazy(
        "Kết quả thực hiện Quy chế theo dõi, đôn đốc, kiểm tra việc thực hiện nhiệm vụ năm %(year)d"
    ),
    PeriodicReport.HALF_YEAR: gettext_lazy(
        "Kết quả thực hiện Quy chế theo dõi, đôn đốc, kiểm tra việc thực hiện nhiệm vụ 6 tháng đầu năm %(year)d"
    ),
}
SUMMARY = {
    PeriodicReport.YEAR: gettext_lazy(
        "%(received)d/%(units)d đơn vị đã gửi báo cáo năm (%(late)d đơn vị gửi sau hạn %(due)s); "
        "%(issued)d đơn vị đã ban hành quy chế theo dõi tại đơn vị."
    ),
    PeriodicReport.HALF_YEAR: gettext_lazy(
        "%(received)d/%(units)d đơn vị đã gửi báo cáo 6 tháng (%(late)d đơn vị gửi sau hạn %(due)s); "
        "%(issued)d đơn vị đã ban hành quy chế theo dõi tại đơn vị."
    ),
}


def _columns(report: Appendix03) -> list[Column]:
    sent = str(SENT_GROUP[report.report])
    issued = _("Đã ban hành Quy chế theo dõi tại đơn vị")
    return [
        Column(_("TT"), "int", 5),
        Column(_("Cơ quan được giao"), "text", 36),
        Column(_("Đã gửi"), "text", 8, sent),
        Column(_("Ngày gửi"), "date", 12, sent),
        Column(_("Thời hạn"), "text", 13, sent),
        Column(_("Đã ban hành"), "text", 10, issued),
        Column(_("Số, ngày"), "text", 22, issued),
        Column(_("Ghi chú"), "text", 30),
    ]


def extraction_caption(report: Appendix03) -> str:
    moment = timezone.localtime(report.as_of)
    return str(CAPTION[report.report]) % {
        "time": moment.strftime("%Hh%M"),
        "date": moment.strftime("%d/%m/%Y"),
        "year": report.year,
        "due": format_date(report.due),
    }


def title(report: Appendix03) -> str:
    """Seed 000: "Kết quả thực hiện Quy chế ban hành theo Quyết định số 270/QĐ-UBND ngày
    19/3/2018 của Ủy ban nhân dân tỉnh" when the regulation is named; of the year, or of the
    first six months for the half year's report."""
    if report.regulation:
        return str(TITLE_WITH_REGULATION[report.report]) % {
            "regulation": report.regulation,
            "year": report.year,
        }
    return str(TITLE[report.report]) % {"year": report.year}


def as_document(
    report: Appendix03,
    *,
    letterhead: Letterhead | None = None,
    signature: Signature | None = None,
    recipients=(),
) -> Document:
    """The seed's table: TT, the unit, the year's report sent (with its date and whether on
    time), the internal regulation issued (with its number and date), remarks; totals."""
    table = Table(columns=_columns(report))
    for number, row in enumerate(report.rows, start=1):
        table.rows.append(
            Row(
                [
                    number,
                    row.unit,
                    MARK if row.received else None,
                    row.sent_on,
                    str(row.timeliness.label),
                    MARK if row.regulation_issued else None,
                    _regulation_text(row) or None,
                    row.remarks or None,
                ]
            )
        )
    table.rows.append(
        Row([None, _("Tổng số"), report.received, None, None, report.regulations, None, None], role="total")
    )
    summary = str(SUMMARY[report.report]) % {
        "received": report.received,
        "units": len(report.rows),
        "late": report.late,
        "due": format_date(report.due),
        "issued": report.regulations,
    }
    return Document(
        name="phu-luc-03",
        extraction=extraction_caption(report),
        blocks=[table, Paragraph(summary, style="note")],
        heading=[_("PHỤ LỤC 03"), title(report)],
        letterhead=letterhead,
        signature=signature,
        recipients=list(recipients),
        landscape=True,
    )
