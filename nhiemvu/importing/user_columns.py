"""The columns of the users file (`nhiemvu import-users`, `export-users`, `export-template --users`).

One row per role a user holds: a user with two roles is two rows with the same "Tên đăng
nhập" (the name, e-mail, phone and title need only be written on the first). The first five
columns are required, in this order; the others may follow in any order or be left out.
"""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from nhiemvu.accounts.choices import Role

USERNAME = "Tên đăng nhập"
FULL_NAME = "Họ và tên"
EMAIL = "Email"
UNIT_CODE = "Mã đơn vị"
ROLE = "Vai trò"
PHONE = "Điện thoại"
TITLE = "Chức vụ"
FIELDS = "Lĩnh vực"

REQUIRED = (USERNAME, FULL_NAME, EMAIL, UNIT_CODE, ROLE)
OPTIONAL = (PHONE, TITLE, FIELDS)
COLUMNS = (*REQUIRED, *OPTIONAL)
FIELD_SEPARATOR = ";"
# Roles whose scope "Lĩnh vực" narrows (accounts.models.RoleAssignment).
ROLES_WITH_FIELDS = (Role.LEADER, Role.OFFICE_DESK)

SHEET = "Người dùng"
WIDTHS = {USERNAME: 18, FULL_NAME: 26, EMAIL: 28, UNIT_CODE: 14, ROLE: 30, PHONE: 16, TITLE: 22, FIELDS: 20}


def role_label(role: str) -> str:
    with translation.override("vi"):
        return str(Role(role).label)


def role_list() -> str:
    return "; ".join(f"{role_label(role)} ({role.value})" for role in Role)


GUIDANCE = {
    USERNAME: (
        _("Tên đăng nhập: chữ, số và các dấu @ . + - _; không dấu cách. Người đã có được cập nhật."),
        "an.nv",
    ),
    FULL_NAME: (_("Họ và tên, họ trước tên."), "Nguyễn Văn An"),
    EMAIL: (
        _(
            "Thư điện tử. Người dùng mới nhận thư có liên kết để tự đặt mật khẩu (bắt buộc, trừ khi dùng "
            "tùy chọn --print-passwords)."
        ),
        "an.nv@kontum.gov.vn",
    ),
    UNIT_CODE: (
        _("Mã đơn vị (như trong tệp đơn vị) nơi người dùng giữ vai trò; để trống với Quản trị hệ thống."),
        "KT-SNV",
    ),
    ROLE: (
        _(
            "Vai trò, ghi tên hoặc mã: %(roles)s. Người giữ nhiều vai trò: mỗi vai trò một dòng, cùng tên "
            "đăng nhập."
        ),
        "Cán bộ đầu mối",
    ),
    PHONE: (_("Không bắt buộc. Điện thoại."), "0905 123 456"),
    TITLE: (_("Không bắt buộc. Chức vụ."), "Chuyên viên"),
    FIELDS: (
        _(
            "Không bắt buộc; chỉ với Lãnh đạo và Chuyên viên văn phòng theo dõi. Mã các lĩnh vực phụ trách, "
            "cách nhau bằng dấu chấm phẩy (;); để trống: mọi lĩnh vực."
        ),
        "KT; XD",
    ),
}

NOTES = (
    _(
        "Dòng 1 của trang “Người dùng” là dòng tiêu đề: năm cột đầu giữ nguyên thứ tự; các cột khác có thể bỏ."
    ),
    _("Mỗi dòng là một vai trò của một người dùng. Vai trò đã có được giữ; nhập không xóa vai trò nào."),
    _("Mật khẩu của người dùng đã có không bao giờ bị thay đổi."),
    _("Khi có lỗi, không dòng nào được nhập; thông báo lỗi nêu số dòng và tên cột."),
    _("Với tệp CSV: lưu dạng “CSV UTF-8”, dòng đầu là dòng tiêu đề như trên."),
)
