"""A Document as a .docx in the administrative format of Decree 30/2020/NĐ-CP, appendix I.

Times New Roman everywhere (every script slot, no theme font), body 14 pt; A4 with margins
top and bottom 20 mm, left 30 mm, right 15 mm (appendix I: 20–25, 20–25, 30–35, 15–20 mm),
landscape when the document asks; page numbers centred in the top margin from page 2.
Then the letterhead (decree30.add_letterhead) or the centred heading lines, the extraction line
in italics, the blocks, and "Nơi nhận" beside the signature block (decree30.add_closing).

Body paragraphs are justified with a 1.27 cm first-line indent and 6 pt between paragraphs
(appendix I: at least 6 pt, single to 1.5 line spacing). Tables: 12 pt, borders, a fixed
width on every cell (what keeps widths in LibreOffice), the header repeated on each page.
"""

import io

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from nhiemvu.reports.document import Document, Paragraph, Table
from nhiemvu.reports.writers.cells import display_text, group_text, header_layout
from nhiemvu.reports.writers.decree30 import add_closing, add_letterhead
from nhiemvu.reports.writers.docx_parts import CENTER, fixed_widths, line, text_width, use_font

A4 = (Mm(210), Mm(297))
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}
BODY_SIZE = 14
TABLE_SIZE = 12
TABLE_STYLE_ID = "TableText"  # our paragraph style for table cells (12 pt, no spacing)
CELL_MARGIN = Mm(1)  # left and right, inside each table cell
CELL_SLACK = Mm(1)  # what the estimate of a printed width may miss
FIRST_LINE_INDENT = Cm(1.27)
LEVEL_INDENT = Cm(0.63)
_CELL_ALIGN = {
    "int": WD_ALIGN_PARAGRAPH.RIGHT,
    "percent": WD_ALIGN_PARAGRAPH.RIGHT,
    "date": WD_ALIGN_PARAGRAPH.CENTER,
    "text": WD_ALIGN_PARAGRAPH.LEFT,
}


def _set_up_styles(docx) -> None:
    styles = docx.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = run_defaults.find(qn("w:lang"))
    language.set(qn("w:val"), "vi-VN")
    for fonts in list(styles.element.iter(qn("w:rFonts"))):
        use_font(fonts.getparent())
    normal = styles["Normal"]
    normal.font.size = Pt(BODY_SIZE)
    use_font(normal.element.get_or_add_rPr())
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    table_text = styles.add_style("Table Text", 1)  # WD_STYLE_TYPE.PARAGRAPH
    table_text.element.set(qn("w:styleId"), TABLE_STYLE_ID)
    table_text.base_style = normal
    table_text.font.size = Pt(TABLE_SIZE)


def _set_up_page(docx, landscape: bool) -> int:
    """A4 and the margins; returns the text width (EMU)."""
    section = docx.sections[0]
    width, height = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    for side, margin in MARGINS.items():
        setattr(section, f"{side}_margin", margin)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    _number_pages(section)
    return section.page_width - section.left_margin - section.right_margin


def _number_pages(section) -> None:
    """Appendix I, page numbers: Arabic, centred in the top margin, none on the first page."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    paragraph._p.append(field)


def _add_paragraph(docx, block: Paragraph) -> None:
    paragraph = docx.add_paragraph()
    paragraph_format = paragraph.paragraph_format
    paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph_format.first_line_indent = FIRST_LINE_INDENT
    if block.style == "item":
        paragraph_format.first_line_indent = FIRST_LINE_INDENT + LEVEL_INDENT * block.level
    paragraph_format.space_before = Pt(0)
    paragraph_format.space_after = Pt(6)
    if block.style == "heading":
        paragraph_format.keep_with_next = True
    run = paragraph.add_run(block.text)
    run.bold = block.style == "heading"
    run.italic = block.style == "note"


def _cell_text(cell, text: str, *, align=None, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph._p.get_or_add_pPr().style = TABLE_STYLE_ID
    if align is not None:
        paragraph.alignment = align
    if text:
        run = paragraph.add_run(text)
        if bold:
            run.bold = True


def _repeat_as_header(row) -> None:
    marker = OxmlElement("w:tblHeader")
    row._tr.get_or_add_trPr().append(marker)


def column_widths(table: Table, width: int) -> list[int]:
    """Widths (EMU) sharing `width` in proportion to `Column.width`, except that a column of
    figures or dates is widened to its longest value and a column to its header's longest word
    (a figure split over two lines misreads), taken from the text columns while they can give."""
    total = sum(column.width for column in table.columns)
    widths = [width * column.width // total for column in table.columns]
    needs = []
    for index, column in enumerate(table.columns):
        words = [
            text_width(word, TABLE_SIZE, bold=True)
            for word in (column.title, column.group or "")
            for word in word.split()
        ]
        need = max(words, default=0)
        if column.kind != "text":
            values = (
                row.cells[index] for row in table.rows if row.role != "group" and index < len(row.cells)
            )
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


def _narrow_cell_margins(grid) -> None:
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(CELL_MARGIN // 635))  # EMU to twentieths of a point
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    grid._tbl.tblPr.append(margins)


def _add_table(docx, table: Table, width: int) -> None:
    widths = column_widths(table, width)
    if table.title:
        title = line(docx.add_paragraph(), table.title, size=BODY_SIZE, bold=True, align=CENTER)
        title.paragraph_format.space_after = Pt(6)
        title.paragraph_format.keep_with_next = True
    depth, header = header_layout(table.columns)
    grid = docx.add_table(rows=depth, cols=len(table.columns))
    grid.style = docx.styles["Table Grid"]
    _narrow_cell_margins(grid)
    for item in header:
        cell = grid.cell(item.top, item.first)
        if (item.top, item.first) != (item.bottom, item.last):
            cell = cell.merge(grid.cell(item.bottom, item.last))
        _cell_text(cell, item.text, align=CENTER, bold=True)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    for row in grid.rows:
        _repeat_as_header(row)
    aligns = [_CELL_ALIGN[column.kind] for column in table.columns]
    for line_ in table.rows:
        cells = grid.add_row().cells
        if line_.role == "group":
            merged = cells[0].merge(cells[-1])
            _cell_text(merged, group_text(line_), bold=True)
            continue
        bold = line_.role == "total"
        for cell, column, value, align in zip(cells, table.columns, line_.cells, aligns, strict=False):
            _cell_text(cell, display_text(value, column.kind), align=align, bold=bold)
    fixed_widths(grid, widths)
    docx.add_paragraph().paragraph_format.space_after = Pt(6)  # apart from what follows


def render(document: Document) -> bytes:
    docx = new_docx()
    _set_up_styles(docx)
    width = _set_up_page(docx, document.landscape)
    body = docx.paragraphs[0] if docx.paragraphs else None
    if body is not None:  # the template's empty first paragraph
        body._p.getparent().remove(body._p)
    if document.letterhead:
        add_letterhead(docx, document.letterhead, width)
    else:
        for text in document.heading:
            line(docx.add_paragraph(), text, size=BODY_SIZE, bold=True, align=CENTER)
    extraction = line(docx.add_paragraph(), document.extraction, size=BODY_SIZE, italic=True, align=CENTER)
    extraction.paragraph_format.space_before = Pt(6)
    extraction.paragraph_format.space_after = Pt(12)
    for block in document.blocks:
        if isinstance(block, Table):
            _add_table(docx, block, width)
        else:
            _add_paragraph(docx, block)
    if document.recipients or document.signature:
        add_closing(docx, document.recipients, document.signature, width)
    buffer = io.BytesIO()
    docx.save(buffer)
    return buffer.getvalue()
