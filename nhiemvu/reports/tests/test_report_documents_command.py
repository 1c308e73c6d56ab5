"""`nhiemvu report appendix01|appendix02`: each format written and opened, and bad input
said in Vietnamese then English with nothing written."""

import csv
import io
import json
import os
import shlex
from datetime import date

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from docx import Document as DocxDocument

from nhiemvu.directives.choices import DirectiveType
from nhiemvu.reports.catalogue import REPORTS
from nhiemvu.tracking import services
from nhiemvu.units.choices import UnitKind
from tests.factories import DirectiveFactory, UnitFactory, make_task, moment

pytestmark = pytest.mark.django_db

YEAR = "--from 01/01/2018 --to 31/12/2018 --as-of 2018-12-27T15:30"


@pytest.fixture
def history():
    government = UnitFactory(name="Chính phủ", kind=UnitKind.GOVERNMENT, code="CP")
    province = UnitFactory(name="UBND tỉnh Kon Tum", kind=UnitKind.PROVINCE, parent=government, code="KT")
    foreign = UnitFactory(name="Sở Ngoại vụ", parent=province, code="KT.SNGV", sort_order=1)
    justice = UnitFactory(name="Sở Tư pháp", parent=province, code="KT.STP", sort_order=2)
    consular = UnitFactory(name="Phòng Lãnh sự", kind=UnitKind.SUB_UNIT, parent=foreign, code="KT.SNGV.LS")
    decision = DirectiveFactory(
        doc_type=DirectiveType.DECISION,
        number_symbol="985/QĐ-TTg",
        issued_on=date(2018, 8, 8),
        summary="Một cửa",
    )
    open_task = make_task(
        directive=decision,
        lead_unit=province,
        assigning_unit=government,
        assigned_on=date(2018, 8, 10),
        due_on=date(2019, 6, 30),
        content="Xây dựng Hệ thống thông tin một cửa điện tử cấp tỉnh",
    )
    services.update_progress(open_task, by=None, at=moment(date(2018, 11, 2)), note="Đang lấy ý kiến")
    done = make_task(
        lead_unit=foreign, assigning_unit=province, assigned_on=date(2018, 3, 1), due_on=date(2018, 3, 31)
    )
    services.complete(
        done, by=None, at=moment(date(2018, 4, 5)), completed_on=date(2018, 4, 2), result_document="BC"
    )
    make_task(
        lead_unit=consular, assigning_unit=foreign, assigned_on=date(2018, 6, 1), due_on=date(2018, 6, 30)
    )
    make_task(
        lead_unit=justice, assigning_unit=province, assigned_on=date(2018, 6, 1), coordinating_units=[foreign]
    )


def run(*args) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


def test_every_registered_report_is_a_subcommand():
    from nhiemvu.reports.management.commands.report import Command

    parser = Command().create_parser("nhiemvu", "report")
    for name in REPORTS:
        assert parser.parse_args([name, "--period", "2018"]).report == name


def test_appendix01_as_json(history):
    data = json.loads(run(*shlex.split(f"appendix01 {YEAR} --unit KT --format json")))
    (directive,) = data["directives"]
    assert directive["reference"] == "Quyết định số 985/QĐ-TTg ngày 08/08/2018"
    assert directive["tasks"][0]["status"] == "Đang lấy ý kiến" and data["assigned_by"] == ["Chính phủ"]


def test_appendix01_as_xlsx_and_docx(history, tmp_path):
    workbook_path, docx_path = tmp_path / "phu-luc-01.xlsx", tmp_path / "phu-luc-01.docx"
    assert run(*shlex.split(f"appendix01 {YEAR} --unit KT --format xlsx --output {workbook_path}")) == ""
    run(*shlex.split(f"appendix01 {YEAR} --unit KT --format docx --output {docx_path}"))
    sheet = openpyxl.load_workbook(workbook_path).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]
    assert "PHỤ LỤC 01" in values and "Quyết định số 985/QĐ-TTg ngày 08/08/2018: Một cửa" in values
    assert "Đang lấy ý kiến" in values
    document = DocxDocument(docx_path)
    assert any(paragraph.text == "PHỤ LỤC 01" for paragraph in document.paragraphs)
    cells = [cell.text for row in document.tables[-1].rows for cell in row.cells]
    assert "Xây dựng Hệ thống thông tin một cửa điện tử cấp tỉnh" in cells and "30/06/2019" in cells


