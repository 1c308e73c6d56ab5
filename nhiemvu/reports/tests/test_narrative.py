"""The narrative report (seed 002) as of its extraction moment, made then or later."""

import io
import json
import shlex
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from docx import Document as open_docx

from nhiemvu.reports import writers
from nhiemvu.reports.catalogue import REPORTS, ReportRequest
from nhiemvu.reports.document import Letterhead, Paragraph, Signature, Table
from nhiemvu.reports.narrative import as_data, narrative_report
from nhiemvu.reports.narrative_document import as_document
from nhiemvu.reports.percent import RATE_OVER_ASSIGNED, RATE_OVER_DUE
from nhiemvu.reports.periods import Period
from nhiemvu.tracking import services
from nhiemvu.tracking.models import Task
from tests.factories import make_task, moment

pytestmark = pytest.mark.django_db

JUNE = (date(2019, 6, 1), date(2019, 6, 30))
HALF_YEAR = (date(2019, 1, 1), date(2019, 6, 30))
AS_OF = moment(date(2019, 7, 3), 10)  # seed 002: "đến thời điểm 10h00 ngày 03/07/2019"
LATER = moment(date(2019, 7, 10), 15)


def task(unit, province, assigned_on, due_on=None):
    return make_task(lead_unit=unit, assigning_unit=province, assigned_on=assigned_on, due_on=due_on)


def complete(task, completed_on, recorded_on, hour=9):
    services.complete(
        task, by=None, at=moment(recorded_on, hour), completed_on=completed_on, result_document="Báo cáo"
    )


@pytest.fixture
def june(cast):
    """Six tasks of June 2019 and one of March, whose classes at the seed's moment are known:
    on time, late (recorded late too), open without deadline, open not yet due, overdue, and
    overdue as known then though completed on 28/06 (recorded only on 05/07)."""
    agriculture, justice, province = cast.agriculture_department, cast.justice_department, cast.province
    complete(
        task(agriculture, province, date(2019, 6, 3), date(2019, 6, 10)), date(2019, 6, 7), date(2019, 6, 7)
    )
    # Due Monday 10/06: the result was to be recorded by Wednesday 12/06; recorded Friday 14/06.
    complete(
        task(justice, province, date(2019, 6, 3), date(2019, 6, 10)), date(2019, 6, 14), date(2019, 6, 14)
    )
    task(agriculture, province, date(2019, 6, 5))
    task(justice, province, date(2019, 6, 5), date(2019, 7, 15))
    task(justice, province, date(2019, 6, 6), date(2019, 6, 20))
    unrecorded = task(agriculture, province, date(2019, 6, 6), date(2019, 6, 20))
    complete(unrecorded, date(2019, 6, 28), date(2019, 7, 5))
    complete(
        task(agriculture, province, date(2019, 3, 1), date(2019, 3, 29)), date(2019, 3, 28), date(2019, 3, 28)
    )
    return cast


def test_breakdown_of_the_month_as_known_at_the_extraction_moment_seed_002(june):
    month, half_year = narrative_report(periods=[JUNE, HALF_YEAR], as_of=AS_OF, made_at=AS_OF).periods
    assert month.totals.as_dict() == {
        "total": 6,
        "done_on_time": 1,
        "done_late": 1,
        "open_not_due": 1,
        "open_no_deadline": 1,
        "open_overdue": 2,
    }
    assert (month.units, month.completed, month.open, month.within_deadline) == (2, 2, 4, 2)
    assert (half_year.totals.total, half_year.completed) == (7, 3)


def test_every_level_of_the_breakdown_sums_to_100_percent(june):
    (month,) = narrative_report(periods=[JUNE], as_of=AS_OF, made_at=AS_OF).periods
    shares = month.shares()
    assert [share[2] for share in shares["total"]] == [Decimal(33), Decimal(67)]
    for level in shares.values():
        assert sum(percent for _part, _whole, percent in level) == 100


