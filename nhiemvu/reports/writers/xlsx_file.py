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

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from nhiemvu.reports.document import Document, Paragraph, Table
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


def _line_across(sheet: Worksheet, row: int, width: int, text: str, font: Font, alignment: Alignment):
    """`text` in a row merged across `width` columns. Excel does not grow a merged row to fit
    its wrapped text, so the row is given the height of the lines the text needs."""
    cell = sheet.cell(row=row, column=1, value=neutralise(text))
    cell.font = font
    cell.alignment = alignment
    if width > 1:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    characters = sum(sheet.column_dimensions[get_column_letter(i + 1)].width or 8.43 for i in range(width))
    lines = math.ceil(len(text) * 1.1 / characters) if text else 1  # bold and capitals run wider
    if lines > 1:
        sheet.row_dimensions[row].height = lines * LINE_HEIGHT


def _bordered(sheet: Worksheet, top: int, bottom: int, first: int, last: int) -> None:
    """Borders on every cell of a range: Excel draws a merged range's border from each cell."""
    for row in range(top, bottom + 1):
        for column in range(first, last + 1):
            sheet.cell(row=row, column=column).border = BORDER


def _write_table(sheet: Worksheet, table: Table, row: int) -> tuple[int, int]:
    """The table from `row`; returns (the first row below its header, the next free row)."""
    width = len(table.columns)
    if table.title:
        _line_across(sheet, row, width, table.title, BOLD, _CENTRED)
        row += 1
    depth, header = header_layout(table.columns)
    for item in header:
        top, bottom, first, last = row + item.top, row + item.bottom, item.first + 1, item.last + 1
        cell = sheet.cell(row=top, column=first, value=neutralise(item.text))
        cell.font = BOLD
        cell.alignment = _CENTRED
        _bordered(sheet, top, bottom, first, last)
        if (top, first) != (bottom, last):
            sheet.merge_cells(start_row=top, start_column=first, end_row=bottom, end_column=last)
    row += depth
    body_top = row
    wrapped = [column.kind == "text" and column.width >= WRAP_FROM_WIDTH for column in table.columns]
    for line in table.rows:
        if line.role == "group":
            _line_across(sheet, row, width, group_text(line), BOLD, _ACROSS)
            _bordered(sheet, row, row, 1, width)
            row += 1
            continue
        font = BOLD if line.role == "total" else None
        for index, (column, value) in enumerate(zip(table.columns, line.cells, strict=False)):
            cell = sheet.cell(row=row, column=index + 1, value=neutralise(value))
            cell.border = BORDER
            cell.alignment = _WRAPPED if wrapped[index] else _ALIGNMENTS[column.kind]
            if column.kind in NUMBER_FORMATS:
                cell.number_format = NUMBER_FORMATS[column.kind]
            if font:
                cell.font = font
        for index in range(len(line.cells), width):  # a short row still has its borders
            sheet.cell(row=row, column=index + 1).border = BORDER
        row += 1
    return body_top, row + 1


def _set_widths(sheet: Worksheet, document: Document) -> None:
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


def _write_paragraph(sheet: Worksheet, paragraph: Paragraph, row: int, width: int) -> int:
    indent = paragraph.level + 1 if paragraph.style == "item" else 0
    alignment = Alignment(horizontal="left", vertical="top", wrap_text=True, indent=indent)
    _line_across(sheet, row, width, paragraph.text, _PARAGRAPH_FONTS.get(paragraph.style, Font()), alignment)
    return row + 1


def render(document: Document) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title(document.name)
    _set_widths(sheet, document)
    width = _width(document)
    row = 1
    for line in _heading_lines(document):
        _line_across(sheet, row, width, line, BOLD, _CENTRED)
        row += 1
    _line_across(sheet, row, width, document.extraction, ITALIC, _CENTRED)
    row += 2
    frozen = None
    for block in document.blocks:
        if isinstance(block, Table):
            body_top, row = _write_table(sheet, block, row)
            frozen = frozen or body_top
        else:
            row = _write_paragraph(sheet, block, row, width)
    if frozen:
        sheet.freeze_panes = sheet.cell(row=frozen, column=1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
