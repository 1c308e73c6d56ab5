"""Urgings and returns per unit (reports.urgings, issue 14): urgings by kind, explanation
requests asked and answered, tasks returned to the assigner (seed 003 art. 6.2, 18.3), as
recorded by the moment the report is taken at (seed 002 2.2); from the CLI and the web."""

import io
import json
import shlex
from datetime import date, datetime

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from nhiemvu.reports.catalogue import REPORTS
from nhiemvu.reports.urgings import UnitFigures, urgings_report
from nhiemvu.tracking import services as tracking
from nhiemvu.units.models import Unit
from nhiemvu.urging import services
from nhiemvu.urging.choices import UrgingKind
from tests.factories import make_task, moment

pytestmark = pytest.mark.django_db

JUNE = (date(2025, 6, 1), date(2025, 6, 30))
END_OF_JUNE = timezone.make_aware(datetime(2025, 6, 30, 18, 0))


@pytest.fixture
def history(cast):
    """June 2025. The Sở Nông nghiệp: reminded on the 11th; criticised on the 20th, entered on
    3 July; asked to explain on the 12th, answering on 1 July; a task returned on 2 July (after
    June). The Sở Tư pháp: required to review itself on the 15th, a task returned on the 16th.
    A reminder in May, out of the period."""
    agri, justice, province = cast.agriculture_department, cast.justice_department, cast.province
    late = make_task(
        lead_unit=agri, assigning_unit=province, assigned_on=date(2025, 5, 2), due_on=date(2025, 6, 10)
    )
    outside = make_task(lead_unit=agri, assigning_unit=province, assigned_on=date(2025, 6, 2))
    theirs = make_task(lead_unit=justice, assigning_unit=province, assigned_on=date(2025, 6, 2))

    def urge(unit, task, kind, urged_on, recorded_on):
        services.urge(
            by=cast.admin,
            at=moment(recorded_on),
            unit=unit,
            tasks=[task],
            kind=kind,
            text="Đề nghị",
            urged_on=urged_on,
        )

    urge(agri, late, UrgingKind.REMINDER, date(2025, 5, 20), date(2025, 5, 20))
    urge(agri, late, UrgingKind.REMINDER, date(2025, 6, 11), date(2025, 6, 11))
    urge(agri, late, UrgingKind.CRITICISM, date(2025, 6, 20), date(2025, 7, 3))
    urge(justice, theirs, UrgingKind.REVIEW, date(2025, 6, 15), date(2025, 6, 15))
    asked = services.request_explanation(
        by=cast.admin, at=moment(date(2025, 6, 12)), task=late, question="Vì sao?"
    )
    services.answer_explanation(asked, by=cast.focal_officer, at=moment(date(2025, 7, 1)), answer="Thiếu vốn")
    tracking.return_task(theirs, by=None, at=moment(date(2025, 6, 16)), reason="Không thuộc chức năng")
    tracking.return_task(outside, by=None, at=moment(date(2025, 7, 2)), reason="Không thuộc chức năng")


def figures_by_unit(report) -> dict[str, UnitFigures]:
    return {line.unit: line.figures for line in report.lines}


def test_the_counts_as_of_a_past_moment_leave_out_what_was_recorded_later_seed_002(cast, history):
    report = urgings_report(date_from=JUNE[0], date_to=JUNE[1], as_of=END_OF_JUNE)
    assert figures_by_unit(report) == {
        "Sở Nông nghiệp và Phát triển nông thôn": UnitFigures(reminders=1, explanations_asked=1),
        "Sở Tư pháp": UnitFigures(reviews=1, returned=1),
    }
    assert report.totals == UnitFigures(reminders=1, reviews=1, explanations_asked=1, returned=1)
    assert report.totals.urgings == 2


