"""The columns of the import file: a fixed contract, since users' scripts and templates depend on it.

The header texts are data, not interface: they are compared, never translated. The
explanations are what the template's "Hướng dẫn" sheet shows.
"""

from django.utils.translation import gettext_lazy as _

from nhiemvu.text import normalise_text

NUMBER_SYMBOL = "Số, ký hiệu"
ISSUED_ON = "Ngày ban hành"
ISSUER = "Cơ quan ban hành"
SUMMARY = "Trích yếu"
CONTENT = "Nội dung nhiệm vụ"
LEAD_UNIT = "Đơn vị chủ trì"
COORDINATING_UNITS = "Đơn vị phối hợp"
ASSIGNED_ON = "Ngày giao"
DUE_ON = "Hạn xử lý"
COMPLETED_ON = "Ngày hoàn thành"
NOTE = "Ghi chú"
LEAD_UNIT_CODE = "Mã đơn vị chủ trì"
COORDINATING_UNIT_CODES = "Mã đơn vị phối hợp"

# The first 11 columns every file has; the unit codes (for installations of several
# provinces, where names repeat) may follow, in this order, or be left out.
BASE_COLUMNS = (
    NUMBER_SYMBOL,
    ISSUED_ON,
    ISSUER,
    SUMMARY,
    CONTENT,
    LEAD_UNIT,
    COORDINATING_UNITS,
    ASSIGNED_ON,
    DUE_ON,
    COMPLETED_ON,
    NOTE,
)
CODE_COLUMNS = (LEAD_UNIT_CODE, COORDINATING_UNIT_CODES)
COLUMNS = BASE_COLUMNS + CODE_COLUMNS
OPTIONAL = frozenset({COORDINATING_UNITS, DUE_ON, COMPLETED_ON, NOTE, *CODE_COLUMNS})
REQUIRED = tuple(column for column in COLUMNS if column not in OPTIONAL)
DATE_COLUMNS = (ISSUED_ON, ASSIGNED_ON, DUE_ON, COMPLETED_ON)
# Several coordinating units in one cell: ";" (the contract); a line break (Alt+Enter) also works.
UNIT_SEPARATORS = (";", "\n")

# Column widths of the template, in Excel character units.
WIDTHS = {
    NUMBER_SYMBOL: 18,
    ISSUED_ON: 14,
    ISSUER: 26,
    SUMMARY: 40,
    CONTENT: 60,
    LEAD_UNIT: 28,
    COORDINATING_UNITS: 34,
    ASSIGNED_ON: 12,
    DUE_ON: 12,
    COMPLETED_ON: 16,
    NOTE: 30,
    LEAD_UNIT_CODE: 18,
    COORDINATING_UNIT_CODES: 24,
}

# The "Hướng dẫn" sheet of the template: how to fill in each column, with an example.
GUIDANCE = {
    NUMBER_SYMBOL: (
        _("Số, ký hiệu của văn bản chỉ đạo theo Nghị định 30/2020/NĐ-CP."),
        "1196/UBND-TH",
    ),
    ISSUED_ON: (_("Ngày ban hành văn bản, dạng dd/mm/yyyy."), "10/05/2018"),
    ISSUER: (
        _(
            "Cơ quan ban hành văn bản. Nếu trùng tên hoặc tên viết tắt của một đơn vị trong hệ thống, đơn vị "
            "đó là đơn vị giao nhiệm vụ (trừ khi dùng tùy chọn --assigning-unit)."
        ),
        "UBND tỉnh Kon Tum",
    ),
    SUMMARY: (_("Trích yếu nội dung văn bản."), "V/v triển khai thực hiện Chỉ thị số 26/CT-TTg"),
    CONTENT: (
        _(
            "Nội dung nhiệm vụ được giao. Một dòng là một nhiệm vụ; các dòng cùng số, ký hiệu và ngày ban hành "
            "thuộc cùng một văn bản."
        ),
        "Rà soát, báo cáo tình hình thực hiện kỷ luật, kỷ cương hành chính",
    ),
    LEAD_UNIT: (
        _(
            "Tên đơn vị chủ trì, đúng tên đơn vị trong hệ thống (không phân biệt chữ hoa, chữ thường). "
            "Chỉ một đơn vị."
        ),
        "Sở Nội vụ",
    ),
    COORDINATING_UNITS: (
        _(
            "Không bắt buộc. Tên các đơn vị phối hợp, cách nhau bằng dấu chấm phẩy (;). Không ghi lại đơn vị "
            "chủ trì."
        ),
        "Sở Tài chính; Sở Tư pháp",
    ),
    ASSIGNED_ON: (
        _("Ngày giao nhiệm vụ, dạng dd/mm/yyyy; không trước ngày ban hành, không sau ngày hôm nay."),
        "11/05/2018",
    ),
    DUE_ON: (_("Không bắt buộc. Hạn xử lý, dạng dd/mm/yyyy; để trống nếu không có hạn."), "31/05/2018"),
    COMPLETED_ON: (
        _(
            "Không bắt buộc. Ngày hoàn thành (ngày của văn bản kết quả), dạng dd/mm/yyyy; để trống nếu "
            "chưa hoàn thành."
        ),
        "28/05/2018",
    ),
    NOTE: (
        _("Không bắt buộc. Ghi chú; với nhiệm vụ đã hoàn thành, ghi văn bản kết quả (số, ký hiệu)."),
        "Đã báo cáo tại Văn bản số 141/BC-SNV",
    ),
    LEAD_UNIT_CODE: (
        _(
            "Không bắt buộc. Mã đơn vị chủ trì trong hệ thống; khi có mã, mã được dùng thay cho tên (cần khi "
            "nhiều đơn vị trùng tên, ví dụ Sở Nội vụ của hai tỉnh)."
        ),
        "SNV",
    ),
    COORDINATING_UNIT_CODES: (
        _(
            "Không bắt buộc. Mã các đơn vị phối hợp, cách nhau bằng dấu chấm phẩy (;); khi có mã, mã được dùng "
            "thay cho tên ở cột “Đơn vị phối hợp”."
        ),
        "STC; STP",
    ),
}


def header_key(value) -> str:
    """How a header cell is compared: spacing, Unicode form and letter case do not matter."""
    return normalise_text("" if value is None else str(value)).casefold()


# What readers.read_rows looks for in row 1 (a prefix: the code columns may follow).
EXPECTED_HEADER = tuple(header_key(column) for column in BASE_COLUMNS)


def column_letter(index: int) -> str:
    """Excel's letter for the 0-based column `index` (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters
