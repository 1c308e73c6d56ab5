"""The empty import template (`nhiemvu export-template PATH`): the header row users fill in.

.xlsx: the header in bold on sheet "Nhiệm vụ", sensible widths, and a "Hướng dẫn" sheet
explaining each column in Vietnamese. .csv: the header row only, UTF-8 with a BOM so that
Excel shows the Vietnamese letters.
"""

import csv
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nhiemvu.importing.columns import COLUMNS, GUIDANCE, OPTIONAL, WIDTHS, column_letter
from nhiemvu.importing.sheets import OutputPathError, check_output_path
from nhiemvu.messages import Message
from nhiemvu.spreadsheet import neutralise

TASK_SHEET = "Nhiệm vụ"
GUIDE_SHEET = "Hướng dẫn"


def write_template(path: str | Path) -> Path:
    """Write the empty template to `path` (.xlsx or .csv). Raises sheets.OutputPathError on a bad path."""
    path = Path(path)
    check_output_path(path)
    try:
        if path.suffix.lower() == ".csv":
            _write_csv(path)
        else:
            _write_xlsx(path)
    except OSError as exc:
        raise OutputPathError(
            Message(
                gettext_lazy("Không ghi được “%(path)s” (%(reason)s)"), path=path, reason=exc.strerror or exc
            )
        ) from None
    return path


def _cells(values) -> list:
    """Every cell we write passes through nhiemvu.spreadsheet.neutralise (OWASP "CSV Injection")."""
    return [neutralise(str(value)) for value in values]


def _write_csv(path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        csv.writer(file).writerow(_cells(COLUMNS))


def _write_xlsx(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = TASK_SHEET
    sheet.append(_cells(COLUMNS))
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for index, column in enumerate(COLUMNS):
        cell = sheet.cell(row=1, column=index + 1)
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[column_letter(index)].width = WIDTHS[column]
    sheet.freeze_panes = "A2"

    guide = workbook.create_sheet(GUIDE_SHEET)
    guide.append(_cells([_("Cột"), _("Bắt buộc"), _("Cách ghi"), _("Ví dụ")]))
    for cell in guide[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
    for column in COLUMNS:
        explanation, example = GUIDANCE[column]
        guide.append(
            _cells([column, _("Không") if column in OPTIONAL else _("Có"), str(explanation), example])
        )
    notes = [
        _("Dòng 1 của trang “Nhiệm vụ” là dòng tiêu đề: giữ nguyên, không đổi tên hay thứ tự các cột."),
        _("Mỗi dòng từ dòng 2 là một nhiệm vụ. Ngày ghi dạng dd/mm/yyyy (hoặc ô kiểu ngày của Excel)."),
        _("Khi có lỗi, không dòng nào được nhập; thông báo lỗi nêu số dòng (như Excel hiển thị) và tên cột."),
        _("Nhập lại cùng một tệp không tạo thêm nhiệm vụ: nhiệm vụ đã có được bỏ qua."),
        _("Với tệp CSV: lưu dạng “CSV UTF-8”, dòng đầu là dòng tiêu đề như trên."),
    ]
    guide.append([])
    for note in notes:
        guide.append(_cells([note]))
    for letter, width in zip("ABCD", (20, 10, 90, 45), strict=True):
        guide.column_dimensions[letter].width = width
    for row in guide.iter_rows(min_row=2, max_row=len(COLUMNS) + 1):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    workbook.active = 0
    workbook.save(path)
