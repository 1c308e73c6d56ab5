"""The .docx of any Document, opened again with python-docx: the Decree 30/2020/NĐ-CP layout
(appendix I) of the letterhead, the body, the tables, "Nơi nhận" and the signature block."""

import io
from datetime import date

import pytest
from docx import Document as open_docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from nhiemvu.reports import writers
from nhiemvu.reports.tests.sample_documents import EVERY_DIACRITIC, EXTRACTION, FORMULA_NAME, appendix, report
from nhiemvu.reports.writers.decree30 import issue_date_text

CENTER, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY


@pytest.fixture(scope="module")
def docx():
    return open_docx(io.BytesIO(writers.render(report(), "docx")))


def body_paragraphs(docx):
    """The paragraphs of the body outside tables, without the empty ones."""
    return [paragraph for paragraph in docx.paragraphs if paragraph.text.strip()]


def paragraph_with(docx, text):
    return next(paragraph for paragraph in docx.paragraphs if paragraph.text == text)


def texts(cell) -> list[str]:
    return [paragraph.text for paragraph in cell.paragraphs if paragraph.text]


def about(length, expected) -> bool:
    """Equal to a twentieth of a point, the unit the .docx stores lengths in."""
    return abs(length - expected) <= Pt(0.05)


def run_of(paragraph):
    (run,) = [run for run in paragraph.runs if run.text]
    return run


def test_the_page_is_a4_with_the_decree_30_margins(docx):
    section = docx.sections[0]
    assert about(section.page_width, Mm(210)) and about(section.page_height, Mm(297))
    assert section.orientation == WD_ORIENT.PORTRAIT
    # Appendix I: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm; we take the least.
    assert about(section.top_margin, Mm(20)) and about(section.bottom_margin, Mm(20))
    assert about(section.left_margin, Mm(30)) and about(section.right_margin, Mm(15))


def test_an_appendix_marked_landscape_turns_the_page():
    section = open_docx(io.BytesIO(writers.render(appendix(), "docx"))).sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert about(section.page_width, Mm(297)) and about(section.page_height, Mm(210))


def test_times_new_roman_in_every_script_slot_and_no_theme_font(docx):
    normal = docx.styles["Normal"]
    assert normal.font.size == Pt(14)
    defaults = docx.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts")) is not None
    for part in (docx.styles.element, docx.element):
        for element in part.iter(qn("w:rFonts")):
            assert {key.split("}")[1]: value for key, value in element.attrib.items()} == {
                "ascii": "Times New Roman",
                "hAnsi": "Times New Roman",
                "eastAsia": "Times New Roman",
                "cs": "Times New Roman",
            }
    assert all(run.font.name in (None, "Times New Roman") for p in docx.paragraphs for run in p.runs)


def test_letterhead_left_column_parent_body_issuing_body_and_number(docx):
    header = docx.tables[0]
    bodies, number = header.cell(0, 0), header.cell(1, 0)
    assert texts(bodies) == ["UBND TỈNH KON TUM", "VĂN PHÒNG"]
    parent, issuing = bodies.paragraphs[0], bodies.paragraphs[1]
    assert run_of(parent).font.size == Pt(13) and not run_of(parent).bold
    assert run_of(issuing).font.size == Pt(13) and run_of(issuing).bold
    rule = bodies.paragraphs[2]._p.pPr.find(qn("w:pBdr")).find(qn("w:top"))
    assert rule.get(qn("w:val")) == "single"  # the short line under the issuing body
    assert texts(number) == ["Số:       /BC-VP"]


def test_letterhead_right_column_national_title_motto_place_and_date(docx):
    header = docx.tables[0]
    national, place = header.cell(0, 1), header.cell(1, 1)
    assert texts(national) == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    title, motto = national.paragraphs[0], national.paragraphs[1]
    assert run_of(title).bold and run_of(title).font.size == Pt(12)
    assert run_of(motto).bold and run_of(motto).font.size == Pt(13)
    assert national.paragraphs[2]._p.pPr.find(qn("w:pBdr")) is not None  # the line under the motto
    assert texts(place) == ["Kon Tum, ngày 03 tháng 7 năm 2019"]
    assert run_of(place.paragraphs[0]).italic
    assert all(p.alignment == CENTER for cell in (national, place) for p in cell.paragraphs if p.text)


def test_letterhead_table_has_no_borders(docx):
    borders = docx.tables[0]._tbl.tblPr.find(qn("w:tblBorders"))
    assert {edge.get(qn("w:val")) for edge in borders} == {"nil"}


def test_issue_date_puts_a_zero_before_days_below_10_and_months_1_and_2_decree_30():
    assert issue_date_text("Kon Tum", date(2019, 7, 3)) == "Kon Tum, ngày 03 tháng 7 năm 2019"
    assert issue_date_text("Kon Tum", date(2020, 2, 5)) == "Kon Tum, ngày 05 tháng 02 năm 2020"
    assert issue_date_text("Kon Tum", date(2020, 1, 31)) == "Kon Tum, ngày 31 tháng 01 năm 2020"
    assert issue_date_text("Hà Nội", date(2018, 12, 27)) == "Hà Nội, ngày 27 tháng 12 năm 2018"


def test_document_type_and_summary_are_bold_and_centred_then_the_extraction_line_italic(docx):
    paragraphs = body_paragraphs(docx)
    kind, summary, extraction = paragraphs[0], paragraphs[1], paragraphs[2]
    assert kind.text == "BÁO CÁO" and run_of(kind).bold and run_of(kind).font.size == Pt(14)
    assert summary.text.startswith("Kết quả thực hiện nhiệm vụ UBND tỉnh") and run_of(summary).bold
    assert kind.alignment == summary.alignment == CENTER
    assert extraction.text == EXTRACTION and run_of(extraction).italic and extraction.alignment == CENTER


