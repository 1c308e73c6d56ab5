"""Seed 000 appendix 03 through every door: `nhiemvu report appendix03` (JSON, .xlsx) and
`/bao-cao/phu-luc-03/`: per unit, the year's report received (on time, late, not received),
the internal regulation issued, remarks; the totals; as the office knew it at a moment."""

import io
import json
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document as WordDocument
from openpyxl import load_workbook

from nhiemvu.compliance import services
from nhiemvu.compliance.choices import PeriodicReport
from nhiemvu.units.models import Unit
from tests.factories import moment

pytestmark = pytest.mark.django_db

YEAR = PeriodicReport.YEAR
PAGE = reverse("reports:report", args=["phu-luc-03"])


@pytest.fixture
def register(cast):
    """2025: Sở NN sent on time (entered on 12/12), Sở Tài chính late, Sở Tư pháp sent on
    5/12 but the office entered it only on 20/12; the district sent nothing. Sở NN and the
    district issued their regulation. Only the departments and the district are scored."""
    scored = [cast.agriculture_department, cast.finance_department, cast.justice_department, cast.district]
    Unit.objects.exclude(pk__in=[unit.pk for unit in scored]).update(scored_for_reform=False)
    sent = [
        (cast.agriculture_department, date(2025, 12, 9), "215/BC-SNN", date(2025, 12, 12)),
        (cast.finance_department, date(2025, 12, 15), "", date(2025, 12, 15)),
        (cast.justice_department, date(2025, 12, 5), "88/BC-STP", date(2025, 12, 20)),
    ]
    for unit, sent_on, number, recorded in sent:
        services.record_sent_report(
            unit=unit,
            year=2025,
            report=YEAR,
            sent_on=sent_on,
            number_symbol=number,
            by=cast.desk,
            at=moment(recorded),
        )
    services.record_register_line(
        unit=cast.agriculture_department,
        year=2025,
        regulation_issued=True,
        regulation_number="12/QĐ-SNN",
        regulation_issued_on=date(2025, 3, 5),
        remarks="Chất lượng báo cáo tốt",
        by=cast.desk,
        at=moment(date(2025, 12, 12)),
    )
    services.record_register_line(
        unit=cast.district, year=2025, regulation_issued=True, by=cast.desk, at=moment(date(2025, 12, 12))
    )
    return cast


def run(*args) -> str:
    out = io.StringIO()
    call_command("report", "appendix03", *args, stdout=out)
    return out.getvalue()


def test_appendix03_as_json_says_per_unit_received_late_or_not_and_the_regulation(register):
    data = json.loads(run("--period", "2025", "--as-of", "2025-12-27T15:30", "--format", "json"))
    rows = {row["unit"]: row for row in data["rows"]}
    assert [row["unit"] for row in data["rows"]] == [
        "Sở Nông nghiệp và Phát triển nông thôn",
        "Sở Tài chính",
        "Sở Tư pháp",
        "UBND huyện Đắk Hà",
    ]
    agriculture = rows["Sở Nông nghiệp và Phát triển nông thôn"]
    assert (agriculture["report"], agriculture["report_sent_on"], agriculture["report_number_symbol"]) == (
        "on_time",
        "2025-12-09",
        "215/BC-SNN",
    )
    assert (agriculture["regulation_number"], agriculture["remarks"]) == (
        "12/QĐ-SNN",
        "Chất lượng báo cáo tốt",
    )
    assert rows["Sở Tài chính"]["report"] == "late"
    assert rows["UBND huyện Đắk Hà"]["report"] == "missing"
    assert data["due"] == "2025-12-10"
    assert data["totals"] == {"units": 4, "reports_received": 3, "reports_late": 1, "regulations_issued": 2}


def test_appendix03_as_of_a_moment_knows_only_what_was_recorded_by_then(register):
    data = json.loads(run("--period", "2025", "--as-of", "2025-12-16T08:00", "--format", "json"))
    rows = {row["unit"]: row for row in data["rows"]}
    assert rows["Sở Tư pháp"]["report"] == "missing"  # sent 5/12, entered 20/12
    assert data["totals"]["reports_received"] == 2
    before_due = json.loads(run("--period", "2025", "--as-of", "2025-12-01T08:00", "--format", "json"))
    assert {row["report"] for row in before_due["rows"]} == {"not_yet_due"}
    assert before_due["totals"]["regulations_issued"] == 0


def test_appendix03_xlsx_has_the_seeds_heading_columns_and_totals(register, tmp_path):
    path = tmp_path / "phu-luc-03.xlsx"
    run(
        "--period",
        "2025",
        "--as-of",
        "2025-12-27T15:30",
        "--regulation",
        "Quyết định số 270/QĐ-UBND ngày 19/3/2018 của Ủy ban nhân dân tỉnh",
        "--format",
        "xlsx",
        "--output",
        str(path),
    )
    sheet = load_workbook(path).active
    values = [[cell for cell in row if cell is not None] for row in sheet.iter_rows(values_only=True)]
    text = [" ".join(str(cell) for cell in row) for row in values]
    assert "PHỤ LỤC 03" in text
    assert (
        "Kết quả thực hiện Quy chế ban hành theo Quyết định số 270/QĐ-UBND ngày 19/3/2018 "
        "của Ủy ban nhân dân tỉnh năm 2025" in text
    )
    assert any("Dữ liệu trích xuất lúc 15h30 ngày 27/12/2025" in line for line in text)
    header = next(index for index, line in enumerate(text) if line.startswith("TT Cơ quan được giao"))
    assert "Đã gửi Báo cáo năm" in text[header] and "Đã ban hành Quy chế theo dõi tại đơn vị" in text[header]
    agriculture = next(row for row in values if "Sở Nông nghiệp và Phát triển nông thôn" in row)
    assert agriculture[2] == "X" and "Đúng hạn" in agriculture and "Chất lượng báo cáo tốt" in agriculture
    assert "12/QĐ-SNN, 05/03/2025" in agriculture
    district = next(row for row in values if "UBND huyện Đắk Hà" in row)
    assert "Chưa gửi" in district
    totals = next(row for row in values if "Tổng số" in row)
    assert totals[-2:] == [3, 2]


