"""`nhiemvu import-units` / `export-units`: a province sets up its unit tree by commands alone.

The province is Kon Tum with the 30 units of seed 000 appendix 02 (the 2018 report of its
inspection team), each with a focal officer (seed 004 art. 4).
"""

import csv
import io
from datetime import date

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from nhiemvu.importing.unit_columns import COLUMNS, REQUIRED
from nhiemvu.units.models import FocalOfficer, Unit, UnitName
from tests.test_appendix_02 import APPENDIX_02

ROOT = ["KT", "UBND tỉnh Kon Tum", "UBND tỉnh", "Tỉnh, thành phố", "", "Không", 0, "", "", "", ""]
# Seed 000 appendix 02: the 30 units, as printed, in its order.
APPENDIX_02_UNITS = [name for name, *_counts in APPENDIX_02]


def province_rows() -> list[list]:
    """The root and its 30 units, each with a focal officer; districts by their kind's code."""
    rows = [ROOT]
    for index, name in enumerate(APPENDIX_02_UNITS, start=1):
        kind = "district" if name.startswith("UBND") else "Sở, ban, ngành"
        officer = [f"Cán bộ Số {index}", "Chuyên viên", f"0260 3{index:06d}", f"cb{index}@kontum.gov.vn"]
        rows.append([f"KT-{index:02d}", name, "", kind, "KT", "Có", index, *officer])
    return rows


def write_xlsx(path, rows, header=COLUMNS):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for values in rows:
        sheet.append(list(values))
    workbook.save(path)
    return path


