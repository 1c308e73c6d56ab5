"""`nhiemvu reorganise`: a whole reorganisation from a mapping file, all or nothing
(domain.md "Units change: the 2025 reorganisation"; Resolution 202/2025/QH15: districts
ended on 1 July 2025, communes merged, some wards split)."""

import io
from datetime import date

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from nhiemvu.tracking.choices import Lifecycle
from nhiemvu.tracking.models import Task, TaskEvent
from nhiemvu.units.choices import UnitKind
from nhiemvu.units.models import Unit, UnitName, UnitSuccession
from tests.factories import UnitFactory, make_task

pytestmark = pytest.mark.django_db

HEADER = "Mã đơn vị cũ,Mã đơn vị mới,Ghi chú,Mặc định,Tên đơn vị mới"
MAPPING = f"""{HEADER}
H.DAKHA,X.DAKHA,Huyện Đắk Hà hết hoạt động,,
H.SATHAY,X.DAKHA,Huyện Sa Thầy hết hoạt động,,
P.QT,P.KT,Phường Quyết Thắng chia tách,,
P.QT,P.DC,Phường Quyết Thắng chia tách,x,
SNN,SNN,Đổi tên,,Sở Nông nghiệp và Môi trường
"""
EFFECTIVE = "01/07/2025"


@pytest.fixture
def tree(province):
    def unit(code, name, kind=UnitKind.COMMUNE, **extra):
        return UnitFactory(code=code, name=name, kind=kind, parent=province, **extra)

    units = {
        "H.DAKHA": unit("H.DAKHA", "UBND huyện Đắk Hà", UnitKind.DISTRICT),
        "H.SATHAY": unit("H.SATHAY", "UBND huyện Sa Thầy", UnitKind.DISTRICT),
        "X.DAKHA": unit("X.DAKHA", "UBND xã Đắk Hà", active_from=date(2025, 7, 1)),
        "P.QT": unit("P.QT", "UBND phường Quyết Thắng"),
        "P.KT": unit("P.KT", "UBND phường Kon Tum"),
        "P.DC": unit("P.DC", "UBND phường Đăk Cấm"),
        "SNN": unit("SNN", "Sở Nông nghiệp và Phát triển nông thôn", UnitKind.DEPARTMENT),
    }
    tasks = {
        code: make_task(lead_unit=units[code], assigning_unit=province, assigned_on=date(2025, 3, 3))
        for code in ("H.DAKHA", "H.SATHAY", "P.QT")
    }
    return units, tasks


