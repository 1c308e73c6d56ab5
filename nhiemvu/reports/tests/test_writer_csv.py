"""CSV of any Document: the extraction line, each table's title, header and rows, in UTF-8
with a byte-order mark (Excel then shows Vietnamese letters), formulas neutralised."""

import csv
import io

from nhiemvu.reports import writers
from nhiemvu.reports.document import Row
from nhiemvu.reports.tests.sample_documents import EVERY_DIACRITIC, EXTRACTION, FORMULA_NAME, appendix, report


def rows_of(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_starts_with_a_byte_order_mark_so_excel_reads_utf8():
    assert writers.render(appendix(), "csv").startswith(b"\xef\xbb\xbf")


def test_csv_holds_the_extraction_line_then_the_table():
    rows = rows_of(writers.render(appendix(), "csv"))
    assert rows[0] == [EXTRACTION]
    assert rows[1] == []
    assert rows[2][0] == "Bảng 1. Kết quả thực hiện nhiệm vụ theo đơn vị"
    assert rows[3] == [
        "TT",
        "Cơ quan được giao",
        "Tổng số",
        "Đã hoàn thành - Đúng hạn",
        "Đã hoàn thành - Quá hạn",
        "Chưa hoàn thành - Trong hạn",
        "Chưa hoàn thành - Trễ hạn",
        "Tỷ lệ hoàn thành",
        "Ngày báo cáo",
    ]
    assert rows[4] == ["Sở, ban, ngành", "", "", "", "", "", "", "", ""]
    assert rows[5] == [
        "1",
        "Sở Nông nghiệp và Phát triển nông thôn",
        "12000",
        "11000",
        "834",
        "100",
        "66",
        "98.62",
        "01/07/2019",
    ]
    assert rows[7] == ["UBND các huyện, thành phố", "", "", "", "", "", "", "", ""]
    assert rows[8][1:3] == ["UBND huyện Đắk Hà", "223"]
    assert rows[8][-1] == ""  # no date
    assert rows[9] == ["", "Tổng số", "16274", "14700", "1234", "223", "117", "98.62", ""]
    assert len(rows) == 10


def test_csv_neutralises_a_unit_named_like_a_formula_owasp():
    rows = rows_of(writers.render(appendix(), "csv"))
    assert rows[6][1] == "'" + FORMULA_NAME


def test_csv_keeps_every_vietnamese_diacritic():
    document = appendix()
    document.tables()[0].rows.append(Row([4, EVERY_DIACRITIC]))
    rows = rows_of(writers.render(document, "csv"))
    assert rows[-1][1] == EVERY_DIACRITIC


def test_csv_writes_every_table_of_a_document_apart_by_an_empty_row():
    document = report()
    document.blocks.append(appendix().tables()[0])
    rows = rows_of(writers.render(document, "csv"))
    titles = [
        index
        for index, row in enumerate(rows)
        if row[:1] == ["Bảng 1. Kết quả thực hiện nhiệm vụ theo đơn vị"]
    ]
    assert titles == [2, 11]
    assert rows[10] == []
