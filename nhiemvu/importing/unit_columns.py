"""The columns of the units file (`nhiemvu import-units`, `export-units`, `export-template --units`).

The header texts are data, compared and never translated. The first four columns are
required, in this order; the others may follow in any order or be left out.
"""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from nhiemvu.importing.columns import header_key
from nhiemvu.units.choices import UnitKind

CODE = "Mã đơn vị"
NAME = "Tên đơn vị"
SHORT_NAME = "Tên viết tắt"
KIND = "Loại đơn vị"
PARENT_CODE = "Mã đơn vị cấp trên"
SCORED = "Chấm điểm CCHC"
SORT_ORDER = "Thứ tự"
OFFICER_NAME = "Cán bộ đầu mối"
OFFICER_TITLE = "Chức vụ"
OFFICER_PHONE = "Điện thoại"
OFFICER_EMAIL = "Email"

REQUIRED = (CODE, NAME, SHORT_NAME, KIND)
OPTIONAL = (PARENT_CODE, SCORED, SORT_ORDER, OFFICER_NAME, OFFICER_TITLE, OFFICER_PHONE, OFFICER_EMAIL)
COLUMNS = (*REQUIRED, *OPTIONAL)
OFFICER_COLUMNS = (OFFICER_NAME, OFFICER_TITLE, OFFICER_PHONE, OFFICER_EMAIL)

# "Chấm điểm CCHC": what the cell may say (header_key of it), and what export writes.
YES, NO = "Có", "Không"
YES_WORDS = frozenset({"có", "x", "1", "true", "yes"})
NO_WORDS = frozenset({"không", "0", "false", "no"})

SHEET = "Đơn vị"
WIDTHS = {
    CODE: 14,
    NAME: 40,
    SHORT_NAME: 16,
    KIND: 26,
    PARENT_CODE: 16,
    SCORED: 12,
    SORT_ORDER: 8,
    OFFICER_NAME: 24,
    OFFICER_TITLE: 20,
    OFFICER_PHONE: 16,
    OFFICER_EMAIL: 28,
}

GUIDANCE = {
    CODE: (_("Mã đơn vị, duy nhất trong cả hệ thống; các tệp nhiệm vụ và người dùng dùng mã này."), "KT-SNV"),
    NAME: (
        _(
            "Tên đơn vị. Đổi tên một đơn vị đã có là đổi tên từ ngày hiệu lực (tùy chọn --effective); "
            "báo cáo kỳ trước vẫn hiện tên cũ."
        ),
        "Sở Nội vụ",
    ),
    SHORT_NAME: (_("Tên viết tắt; có thể để trống."), "SNV"),
    KIND: (
        _("Loại đơn vị: ghi đúng một trong các loại sau, hoặc mã của loại: %(kinds)s."),
        "Sở, ban, ngành",
    ),
    PARENT_CODE: (
        _(
            "Không bắt buộc. Mã đơn vị cấp trên, đã có trong hệ thống hoặc ở một dòng khác của tệp (trước "
            "hay sau đều được). Để trống: đơn vị cấp cao nhất (ví dụ UBND tỉnh)."
        ),
        "KT-UBND",
    ),
    SCORED: (
        _("Không bắt buộc. “Có” nếu đơn vị được chấm điểm cải cách hành chính, “Không” nếu không."),
        YES,
    ),
    SORT_ORDER: (_("Không bắt buộc. Số thứ tự của đơn vị trong báo cáo (số nguyên từ 0)."), "10"),
    OFFICER_NAME: (
        _(
            "Không bắt buộc. Họ và tên cán bộ đầu mối của đơn vị (Quy chế theo dõi, đôn đốc, kiểm tra, điều 4)."
        ),
        "Nguyễn Văn An",
    ),
    OFFICER_TITLE: (_("Không bắt buộc. Chức vụ của cán bộ đầu mối."), "Chánh Văn phòng"),
    OFFICER_PHONE: (_("Không bắt buộc. Điện thoại của cán bộ đầu mối."), "0260 3862 123"),
    OFFICER_EMAIL: (_("Không bắt buộc. Thư điện tử của cán bộ đầu mối."), "an.nv@kontum.gov.vn"),
}

NOTES = (
    _("Dòng 1 của trang “Đơn vị” là dòng tiêu đề: bốn cột đầu giữ nguyên thứ tự; các cột khác có thể bỏ."),
    _("Mỗi dòng từ dòng 2 là một đơn vị. Đơn vị đã có (cùng mã) được cập nhật; mã mới thì tạo đơn vị mới."),
    _("Ô để trống ở một cột không bắt buộc giữ nguyên giá trị đang có; bỏ hẳn cột cũng vậy."),
    _("Khi có lỗi, không dòng nào được nhập; thông báo lỗi nêu số dòng và tên cột."),
    _("Với tệp CSV: lưu dạng “CSV UTF-8”, dòng đầu là dòng tiêu đề như trên."),
)


def kind_label(kind: str) -> str:
    with translation.override("vi"):
        return str(UnitKind(kind).label)


def kinds_by_key() -> dict[str, str]:
    """A "Loại đơn vị" cell → the kind: its Vietnamese label or its code, case and spacing aside."""
    kinds = {header_key(kind.value): kind.value for kind in UnitKind}
    kinds.update({header_key(kind_label(kind)): kind.value for kind in UnitKind})
    return kinds