def write(tmp_path, text, name="sap-xep.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(path, *extra):
    out = io.StringIO()
    call_command("reorganise", path, "--effective", EFFECTIVE, *extra, stdout=out)
    return out.getvalue()


def snapshot():
    return (
        list(Unit.objects.order_by("pk").values()),
        list(UnitName.objects.values()),
        list(UnitSuccession.objects.values()),
        list(Task.objects.order_by("pk").values("pk", "lead_unit_id", "lifecycle")),
        TaskEvent.objects.count(),
    )


def test_a_2025_mapping_merges_splits_and_renames_in_one_go(tmp_path, tree):
    units, tasks = tree
    out = run(write(tmp_path, MAPPING))
    for unit in units.values():
        unit.refresh_from_db()
    for task in tasks.values():
        task.refresh_from_db()
    assert units["H.DAKHA"].active_until == units["H.SATHAY"].active_until == date(2025, 6, 30)
    assert tasks["H.DAKHA"].lead_unit == tasks["H.SATHAY"].lead_unit == units["X.DAKHA"]
    assert tasks["P.QT"].lead_unit == units["P.DC"], "the row marked in “Mặc định”"
    assert {(s.successor.code, s.is_default) for s in units["P.QT"].successions.all()} == {
        ("P.KT", False),
        ("P.DC", True),
    }
    assert units["SNN"].name == "Sở Nông nghiệp và Môi trường"
    assert list(units["SNN"].former_names.values_list("name", "until")) == [
        ("Sở Nông nghiệp và Phát triển nông thôn", date(2025, 6, 30))
    ]
    assert "Đơn vị sáp nhập: 2" in out and "Đơn vị chia tách: 1" in out and "Đơn vị đổi tên: 1" in out
    assert "Nhiệm vụ chuyển sang đơn vị kế thừa: 3" in out
    assert "Units merged: 2" in out, "then in English"


def test_running_the_same_file_twice_changes_nothing_the_second_time(tmp_path, tree):
    path = write(tmp_path, MAPPING)
    run(path)
    after_first = snapshot()
    out = run(path)
    assert snapshot() == after_first
    assert "không có thay đổi nào (4 thay đổi đã có)" in out


def test_a_dry_run_reports_and_writes_nothing(tmp_path, tree):
    before = snapshot()
    out = run(write(tmp_path, MAPPING), "--dry-run")
    assert snapshot() == before
    assert "Chạy thử" in out and "Đơn vị sáp nhập: 2" in out


def test_a_split_without_a_default_lists_its_tasks_for_the_office(tmp_path, tree):
    units, tasks = tree
    out = run(write(tmp_path, f"{HEADER}\nP.QT,P.KT,,,\nP.QT,P.DC,,,\n"))
    tasks["P.QT"].refresh_from_db()
    assert tasks["P.QT"].lead_unit == units["P.QT"] and tasks["P.QT"].lifecycle == Lifecycle.NOT_STARTED
    assert "Nhiệm vụ chờ Văn phòng giao lại cho đơn vị kế thừa: 1" in out


def test_the_mapping_may_be_an_excel_file_with_the_three_required_columns(tmp_path, tree):
    units, tasks = tree
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in (("Mã đơn vị cũ", "Mã đơn vị mới", "Ghi chú"), ("H.DAKHA", "X.DAKHA", None)):
        sheet.append(row)
    path = tmp_path / "sap-xep.xlsx"
    workbook.save(path)
    run(str(path))
    tasks["H.DAKHA"].refresh_from_db()
    assert tasks["H.DAKHA"].lead_unit == units["X.DAKHA"]


def test_a_unit_renamed_by_the_file_may_receive_another_2025_agriculture_and_environment(tmp_path, tree):
    units, _tasks = tree
    environment = UnitFactory(code="STNMT", name="Sở Tài nguyên và Môi trường", parent=units["SNN"].parent)
    rows = "STNMT,SNN,Hợp nhất,,\nSNN,SNN,Đổi tên,,Sở Nông nghiệp và Môi trường"
    run(write(tmp_path, f"{HEADER}\n{rows}\n"))
    environment.refresh_from_db()
    units["SNN"].refresh_from_db()
    assert environment.active_until == date(2025, 6, 30)
    assert environment.default_successor() == units["SNN"]
    assert units["SNN"].name == "Sở Nông nghiệp và Môi trường"


BAD_ROWS = {
    "a new name on a merge": (
        "H.DAKHA,X.DAKHA,,,Tên khác",
        "Dòng 2, cột “Tên đơn vị mới”: chỉ ghi tên mới khi đổi tên",
    ),
    "unknown old code": (
        "H.KHONGCO,X.DAKHA,,,",
        "Dòng 2, cột “Mã đơn vị cũ”: không có đơn vị mã “H.KHONGCO”",
    ),
    "unknown new code": ("H.DAKHA,X.MOI,,,", "Dòng 2, cột “Mã đơn vị mới”: không có đơn vị mã “X.MOI”"),
    "empty new code": ("H.DAKHA,,,,", "Dòng 2, cột “Mã đơn vị mới”: không được để trống"),
    "rename without a name": ("SNN,SNN,,,", "Dòng 2, cột “Tên đơn vị mới”: phải có tên mới"),
    "two defaults": ("P.QT,P.KT,,x,\nP.QT,P.DC,,x,", "Dòng 3, cột “Mặc định”: mỗi đơn vị cũ chỉ có một"),
    "a chain in one file": (
        "H.DAKHA,P.QT,,,\nP.QT,P.KT,,,",
        "Dòng 2, cột “Mã đơn vị mới”: đơn vị mới cũng là",
    ),
    "into its own sub-unit": (None, "Dòng 2, cột “Mã đơn vị cũ”: Đơn vị kế thừa không được là chính đơn vị"),
}


@pytest.mark.parametrize("case", list(BAD_ROWS))
def test_a_bad_row_is_reported_by_row_and_column_and_nothing_is_written(case, tmp_path, tree):
    units, _tasks = tree
    rows, expected = BAD_ROWS[case]
    if rows is None:
        UnitFactory(code="SNN.VP", name="Văn phòng Sở", parent=units["SNN"], kind=UnitKind.SUB_UNIT)
        rows = "SNN,SNN.VP,,,"
    # A good merge first: it must be undone too.
    path = write(tmp_path, f"{HEADER}\nH.SATHAY,X.DAKHA,,,\n{rows}\n".replace("Dòng 2", "Dòng 3"))
    expected = expected.replace("Dòng 3", "Dòng 4").replace("Dòng 2", "Dòng 3")
    before = snapshot()
    with pytest.raises(CommandError) as error:
        run(path)
    assert expected in str(error.value)
    assert "Không nhập tệp" in str(error.value) and "Row " in str(error.value), "Vietnamese then English"
    assert snapshot() == before


def test_a_unit_already_ended_otherwise_is_an_error(tmp_path, tree):
    run(write(tmp_path, f"{HEADER}\nH.DAKHA,X.DAKHA,,,\n"))
    before = snapshot()
    with pytest.raises(CommandError) as error:
        run(write(tmp_path, f"{HEADER}\nH.DAKHA,P.KT,,,\n", name="khac.csv"))
    assert (
        "Dòng 2, cột “Mã đơn vị cũ”: đơn vị “UBND huyện Đắk Hà” đã ngừng hoạt động từ ngày 01/07/2025"
        in str(error.value)
    )
    assert snapshot() == before


@pytest.mark.parametrize(
    "args, expected",
    [
        (["--effective", "31/02/2025"], "Ngày có hiệu lực “31/02/2025” không hợp lệ"),
        (["--effective", "hôm qua"], "Ngày có hiệu lực “hôm qua” không hợp lệ"),
        (["--effective", "01/07/2999"], "Ngày có hiệu lực không được sau hôm nay"),
    ],
)
def test_a_bad_effective_date_is_refused(args, expected, tmp_path, tree):
    path = write(tmp_path, MAPPING)
    with pytest.raises(CommandError) as error:
        call_command("reorganise", path, *args)
    assert expected in str(error.value)


def test_a_file_with_the_wrong_header_is_refused(tmp_path, tree):
    with pytest.raises(CommandError) as error:
        run(write(tmp_path, "Mã cũ,Mã mới\nH.DAKHA,X.DAKHA\n"))
    assert "Dòng tiêu đề phải bắt đầu bằng: Mã đơn vị cũ | Mã đơn vị mới | Ghi chú" in str(error.value)
