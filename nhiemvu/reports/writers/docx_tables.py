"""Tables in the .docx: 12 pt text, borders, a fixed width on every cell (what keeps widths in
LibreOffice), the one- or two-level header merged and repeated on each page, group rows merged
across, totals bold, no row split over two pages.

The header is made with python-docx; the body rows are written as WordprocessingML text, never
parsed: python-docx's objects cost about a millisecond a cell, and appendix 02 for all units is
5,000 rows (the issue's goal: its .docx in under 2 s); held as an XML tree, the ~65,000 rows of
a national year's emulation figures took ~1 GB. docx_file writes them into the saved file.
"""

import re
from collections.abc import Iterator
from xml.sax.saxutils import escape

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.oxml import OxmlElement
from docx.shared import Mm, Pt
from lxml import etree

from nhiemvu.reports.document import Table
from nhiemvu.reports.writers.cells import display_text, group_text, header_layout
from nhiemvu.reports.writers.docx_parts import CENTER, cell_margins, fixed_widths, line, text_width

BODY_SIZE = 14
TABLE_SIZE = 12
TABLE_STYLE_ID = "TableText"  # our paragraph style for table cells (12 pt, no spacing)
CELL_MARGIN = Mm(1)  # left and right, inside each table cell
CELL_SLACK = Mm(1)  # what the estimate of a printed width may miss
EMU_PER_TWIP = 635
_JUSTIFICATION = {"int": "right", "percent": "right", "date": "center", "text": "left"}
# Characters XML 1.0 cannot hold (a control character pasted into a task's text).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def column_widths(table: Table, width: int) -> list[int]:
    """Widths (EMU) sharing `width` in proportion to `Column.width`, except that a column of
    figures or dates is widened to its longest value and a column to its header's longest word
    (a figure split over two lines misreads), taken from the text columns while they can give."""
    total = sum(column.width for column in table.columns)
    widths = [width * column.width // total for column in table.columns]
    needs = []
    for index, column in enumerate(table.columns):
        headers = f"{column.title} {column.group or ''}".split()
        need = max((text_width(word, TABLE_SIZE, bold=True) for word in headers), default=0)
        if column.kind != "text":
            values = {
                row.cells[index] for row in table.rows if row.role != "group" and index < len(row.cells)
            }
            texts = {display_text(value, column.kind) for value in values}
            need = max([need, *(text_width(text, TABLE_SIZE, bold=True) for text in texts)])
        needs.append(need + 2 * CELL_MARGIN + CELL_SLACK)
    extra = sum(max(need - share, 0) for need, share in zip(needs, widths, strict=True))
    spare = [
        max(share - need, 0) if column.kind == "text" else 0
        for column, need, share in zip(table.columns, needs, widths, strict=True)
    ]
    if not extra or sum(spare) < extra:
        return widths
    given = sum(spare)
    return [
        max(need, share) if column.kind != "text" else share - extra * room // given
        for column, need, share, room in zip(table.columns, needs, widths, spare, strict=True)
    ]


def add_table(docx, table: Table, width: int) -> tuple[str, Iterator[str]]:
    """The table's title and header, made with python-docx, and a marker (an XML comment)
    where its body rows go; returns the marker as it is saved and the rows' XML, one string a
    row, for docx_file to write in its place (body_rows_in)."""
    widths = column_widths(table, width)
    if table.title:
        title = line(docx.add_paragraph(), table.title, size=BODY_SIZE, bold=True, align=CENTER)
        title.paragraph_format.space_after = Pt(6)
        title.paragraph_format.keep_with_next = True
    grid = _header(docx, table)
    fixed_widths(grid, widths)
    marker = f"nhiemvu-table-body-{len(docx.tables)}"
    grid._tbl.append(etree.Comment(marker))
    docx.add_paragraph().paragraph_format.space_after = Pt(6)  # apart from what follows
    return f"<!--{marker}-->", _rows_xml(table, [width // EMU_PER_TWIP for width in widths])


def _header(docx, table: Table):
    depth, header = header_layout(table.columns)
    grid = docx.add_table(rows=depth, cols=len(table.columns))
    grid.style = docx.styles["Table Grid"]
    cell_margins(grid, CELL_MARGIN)
    for item in header:
        cell = grid.cell(item.top, item.first)
        if (item.top, item.first) != (item.bottom, item.last):
            cell = cell.merge(grid.cell(item.bottom, item.last))
        paragraph = cell.paragraphs[0]
        paragraph._p.get_or_add_pPr().style = TABLE_STYLE_ID
        paragraph.alignment = CENTER
        paragraph.add_run(item.text).bold = True
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    for row in grid.rows:
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        properties.append(OxmlElement("w:tblHeader"))  # repeated at the top of each page
    return grid


def _rows_xml(table: Table, twips: list[int]) -> Iterator[str]:
    kinds = [column.kind for column in table.columns]
    for row in table.rows:
        if row.role == "group":
            cells = _cell_xml(sum(twips), group_text(row), "left", bold=True, span=len(twips))
        else:
            values = list(row.cells) + [None] * (len(kinds) - len(row.cells))
            bold = row.role == "total"
            cells = "".join(
                _cell_xml(width, display_text(value, kind), _JUSTIFICATION[kind], bold=bold)
                for width, value, kind in zip(twips, values, kinds, strict=False)
            )
        yield f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>"


def _cell_xml(twips: int, text: str, justification: str, *, bold: bool, span: int = 1) -> str:
    span_xml = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{twips}" w:type="dxa"/>{span_xml}</w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="{TABLE_STYLE_ID}"/><w:jc w:val="{justification}"/></w:pPr>'
        f"{_run_xml(text, bold=bold)}</w:p></w:tc>"
    )


def _run_xml(text: str, *, bold: bool) -> str:
    """A run of `text`, its line breaks as Word's."""
    if not text:
        return ""
    properties = "<w:rPr><w:b/><w:bCs/></w:rPr>" if bold else ""
    lines = [escape(piece) for piece in _NOT_XML.sub("", text).split("\n")]
    body = '</w:t><w:br/><w:t xml:space="preserve">'.join(lines)
    return f'<w:r>{properties}<w:t xml:space="preserve">{body}</w:t></w:r>'
