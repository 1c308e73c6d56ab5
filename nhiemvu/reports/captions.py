"""What several reports' documents say alike: the extraction moment (seed 002: "Dữ liệu
trích xuất lúc 10h00 ngày 03/07/2019"), the period's name, a table of units and counts."""

from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from nhiemvu.dates import format_date
from nhiemvu.reports.delays import UnitCount
from nhiemvu.reports.document import Column, Row, Table
from nhiemvu.reports.periods import period_of


def moment_text(moment: datetime) -> str:
    """ "10h00 ngày 03/07/2019", as seed 002 states its extraction moment."""
    local = timezone.localtime(moment)
    return _("%(time)s ngày %(date)s") % {"time": local.strftime("%Hh%M"), "date": format_date(local.date())}


def extraction_line(as_of: datetime) -> str:
    return _("Dữ liệu trích xuất lúc %(moment)s") % {"moment": moment_text(as_of)}


def period_label(date_from: date, date_to: date) -> str:
    """What a report calls [date_from, date_to]: "tháng 6/2019", "6 tháng đầu năm 2019", or the
    span of days (reports.periods.period_of, under the deployment's cut-off)."""
    return period_of(date_from, date_to).label


def unit_table(counts: list[UnitCount], link=lambda unit_id: None) -> Table:
    """The units and their counts, and the total; `link(unit id, or None for the total)`: the
    task-list filters behind a count, or None."""
    columns = [
        Column(_("TT"), "int", 5),
        Column(_("Cơ quan, đơn vị"), "text", 50),
        Column(_("Số nhiệm vụ"), "int", 12),
    ]
    rows = [
        Row([number, c.unit, c.count], links=(None, None, link(c.unit_id)))
        for number, c in enumerate(counts, start=1)
    ]
    rows.append(
        Row(["", _("Tổng số"), sum(c.count for c in counts)], role="total", links=(None, None, link(None)))
    )
    return Table(columns, rows)