def test_both_completion_rates_each_labelled(june):
    (month,) = narrative_report(periods=[JUNE], as_of=AS_OF, made_at=AS_OF).periods
    over_due, over_assigned = month.rates()
    assert (over_due.definition, over_due.completed, over_due.base, over_due.percent) == (
        RATE_OVER_DUE,
        2,
        4,
        Decimal("50.00"),
    )
    assert (over_assigned.definition, over_assigned.base, over_assigned.percent) == (
        RATE_OVER_ASSIGNED,
        6,
        Decimal("33.33"),
    )


def test_result_recorded_more_than_2_working_days_after_due_is_late_seed_001(june, cast):
    (month,) = narrative_report(periods=[JUNE], as_of=AS_OF, made_at=AS_OF).periods
    assert [(c.unit, c.count) for c in month.late_records] == [("Sở Tư pháp", 1)]


def test_completed_by_the_moment_but_recorded_after_shows_only_when_made_later_seed_002(june):
    """Made at its own moment, the report cannot know; made a week later, it lists the task,
    and every other figure stays what the system knew at the moment."""
    (then,) = narrative_report(periods=[JUNE], as_of=AS_OF, made_at=AS_OF).periods
    (later,) = narrative_report(periods=[JUNE], as_of=AS_OF, made_at=LATER).periods
    assert then.completed_unrecorded == 0 and then.unrecorded == []
    assert later.completed_unrecorded == 1
    assert [(c.unit, c.count) for c in later.unrecorded] == [("Sở Nông nghiệp và Phát triển nông thôn", 1)]
    assert later.totals == then.totals
    # Recorded on 05/07: a report made on 04/07 does not know it either.
    (before,) = narrative_report(periods=[JUNE], as_of=AS_OF, made_at=moment(date(2019, 7, 4))).periods
    assert before.completed_unrecorded == 0


def test_units_with_overdue_tasks_and_their_counts(june):
    (month,) = narrative_report(periods=[JUNE], as_of=AS_OF, made_at=AS_OF).periods
    assert [(c.unit, c.count) for c in month.overdue] == [
        ("Sở Nông nghiệp và Phát triển nông thôn", 1),
        ("Sở Tư pháp", 1),
    ]


def test_the_same_moments_give_the_same_report_whatever_is_recorded_since(june, cast):
    first = as_data(narrative_report(periods=[JUNE, HALF_YEAR], as_of=AS_OF, made_at=LATER))
    # Assigned in June but entered on 20/07, completed then: after both moments.
    late = make_task(
        lead_unit=cast.finance_department,
        assigning_unit=cast.province,
        assigned_on=date(2019, 6, 10),
        due_on=date(2019, 6, 12),
        at=moment(date(2019, 7, 20), 8),
    )
    complete(late, date(2019, 6, 12), date(2019, 7, 20))
    # And a completion recorded after the report was made, of a task overdue at the moment.
    overdue = Task.objects.get(lead_unit=cast.justice_department, due_on=date(2019, 6, 20))
    complete(overdue, date(2019, 6, 25), date(2019, 7, 20))
    assert as_data(narrative_report(periods=[JUNE, HALF_YEAR], as_of=AS_OF, made_at=LATER)) == first


def test_made_before_the_extraction_moment_is_refused():
    with pytest.raises(ValueError):
        narrative_report(periods=[JUNE], as_of=AS_OF, made_at=moment(date(2019, 7, 2)))


def texts(document):
    return [block.text for block in document.blocks if isinstance(block, Paragraph)]


