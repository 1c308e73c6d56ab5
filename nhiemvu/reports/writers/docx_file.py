"""A Document as a .docx in the administrative format of Decree 30/2020/NĐ-CP, appendix I.

Times New Roman everywhere (every script slot, no theme font), body 14 pt; A4 with margins
top and bottom 20 mm, left 30 mm, right 15 mm (appendix I: 20–25, 20–25, 30–35, 15–20 mm),
landscape when the document asks; page numbers centred in the top margin from page 2.
Then the letterhead (decree30.add_letterhead) or the centred heading lines, the extraction line
in italics, the blocks, and "Nơi nhận" beside the signature block (decree30.add_closing).

Body paragraphs are justified with a 1.27 cm first-line indent and 6 pt between paragraphs
(appendix I: at least 6 pt, single to 1.5 line spacing). Tables: docx_tables.
"""

import io
import zipfile
from collections.abc import Iterator
from itertools import islice

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from nhiemvu.reports.document import Document, Paragraph, Table
from nhiemvu.reports.writers.decree30 import add_closing, add_letterhead
from nhiemvu.reports.writers.docx_parts import CENTER, line, use_font
from nhiemvu.reports.writers.docx_tables import BODY_SIZE, TABLE_SIZE, TABLE_STYLE_ID, add_table

A4 = (Mm(210), Mm(297))
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}
FIRST_LINE_INDENT = Cm(1.27)
LEVEL_INDENT = Cm(0.63)


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
    bodies = []
    for block in document.blocks:
        if isinstance(block, Table):
            bodies.append(add_table(docx, block, width))
        else:
            _add_paragraph(docx, block)
    if document.recipients or document.signature:
        add_closing(docx, document.recipients, document.signature, width)
    buffer = io.BytesIO()
    docx.save(buffer)
    return body_rows_in(buffer, bodies)


DOCUMENT_PART = "word/document.xml"
ROWS_PER_WRITE = 500


def body_rows_in(package: io.BytesIO, bodies: list[tuple[str, Iterator[str]]]) -> bytes:
    """The saved package with each table's body rows (docx_tables.add_table: its marker and
    its rows' XML) written in place of its marker in the document part, streamed into the
    archive a few hundred rows at a time: the rows are never held whole, as text or as a tree."""
    out = io.BytesIO()
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename != DOCUMENT_PART:
                target.writestr(info, content)
                continue
            text = content.decode("utf-8")
            streamed = zipfile.ZipInfo(info.filename, info.date_time)
            streamed.compress_type = zipfile.ZIP_DEFLATED
            with target.open(streamed, "w") as part:
                for marker, rows in bodies:
                    before, text = text.split(marker, 1)
                    part.write(before.encode("utf-8"))
                    while chunk := "".join(islice(rows, ROWS_PER_WRITE)):
                        part.write(chunk.encode("utf-8"))
                part.write(text.encode("utf-8"))
    return out.getvalue()