def test_the_web_page_shows_the_register_over_the_units_the_user_follows(client, register):
    client.force_login(register.desk)
    response = client.get(PAGE, {"period": "2025", "as_of": "27/12/2025 15:30"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "PHỤ LỤC 03" in content and "Sở Tư pháp" in content and "Trễ hạn" in content
    client.force_login(register.focal_officer)  # Sở NN's: its own unit only
    content = client.get(PAGE, {"period": "2025", "as_of": "27/12/2025 15:30"}).content.decode()
    assert "Sở Nông nghiệp và Phát triển nông thôn" in content
    assert "Sở Tư pháp" not in content and "Sở Tài chính" not in content


def test_appendix03_docx_has_the_heading_and_the_table(register, tmp_path):
    path = tmp_path / "phu-luc-03.docx"
    run("--period", "2025", "--as-of", "2025-12-27T15:30", "--format", "docx", "--output", str(path))
    word = WordDocument(path)
    paragraphs = [paragraph.text for paragraph in word.paragraphs]
    assert "PHỤ LỤC 03" in paragraphs
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    assert "Đã gửi Báo cáo năm" in cells and "UBND huyện Đắk Hà" in cells and "Chưa gửi" in cells


@pytest.fixture
def half_year(register):
    """The half year's reports of 2025 (seed 003 art. 20.2, due 10/06 by default): Sở NN on
    5/06, Sở Tài chính on 12/06; the others none."""
    for unit, sent_on in [
        (register.agriculture_department, date(2025, 6, 5)),
        (register.finance_department, date(2025, 6, 12)),
    ]:
        services.record_sent_report(
            unit=unit,
            year=2025,
            report=PeriodicReport.HALF_YEAR,
            sent_on=sent_on,
            number_symbol="",
            by=register.desk,
            at=moment(sent_on),
        )
    return register


def test_the_half_years_report_is_judged_against_its_own_due_date_seed_003_art_20_2(half_year):
    data = json.loads(
        run("--period", "2025", "--as-of", "2025-07-01T08:00", "--half-year", "--format", "json")
    )
    assert (data["report"], data["due"]) == ("half_year", "2025-06-10")
    assert {row["unit"]: row["report"] for row in data["rows"]} == {
        "Sở Nông nghiệp và Phát triển nông thôn": "on_time",
        "Sở Tài chính": "late",
        "Sở Tư pháp": "missing",
        "UBND huyện Đắk Hà": "missing",
    }
    assert data["totals"]["reports_received"] == 2 and data["totals"]["reports_late"] == 1
    year = json.loads(run("--period", "2025", "--as-of", "2025-07-01T08:00", "--format", "json"))
    assert year["report"] == "year" and {row["report"] for row in year["rows"]} == {"not_yet_due"}


def test_the_half_years_due_date_is_the_deployments(half_year, settings):
    settings.HALF_YEAR_REPORT_DUE = "20/06"
    data = json.loads(
        run("--period", "2025", "--as-of", "2025-07-01T08:00", "--half-year", "--format", "json")
    )
    assert data["due"] == "2025-06-20"
    assert {row["unit"]: row["report"] for row in data["rows"]}["Sở Tài chính"] == "on_time"


def test_the_half_years_table_says_so_in_its_title_columns_and_extraction_line(half_year, tmp_path):
    path = tmp_path / "phu-luc-03.xlsx"
    run(
        "--period",
        "2025",
        "--as-of",
        "2025-07-01T08:00",
        "--half-year",
        "--format",
        "xlsx",
        "--output",
        str(path),
    )
    text = [
        " ".join(str(cell) for cell in row if cell is not None)
        for row in load_workbook(path).active.iter_rows(values_only=True)
    ]
    assert (
        "Kết quả thực hiện Quy chế theo dõi, đôn đốc, kiểm tra việc thực hiện nhiệm vụ 6 tháng đầu năm 2025"
        in text
    )
    assert any("báo cáo 6 tháng đầu năm 2025, hạn gửi 10/06/2025" in line for line in text)
    assert any("Đã gửi Báo cáo 6 tháng" in line for line in text)
    assert not any("Báo cáo năm" in line for line in text)
    assert any("2/4 đơn vị đã gửi báo cáo 6 tháng (1 đơn vị gửi sau hạn 10/06/2025)" in line for line in text)


def test_the_web_page_offers_the_half_years_report(client, half_year):
    client.force_login(half_year.desk)
    params = {"period": "2025", "as_of": "01/07/2025 08:00"}
    assert 'name="half_year"' in client.get(PAGE, params).content.decode()
    content = client.get(PAGE, {**params, "half_year": "on"}).content.decode()
    assert "6 tháng đầu năm 2025" in content and "Đã gửi Báo cáo 6 tháng" in content
    assert "Trễ hạn" in content and "Đúng hạn" in content
