"""The parts of an administrative document laid out by Decree 30/2020/NĐ-CP, appendix I
("Thể thức, kỹ thuật trình bày văn bản hành chính"): the two-column header (issuing body
under its parent body, number/symbol; national title and motto, place and date), the
document type and summary, and at the end "Nơi nhận" beside the signature block."""

from datetime import date

from django.utils.translation import gettext as _
from docx.document import Document as DocxDocument
from docx.shared import Mm, Pt

from nhiemvu.reports.document import Letterhead, Signature
from nhiemvu.reports.writers.docx_parts import (
    CENTER,
    borderless,
    first_paragraph,
    fixed_widths,
    line,
    rule_below,
    text_width,
)

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
HEADER_LEFT = Mm(62)  # the issuing body's column; the national title's takes the rest
SIGNATURE_LEFT_SHARE = 0.45  # "Nơi nhận" column, of the text width
SIGNING_SPACE_LINES = 4  # empty lines between the signer's title and name, for the signature


def issue_date_text(place: str, day: date) -> str:
    """ "Kon Tum, ngày 03 tháng 7 năm 2019". Decree 30/2020, appendix I, "Địa danh và thời gian
    ban hành văn bản": the date is written in full in Arabic numerals, with a 0 before a day
    below 10 and before the months 1 and 2 ("ngày 05 tháng 02 năm 2020")."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def add_letterhead(docx: DocxDocument, letterhead: Letterhead, width: int) -> None:
    """Appendix I, items on the national title and motto, the issuing body, the number and
    symbol, place and date, and the document type and summary:
    - left: the parent body (upper case, 13 pt, regular), the issuing body (upper case, 13 pt,
      bold) with a line of a third to a half of its length under it, "Số: …" (13 pt);
    - right: the national title (upper case, 12 pt, bold), the motto (13 pt, bold) with a line
      of its own length under it, place and date (14 pt, italic);
    - below, centred: the document type (upper case, 14 pt, bold), the summary (14 pt, bold)
      and a line of a third to a half of its length under it."""
    left, right = HEADER_LEFT, width - HEADER_LEFT
    table = docx.add_table(rows=2, cols=2)
    borderless(table)
    fixed_widths(table, [left, right])
    bodies, national = table.rows[0].cells
    number, place = table.rows[1].cells

    paragraph = first_paragraph(bodies)
    if letterhead.parent_body:
        line(paragraph, letterhead.parent_body.upper(), size=13, align=CENTER)
        paragraph = bodies.add_paragraph()
    issuing = letterhead.issuing_body.upper()
    line(paragraph, issuing, size=13, bold=True, align=CENTER)
    rule_below(bodies.add_paragraph(), max(text_width(issuing, 13, bold=True) * 2 // 5, Mm(15)), left)

    line(first_paragraph(national), NATIONAL_TITLE, size=12, bold=True, align=CENTER)
    line(national.add_paragraph(), MOTTO, size=13, bold=True, align=CENTER)
    rule_below(national.add_paragraph(), text_width(MOTTO, 13, bold=True), right)

    line(first_paragraph(number), letterhead.number_symbol, size=13, align=CENTER)
    line(
        first_paragraph(place),
        issue_date_text(letterhead.place, letterhead.day),
        size=14,
        italic=True,
        align=CENTER,
    )
    for cell in (number, place):
        first_paragraph(cell).paragraph_format.space_before = Pt(6)

    document_type = line(
        docx.add_paragraph(), letterhead.document_type.upper(), size=14, bold=True, align=CENTER
    )
    document_type.paragraph_format.space_before = Pt(18)
    document_type.paragraph_format.keep_with_next = True
    summary = line(docx.add_paragraph(), letterhead.summary, size=14, bold=True, align=CENTER)
    summary.paragraph_format.keep_with_next = True
    summary_width = min(text_width(letterhead.summary, 14, bold=True), width)
    rule_below(docx.add_paragraph(), max(summary_width * 2 // 5, Mm(20)), width)


def add_closing(docx: DocxDocument, recipients: list[str], signature: Signature | None, width: int) -> None:
    """Appendix I, items on the recipients and the signer: a borderless two-column table,
    "Nơi nhận:" (12 pt, bold italic) and one line per recipient ("- …;" 11 pt, the last ending
    with a full stop) on the left; on the right the authority (TM./KT./TL. …) and the signer's
    title (upper case, 14 pt, bold), room for the signature and seal, the name (14 pt, bold)."""
    left = int(width * SIGNATURE_LEFT_SHARE)
    spacer = docx.add_paragraph()
    spacer.paragraph_format.space_after = Pt(6)
    table = docx.add_table(rows=1, cols=2)
    borderless(table)
    fixed_widths(table, [left, width - left])
    to, signer = table.rows[0].cells
    if recipients:
        line(first_paragraph(to), _("Nơi nhận:"), size=12, bold=True, italic=True)
        for index, recipient in enumerate(recipients):
            end = "." if index == len(recipients) - 1 else ";"
            line(to.add_paragraph(), f"- {_recipient(recipient)}{end}", size=11)
    if signature:
        paragraph = first_paragraph(signer)
        if signature.authority:
            line(paragraph, signature.authority.upper(), size=14, bold=True, align=CENTER)
            paragraph = signer.add_paragraph()
        line(paragraph, signature.title.upper(), size=14, bold=True, align=CENTER)
        for _index in range(SIGNING_SPACE_LINES):
            line(signer.add_paragraph(), "", size=14)
        line(signer.add_paragraph(), signature.name, size=14, bold=True, align=CENTER)


def _recipient(text: str) -> str:
    """A recipient without the dash and end mark a report may have typed already."""
    text = text.strip()
    if text.startswith("-"):
        text = text[1:].strip()
    return text.rstrip(";.").rstrip()
