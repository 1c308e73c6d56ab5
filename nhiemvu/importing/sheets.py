"""What the unit and user files share: a header of required columns then optional ones, cells
read as clean text, and writing a table (export or template) to .xlsx or UTF-8 .csv.

The header rule: the required columns come first, in the template's order; the optional
columns may follow in any order, or be left out (a column left out changes nothing). Each
column once; a header cell that is no column of the template is an error.
"""

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from nhiemvu.importing import cells
from nhiemvu.importing.columns import column_letter, header_key
from nhiemvu.importing.errors import ImportRejected, Issue
from nhiemvu.messages import Message
from nhiemvu.spreadsheet import neutralise, refused_on_import

SUFFIXES = (".xlsx", ".csv")
GUIDE_SHEET = "Hướng dẫn"  # a name users and their scripts look for: not translated
# The mark `neutralise` puts before text that starts like a formula: read back without it.
NEUTRALISED = re.compile(r"^'(?=[=+\-@\t\r])")


def cell_text(value) -> str:
    """A cell of a units or users file as one line of text (cells.cell_text), without the
    apostrophe our exports put before formula-like text."""
    return NEUTRALISED.sub("", cells.cell_text(value, multiline=False))


def is_blank(row: Sequence[object]) -> bool:
    return all(cell_text(value) == "" for value in row)


@dataclass(frozen=True)
class Header:
    """Where each column of the file is (0-based); the columns left out are not in `positions`."""

    positions: dict[str, int]

    @classmethod
    def read(cls, row: Sequence[object] | None, *, required: Sequence[str], optional: Sequence[str]):
        """The header of row 1, or ImportRejected listing what is wrong with it."""
        issues = []
        cells = [cell_text(value) for value in (row or ())]
        while cells and not cells[-1]:
            cells.pop()
        known = {header_key(column): column for column in (*required, *optional)}
        positions: dict[str, int] = {}
        for index, column in enumerate(required):
            found = cells[index] if index < len(cells) else ""
            if header_key(found) != header_key(column):
                values = {"cell": f"{column_letter(index)}1", "found": found, "expected": column}
                issues.append(
                    Issue(Message(_("ô %(cell)s là “%(found)s”, cần “%(expected)s”"), **values), row=1)
                )
            positions[column] = index
        for index in range(len(required), len(cells)):
            values = {"cell": f"{column_letter(index)}1", "found": cells[index]}
            column = known.get(header_key(cells[index]))
            if column is None or column in required:
                issues.append(
                    Issue(Message(_("ô %(cell)s “%(found)s” không thuộc tệp mẫu"), **values), row=1)
                )
            elif column in positions:
                issues.append(Issue(Message(_("ô %(cell)s: cột “%(found)s” ghi hai lần"), **values), row=1))
            else:
                positions[column] = index
        if issues:
            hint = Message(
                _("Hãy dùng tệp mẫu của lệnh “nhiemvu export-template” và giữ nguyên dòng tiêu đề")
            )
            raise ImportRejected(issues, hint=hint, columns=(*required, *optional))
        return cls(positions)

    def width(self) -> int:
        return max(self.positions.values()) + 1

    def has(self, column: str) -> bool:
        return column in self.positions


class RowReader:
    """The cells of one data row by column name, each problem an Issue at row and column."""

    def __init__(self, header: Header, number: int, row: Sequence[object], issues: list[Issue]):
        self.header, self.number, self.issues = header, number, issues
        self.cells = list(row)
        for index in range(header.width(), len(self.cells)):
            if cell_text(self.cells[index]):
                values = {"cell": f"{column_letter(index)}{number}"}
                self.problem(None, Message(_("có dữ liệu ở ô %(cell)s, ngoài các cột của tệp mẫu"), **values))

    def problem(self, column: str | None, message: Message) -> None:
        self.issues.append(Issue(message, row=self.number, column=column))

    def text(self, column: str, *, max_length: int | None = None, required: bool = False) -> str | None:
        """The cell's text; None when the column is left out of the file. A value that a
        spreadsheet would run as a formula is refused (seed-independent: OWASP CSV Injection)."""
        index = self.header.positions.get(column)
        if index is None:
            return None
        value = cell_text(self.cells[index]) if index < len(self.cells) else ""
        if required and not value:
            self.problem(column, Message(_("thiếu giá trị (bắt buộc)")))
        elif refused_on_import(value):
            self.problem(column, Message(_("“%(value)s” bắt đầu như một công thức (= + - @)"), value=value))
        elif max_length is not None and len(value) > max_length:
            self.problem(column, Message(_("dài quá %(max)d ký tự"), max=max_length))
        return value