def test_body_paragraphs_are_justified_with_a_first_line_indent_and_keep_every_diacritic(docx):
    heading = paragraph_with(docx, "1. Kết quả cụ thể:")
    assert run_of(heading).bold
    body = next(p for p in docx.paragraphs if p.text.endswith(EVERY_DIACRITIC))
    assert body.alignment == JUSTIFY and body.paragraph_format.first_line_indent == Cm(1.27)
    assert not run_of(body).bold and not run_of(body).italic
    assert body.paragraph_format.space_after == Pt(6)
    item = paragraph_with(docx, "+ Trong đó hoàn thành đúng hạn: 14.700 nhiệm vụ.")
    first = paragraph_with(docx, "- Số nhiệm vụ đã hoàn thành: 16.051/16.274 nhiệm vụ, chiếm tỷ lệ 98,62%.")
    assert item.paragraph_format.first_line_indent > first.paragraph_format.first_line_indent
    assert run_of(paragraph_with(docx, "(Chi tiết có Phụ lục kèm theo)")).italic


def test_table_title_is_bold_and_centred(docx):
    title = paragraph_with(docx, "Bảng 1. Kết quả thực hiện nhiệm vụ theo đơn vị")
    assert run_of(title).bold and title.alignment == CENTER


def test_table_two_level_header_is_merged_and_repeated_on_each_page(docx):
    table = docx.tables[1]
    first, second = table.rows[0], table.rows[1]
    assert [cell.text for cell in first.cells] == [
        "TT",
        "Cơ quan được giao",
        "Tổng số",
        "Đã hoàn thành",
        "Đã hoàn thành",
        "Chưa hoàn thành",
        "Chưa hoàn thành",
        "Tỷ lệ hoàn thành",
        "Ngày báo cáo",
    ]
    assert [cell.text for cell in second.cells][3:7] == ["Đúng hạn", "Quá hạn", "Trong hạn", "Trễ hạn"]
    assert second._tr.tc_lst[0].vMerge == "continue"  # "TT" merged down over both rows
    assert first._tr.tc_lst[3].grid_span == 2  # "Đã hoàn thành" over its two columns
    assert first._tr.trPr.find(qn("w:tblHeader")) is not None
    assert second._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(run.bold for cell in first.cells for p in cell.paragraphs for run in p.runs)


def test_table_rows_group_rows_merged_and_total_bold(docx):
    table = docx.tables[1]
    group = table.rows[2]
    assert {cell.text for cell in group.cells} == {"Sở, ban, ngành"}
    assert group.cells[0]._tc.grid_span == 9
    data = [cell.text for cell in table.rows[3].cells]
    assert data == [
        "1",
        "Sở Nông nghiệp và Phát triển nông thôn",
        "12.000",
        "11.000",
        "834",
        "100",
        "66",
        "98,62%",
        "01/07/2019",
    ]
    assert table.rows[4].cells[1].text == FORMULA_NAME  # a .docx runs no formula: the name as typed
    total = table.rows[-1]
    assert [cell.text for cell in total.cells][1:8] == [
        "Tổng số",
        "16.274",
        "14.700",
        "1.234",
        "223",
        "117",
        "98,62%",
    ]
    assert all(run.bold for cell in total.cells for p in cell.paragraphs for run in p.runs)
    assert table.rows[3].cells[2].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_table_has_a_fixed_layout_and_a_width_on_every_cell(docx):
    table = docx.tables[1]
    assert not table.autofit
    for row in table.rows:
        for cell in row.cells:
            assert cell.width and cell.width > 0
    section = docx.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    assert sum(column.width for column in table.columns) <= text_width
    assert table.columns[1].width > table.columns[0].width  # the unit's name gets the room


def test_recipients_on_the_left_bold_italic_heading_then_dashed_lines(docx):
    to = docx.tables[-1].cell(0, 0)
    assert texts(to) == [
        "Nơi nhận:",
        "- Thường trực Tỉnh ủy (b/c);",
        "- Chủ tịch, các Phó Chủ tịch UBND tỉnh;",
        "- Các sở, ban, ngành, đơn vị cấp tỉnh;",
        "- Lưu: VT, TH.",
    ]
    heading = run_of(to.paragraphs[0])
    assert heading.bold and heading.italic and heading.font.size == Pt(12)
    assert run_of(to.paragraphs[1]).font.size == Pt(11)


def test_signature_block_authority_title_room_to_sign_and_name(docx):
    signer = docx.tables[-1].cell(0, 1)
    assert texts(signer) == ["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Nguyễn Đức Tuy"]
    assert len(signer.paragraphs) >= 6  # empty lines for the signature and seal
    for paragraph in signer.paragraphs:
        if paragraph.text:
            assert run_of(paragraph).bold and run_of(paragraph).font.size == Pt(14)
            assert paragraph.alignment == CENTER


def test_without_letterhead_the_heading_lines_are_centred_and_bold():
    docx = open_docx(io.BytesIO(writers.render(appendix(), "docx")))
    first, second = body_paragraphs(docx)[:2]
    assert [first.text, second.text] == ["PHỤ LỤC 02", "TỔNG HỢP TÌNH HÌNH THỰC HIỆN NHIỆM VỤ THEO ĐƠN VỊ"]
    assert run_of(first).bold and first.alignment == CENTER
    assert len(docx.tables) == 1  # no letterhead, no signature block