def write_csv(path, rows, header=COLUMNS):
    with open(path, "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def rejected(*args) -> str:
    with pytest.raises(CommandError) as error:
        run(*args)
    return str(error.value)


def snapshot() -> tuple:
    """Everything import-units may write, to show that a refused file changed nothing."""
    return (
        list(Unit.objects.order_by("code").values_list()),
        list(UnitName.objects.order_by("pk").values_list()),
        list(FocalOfficer.objects.order_by("pk").values_list()),
    )


@pytest.mark.django_db
def test_empty_database_province_of_30_units_with_focal_officers_seed000_appendix02(tmp_path):
    out = run("import-units", str(write_xlsx(tmp_path / "dv.xlsx", province_rows())))
    assert "Đơn vị tạo mới: 31 / Units created: 31" in out
    root = Unit.objects.get(code="KT")
    assert root.parent is None and root.kind == "province" and root.short_name == "UBND tỉnh"
    units = Unit.objects.exclude(pk=root.pk)
    assert sorted(unit.name for unit in units) == sorted(APPENDIX_02_UNITS)
    assert all(unit.parent_id == root.pk and unit.path.startswith(root.path) for unit in units)
    assert Unit.objects.get(name="UBND huyện Đắk Hà").kind == "district"
    assert Unit.objects.get(name="Sở Nội vụ").kind == "department"
    assert all(unit.scored_for_reform for unit in units)
    officer = FocalOfficer.objects.get(unit__code="KT-10")
    assert (officer.full_name, officer.title, officer.phone, officer.email) == (
        "Cán bộ Số 10",
        "Chuyên viên",
        "0260 3000010",
        "cb10@kontum.gov.vn",
    )
    assert FocalOfficer.objects.count() == 30


@pytest.mark.django_db
def test_second_import_of_the_same_file_changes_nothing_and_says_so(tmp_path):
    path = write_csv(tmp_path / "dv.csv", province_rows())
    run("import-units", str(path))
    before = snapshot()
    out = run("import-units", str(path))
    assert "Không có thay đổi nào" in out and "No changes" in out
    assert snapshot() == before


@pytest.mark.django_db
def test_dry_run_reports_and_writes_nothing(tmp_path):
    out = run("import-units", str(write_xlsx(tmp_path / "dv.xlsx", province_rows())), "--dry-run")
    assert "Đơn vị tạo mới: 31" in out
    assert not Unit.objects.exists()


@pytest.mark.django_db
def test_parent_after_child_in_the_file_is_created_first(tmp_path):
    rows = [
        ["KT-PH", "Phòng Tổng hợp", "", "desk", "KT-VP"],
        ["KT-VP", "Văn phòng UBND tỉnh Kon Tum", "VP", "office", "KT"],
        ["KT", "UBND tỉnh Kon Tum", "", "province", ""],
    ]
    run("import-units", str(write_csv(tmp_path / "dv.csv", rows, header=COLUMNS[:5])))
    desk = Unit.objects.get(code="KT-PH")
    assert desk.parent.code == "KT-VP" and desk.parent.parent.code == "KT"
    assert desk.path == f"{desk.parent.parent.pk:010d}/{desk.parent.pk:010d}/{desk.pk:010d}/"


@pytest.mark.django_db
def test_only_the_four_required_columns_optional_ones_in_any_order(tmp_path):
    run(
        "import-units",
        str(write_csv(tmp_path / "a.csv", [["KT", "UBND tỉnh Kon Tum", "", "province"]], REQUIRED)),
    )
    header = (*REQUIRED, "Cán bộ đầu mối", "Mã đơn vị cấp trên")
    run(
        "import-units",
        str(
            write_csv(
                tmp_path / "b.csv", [["KT-01", "Sở Y tế", "SYT", "department", "Lê Thị Hoa", "KT"]], header
            )
        ),
    )
    unit = Unit.objects.get(code="KT-01")
    assert unit.parent.code == "KT" and unit.focal_officers.get().full_name == "Lê Thị Hoa"


@pytest.mark.django_db
def test_a_changed_name_is_a_dated_rename_old_name_kept_for_earlier_reports(tmp_path):
    rows = province_rows()
    run("import-units", str(write_xlsx(tmp_path / "dv.xlsx", rows)), "--effective", "01/01/2019")
    rows[10][1] = "Sở Nội vụ tỉnh Kon Tum"  # KT-10, "Sở Nội vụ"
    out = run("import-units", str(write_xlsx(tmp_path / "dv2.xlsx", rows)), "--effective", "01/03/2025")
    assert "Đơn vị đổi tên: 1" in out
    unit = Unit.objects.get(code="KT-10")
    assert unit.name == "Sở Nội vụ tỉnh Kon Tum"
    assert dict(Unit.objects.labels_in_tree_order({unit.pk}, date(2018, 12, 27)))[unit.pk] == "Sở Nội vụ"
    assert (
        dict(Unit.objects.labels_in_tree_order({unit.pk}, date(2025, 3, 1)))[unit.pk]
        == "Sở Nội vụ tỉnh Kon Tum"
    )
    assert UnitName.objects.get(unit=unit).until == date(2025, 2, 28)


@pytest.mark.django_db
def test_blank_optional_cells_keep_what_the_unit_has(tmp_path):
    run("import-units", str(write_xlsx(tmp_path / "dv.xlsx", province_rows())))
    run(
        "import-units",
        str(
            write_csv(
                tmp_path / "b.csv",
                [["KT-01", "Ban Dân tộc", "BDT", "Sở, ban, ngành", "KT", "", "", "", "", "", ""]],
            )
        ),
    )
    unit = Unit.objects.get(code="KT-01")
    assert (unit.short_name, unit.scored_for_reform, unit.sort_order) == ("BDT", True, 1)
    assert unit.focal_officers.count() == 1


@pytest.mark.django_db
def test_export_then_import_changes_nothing(tmp_path):
    run("import-units", str(write_xlsx(tmp_path / "dv.xlsx", province_rows())))
    before = snapshot()
    for name in ("out.xlsx", "out.csv"):
        out = run("export-units", str(tmp_path / name))
        assert "31" in out
        assert "Không có thay đổi nào" in run("import-units", str(tmp_path / name))
    assert snapshot() == before
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").active
    assert [cell.value for cell in sheet[1]] == list(COLUMNS)
    assert sheet["A2"].value == "KT"  # the root first, children after


@pytest.mark.django_db
def test_export_neutralises_text_that_a_spreadsheet_would_run(tmp_path):
    Unit.objects.create(code="X", name='=HYPERLINK("http://x")', kind="other")
    run("export-units", str(tmp_path / "out.csv"))
    text = (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text


ERROR_CASES = [
    ("missing code", ["", "Sở Y tế", "", "department", "KT"], "Dòng 3, cột “Mã đơn vị”: thiếu giá trị"),
    ("missing name", ["KT-01", "", "", "department", "KT"], "Dòng 3, cột “Tên đơn vị”: thiếu giá trị"),
    ("unknown kind", ["KT-01", "Sở Y tế", "", "Sở", "KT"], "Dòng 3, cột “Loại đơn vị”: loại “Sở” không có"),
    (
        "unknown parent",
        ["KT-01", "Sở Y tế", "", "department", "HN"],
        "Dòng 3, cột “Mã đơn vị cấp trên”: không có đơn vị mã “HN”",
    ),
    ("own parent", ["KT-01", "Sở Y tế", "", "department", "KT-01"], "không thể là cấp trên của chính nó"),
    (
        "formula",
        ["KT-01", "=1+1", "", "department", "KT"],
        "Dòng 3, cột “Tên đơn vị”: “=1+1” bắt đầu như một công thức",
    ),
    (
        "duplicate code",
        ["KT", "Sở Y tế", "", "department", ""],
        "Dòng 3, cột “Mã đơn vị”: mã “KT” đã có ở dòng 2",
    ),
    ("too long", ["K" * 51, "Sở Y tế", "", "department", "KT"], "dài quá 50 ký tự"),
    (
        "bad order",
        ["KT-01", "Sở Y tế", "", "department", "KT", "Có", "mười"],
        "cột “Thứ tự”: “mười” không phải số nguyên",
    ),
    (
        "bad yes/no",
        ["KT-01", "Sở Y tế", "", "department", "KT", "Chưa"],
        "cột “Chấm điểm CCHC”: “Chưa”: ghi “Có” hoặc “Không”",
    ),
    (
        "bad email",
        ["KT-01", "Sở Y tế", "", "department", "KT", "", "", "An", "", "", "an@"],
        "cột “Email”: thư điện tử “an@” không hợp lệ",
    ),
    (
        "officer without name",
        ["KT-01", "Sở Y tế", "", "department", "KT", "", "", "", "Chánh VP"],
        "cột “Cán bộ đầu mối”: thiếu họ và tên",
    ),
    (
        "extra cell",
        ["KT-01", "Sở Y tế", "", "department", "KT", "", "", "", "", "", "", "thừa"],
        "ngoài các cột của tệp mẫu",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("case", "bad_row", "expected"), ERROR_CASES, ids=[case[0] for case in ERROR_CASES])
def test_a_bad_row_is_refused_by_row_and_column_and_nothing_is_written(tmp_path, case, bad_row, expected):
    path = write_csv(tmp_path / "dv.csv", [ROOT, bad_row])
    message = rejected("import-units", str(path))
    assert expected in message
    assert "Không nhập tệp: 1 lỗi, chưa nhập dữ liệu nào" in message
    assert not Unit.objects.exists()


@pytest.mark.django_db
def test_a_loop_of_parents_is_refused_at_each_row_of_the_loop(tmp_path):
    rows = [ROOT, ["A", "Đơn vị A", "", "other", "B"], ["B", "Đơn vị B", "", "other", "A"]]
    message = rejected("import-units", str(write_csv(tmp_path / "dv.csv", rows)))
    assert "Dòng 3, cột “Mã đơn vị cấp trên”: vòng lặp đơn vị cấp trên" in message
    assert "Dòng 4, cột “Mã đơn vị cấp trên”: vòng lặp đơn vị cấp trên" in message
    assert not Unit.objects.exists()


@pytest.mark.django_db
def test_moving_a_unit_under_its_own_child_is_a_loop(tmp_path):
    run("import-units", str(write_xlsx(tmp_path / "dv.xlsx", province_rows())))
    before = snapshot()
    rows = [["KT", "UBND tỉnh Kon Tum", "UBND tỉnh", "province", "KT-01"]]
    assert "vòng lặp đơn vị cấp trên: KT → KT-01 → KT" in rejected(
        "import-units", str(write_csv(tmp_path / "b.csv", rows, COLUMNS[:5]))
    )
    assert snapshot() == before


@pytest.mark.django_db
def test_a_wrong_header_is_refused_with_the_template_hint(tmp_path):
    header = ("Mã", "Tên đơn vị", "Tên viết tắt", "Loại đơn vị", "Ghi chú", "Thứ tự", "Thứ tự")
    message = rejected("import-units", str(write_csv(tmp_path / "dv.csv", [], header)))
    assert "Dòng 1: ô A1 là “Mã”, cần “Mã đơn vị”" in message
    assert "ô E1 “Ghi chú” không thuộc tệp mẫu" in message
    assert "ô G1: cột “Thứ tự” ghi hai lần" in message
    assert "nhiemvu export-template" in message


@pytest.mark.django_db
def test_a_rename_before_the_previous_rename_is_refused(tmp_path):
    run("import-units", str(write_csv(tmp_path / "a.csv", [ROOT])))
    rows = [["KT", "Tỉnh Kon Tum", "", "province"]]
    run("import-units", str(write_csv(tmp_path / "b.csv", rows, REQUIRED)), "--effective", "01/07/2025")
    rows = [["KT", "UBND tỉnh Kon Tum mới", "", "province"]]
    message = rejected(
        "import-units", str(write_csv(tmp_path / "c.csv", rows, REQUIRED)), "--effective", "01/01/2025"
    )
    assert "Dòng 2, cột “Tên đơn vị”: đổi tên từ ngày 01/01/2025 không được" in message
    assert Unit.objects.get().name == "Tỉnh Kon Tum"


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["31/02/2025", "mai", "01/01/0018"])
def test_a_bad_effective_date_is_a_message(tmp_path, value):
    path = write_csv(tmp_path / "a.csv", [ROOT])
    assert "không hợp lệ" in rejected("import-units", str(path), "--effective", value)
    assert not Unit.objects.exists()


@pytest.mark.django_db
def test_a_future_effective_date_is_refused(tmp_path):
    message = rejected(
        "import-units", str(write_csv(tmp_path / "a.csv", [ROOT])), "--effective", "01/01/2999"
    )
    assert "ngày hiệu lực 01/01/2999 chưa đến" in message.lower()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("missing.xlsx", "Không đọc được tệp"),
        ("dir.csv", "Không đọc được tệp"),
        ("units.txt", "chỉ nhận tệp .xlsx hoặc .csv"),
    ],
)
def test_bad_input_paths_are_a_message(tmp_path, name, expected):
    (tmp_path / "dir.csv").mkdir()
    assert expected in rejected("import-units", str(tmp_path / name))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("folder", "là một thư mục"),
        ("nowhere/out.xlsx", "Không có thư mục"),
        ("out.txt", "đuôi tệp phải là .xlsx hoặc .csv"),
    ],
)
def test_bad_output_paths_are_a_message(tmp_path, name, expected):
    (tmp_path / "folder.xlsx").mkdir()
    target = tmp_path / ("folder.xlsx" if name == "folder" else name)
    assert expected in rejected("export-units", str(target))
    assert expected in rejected("export-template", "--units", str(target))