def changed_meanwhile() -> ImportRejected:
    """The words of import-tasks for a concurrent writer: nothing imported, run it again."""
    message = _("dữ liệu vừa bị thay đổi trong lúc nhập (một lần nhập khác?); chưa nhập gì, hãy chạy lại")
    return ImportRejected([Issue(Message(message))])


class OutputPathError(Exception):
    """PATH cannot be written; `message` says why."""

    def __init__(self, message: Message):
        self.message = message
        super().__init__(str(message))


def check_output_path(path: Path) -> None:
    if path.suffix.lower() not in SUFFIXES:
        raise OutputPathError(
            Message(_("Không ghi được “%(path)s”: đuôi tệp phải là .xlsx hoặc .csv"), path=path)
        )
    if path.is_dir():
        raise OutputPathError(Message(_("“%(path)s” là một thư mục"), path=path))
    if not path.parent.is_dir():
        raise OutputPathError(Message(_("Không có thư mục “%(dir)s”"), dir=path.parent))


def write_table(
    path: str | Path,
    *,
    sheet: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: dict[str, int],
    guide: Sequence[Sequence[object]] = (),
) -> Path:
    """`rows` under the header `columns` to .xlsx (sheet `sheet`, then a "Hướng dẫn" sheet when
    `guide` has rows) or .csv (UTF-8 with a BOM, so that Excel shows Vietnamese letters).
    Every text cell passes through `neutralise`."""
    path = Path(path)
    check_output_path(path)
    safe_rows = [[neutralise(value) for value in row] for row in rows]
    try:
        if path.suffix.lower() == ".csv":
            with path.open("w", encoding="utf-8-sig", newline="") as file:
                writer = csv.writer(file)
                writer.writerow(columns)
                writer.writerows(safe_rows)
        else:
            _write_xlsx(path, sheet, columns, safe_rows, widths, guide)
    except OSError as exc:
        raise OutputPathError(
            Message(_("Không ghi được “%(path)s” (%(reason)s)"), path=path, reason=exc.strerror or exc)
        ) from None
    return path


def _write_xlsx(path, sheet_title, columns, rows, widths, guide) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    header_fill = PatternFill("solid", fgColor="DDEBF7")
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    sheet.append(list(columns))
    for index, column in enumerate(columns):
        cell = sheet.cell(row=1, column=index + 1)
        cell.font, cell.fill = Font(bold=True), header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[column_letter(index)].width = widths.get(column, 16)
    for row in rows:
        sheet.append(list(row))
    sheet.freeze_panes = "A2"
    if guide:
        page = workbook.create_sheet(GUIDE_SHEET)
        for row in guide:
            page.append([str(value) for value in row])
        for cell in page[1]:
            cell.font, cell.fill = Font(bold=True), header_fill
        for letter, width in zip("ABCD", (22, 10, 90, 30), strict=True):
            page.column_dimensions[letter].width = width
        for row in page.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    workbook.save(path)


def guide_rows(
    columns: Sequence[str], required: Sequence[str], guidance: dict, notes: Sequence
) -> list[list]:
    """The "Hướng dẫn" sheet: one row per column (required or not, how to fill it, an example), then notes."""
    rows = [[_("Cột"), _("Bắt buộc"), _("Cách ghi"), _("Ví dụ")]]
    for column in columns:
        explanation, example = guidance[column]
        rows.append([column, _("Có") if column in required else _("Không"), explanation, example])
    rows.append([])
    rows.extend([note] for note in notes)
    return rows