def test_document_states_each_figure_as_seed_002_does(june):
    document = as_document(narrative_report(periods=[JUNE, HALF_YEAR], as_of=AS_OF, made_at=LATER))
    lines = texts(document)
    assert document.extraction == "Dữ liệu trích xuất lúc 10h00 ngày 03/07/2019"
    assert document.heading[1] == (
        "Kết quả thực hiện nhiệm vụ được giao tháng 6/2019 và 6 tháng đầu năm 2019"
    )
    for expected in [
        "1.1. Kết quả thực hiện nhiệm vụ tháng 6/2019:",
        (
            "- Tổng số nhiệm vụ được giao (từ ngày 01/06/2019 đến ngày 30/06/2019): 6 nhiệm vụ giao cho "
            "2 cơ quan, đơn vị. Trong đó:"
        ),
        "+ Số nhiệm vụ đã hoàn thành: 2/6 nhiệm vụ, chiếm 33%",
        (
            "• Hoàn thành đúng hạn (bao gồm cả nhiệm vụ hoàn thành không giao hạn): 1/2 nhiệm vụ, chiếm 50% "
            "tổng số nhiệm vụ đã hoàn thành"
        ),
        "+ Số nhiệm vụ chưa hoàn thành: 4/6 nhiệm vụ, chiếm 67%",
        "• Trễ hạn: 2/4 nhiệm vụ, chiếm 50% tổng số nhiệm vụ chưa hoàn thành",
        "· Chưa đến hạn: 1/2 nhiệm vụ, chiếm 50% số nhiệm vụ trong hạn",
        "+ Tỷ lệ hoàn thành trên số nhiệm vụ đã đến hạn: 2/4 nhiệm vụ, đạt 50,00%",
        "+ Tỷ lệ hoàn thành trên tổng số nhiệm vụ được giao: 2/6 nhiệm vụ, đạt 33,33%",
        (
            "• Trong số nhiệm vụ chưa hoàn thành, đã hoàn thành đến ngày 03/07/2019 nhưng cập nhật trên hệ "
            "thống sau thời điểm trích xuất (tính đến 15h00 ngày 10/07/2019): 1/4 nhiệm vụ, chiếm 25% "
            "tổng số nhiệm vụ chưa hoàn thành"
        ),
        "1.2. Kết quả thực hiện nhiệm vụ 6 tháng đầu năm 2019:",
        "- Đơn vị có nhiệm vụ trễ hạn tại thời điểm trích xuất: 2 nhiệm vụ của 2 đơn vị",
    ]:
        assert expected in lines, expected
    assert (
        "Số liệu là những gì đã cập nhật trên hệ thống đến 10h00 ngày 03/07/2019; không hiệu chỉnh "
        in (lines[-1])
    )


def test_document_lists_units_in_tables_with_their_totals(june):
    document = as_document(narrative_report(periods=[JUNE], as_of=AS_OF, made_at=LATER))
    late, unrecorded, overdue = document.tables()
    assert [row.cells for row in late.rows] == [[1, "Sở Tư pháp", 1], ["", "Tổng số", 1]]
    assert next(row.cells for row in unrecorded.rows) == [1, "Sở Nông nghiệp và Phát triển nông thôn", 1]
    assert overdue.rows[-1].role == "total" and overdue.rows[-1].cells[2] == 2


def test_document_made_at_its_moment_has_no_unrecorded_list(june):
    document = as_document(narrative_report(periods=[JUNE], as_of=AS_OF, made_at=AS_OF))
    assert len(document.tables()) == 2
    assert not any("sau thời điểm trích xuất (tính đến" in text for text in texts(document))
    assert isinstance(document.tables()[0], Table)


def entered_late(cast, assigned_on, due_on=None):
    """A task of June entered into the system on 05/07, after the extraction moment."""
    return make_task(
        lead_unit=cast.finance_department,
        assigning_unit=cast.province,
        assigned_on=assigned_on,
        due_on=due_on,
        at=moment(date(2019, 7, 5), 8),
    )


def test_corrected_counts_by_effective_dates_what_was_recorded_since(june, cast):
    """The task completed on 28/06 but recorded on 05/07 counts as completed late (due 20/06);
    the tasks of June entered on 05/07 count as assigned, one completed on time on 12/06."""
    complete(entered_late(cast, date(2019, 6, 10), date(2019, 6, 12)), date(2019, 6, 12), date(2019, 7, 5))
    entered_late(cast, date(2019, 6, 20))
    (as_recorded,) = narrative_report(periods=[JUNE], as_of=AS_OF, made_at=LATER).periods
    (corrected,) = narrative_report(periods=[JUNE], as_of=AS_OF, made_at=LATER, corrected=True).periods
    assert as_recorded.totals.total == 6
    assert corrected.totals.as_dict() == {
        "total": 8,
        "done_on_time": 2,
        "done_late": 2,
        "open_not_due": 1,
        "open_no_deadline": 2,
        "open_overdue": 1,
    }
    assert corrected.units == 3
    assert [(c.unit, c.count) for c in corrected.overdue] == [("Sở Tư pháp", 1)]
    # Made at its own moment, nothing was recorded since: corrected is as recorded.
    (same,) = narrative_report(periods=[JUNE], as_of=AS_OF, made_at=AS_OF, corrected=True).periods
    assert same.totals.total == 6 and same.totals.open_overdue == 2


