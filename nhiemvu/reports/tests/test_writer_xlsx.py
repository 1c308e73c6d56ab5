"""The .xlsx of any Document, opened again with openpyxl: cells, merged ranges, frozen header,
number formats, widths, bold totals, neutralised formulas."""

import io
from datetime import datetime

import pytest
from openpyxl import load_workbook

from nhiemvu.reports import writers
from nhiemvu.reports.document import Column, Document, Row, Table
from nhiemvu.reports.tests.sample_documents import EXTRACTION, FORMULA_NAME, appendix, report
from nhiemvu.reports.writers.xlsx_file import sheet_title


@pytest.fixture(scope="module")
def sheet():
    return load_workbook(io.BytesIO(writers.render(appendix(), "xlsx"))).active


def merged(sheet) -> set[str]:
    return {str(cell_range) for cell_range in sheet.merged_cells.ranges}


def test_sheet_title_is_the_name_within_excels_31_characters_and_legal_characters(sheet):
    assert sheet.title == "Phụ lục 02- Tổng hợp nhiệm vụ t"
    assert len(sheet.title) == 31
    assert sheet_title("Báo cáo [quý] 1/2019?") == "Báo cáo -quý- 1-2019-"


def test_heading_lines_are_bold_centred_across_the_table_and_the_extraction_italic(sheet):
    assert [sheet["A1"].value, sheet["A2"].value] == [
        "PHỤ LỤC 02",
        "TỔNG HỢP TÌNH HÌNH THỰC HIỆN NHIỆM VỤ THEO ĐƠN VỊ",
    ]
    assert sheet["A1"].font.bold and sheet["A1"].alignment.horizontal == "center"
    assert sheet["A3"].value == EXTRACTION and sheet["A3"].font.italic
    assert {"A1:I1", "A2:I2", "A3:I3"} <= merged(sheet)


def test_a_heading_paragraph_is_a_bold_row_across_the_table(sheet):
    assert sheet["A5"].value == "1. Kết quả cụ thể:" and sheet["A5"].font.bold
    assert "A5:I5" in merged(sheet)


def test_two_level_header_merges_each_group_over_its_columns_and_single_columns_down(sheet):
    assert sheet["A6"].value == "Bảng 1. Kết quả thực hiện nhiệm vụ theo đơn vị"
    assert [sheet.cell(row=7, column=c).value for c in range(1, 10)] == [
        "TT",
        "Cơ quan được giao",
        "Tổng số",
        "Đã hoàn thành",
        None,
        "Chưa hoàn thành",
        None,
        "Tỷ lệ hoàn thành",
        "Ngày báo cáo",
    ]
    assert [sheet.cell(row=8, column=c).value for c in range(4, 8)] == [
        "Đúng hạn",
        "Quá hạn",
        "Trong hạn",
        "Trễ hạn",
    ]
    assert {"A7:A8", "B7:B8", "C7:C8", "D7:E7", "F7:G7", "H7:H8", "I7:I8"} <= merged(sheet)
    assert all(sheet.cell(row=7, column=c).font.bold for c in (1, 2, 3, 4, 6, 8, 9))  # E7, G7 merged away


def test_panes_are_frozen_below_the_header(sheet):
    assert sheet.freeze_panes == "A9"


def test_group_rows_are_merged_across_and_bold(sheet):
    assert sheet["A9"].value == "Sở, ban, ngành" and sheet["A9"].font.bold
    assert sheet["A12"].value == "UBND các huyện, thành phố"
    assert {"A9:I9", "A12:I12"} <= merged(sheet)


def test_data_cells_keep_their_values_and_number_formats(sheet):
    row = [sheet.cell(row=10, column=c) for c in range(1, 10)]
    assert [cell.value for cell in row] == [
        1,
        "Sở Nông nghiệp và Phát triển nông thôn",
        12000,
        11000,
        834,
        100,
        66,
        98.62,
        datetime(2019, 7, 1),
    ]
    assert row[2].number_format == "#,##0"
    assert row[7].number_format == '0.00"%"'  # 98.62 shown as 98.62%
    assert row[8].number_format == "dd/mm/yyyy"
    assert not row[1].font.bold
    assert all(cell.border.left.style == "thin" for cell in row)


def test_a_unit_named_like_a_formula_stays_text(sheet):
    assert sheet["B11"].value == "'" + FORMULA_NAME
    assert sheet["B11"].data_type == "s"


def test_total_row_is_bold_with_its_figures(sheet):
    total = [sheet.cell(row=14, column=c) for c in range(1, 10)]
    assert [cell.value for cell in total[1:8]] == ["Tổng số", 16274, 14700, 1234, 223, 117, 98.62]
    assert all(cell.font.bold for cell in total[1:])


def test_the_note_after_the_table_is_an_italic_row(sheet):
    assert sheet["A16"].value == "(Chi tiết có Phụ lục kèm theo)" and sheet["A16"].font.italic


def test_widths_come_from_the_columns_and_long_text_wraps(sheet):
    assert sheet.column_dimensions["A"].width == 5
    assert sheet.column_dimensions["B"].width == 36
    assert sheet.column_dimensions["H"].width == 11
    assert sheet["B10"].alignment.wrap_text


def test_a_letterhead_gives_its_document_type_and_summary_as_heading_lines():
    sheet = load_workbook(io.BytesIO(writers.render(report(), "xlsx"))).active
    assert sheet["A1"].value == "BÁO CÁO"
    assert sheet["A2"].value.startswith("Kết quả thực hiện nhiệm vụ UBND tỉnh")
    assert sheet["A3"].value == EXTRACTION


def test_a_one_level_header_has_one_row_and_the_panes_freeze_below_it():
    document = Document(
        name="Danh sách",
        extraction=EXTRACTION,
        blocks=[
            Table(columns=[Column("Đơn vị", width=30), Column("Số", "int")], rows=[Row(["Sở Tư pháp", 3])])
        ],
    )
    sheet = load_workbook(io.BytesIO(writers.render(document, "xlsx"))).active
    assert sheet["A1"].value == EXTRACTION
    assert [sheet["A3"].value, sheet["B3"].value] == ["Đơn vị", "Số"]
    assert sheet.freeze_panes == "A4"
    assert [sheet["A4"].value, sheet["B4"].value] == ["Sở Tư pháp", 3]