def test_as_of_now_the_late_entries_count_in_the_period_they_took_effect(cast, history):
    report = urgings_report(date_from=JUNE[0], date_to=JUNE[1], as_of=timezone.now())
    agri = figures_by_unit(report)["Sở Nông nghiệp và Phát triển nông thôn"]
    assert agri == UnitFigures(reminders=1, criticisms=1, explanations_asked=1, explanations_answered=1)
    july = urgings_report(date_from=date(2025, 7, 1), date_to=date(2025, 7, 31), as_of=timezone.now())
    assert figures_by_unit(july) == {"Sở Nông nghiệp và Phát triển nông thôn": UnitFigures(returned=1)}


def test_a_scope_counts_only_its_units(cast, history):
    report = urgings_report(
        date_from=JUNE[0],
        date_to=JUNE[1],
        as_of=END_OF_JUNE,
        units=Unit.objects.subtree_of(cast.justice_department),
    )
    assert list(figures_by_unit(report)) == ["Sở Tư pháp"]


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


def test_the_cli_json_gives_the_figures_and_totals(cast, history):
    data = json.loads(run(*shlex.split("urgings --period 6/2025 --as-of 2025-06-30T18:00 --format json")))
    assert data["as_of"] == "2025-06-30T18:00+07:00"
    [agri, justice] = data["units"]
    assert (agri["unit"], agri["reminders"], agri["explanations_asked"]) == (
        "Sở Nông nghiệp và Phát triển nông thôn",
        1,
        1,
    )
    assert (justice["reviews"], justice["returned"], justice["urgings"]) == (1, 1, 1)
    assert data["totals"] == {
        "reminders": 1,
        "criticisms": 0,
        "reviews": 1,
        "explanations_asked": 1,
        "explanations_answered": 0,
        "returned": 1,
        "urgings": 2,
    }


def test_the_cli_xlsx_opens_with_the_headers_rows_and_totals(cast, history, tmp_path):
    path = tmp_path / "don-doc.xlsx"
    run(
        "urgings",
        "--period",
        "6/2025",
        "--as-of",
        "2025-06-30T18:00",
        "--format",
        "xlsx",
        "--output",
        str(path),
    )
    rows = [
        [cell for cell in row if cell is not None]
        for row in openpyxl.load_workbook(path).active.iter_rows(values_only=True)
    ]
    text = " ".join(str(cell) for row in rows for cell in row)
    for header in ("Nhắc nhở", "Phê bình", "Kiểm điểm", "Đã giải trình", "Nhiệm vụ chuyển trả"):
        assert header in text
    assert "Dữ liệu trích xuất lúc 18h00 ngày 30/06/2025" in text
    assert [1, "Sở Nông nghiệp và Phát triển nông thôn", 1, 0, 0, 1, 1, 0, 0] in rows
    assert [2, "Sở Tư pháp", 0, 0, 1, 1, 0, 0, 1] in rows
    assert ["Tổng số", 1, 0, 1, 2, 1, 0, 1] in rows


def test_the_web_page_shows_the_figures_of_the_units_the_user_follows(client, cast, history):
    url = reverse("reports:report", args=[REPORTS["urgings"].slug])
    assert url == "/bao-cao/don-doc-theo-don-vi/"
    client.force_login(cast.desk)
    response = client.get(url, {"period": "6/2025", "as_of": "30/06/2025 18:00"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Dữ liệu trích xuất lúc 18h00 ngày 30/06/2025" in content
    [(_kind, table, _pieces)] = response.context["blocks"][:1]
    shown = {cells[1][0]: [text for text, _kind, _href, _title in cells[2:]] for _role, cells in table.rows}
    assert shown["Sở Tư pháp"] == ["0", "0", "1", "1", "0", "0", "1"]
    assert shown["Tổng số"] == ["1", "0", "1", "2", "1", "0", "1"]
    client.force_login(cast.focal_officer)
    own = client.get(url, {"period": "6/2025"}).content.decode()
    assert "Sở Nông nghiệp và Phát triển nông thôn" in own
    assert "Sở Tư pháp" not in own
