"""A Document as one .xlsx sheet (openpyxl).

From the top: the heading lines (or, with a letterhead, its document type and summary) centred
in bold across the widest table, the extraction line in italics, then the blocks in order:
paragraphs as rows of text across the width, tables with their title, a one- or two-level
header (a `Column.group` merged over its columns, single columns merged down both rows),
group rows merged across in bold, the total row in bold, thin borders. The panes are frozen
below the first table's header; widths come from `Column.width` (characters). Number formats:
int `#,##0`, percent `0.00"%"` on the report's own figure (98.62, not 0.9862), date dd/mm/yyyy.
"""

import io
import math
import re
from copy import copy

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange

from nhiemvu.reports.document import Document, Table
from nhiemvu.reports.writers.cells import group_text, header_layout
from nhiemvu.spreadsheet import neutralise

NUMBER_FORMATS = {"int": "#,##0", "percent": '0.00"%"', "date": "dd/mm/yyyy"}
SHEET_TITLE_MAX = 31  # Excel's limit
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
WRAP_FROM_WIDTH = 20  # a text column this wide or wider wraps its text

_THIN = Side(style="thin")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
BOLD = Font(bold=True)
ITALIC = Font(italic=True)
_CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)
_ALIGNMENTS = {
    "int": Alignment(horizontal="right", vertical="top"),
    "percent": Alignment(horizontal="right", vertical="top"),
    "date": Alignment(horizontal="center", vertical="top"),
    "text": Alignment(horizontal="left", vertical="top"),
}
_WRAPPED = Alignment(horizontal="left", vertical="top", wrap_text=True)
_ACROSS = Alignment(horizontal="left", vertical="top", wrap_text=True)


def sheet_title(name: str) -> str:
    """The document's name as Excel takes a sheet title: no [ ] : * ? / \\, no apostrophe at
    either end, at most 31 characters."""
    title = _SHEET_TITLE_FORBIDDEN.sub("-", name)[:SHEET_TITLE_MAX].strip(" '")
    return title or "Sheet1"


def _width(document: Document) -> int:
    return max((len(table.columns) for table in document.tables()), default=1)


LINE_HEIGHT = 15  # points, one line of Calibri 11


class _BodyStyles:
    """The style of each column's body cells, made once and copied to every cell: setting
    font, border and alignment cell by cell costs openpyxl a lookup each (5,000 rows: seconds)."""

    def __init__(self, table: Table):
        self.columns = table.columns
        self.made: dict[tuple[int, bool], StyleArray] = {}

    def apply(self, cell, index: int, total: bool) -> None:
        made = self.made.get((index, total))
        if made is not None:
            cell._style = copy(made)
            return
        column = self.columns[index]
        cell.border = BORDER
        wrapped = column.kind == "text" and column.width >= WRAP_FROM_WIDTH
        cell.alignment = _WRAPPED if wrapped else _ALIGNMENTS[column.kind]
        if column.kind in NUMBER_FORMATS:
            cell.number_format = NUMBER_FORMATS[column.kind]
        if total:
            cell.font = BOLD
        self.made[(index, total)] = copy(cell._style)