def test_an_extension_decided_after_the_moment_is_not_applied_when_corrected(june, cast):
    overdue = Task.objects.get(lead_unit=cast.justice_department, due_on=date(2019, 6, 20))
    services.request_extension(
        overdue, by=None, at=moment(date(2019, 7, 4)), proposed=date(2019, 7, 31), reason="Chờ ý kiến Bộ"
    )
    services.decide_extension(overdue, by=None, at=moment(date(2019, 7, 5)), approve=True)
    (corrected,) = narrative_report(periods=[JUNE], as_of=AS_OF, made_at=LATER, corrected=True).periods
    assert corrected.totals.open_overdue == 1 and corrected.totals.done_late == 2


def test_corrected_document_says_so(june):
    report = narrative_report(periods=[JUNE], as_of=AS_OF, made_at=LATER, corrected=True)
    document = as_document(report)
    lines = texts(document)
    assert document.heading[-1] == "(Số liệu đã hiệu chỉnh theo ngày hiệu lực)"
    assert lines[-1].startswith(
        "Số liệu đã hiệu chỉnh: tình hình nhiệm vụ vào ngày trích xuất (10h00 ngày 03/07/2019) theo ngày "
        "hiệu lực, tính cả các cập nhật sau thời điểm đó đến 15h00 ngày 10/07/2019"
    )
    assert (
        "• Trong số nhiệm vụ đã hoàn thành, hoàn thành đến ngày 03/07/2019 nhưng cập nhật trên hệ thống sau "
        "thời điểm trích xuất (tính đến 15h00 ngày 10/07/2019): 1/3 nhiệm vụ, chiếm 33% tổng số nhiệm vụ "
        "đã hoàn thành"
    ) in lines
    assert "+ Số nhiệm vụ đã hoàn thành: 3/6 nhiệm vụ, chiếm 50%" in lines
    assert as_data(report)["corrected"] is True


def test_scope_limits_the_units_and_tasks(june, cast):
    (month,) = narrative_report(
        periods=[JUNE], as_of=AS_OF, made_at=LATER, lead_units=[cast.justice_department]
    ).periods
    assert (month.totals.total, month.units, month.completed_unrecorded) == (3, 1, 0)
    assert [c.unit for c in month.late_records] == ["Sở Tư pháp"]
    (none,) = narrative_report(
        periods=[JUNE], as_of=AS_OF, made_at=LATER, tasks=Task.objects.filter(assigning_unit=cast.office)
    ).periods
    assert (none.totals.total, none.late_records, none.unrecorded, none.overdue) == (0, [], [], [])


def test_document_renders_in_english_from_the_same_msgids(june):
    with translation.override("en"):
        document = as_document(narrative_report(periods=[JUNE], as_of=AS_OF, made_at=LATER, corrected=True))
    lines = texts(document)
    assert document.extraction == "Data extracted at 10h00 on 03/07/2019"
    assert "+ Tasks completed: 3/6 tasks, 50%" in lines
    assert "+ Completion rate over the tasks that have come due: 3/4 tasks, 75,00%" in lines
    assert lines[-1].startswith("Corrected figures:")


def test_items_carry_the_marks_of_their_level_as_seed_002_writes_them(june):
    document = as_document(narrative_report(periods=[JUNE], as_of=AS_OF, made_at=AS_OF))
    items = [block for block in document.blocks if isinstance(block, Paragraph) and block.style == "item"]
    assert {block.level for block in items} == {0, 1, 2, 3}
    assert all(block.text.startswith(("- ", "+ ", "• ", "· ")[block.level]) for block in items)