@pytest.mark.django_db
def test_units_template_has_the_header_and_a_guide(tmp_path):
    run("export-template", "--units", str(tmp_path / "mau.xlsx"))
    workbook = openpyxl.load_workbook(tmp_path / "mau.xlsx")
    assert [cell.value for cell in workbook["Đơn vị"][1]] == list(COLUMNS)
    guide = [row[0] for row in workbook["Hướng dẫn"].iter_rows(values_only=True)]
    assert set(COLUMNS) <= set(guide)
    run("export-template", "--units", str(tmp_path / "mau.csv"))
    assert (tmp_path / "mau.csv").read_text(encoding="utf-8-sig").splitlines() == [",".join(COLUMNS)]
    # The empty template imports as a file with no rows: nothing to change.
    assert "Không có thay đổi nào" in run("import-units", str(tmp_path / "mau.xlsx"))


@pytest.mark.django_db
def test_a_second_province_with_the_same_unit_names_gets_its_own_units(tmp_path):
    run("import-units", str(write_xlsx(tmp_path / "kt.xlsx", province_rows())))
    rows = [
        ["QN", "UBND tỉnh Quảng Ngãi", "", "province", ""],
        ["QN-SNV", "Sở Nội vụ", "", "department", "QN"],
    ]
    out = run("import-units", str(write_csv(tmp_path / "qn.csv", rows, COLUMNS[:5])))
    assert "Đơn vị tạo mới: 2" in out
    quang_ngai, kon_tum = (Unit.objects.get(code=code) for code in ("QN", "KT"))
    assert Unit.objects.filter(name="Sở Nội vụ").count() == 2
    assert Unit.objects.get(code="QN-SNV").is_within(quang_ngai)
    assert Unit.objects.get(code="KT-10").is_within(kon_tum)