class _Rows:
    """The sheet written row after row (openpyxl's write-only mode: each row goes to the file
    as it comes, so the 65,000 rows of a national emulation report are never all held as
    cells). The panes, which the file states before its rows, are frozen below the first
    table's header: the rows above it wait until it is known."""

    def __init__(self, sheet, width: int):
        self.sheet = sheet
        self.width = width
        self.count = 0  # rows made
        self.waiting: list[list] | None = []  # rows made before the panes were frozen

    def cell(self, value=None, font: Font | None = None, alignment: Alignment | None = None, border=None):
        cell = WriteOnlyCell(self.sheet, neutralise(value))
        if font is not None:
            cell.font = font
        if alignment is not None:
            cell.alignment = alignment
        if border is not None:
            cell.border = border
        return cell

    def add(self, cells: list) -> int:
        """Writes (or keeps, until the panes are frozen) a row; returns its number."""
        self.count += 1
        if self.waiting is None:
            self.sheet.append(cells)
        else:
            self.waiting.append(cells)
        return self.count

    def freeze_from_next_row(self) -> None:
        if self.waiting is not None:
            self.sheet.freeze_panes = f"A{self.count + 1}"
            self.flush()

    def flush(self) -> None:
        for cells in self.waiting or ():
            self.sheet.append(cells)
        self.waiting = None

    def line_across(self, text: str, font: Font, alignment: Alignment, border=None, width=None) -> None:
        """`text` in a row merged across the width. Excel does not grow a merged row to fit its
        wrapped text, so the row is given the height of the lines the text needs. `width`: the
        columns it spans (the widest table's by default)."""
        width = width or self.width
        first = self.cell(text, font, alignment, border)
        others = [self.cell(border=border) for _ in range(width - 1)] if border else []
        row = self.add([first, *others])
        if width > 1:
            self.sheet.merged_cells.add(CellRange(min_col=1, min_row=row, max_col=width, max_row=row))
        dimensions = self.sheet.column_dimensions
        characters = sum(dimensions[get_column_letter(i + 1)].width or 8.43 for i in range(width))
        lines = math.ceil(len(text) * 1.1 / characters) if text else 1  # bold and capitals run wider
        if lines > 1:
            self.sheet.row_dimensions[row].height = lines * LINE_HEIGHT

    def table(self, table: Table) -> None:
        """Its title, its header (merged as header_layout says, every cell of a merged range
        bordered: Excel draws a range's border from each cell), its rows, then a blank row."""
        width = len(table.columns)
        if table.title:
            self.line_across(table.title, BOLD, _CENTRED)
        depth, header = header_layout(table.columns)
        top = self.count + 1
        lines = [[self.cell(border=BORDER) for _ in range(width)] for _ in range(depth)]
        for item in header:
            lines[item.top][item.first] = self.cell(item.text, BOLD, _CENTRED, BORDER)
            if (item.top, item.first) != (item.bottom, item.last):
                self.sheet.merged_cells.add(
                    CellRange(
                        min_col=item.first + 1,
                        min_row=top + item.top,
                        max_col=item.last + 1,
                        max_row=top + item.bottom,
                    )
                )
        for line in lines:
            self.add(line)
        self.freeze_from_next_row()
        styles = _BodyStyles(table)
        for line in table.rows:
            if line.role == "group":
                self.line_across(group_text(line), BOLD, _ACROSS, BORDER, width)
                continue
            total = line.role == "total"
            cells = []
            for index in range(width):
                value = (
                    line.cells[index] if index < len(line.cells) else None
                )  # a short row keeps its borders
                cell = self.cell(value)
                styles.apply(cell, index, total)
                cells.append(cell)
            self.add(cells)
        self.add([])


def _set_widths(sheet, document: Document) -> None:
    widths: dict[int, int] = {}
    for table in document.tables():
        for index, column in enumerate(table.columns):
            widths[index] = max(widths.get(index, 0), column.width)
    for index, width in widths.items():
        sheet.column_dimensions[get_column_letter(index + 1)].width = width


def _heading_lines(document: Document) -> list[str]:
    if document.letterhead:
        return [document.letterhead.document_type, document.letterhead.summary]
    return list(document.heading)


_PARAGRAPH_FONTS = {"heading": BOLD, "note": ITALIC}


def render(document: Document) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title(document.name))
    _set_widths(sheet, document)
    rows = _Rows(sheet, _width(document))
    for line in _heading_lines(document):
        rows.line_across(line, BOLD, _CENTRED)
    rows.line_across(document.extraction, ITALIC, _CENTRED)
    rows.add([])
    for block in document.blocks:
        if isinstance(block, Table):
            rows.table(block)
        else:
            indent = block.level + 1 if block.style == "item" else 0
            alignment = Alignment(horizontal="left", vertical="top", wrap_text=True, indent=indent)
            rows.line_across(block.text, _PARAGRAPH_FONTS.get(block.style, Font()), alignment)
    rows.flush()
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