def test_docx_of_the_report_holds_its_sentences_tables_and_signature(june):
    """The file a clerk signs: opened again, its body says the figures and its tables list the units."""
    letterhead = Letterhead(
        parent_body="UBND TỈNH KON TUM",
        issuing_body="VĂN PHÒNG",
        number_symbol="Số:       /BC-VP",
        place="Kon Tum",
        day=date(2019, 7, 3),
        document_type="BÁO CÁO",
        summary="Kết quả thực hiện nhiệm vụ UBND tỉnh, Chủ tịch UBND tỉnh giao trong tháng 6/2019",
    )
    document = as_document(
        narrative_report(periods=[JUNE, HALF_YEAR], as_of=AS_OF, made_at=LATER),
        letterhead=letterhead,
        signature=Signature("KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Nguyễn Văn A"),
        recipients=["Thường trực Tỉnh ủy (b/c)", "Lưu: VT, TH"],
    )
    docx = open_docx(io.BytesIO(writers.render(document, "docx")))
    paragraphs = [paragraph.text for paragraph in docx.paragraphs]
    assert "+ Số nhiệm vụ đã hoàn thành: 2/6 nhiệm vụ, chiếm 33%" in paragraphs
    assert "+ Tỷ lệ hoàn thành trên số nhiệm vụ đã đến hạn: 2/4 nhiệm vụ, đạt 50,00%" in paragraphs
    assert any("Dữ liệu trích xuất lúc 10h00 ngày 03/07/2019" in text for text in paragraphs)
    cells = [[cell.text for cell in row.cells] for table in docx.tables for row in table.rows]
    assert ["1", "Sở Tư pháp", "1"] in cells
    everything = "\n".join(paragraphs + [text for row in cells for text in row])
    assert "PHÓ CHÁNH VĂN PHÒNG" in everything and "Nguyễn Văn A" in everything


def test_the_catalogue_runs_the_month_and_its_period_to_date_corrected_only_when_asked(june):
    kind = REPORTS["narrative"]
    request = ReportRequest(period=Period.month(2019, 6, cutoff="calendar"), as_of=AS_OF, made_at=LATER)
    report = kind.run(request)
    assert [(p.date_from, p.date_to) for p in report.periods] == [JUNE, HALF_YEAR]
    assert not report.corrected
    corrected = kind.run(replace(request, options={"corrected": True}))
    assert corrected.corrected and kind.as_document(corrected).heading[-1] == (
        "(Số liệu đã hiệu chỉnh theo ngày hiệu lực)"
    )


def test_the_cli_gives_the_report_as_recorded_or_corrected_when_asked(june):
    """`nhiemvu report narrative`: made now, as of the seed's moment; --corrected counts the
    task completed on 28/06 (recorded on 05/07) as completed, and says so."""
    common = shlex.split("narrative --period 6/2019 --as-of 2019-07-03T10:00 --format json")
    as_recorded = json.loads(run_report(*common))
    corrected = json.loads(run_report(*common, "--corrected"))
    assert [p["to"] for p in as_recorded["periods"]] == ["2019-06-30", "2019-06-30"]
    assert as_recorded["corrected"] is False and corrected["corrected"] is True
    assert as_recorded["periods"][0]["totals"]["done_late"] == 1
    assert corrected["periods"][0]["totals"]["done_late"] == 2
    assert as_recorded["periods"][0]["completed_unrecorded"] == 1  # made now, after 05/07


def test_the_web_page_offers_the_corrected_option_and_the_page_says_so(client, june):
    client.force_login(june.desk)
    url = reverse("reports:report", args=[REPORTS["narrative"].slug])
    params = {"period": "6/2019", "as_of": "03/07/2019 10:00"}
    as_recorded = client.get(url, params).content.decode()
    corrected = client.get(url, {**params, "corrected": "on"}).content.decode()
    assert 'name="corrected"' in as_recorded
    assert "Số liệu đã hiệu chỉnh theo ngày hiệu lực" not in as_recorded
    assert "(Số liệu đã hiệu chỉnh theo ngày hiệu lực)" in corrected


def run_report(*args) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()
