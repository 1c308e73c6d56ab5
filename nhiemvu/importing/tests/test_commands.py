"""`nhiemvu import-tasks` and `nhiemvu export-template`: the CLI contract (users' scripts depend on it)."""

import csv
import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command, get_commands

from nhiemvu.accounts.choices import Role
from nhiemvu.importing.columns import COLUMNS
from nhiemvu.importing.tests.conftest import row, write_csv, write_xlsx
from nhiemvu.tracking.models import Task, TaskEvent
from nhiemvu.units.models import Unit
from tests.factories import person


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_django_finds_the_hyphenated_commands():
    commands = get_commands()
    assert commands["import-tasks"] == commands["export-template"] == "nhiemvu.importing"


@pytest.mark.django_db
def test_import_prints_a_bilingual_summary(units, tmp_path):
    path = write_xlsx(tmp_path / "nv.xlsx", [row(), row(content="Hai", completed_on="11/05/2019")])
    out = run("import-tasks", str(path))
    assert "Nhiệm vụ đã tạo: 2 / Tasks created: 2" in out
    assert "Văn bản đã tạo: 1 / Directives created: 1" in out
    assert "Đơn vị đã tạo: 0 / Units created: 0" in out
    again = run("import-tasks", str(path))
    assert "Nhiệm vụ đã có, bỏ qua: 2 / Tasks skipped, already present: 2" in again


@pytest.mark.django_db
def test_import_options(units, tmp_path):
    path = write_csv(tmp_path / "nv.csv", [row(lead="Phòng Mới", issuer="Văn phòng Chính phủ")])
    out = run("import-tasks", str(path), "--create-units", "--dry-run", "--assigning-unit", "SNV", "-v", "2")
    assert "Chạy thử" in out and "Đơn vị sẽ tạo: 1" in out and "  + Phòng Mới (IMP-PHONG-MOI)" in out
    assert "  + 1196/UBND-TH ngày 10/05/2019" in out
    assert not Task.objects.exists() and not Unit.objects.filter(name="Phòng Mới").exists()
    run("import-tasks", str(path), "--create-units", "--assigning-unit", "SNV")
    assert Task.objects.get().lead_unit.parent == units["noi_vu"]


@pytest.mark.django_db
def test_import_errors_are_a_command_error_listing_each_row(units, tmp_path):
    path = write_csv(tmp_path / "loi.csv", [row(due_on="31/02/2019"), row(lead="Không có")])
    with pytest.raises(CommandError) as error:
        run("import-tasks", str(path))
    lines = str(error.value).splitlines()
    assert lines[0].startswith("Không nhập tệp: 2 lỗi")
    assert (
        lines[1]
        == "Dòng 2, cột “Hạn xử lý”: ngày không hợp lệ “31/02/2019” / Row 2, column “Hạn xử lý”: invalid date “31/02/2019”"
    )
    assert lines[2].startswith("Dòng 3, cột “Đơn vị chủ trì”: không có đơn vị “Không có”")
    assert not Task.objects.exists()


def test_export_template_xlsx(tmp_path):
    path = tmp_path / "mau.xlsx"
    assert "Đã ghi tệp mẫu" in run("export-template", str(path))
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Nhiệm vụ", "Hướng dẫn"]
    sheet = workbook["Nhiệm vụ"]
    header = [cell for cell in sheet[1]]
    assert [cell.value for cell in header] == list(COLUMNS) and sheet.max_row == 1
    assert all(cell.font.bold for cell in header)
    assert sheet.column_dimensions["E"].width > sheet.column_dimensions["B"].width >= 12
    guide = workbook["Hướng dẫn"]
    explained = {
        guide.cell(row=r, column=1).value: guide.cell(row=r, column=3).value
        for r in range(2, 2 + len(COLUMNS))
    }
    assert set(explained) == set(COLUMNS) and all(explained.values())
    assert "dd/mm/yyyy" in explained["Hạn xử lý"] and ";" in explained["Đơn vị phối hợp"]


def test_export_template_csv(tmp_path):
    path = tmp_path / "mau.csv"
    run("export-template", str(path))
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(path, encoding="utf-8-sig", newline="") as file:
        assert list(csv.reader(file)) == [list(COLUMNS)]


@pytest.mark.django_db
@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_the_template_filled_in_imports(units, tmp_path, suffix):
    path = tmp_path / f"mau.{suffix}"
    run("export-template", str(path))
    if suffix == "xlsx":
        workbook = openpyxl.load_workbook(path)
        workbook["Nhiệm vụ"].append(row())
        workbook.save(path)
    else:
        with open(path, "a", encoding="utf-8", newline="") as file:
            csv.writer(file).writerow(row())
    assert "Tasks created: 1" in run("import-tasks", str(path))


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("khong-co-thu-muc/mau.xlsx", "Không có thư mục .* / No such directory"),
        ("mau.xls", "đuôi tệp phải là .xlsx hoặc .csv / Cannot write .* must end in .xlsx or .csv"),
        ("mau", "đuôi tệp phải là .xlsx hoặc .csv"),
    ],
)
def test_export_template_bad_path(tmp_path, name, message):
    with pytest.raises(CommandError, match=message):
        run("export-template", str(tmp_path / name))


def test_export_template_onto_a_directory(tmp_path):
    (tmp_path / "thu-muc.xlsx").mkdir()
    with pytest.raises(CommandError, match="là một thư mục / .* is a directory"):
        run("export-template", str(tmp_path / "thu-muc.xlsx"))


@pytest.mark.django_db
def test_on_an_empty_database_the_command_says_to_import_units_first(tmp_path):
    path = write_xlsx(tmp_path / "tot.xlsx", [row(lead="Sở Mới")])
    with pytest.raises(CommandError, match="nhiemvu import-units") as error:
        run("import-tasks", str(path), "--create-units", "--dry-run")
    assert "/ The system has no unit yet" in str(error.value)


@pytest.mark.django_db
def test_the_command_creates_units_under_the_single_root(province, tmp_path):
    path = write_xlsx(tmp_path / "tot.xlsx", [row(lead="Sở Mới")])
    out = run("import-tasks", str(path), "--create-units")
    assert "Nhiệm vụ đã tạo: 1 / Tasks created: 1" in out and "Sở Mới (IMP-SO-MOI)" in out
    assert Unit.objects.get(code="IMP-SO-MOI").parent == province


@pytest.mark.django_db
def test_as_imports_with_the_users_rights(units, tmp_path):
    desk = person(Role.OFFICE_DESK, units["noi_vu"], username="vanthu.snv")
    path = write_csv(tmp_path / "nv.csv", [row()])
    with pytest.raises(CommandError, match="bạn không có quyền giao nhiệm vụ thay mặt “UBND tỉnh Kon Tum”"):
        run("import-tasks", str(path), "--as", desk.username)
    run("import-tasks", str(path), "--as", desk.username, "--assigning-unit", "SNV")
    assert TaskEvent.objects.get().actor == desk


@pytest.mark.django_db
def test_as_an_unknown_user_is_a_message(units, tmp_path):
    path = write_csv(tmp_path / "nv.csv", [row()])
    with pytest.raises(CommandError, match="Không có người dùng “ai” đang hoạt động / No active user “ai”"):
        run("import-tasks", str(path), "--as", "ai")
