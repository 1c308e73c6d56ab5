"""Renderings of report data for the CLI: table, JSON, CSV (its text cells neutralised, so
that a unit named "=HYPERLINK(…)" stays text in a spreadsheet: nhiemvu.spreadsheet)."""

import csv
import io
import json

from django.utils import timezone
from django.utils.translation import gettext as _

from nhiemvu.reports.services import COUNT_COLUMNS, UnitReport
from nhiemvu.spreadsheet import neutralise


def unit_report_data(report: UnitReport) -> dict:
    """The JSON contract of `nhiemvu report units --format json`."""
    return {
        "from": report.date_from.isoformat(),
        "to": report.date_to.isoformat(),
        "as_of": timezone.localtime(report.as_of).isoformat(timespec="minutes"),
        "rows": [{"unit": row.unit, **row.as_dict()} for row in report.rows],
        "totals": report.totals.as_dict(),
    }


def _headers() -> list[str]:
    return [
        _("TT"),
        _("Cơ quan được giao"),
        _("Tổng số"),
        _("HT đúng hạn"),
        _("HT quá hạn"),
        _("Chưa HT, trong hạn"),
        _("Chưa HT, không hạn"),
        _("Chưa HT, trễ hạn"),
    ]


def _lines(report: UnitReport) -> list[list[str]]:
    lines = [
        [str(number), row.unit, str(row.total), *(str(getattr(row, c)) for c in COUNT_COLUMNS)]
        for number, row in enumerate(report.rows, start=1)
    ]
    totals = report.totals
    lines.append(["", _("Tổng số"), str(totals.total), *(str(getattr(totals, c)) for c in COUNT_COLUMNS)])
    return lines


def extraction_caption(report: UnitReport) -> str:
    """Seed 000 appendix 02: "Dữ liệu trích xuất trên phần mềm theo dõi lúc 15h30 ngày 27/12/2018"."""
    moment = timezone.localtime(report.as_of)
    return _("Dữ liệu trích xuất lúc %(time)s ngày %(date)s; nhiệm vụ giao từ %(from)s đến %(to)s") % {
        "time": moment.strftime("%Hh%M"),
        "date": moment.strftime("%d/%m/%Y"),
        "from": report.date_from.strftime("%d/%m/%Y"),
        "to": report.date_to.strftime("%d/%m/%Y"),
    }


def unit_report_table(report: UnitReport) -> str:
    rows = [_headers(), *_lines(report)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    out = [extraction_caption(report), ""]
    for index, row in enumerate(rows):
        cells = [cell.ljust(widths[i]) if i < 2 else cell.rjust(widths[i]) for i, cell in enumerate(row)]
        out.append("  ".join(cells).rstrip())
        if index == 0 or index == len(rows) - 2:
            out.append("  ".join("-" * width for width in widths))
    return "\n".join(out) + "\n"


def unit_report_csv(report: UnitReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    rows = [
        ["unit", "total", *COUNT_COLUMNS],
        *([row.unit, row.total, *(getattr(row, c) for c in COUNT_COLUMNS)] for row in report.rows),
        [_("Tổng số"), report.totals.total, *(getattr(report.totals, c) for c in COUNT_COLUMNS)],
    ]
    writer.writerows([neutralise(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def unit_report_json(report: UnitReport) -> str:
    return json.dumps(unit_report_data(report), ensure_ascii=False, indent=2) + "\n"


RENDERERS = {"table": unit_report_table, "json": unit_report_json, "csv": unit_report_csv}
