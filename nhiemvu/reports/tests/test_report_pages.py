"""`/bao-cao/`: every report of the catalogue on screen and in every file format, over what the
user may see (issue 14, "Web"); bad input is a Vietnamese message, not an error page."""

import csv
import html
import io
import re
import shutil
import subprocess
from datetime import date

import pytest
from django.urls import reverse
from docx import Document as WordDocument
from openpyxl import load_workbook

from nhiemvu.reports.catalogue import REPORTS
from nhiemvu.reports.tests.figure_links import assert_each_lists_its_figure
from nhiemvu.reports.writers import FORMATS
from nhiemvu.reports.writers.pdf_file import office_program
from nhiemvu.tracking import services
from tests.factories import make_task, moment

pytestmark = pytest.mark.django_db
INDEX = reverse("reports:index")


def page(kind: str) -> str:
    return reverse("reports:report", args=[REPORTS[kind].slug])


def shown_text(response) -> str:
    """The page's text as read on screen: the figures' links are not in the way."""
    return re.sub(r"<a [^>]*>|</a>", "", response.content.decode())


@pytest.fixture
def tasks(cast):
    """Three tasks the province assigned in June 2025: Sở NN's completed late, its open one
    past due, and Sở Tư pháp's open one."""
    late = make_task(
        lead_unit=cast.agriculture_department,
        assigning_unit=cast.province,
        assigned_on=date(2025, 6, 2),
        due_on=date(2025, 6, 10),
        content="Rà soát quy hoạch ba loại rừng",
    )
    services.complete(
        late,
        by=None,
        at=moment(date(2025, 6, 20)),
        completed_on=date(2025, 6, 20),
        result_document="12/BC-SNN",
    )
    overdue = make_task(
        lead_unit=cast.agriculture_department,
        assigning_unit=cast.province,
        assigned_on=date(2025, 6, 3),
        due_on=date(2025, 6, 30),
        content="Báo cáo tình hình sâu bệnh hại cây trồng",
    )
    other = make_task(
        lead_unit=cast.justice_department,
        assigning_unit=cast.province,
        assigned_on=date(2025, 6, 4),
        content="Thẩm định dự thảo quyết định",
    )
    return late, overdue, other


def test_the_index_lists_every_report_of_the_catalogue(client, cast):
    client.force_login(cast.focal_officer)
    content = client.get(INDEX).content.decode()
    for kind in REPORTS.values():
        assert reverse("reports:report", args=[kind.slug]) in content
        assert str(kind.title) in content


@pytest.mark.parametrize("kind", sorted(REPORTS))
def test_every_report_opens_for_every_persona_with_its_extraction_line(client, cast, tasks, kind):
    for user in (
        cast.desk,
        cast.leader,
        cast.focal_officer,
        cast.specialist,
        cast.inspection,
        cast.viewer,
        cast.admin,
    ):
        client.force_login(user)
        response = client.get(page(kind), {"period": "6/2025"})
        assert response.status_code == 200, (kind, user.username)
        assert "Dữ liệu trích xuất lúc" in response.content.decode()


def test_the_narrative_report_on_screen_counts_only_what_the_user_may_see(client, cast, tasks):
    client.force_login(cast.desk)
    province = shown_text(client.get(page("narrative"), {"period": "6/2025"}))
    assert "3 nhiệm vụ giao cho 2 cơ quan, đơn vị" in province
    client.force_login(cast.focal_officer)
    own = shown_text(client.get(page("narrative"), {"period": "6/2025"}))
    assert "2 nhiệm vụ giao cho 1 cơ quan, đơn vị" in own


def test_appendix_01_lists_for_the_users_own_unit_the_open_tasks_the_province_assigned(client, cast, tasks):
    client.force_login(cast.focal_officer)
    content = client.get(page("appendix01"), {"period": "2025"}).content.decode()
    assert "Báo cáo tình hình sâu bệnh hại cây trồng" in content
    assert "Rà soát quy hoạch ba loại rừng" not in content  # completed
    overdue = tasks[1]
    assert f'<a href="{reverse("tracking:task_detail", args=[overdue.pk])}">' in content  # its page
    assert "Thẩm định dự thảo quyết định" not in content  # another unit's


