"""The task list as an .xlsx file: exactly the rows the list shows, every filter applied."""

import io
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from nhiemvu.reports.services import snapshots_at
from nhiemvu.spreadsheet import neutralise
from nhiemvu.tracking.choices import NOT_COUNTED, Lifecycle, Timeliness
from nhiemvu.tracking.status import timeliness

DATE_STYLE = "DD/MM/YYYY"
BATCH = 2000


def _columns():
    """(header, width) of each column, in order."""
    return [
        (_("TT"), 6),
        (_("Số, ký hiệu"), 18),
        (_("Ngày ban hành"), 13),
        (_("Nội dung nhiệm vụ"), 60),
        (_("Đơn vị chủ trì"), 30),
        (_("Đơn vị phối hợp"), 30),
        (_("Ngày giao"), 12),
        (_("Hạn xử lý"), 12),
        (_("Ngày hoàn thành"), 14),
        (_("Trạng thái"), 18),
        (_("Tình hình thực hiện"), 24),
        (_("Tiến độ (%)"), 10),
    ]


def extraction_caption(moment: datetime) -> str:
    """As the per-unit report's caption (reports.render.extraction_caption, seed 000 appendix 02)."""
    local = timezone.localtime(moment)
    return _("Dữ liệu trích xuất lúc %(time)s ngày %(date)s") % {
        "time": local.strftime("%Hh%M"),
        "date": local.strftime("%d/%m/%Y"),
    }


def tasks_xlsx(tasks, *, day, extracted_at: datetime, as_of: datetime | None = None) -> bytes:
    """The tasks in order, one row each, the header frozen, dates dd/mm/yyyy; text cells
    neutralised (nhiemvu.spreadsheet), so that content typed "=…" stays text. With `as_of`,
    each task as the system knew it at that moment (reports.services.snapshots_at)."""
    then = snapshots_at(tasks, as_of=as_of) if as_of else {}
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = _("Nhiệm vụ")[:31]
    columns = _columns()
    sheet.append([extraction_caption(extracted_at)])
    sheet.append([header for header, _width in columns])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for index, (_header, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A3"
    rows = tasks.select_related("directive", "lead_unit").prefetch_related("coordinating_units")
    for number, task in enumerate(rows.iterator(chunk_size=BATCH), start=1):
        state = then.get(task.pk, task)
        counted = state.lifecycle not in NOT_COUNTED
        status = (
            timeliness(due=state.due_in_force, completed=state.completed_on, as_of=day) if counted else None
        )
        sheet.append(
            [
                number,
                neutralise(task.directive.number_symbol),
                task.directive.issued_on,
                neutralise(task.content),
                neutralise(state.lead_unit.name),
                neutralise("; ".join(unit.name for unit in task.coordinating_units.all())),
                task.assigned_on,
                state.due_in_force,
                state.completed_on,
                str(Lifecycle(state.lifecycle).label),
                str(Timeliness(status).label) if status else "",
                task.percent,
            ]
        )
    for column in (3, 7, 8, 9):
        for cell in sheet.iter_rows(min_row=3, min_col=column, max_col=column):
            cell[0].number_format = DATE_STYLE
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
