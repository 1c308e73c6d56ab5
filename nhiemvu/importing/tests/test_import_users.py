"""`nhiemvu import-users` / `export-users`: the province's people and their roles from a file."""

import io
import re

import openpyxl
import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode

from nhiemvu.accounts.choices import Role
from nhiemvu.accounts.models import RoleAssignment, User
from nhiemvu.importing.tests.test_import_units import write_csv, write_xlsx
from nhiemvu.importing.user_columns import COLUMNS, REQUIRED
from nhiemvu.units.models import Field
from tests.factories import UnitFactory


@pytest.fixture(autouse=True)
def _outbox(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://nhiemvu.kontum.gov.vn"


@pytest.fixture
def setup_units(db):
    province = UnitFactory(code="KT", name="UBND tỉnh Kon Tum", kind="province")
    office = UnitFactory(code="KT-VP", name="Văn phòng UBND tỉnh Kon Tum", parent=province, kind="office")
    home_affairs = UnitFactory(code="KT-SNV", name="Sở Nội vụ", parent=province)
    Field.objects.create(code="KT", name="Kinh tế")
    Field.objects.create(code="XD", name="Xây dựng")
    return {"province": province, "office": office, "home_affairs": home_affairs}


def people() -> list[list]:
    """One row per role: a leader of the province over two fields who is also an office desk,
    a focal officer of a department, and the administrator (no unit)."""
    return [
        [
            "an.nv",
            "Nguyễn Văn An",
            "an@kontum.gov.vn",
            "KT",
            "Lãnh đạo",
            "0905 111 222",
            "Phó Chủ tịch",
            "KT; XD",
        ],
        ["an.nv", "", "", "KT-VP", "office_desk", "", "", "XD"],
        ["hoa.lt", "Lê Thị Hoa", "hoa@kontum.gov.vn", "KT-SNV", "Cán bộ đầu mối", "+84 260 3862 123", "", ""],
        ["quantri", "Trần Quản Trị", "qt@kontum.gov.vn", "", "Quản trị hệ thống", "", "", ""],
    ]


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def rejected(*args) -> str:
    with pytest.raises(CommandError) as error:
        run(*args)
    return str(error.value)


def snapshot() -> tuple:
    return (
        list(User.objects.order_by("username").values_list()),
        list(RoleAssignment.objects.order_by("pk").values_list()),
        list(RoleAssignment.fields.through.objects.order_by("pk").values_list()),
    )


def test_users_with_roles_and_fields_each_new_user_mailed_a_password_link(setup_units, tmp_path):
    out = run("import-users", str(write_xlsx(tmp_path / "nd.xlsx", people(), COLUMNS)))
    assert "Người dùng tạo mới: 3 / Users created: 3" in out
    assert "Thư có liên kết đặt mật khẩu đã gửi: 3" in out
    an = User.objects.get(username="an.nv")
    assert (an.get_full_name(), an.last_name, an.first_name) == ("Nguyễn Văn An", "Nguyễn Văn", "An")
    assert (an.phone, an.title, an.email) == ("0905 111 222", "Phó Chủ tịch", "an@kontum.gov.vn")
    assert not an.has_usable_password()
    leader = an.roles.get(role=Role.LEADER)
    assert leader.unit.code == "KT" and {f.code for f in leader.fields.all()} == {"KT", "XD"}
    assert {f.code for f in an.roles.get(role=Role.OFFICE_DESK, unit__code="KT-VP").fields.all()} == {"XD"}
    assert User.objects.get(username="hoa.lt").roles.get().role == Role.FOCAL_OFFICER
    assert User.objects.get(username="quantri").roles.get(role=Role.ADMIN).unit is None

    assert sorted(message.to[0] for message in mail.outbox) == [
        "an@kontum.gov.vn",
        "hoa@kontum.gov.vn",
        "qt@kontum.gov.vn",
    ]
    body = next(message.body for message in mail.outbox if message.to == ["an@kontum.gov.vn"])
    link = re.search(r"https://nhiemvu\.kontum\.gov\.vn/dat-mat-khau/(\S+)/(\S+)/", body)
    assert link is not None
    assert force_str(urlsafe_base64_decode(link.group(1))) == str(an.pk)
    assert default_token_generator.check_token(an, link.group(2))


def test_the_emailed_link_lets_the_new_user_set_a_password(setup_units, tmp_path, client):
    run("import-users", str(write_csv(tmp_path / "nd.csv", people()[2:3], COLUMNS)))
    link = re.search(r"https?://\S+/dat-mat-khau/\S+/", mail.outbox[0].body).group(0)
    path = link.split("nhiemvu.kontum.gov.vn", 1)[1]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    password = "Hoa sen nở giữa đầm lầy 2026!"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": password, "new_password2": password})
    assert User.objects.get(username="hoa.lt").check_password(password)


def test_print_passwords_gives_each_new_user_a_random_password_once(setup_units, tmp_path):
    out = run("import-users", str(write_csv(tmp_path / "nd.csv", people(), COLUMNS)), "--print-passwords")
    printed = dict(re.findall(r"^  (\S+)\t(\S+)$", out, re.MULTILINE))
    assert set(printed) == {"an.nv", "hoa.lt", "quantri"}
    assert User.objects.get(username="hoa.lt").check_password(printed["hoa.lt"])
    assert len(set(printed.values())) == 3 and mail.outbox == []


def test_reimport_changes_nothing_and_never_touches_a_password(setup_units, tmp_path):
    path = write_csv(tmp_path / "nd.csv", people(), COLUMNS)
    run("import-users", str(path), "--print-passwords")
    hoa = User.objects.get(username="hoa.lt")
    hoa.set_password("Mật khẩu riêng của Hoa 1")
    hoa.save()
    before = snapshot()
    out = run("import-users", str(path), "--print-passwords")
    assert "Không có thay đổi nào" in out and "\t" not in out
    assert snapshot() == before and mail.outbox == []
    assert User.objects.get(username="hoa.lt").check_password("Mật khẩu riêng của Hoa 1")


def test_export_then_import_changes_nothing(setup_units, tmp_path):
    run("import-users", str(write_csv(tmp_path / "nd.csv", people(), COLUMNS)))
    before = snapshot()
    for name in ("out.xlsx", "out.csv"):
        assert "4 dòng" in run("export-users", str(tmp_path / name))
        assert "Không có thay đổi nào" in run("import-users", str(tmp_path / name))
    assert snapshot() == before
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").active
    assert [cell.value for cell in sheet[1]] == list(COLUMNS)
    assert "+84 260" in (tmp_path / "out.csv").read_text(encoding="utf-8-sig")


def test_a_known_user_gets_a_new_role_and_details_but_keeps_the_old_roles(setup_units, tmp_path):
    run("import-users", str(write_csv(tmp_path / "a.csv", people(), COLUMNS)))
    mail.outbox.clear()
    rows = [["hoa.lt", "Lê Thị Hoa", "hoa.moi@kontum.gov.vn", "KT-VP", "specialist"]]
    out = run("import-users", str(write_csv(tmp_path / "b.csv", rows, REQUIRED)))
    assert "Người dùng cập nhật thông tin: 1" in out and "Vai trò giao mới hoặc đổi lĩnh vực: 1" in out
    hoa = User.objects.get(username="hoa.lt")
    assert hoa.email == "hoa.moi@kontum.gov.vn" and hoa.phone == "+84 260 3862 123"
    assert set(hoa.roles.values_list("role", flat=True)) == {Role.FOCAL_OFFICER, Role.SPECIALIST}
    assert mail.outbox == []  # not a new user


ERROR_CASES = [
    (
        "unknown unit",
        ["ba", "Phạm Ba", "ba@x.vn", "HN", "Chuyên viên"],
        "cột “Mã đơn vị”: không có đơn vị mã “HN”",
    ),
    (
        "unknown role",
        ["ba", "Phạm Ba", "ba@x.vn", "KT", "Giám đốc"],
        "cột “Vai trò”: vai trò “Giám đốc” không có",
    ),
    (
        "invalid e-mail",
        ["ba", "Phạm Ba", "ba@", "KT", "Chuyên viên"],
        "cột “Email”: thư điện tử “ba@” không hợp lệ",
    ),
    ("no e-mail", ["ba", "Phạm Ba", "", "KT", "Chuyên viên"], "cột “Email”: người dùng mới cần thư điện tử"),
    (
        "bad username",
        ["ba ba", "Phạm Ba", "ba@x.vn", "KT", "Chuyên viên"],
        "cột “Tên đăng nhập”: tên đăng nhập “ba ba”",
    ),
    ("no username", ["", "Phạm Ba", "ba@x.vn", "KT", "Chuyên viên"], "cột “Tên đăng nhập”: thiếu giá trị"),
    ("no name", ["ba", "", "ba@x.vn", "KT", "Chuyên viên"], "cột “Họ và tên”: thiếu giá trị"),
    (
        "role needs unit",
        ["ba", "Phạm Ba", "ba@x.vn", "", "Chuyên viên"],
        "cột “Mã đơn vị”: vai trò này cần mã đơn vị",
    ),
    (
        "unit without role",
        ["ba", "Phạm Ba", "ba@x.vn", "KT", ""],
        "cột “Vai trò”: thiếu vai trò tại đơn vị “KT”",
    ),
    (
        "unknown field",
        ["ba", "Phạm Ba", "ba@x.vn", "KT", "leader", "", "", "YT"],
        "cột “Lĩnh vực”: không có lĩnh vực mã “YT”",
    ),
    (
        "field of a performer",
        ["ba", "Phạm Ba", "ba@x.vn", "KT", "specialist", "", "", "KT"],
        "cột “Lĩnh vực”: lĩnh vực chỉ dùng với vai trò",
    ),
    (
        "formula",
        ["ba", "=cmd()", "ba@x.vn", "KT", "specialist"],
        "cột “Họ và tên”: “=cmd()” bắt đầu như một công thức",
    ),
]


@pytest.mark.parametrize(("case", "bad_row", "expected"), ERROR_CASES, ids=[case[0] for case in ERROR_CASES])
def test_a_bad_row_is_refused_by_row_and_column_and_nothing_is_written(
    setup_units, tmp_path, case, bad_row, expected
):
    rows = [people()[2], bad_row + [""] * (len(COLUMNS) - len(bad_row))]
    message = rejected("import-users", str(write_csv(tmp_path / "nd.csv", rows, COLUMNS)))
    assert f"Dòng 3, {expected}" in message
    assert "Không nhập tệp: 1 lỗi, chưa nhập dữ liệu nào" in message
    assert not User.objects.exists() and mail.outbox == []


def test_the_same_role_twice_and_conflicting_details_are_refused(setup_units, tmp_path):
    rows = [people()[2], people()[2], ["hoa.lt", "Lê Thị Hoa B", "", "KT-VP", "specialist", "", "", ""]]
    message = rejected("import-users", str(write_csv(tmp_path / "nd.csv", rows, COLUMNS)))
    assert "Dòng 3, cột “Vai trò”: vai trò này đã ghi ở dòng 2" in message
    assert "Dòng 4, cột “Họ và tên”: khác dòng 2 của cùng người dùng (“Lê Thị Hoa”)" in message
    assert not User.objects.exists()


def test_a_mail_server_that_refuses_leaves_nothing_imported(setup_units, tmp_path, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens on the discard port
    message = rejected("import-users", str(write_csv(tmp_path / "nd.csv", people(), COLUMNS)))
    assert "Không gửi được thư đặt mật khẩu" in message and "--print-passwords" in message
    assert not User.objects.exists()


def test_dry_run_writes_and_mails_nothing(setup_units, tmp_path):
    out = run("import-users", str(write_csv(tmp_path / "nd.csv", people(), COLUMNS)), "--dry-run")
    assert "Người dùng tạo mới: 3" in out
    assert not User.objects.exists() and mail.outbox == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "expected"),
    [("missing.csv", "Không đọc được tệp"), ("users.ods", "chỉ nhận tệp .xlsx hoặc .csv")],
)
def test_bad_input_paths_are_a_message(tmp_path, name, expected):
    assert expected in rejected("import-users", str(tmp_path / name))


@pytest.mark.django_db
def test_bad_output_paths_are_a_message(tmp_path):
    assert "Không có thư mục" in rejected("export-users", str(tmp_path / "nowhere" / "nd.xlsx"))
    (tmp_path / "d.xlsx").mkdir()
    assert "là một thư mục" in rejected("export-users", str(tmp_path / "d.xlsx"))
    assert "là một thư mục" in rejected("export-template", "--users", str(tmp_path / "d.xlsx"))


@pytest.mark.django_db
def test_users_template_has_the_header_and_a_guide(tmp_path):
    run("export-template", "--users", str(tmp_path / "mau.xlsx"))
    workbook = openpyxl.load_workbook(tmp_path / "mau.xlsx")
    assert [cell.value for cell in workbook["Người dùng"][1]] == list(COLUMNS)
    assert "Cán bộ đầu mối (focal_officer)" in " ".join(
        str(row[2]) for row in workbook["Hướng dẫn"].iter_rows(values_only=True)
    )
