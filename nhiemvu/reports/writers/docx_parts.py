"""Small python-docx helpers the .docx writer and its Decree 30/2020 parts share: runs in Times
New Roman, cells of fixed width, tables without borders, the short lines under a title."""

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
CENTER = WD_ALIGN_PARAGRAPH.CENTER
POINT_EMU = 12700


def use_font(rpr) -> None:
    """Times New Roman in every script slot of `rpr` (a w:rPr): without the east-asian and
    complex-script slots, and with a theme font left in place, LibreOffice substitutes
    another font for some Vietnamese letters."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for name in list(fonts.attrib):
        if name.lower().endswith("theme"):
            del fonts.attrib[name]
    for slot in FONT_SLOTS:
        fonts.set(qn(f"w:{slot}"), FONT)


def line(
    paragraph: Paragraph,
    text: str,
    *,
    size: float | None = None,
    bold: bool = False,
    italic: bool = False,
    align=None,
) -> Paragraph:
    """`text` as one run of `paragraph`, which gets no spacing around it."""
    run = paragraph.add_run(text)
    if size:
        run.font.size = Pt(size)
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_before = Pt(0)
    paragraph.paragraph_format.space_after = Pt(0)
    return paragraph


def first_paragraph(cell: _Cell) -> Paragraph:
    return cell.paragraphs[0]


def fixed_widths(table: Table, widths: list[int]) -> None:
    """Column widths (EMU) that Word and LibreOffice both keep: a fixed layout, the grid and a
    width on every cell (LibreOffice reads the cells')."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Emu(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = Emu(width)


def borderless(table: Table) -> None:
    """No borders and no inner cell margins (the letterhead and the signature block)."""
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    properties.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), "0")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    properties.append(margins)


def rule_below(paragraph: Paragraph, length: int, room: int) -> None:
    """Turn the empty `paragraph` into a solid line `length` EMU long, centred in `room` EMU,
    right under the line above (Decree 30/2020's lines under the issuing body, the motto and
    the summary): the top border of a one-point paragraph indented from both sides."""
    indent = max((room - length) // 2, 0)
    paragraph_format = paragraph.paragraph_format
    paragraph_format.left_indent = Emu(indent)
    paragraph_format.right_indent = Emu(indent)
    paragraph_format.space_before = Pt(0)
    paragraph_format.space_after = Pt(0)
    paragraph_format.line_spacing = Pt(1)
    border = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        top.set(qn(f"w:{key}"), value)
    border.append(top)
    paragraph._p.get_or_add_pPr().append(border)
    run = paragraph.add_run()
    run.font.size = Pt(1)


# Approximate advance widths of Times New Roman in ems, enough to size a line under a title.
_NARROW = set("iljtfrI.,:;'!()[]- ")
_WIDE = set("mwMW")


def text_width(text: str, size: float, *, bold: bool = False) -> int:
    """The printed width of `text` (EMU), estimated from letter classes."""
    ems = 0.0
    for char in text:
        if char in _WIDE:
            ems += 0.9
        elif char in _NARROW:
            ems += 0.3
        elif char.isupper():
            ems += 0.72
        else:
            ems += 0.5
    return int(ems * size * POINT_EMU * (1.05 if bold else 1.0))
