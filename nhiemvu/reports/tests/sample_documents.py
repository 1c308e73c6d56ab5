"""Documents built by hand for the writer tests: every block kind, a grouped header, group and
total rows, percent and date cells, a unit named like a formula, and Vietnamese text with every
kind of diacritic (the five tones on plain and hatted vowels, đ, capitals)."""

from datetime import date

from nhiemvu.reports.document import Column, Document, Letterhead, Paragraph, Row, Signature, Table

FORMULA_NAME = '=HYPERLINK("http://evil.example","Bấm vào đây")'
EVERY_DIACRITIC = (
    "Kiểm tra dấu: à á ả ã ạ ă ằ ắ ẳ ẵ ặ â ầ ấ ẩ ẫ ậ è é ẻ ẽ ẹ ê ề ế ể ễ ệ ì í ỉ ĩ ị "
    "ò ó ỏ õ ọ ô ồ ố ổ ỗ ộ ơ ờ ớ ở ỡ ợ ù ú ủ ũ ụ ư ừ ứ ử ữ ự ỳ ý ỷ ỹ ỵ đ Đ Ặ Ẫ Ệ Ổ Ợ Ữ Ỹ."
)
EXTRACTION = "Dữ liệu trích xuất lúc 10h00 ngày 03/07/2019"

COLUMNS = [
    Column("TT", "int", width=5),
    Column("Cơ quan được giao", "text", width=36),
    Column("Tổng số", "int", width=9),
    Column("Đúng hạn", "int", width=9, group="Đã hoàn thành"),
    Column("Quá hạn", "int", width=9, group="Đã hoàn thành"),
    Column("Trong hạn", "int", width=9, group="Chưa hoàn thành"),
    Column("Trễ hạn", "int", width=9, group="Chưa hoàn thành"),
    Column("Tỷ lệ hoàn thành", "percent", width=11),
    Column("Ngày báo cáo", "date", width=12),
]

ROWS = [
    Row(["Sở, ban, ngành"], role="group"),
    Row([1, "Sở Nông nghiệp và Phát triển nông thôn", 12_000, 11_000, 834, 100, 66, 98.62, date(2019, 7, 1)]),
    Row([2, FORMULA_NAME, 4_051, 3_500, 400, 100, 51, 95.12, date(2019, 2, 9)]),
    Row(["UBND các huyện, thành phố"], role="group"),
    Row([3, "UBND huyện Đắk Hà", 223, 200, 0, 23, 0, 100.0, None]),
    Row([None, "Tổng số", 16_274, 14_700, 1_234, 223, 117, 98.62, None], role="total"),
]


def results_table() -> Table:
    return Table(columns=COLUMNS, rows=list(ROWS), title="Bảng 1. Kết quả thực hiện nhiệm vụ theo đơn vị")


def paragraphs() -> list[Paragraph]:
    return [
        Paragraph("1. Kết quả cụ thể:", style="heading"),
        Paragraph(
            "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh, Văn phòng Ủy ban nhân dân tỉnh báo cáo kết quả "
            "theo dõi việc thực hiện nhiệm vụ trong tháng 6/2019 như sau. " + EVERY_DIACRITIC
        ),
        Paragraph("- Số nhiệm vụ đã hoàn thành: 16.051/16.274 nhiệm vụ, chiếm tỷ lệ 98,62%.", style="item"),
        Paragraph("+ Trong đó hoàn thành đúng hạn: 14.700 nhiệm vụ.", style="item", level=1),
        Paragraph("(Chi tiết có Phụ lục kèm theo)", style="note"),
    ]


def appendix() -> Document:
    """An appendix: centred heading lines, no letterhead."""
    return Document(
        name="Phụ lục 02: Tổng hợp nhiệm vụ tháng 6/2019 theo đơn vị",
        extraction=EXTRACTION,
        heading=["PHỤ LỤC 02", "TỔNG HỢP TÌNH HÌNH THỰC HIỆN NHIỆM VỤ THEO ĐƠN VỊ"],
        blocks=[*paragraphs()[:1], results_table(), paragraphs()[-1]],
        landscape=True,
    )


LETTERHEAD = Letterhead(
    parent_body="UBND TỈNH KON TUM",
    issuing_body="VĂN PHÒNG",
    number_symbol="Số:       /BC-VP",
    place="Kon Tum",
    day=date(2019, 7, 3),
    document_type="BÁO CÁO",
    summary="Kết quả thực hiện nhiệm vụ UBND tỉnh, Chủ tịch UBND tỉnh giao trong tháng 6/2019",
)
RECIPIENTS = [
    "Thường trực Tỉnh ủy (b/c)",
    "Chủ tịch, các Phó Chủ tịch UBND tỉnh",
    "Các sở, ban, ngành, đơn vị cấp tỉnh",
    "Lưu: VT, TH",
]
SIGNATURE = Signature(authority="KT. CHÁNH VĂN PHÒNG", title="PHÓ CHÁNH VĂN PHÒNG", name="Nguyễn Đức Tuy")


def report() -> Document:
    """A report under the letterhead of Decree 30/2020, with its recipients and signature."""
    return Document(
        name="Báo cáo tháng 6-2019",
        extraction=EXTRACTION,
        blocks=[*paragraphs(), results_table()],
        letterhead=LETTERHEAD,
        recipients=RECIPIENTS,
        signature=SIGNATURE,
    )