def test_appendix02_as_json_csv_xlsx_and_docx(history, tmp_path):
    data = json.loads(run(*shlex.split(f"appendix02 {YEAR} --format json")))
    assert [row["unit"] for row in data["rows"]] == [
        "UBND tỉnh Kon Tum",
        "Sở Ngoại vụ",
        "Phòng Lãnh sự",
        "Sở Tư pháp",
    ]
    assert data["totals"] == {
        "total": 4,
        "done_on_time": 0,
        "done_late": 1,
        "open_not_due": 1,
        "open_no_deadline": 1,
        "open_overdue": 1,
        "open_within_deadline": 2,
    }
    lines = list(csv.reader(io.StringIO(run(*shlex.split(f"appendix02 {YEAR} --format csv")))))
    assert lines[0][0].startswith("Dữ liệu trích xuất lúc 15h30 ngày 27/12/2018")
    assert lines[-1] == ["", "Tổng số", "4", "0", "1", "2", "1"]

    workbook_path, docx_path = tmp_path / "phu-luc-02.xlsx", tmp_path / "phu-luc-02.docx"
    run(*shlex.split(f"appendix02 {YEAR} --format xlsx --output {workbook_path}"))
    run(*shlex.split(f"appendix02 {YEAR} --format docx --output {docx_path}"))
    rows = list(openpyxl.load_workbook(workbook_path).active.iter_rows(values_only=True))
    assert (None, "Tổng số", 4, 0, 1, 2, 1) in rows
    assert (2, "Sở Ngoại vụ", 1, 0, 1, 0, 0) in rows
    document = DocxDocument(docx_path)
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert "PHỤ LỤC 02" in texts
    last = [cell.text for cell in document.tables[-1].rows[-1].cells]
    assert last[1:] == ["Tổng số", "4", "0", "1", "2", "1"]


def test_appendix02_variants_from_the_command_line(history):
    rolled = json.loads(run(*shlex.split(f"appendix02 {YEAR} --unit KT --roll-up")))
    assert {row["unit"]: row["total"] for row in rolled["rows"]} == {
        "UBND tỉnh Kon Tum": 1,
        "Sở Ngoại vụ": 2,
        "Sở Tư pháp": 1,
    }
    coordinating = json.loads(run(*shlex.split(f"appendix02 {YEAR} --by coordinating")))
    assert [(row["unit"], row["total"]) for row in coordinating["rows"]] == [("Sở Ngoại vụ", 1)]
    subtree = json.loads(run(*shlex.split(f"appendix02 {YEAR} --unit KT.SNGV --assigned-by KT")))
    assert [(row["unit"], row["total"]) for row in subtree["rows"]] == [("Sở Ngoại vụ", 1)]
    split = list(
        csv.reader(io.StringIO(run(*shlex.split(f"appendix02 {YEAR} --split-no-deadline --format csv"))))
    )
    assert split[2][5:] == [
        "Chưa hoàn thành - Chưa đến hạn",
        "Chưa hoàn thành - Không có hạn",
        "Chưa hoàn thành - Trễ hạn",
    ]
    assert split[-1] == ["", "Tổng số", "4", "0", "1", "1", "1", "1"]


def test_a_named_period_is_the_same_as_its_dates(history):
    by_dates = json.loads(run(*shlex.split(f"appendix02 {YEAR}")))
    by_period = json.loads(run(*shlex.split("appendix02 --period 2018 --as-of 2018-12-27T15:30")))
    assert by_period == by_dates
    first_half = json.loads(run(*shlex.split("appendix02 --period H1/2018 --as-of 2018-12-27T15:30")))
    assert (first_half["from"], first_half["to"], first_half["totals"]["total"]) == (
        "2018-01-01",
        "2018-06-30",
        3,
    )


@pytest.mark.parametrize(
    ("args", "vietnamese", "english"),
    [
        ("appendix02 --period 2018 --format xlsx", "Định dạng xlsx là tệp: cần --output PATH", "--output"),
        ("appendix02 --period 2018 --from 01/01/2018", "Dùng --period hoặc --from và --to", "not both"),
        ("appendix02 --from 01/01/2018", "Cần --from và --to, hoặc --period", "--period"),
        ("appendix02 --period Q5/2018", "Quý phải từ 1 đến 4", "The quarter must be 1 to 4"),
        ("appendix02 --from 01/12/2018 --to 01/01/2018", "--from phải trước hoặc bằng --to", "--from"),
        ("appendix02 --period 2018 --unit KHONG-CO", "Không có đơn vị mã “KHONG-CO”", "No unit with code"),
        ("appendix01 --period 2018", "Phụ lục 01 cần --unit", "needs --unit"),
        ("appendix01 --period 2018 --unit KT --assigned-by X", "Không có đơn vị mã “X”", "No unit"),
        ("appendix02 --period 2018 --roll-up", "--roll-up cần --unit", "--roll-up needs --unit"),
        (
            "appendix02 --period 2018 --unit KT --roll-up --by coordinating",
            "Bảng theo cơ quan phối hợp không gộp được đơn vị trực thuộc",
            "cannot roll up",
        ),
        ("appendix02 --period 2018 --as-of 2999-01-01T00:00", "chưa đến", "is in the future"),
    ],
)
def test_bad_input_is_said_in_vietnamese_then_english_and_nothing_is_written(
    history, tmp_path, args, vietnamese, english
):
    target = tmp_path / "bao-cao.json"
    output = [] if "--format xlsx" in args else ["--output", str(target)]
    with pytest.raises(CommandError) as refused:
        run(*shlex.split(args), *output)
    said, _separator, translated = str(refused.value).partition(" / ")
    assert vietnamese in said and english in translated
    assert os.listdir(tmp_path) == []