# The .pdf goes through LibreOffice: a system test (pyproject.toml's markers).
@pytest.mark.parametrize(
    "fmt", [pytest.param(fmt, marks=pytest.mark.system) if fmt == "pdf" else fmt for fmt in FORMATS]
)
def test_each_format_downloads_a_file_that_opens_with_the_figures(client, cast, tasks, fmt):
    client.force_login(cast.desk)
    response = client.get(page("emulation"), {"period": "2025", "format": fmt})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    content = response.content
    if fmt == "xlsx":
        text = " ".join(
            str(cell)
            for row in load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)
            for cell in row
        )
    elif fmt == "docx":
        word = WordDocument(io.BytesIO(content))
        text = " ".join(
            [p.text for p in word.paragraphs]
            + [cell.text for table in word.tables for row in table.rows for cell in row.cells]
        )
    elif fmt == "csv":
        text = " ".join(" ".join(row) for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    elif fmt == "pdf":
        if office_program() is None or shutil.which("pdftotext") is None:
            pytest.skip("LibreOffice or poppler-utils is not installed: `make office` installs them")
        text = subprocess.run(
            [shutil.which("pdftotext"), "-", "-"], input=content, capture_output=True, check=True
        ).stdout.decode()
        text = " ".join(text.split())
    else:
        pytest.fail(f"no check for {fmt}")
    assert "Sở Nông nghiệp" in text
    assert "Dữ liệu trích xuất lúc" in text


def test_the_as_of_moment_gives_what_was_known_then(client, cast, tasks):
    client.force_login(cast.desk)
    before_completion = shown_text(
        client.get(page("narrative"), {"period": "6/2025", "as_of": "15/06/2025 12:00"})
    )
    assert "Số nhiệm vụ đã hoàn thành: 0/3" in before_completion


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"period": "13/2025"}, "Tháng phải từ 1 đến 12"),
        ({"period": "mùa xuân"}, "Không hiểu kỳ báo cáo"),
        (
            {"date_from": "01/07/2025", "date_to": "01/06/2025"},
            "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu",
        ),
        ({"date_from": "01/07/2025"}, "Nhập cả ngày bắt đầu và ngày kết thúc"),
        ({"date_from": "31/02/2025", "date_to": "01/06/2025"}, "Ngày không hợp lệ"),
        ({"as_of": "01/01/2999 10:00"}, "không được sau thời điểm hiện tại"),
        ({"unit": "KT.STP"}, "không có trong danh sách"),
    ],
)
def test_bad_input_is_a_vietnamese_message_and_no_file(client, cast, tasks, params, message):
    client.force_login(cast.focal_officer)
    response = client.get(page("narrative"), {**params, "format": "xlsx"})
    assert response.status_code == 400
    assert "Content-Disposition" not in response
    assert message in response.content.decode()


def test_an_unknown_report_or_format_is_not_found(client, cast):
    client.force_login(cast.desk)
    assert client.get(reverse("reports:report", args=["bao-cao-bi-mat"])).status_code == 404
    assert client.get(page("narrative"), {"format": "exe"}).status_code == 404


def test_the_pages_ask_for_a_sign_in(client):
    response = client.get(page("narrative"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_appendix_02_on_the_web_takes_the_cli_options(client, cast, tasks):
    client.force_login(cast.desk)
    split = client.get(page("appendix02"), {"period": "6/2025", "split_no_deadline": "on"}).content.decode()
    assert "Không có hạn" in split or "không có hạn" in split
    rolled = client.get(page("appendix02"), {"period": "6/2025", "roll_up": "on"})
    assert rolled.status_code == 200
    assert "Sở Tư pháp" in rolled.content.decode()


def test_options_that_do_not_go_together_are_a_message(client, cast, tasks):
    client.force_login(cast.desk)
    response = client.get(page("appendix02"), {"period": "6/2025", "roll_up": "on", "by": "coordinating"})
    assert response.status_code == 400
    assert "không gộp được đơn vị trực thuộc" in response.content.decode()


def test_without_libreoffice_no_pdf_button_is_offered_and_the_address_says_why(client, cast, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    client.force_login(cast.desk)
    content = client.get(page("narrative"), {"period": "2025"}).content.decode()
    assert 'data-format="docx"' in content
    assert 'data-format="pdf"' not in content
    response = client.get(page("narrative"), {"period": "2025", "format": "pdf"})
    assert response.status_code == 503
    assert "chưa cài LibreOffice" in response.content.decode()


FIGURE = re.compile(r'<a href="(/nhiem-vu/\?[^"]+)">([\d.]+)</a>')


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"as_of": "25/06/2025 12:00"},
        {"split_no_deadline": "on"},
        {"roll_up": "on"},
        {"by": "coordinating"},
    ],
    ids=["now", "as of a past moment", "split", "rolled up", "by coordinating unit"],
)
def test_every_linked_figure_of_appendix_02_lists_as_many_tasks_as_it_says(client, cast, tasks, options):
    make_task(
        lead_unit=cast.forestry,
        assigning_unit=cast.province,
        assigned_on=date(2025, 6, 5),
        due_on=date(2025, 6, 6),
        coordinating_units=[cast.justice_department],
    )
    client.force_login(cast.desk)
    page_html = client.get(page("appendix02"), {"period": "6/2025", **options}).content.decode()
    figures = FIGURE.findall(page_html)
    assert len(figures) >= 4
    assert_each_lists_its_figure(client, [(html.unescape(url), figure) for url, figure in figures])


def test_appendix_02_draws_a_chart_whose_segments_link_to_their_tasks(client, cast, tasks):
    client.force_login(cast.desk)
    response = client.get(page("appendix02"), {"period": "6/2025"})
    chart = response.context["chart"]
    assert chart["labels"] == ["Sở Nông nghiệp và Phát triển nông thôn", "Sở Tư pháp"]
    overdue = next(dataset for dataset in chart["datasets"] if dataset["key"] == "open_overdue")
    assert overdue["data"] == [1, 0]
    listed = client.get(overdue["links"][0])
    assert [task.pk for task in listed.context["page"].object_list] == [tasks[1].pk]
    assert 'data-month-chart="report-chart-data"' in response.content.decode()


def test_a_report_without_a_chart_loads_no_chart_script(client, cast, tasks):
    client.force_login(cast.desk)
    response = client.get(page("narrative"), {"period": "6/2025"})
    assert response.context["chart"] is None
    assert "chart.umd.min.js" not in response.content.decode()
