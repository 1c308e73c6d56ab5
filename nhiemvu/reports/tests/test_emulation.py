"""Emulation figures (seed 001 §2): delays per unit and month, results recorded late at the
2-working-day boundary, and the ranking by on-time rate with its rule."""

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase
from openpyxl import load_workbook

from nhiemvu.dates import EARLIEST_DATE
from nhiemvu.reports import writers
from nhiemvu.reports.delays import late_result_records
from nhiemvu.reports.document import Paragraph
from nhiemvu.reports.emulation import emulation_report, overdue_by_unit
from nhiemvu.reports.emulation_document import as_data, as_document
from nhiemvu.reports.services import unit_report
from nhiemvu.tracking import services
from nhiemvu.workdays.deadlines import is_result_recorded_late
from nhiemvu.workdays.services import load_calendar
from tests.factories import UnitFactory, make_task, moment

pytestmark = pytest.mark.django_db


def task(unit, province, assigned_on, due_on=None):
    return make_task(lead_unit=unit, assigning_unit=province, assigned_on=assigned_on, due_on=due_on)


def complete(task, completed_on, recorded_on, hour=9):
    services.complete(
        task, by=None, at=moment(recorded_on, hour), completed_on=completed_on, result_document="Báo cáo"
    )


def late_records(first, last, as_of):
    """late_result_records per day: (unit id, day recorded) → count."""
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    columns = late_result_records(recorded_from=first, recorded_to=last, as_of=as_of, buckets=days)
    return {(unit_id, day): count for day, column in zip(days, columns) for unit_id, count in column.items()}


def test_result_recorded_2_working_days_after_a_friday_due_date_is_on_time_3_is_late_seed_001(cast):
    """Due Friday 14/06/2019: the weekend does not count, so Tuesday 18/06 is the last day."""
    province, unit = cast.province, cast.agriculture_department
    on_time, late = (task(unit, province, date(2019, 6, 3), date(2019, 6, 14)) for _ in range(2))
    complete(on_time, date(2019, 6, 14), date(2019, 6, 18), hour=17)
    complete(late, date(2019, 6, 14), date(2019, 6, 19), hour=8)
    assert late_records(date(2019, 6, 1), date(2019, 6, 30), moment(date(2019, 7, 3))) == {
        (unit.pk, date(2019, 6, 19)): 1
    }


def test_result_recorded_across_the_30_april_holidays_seed_001(cast):
    """Due Friday 26/04/2019; 29/04 (swapped), 30/04 and 01/05 are days off: the result is
    on time on Friday 03/05 and late on Monday 06/05."""
    calendar = load_calendar(2019, 2019)
    assert not any(calendar.is_working_day(date(2019, 4, d)) for d in (29, 30)) and not (
        calendar.is_working_day(date(2019, 5, 1))
    )
    province, unit = cast.province, cast.justice_department
    on_time, late = (task(unit, province, date(2019, 4, 1), date(2019, 4, 26)) for _ in range(2))
    complete(on_time, date(2019, 4, 26), date(2019, 5, 3), hour=16)
    complete(late, date(2019, 4, 26), date(2019, 5, 6), hour=8)
    assert late_records(date(2019, 4, 1), date(2019, 5, 31), moment(date(2019, 6, 1))) == {
        (unit.pk, date(2019, 5, 6)): 1
    }


def test_result_recorded_after_the_moment_is_not_yet_known(cast):
    late = task(cast.agriculture_department, cast.province, date(2019, 6, 3), date(2019, 6, 14))
    complete(late, date(2019, 6, 14), date(2019, 6, 25))
    assert late_records(date(2019, 6, 1), date(2019, 6, 30), moment(date(2019, 6, 24))) == {}
    assert late_records(date(2019, 6, 1), date(2019, 6, 30), moment(date(2019, 6, 25), 10)) == {
        (cast.agriculture_department.pk, date(2019, 6, 25)): 1
    }


def test_a_task_without_due_date_is_never_recorded_late(cast):
    free = task(cast.agriculture_department, cast.province, date(2019, 1, 3))
    complete(free, date(2019, 6, 14), date(2019, 6, 28))
    assert late_records(date(2019, 1, 1), date(2019, 12, 31), moment(date(2019, 12, 31))) == {}


def test_late_records_per_bucket_are_the_days_of_each_bucket_summed_seed_001(cast):
    """late_result_records: a report's months (or its whole period) counted in the database give
    what the per-day counts add up to; a first bucket after the first day is refused."""
    province, unit = cast.province, cast.agriculture_department
    for due, recorded in [
        (date(2019, 5, 10), date(2019, 5, 20)),
        (date(2019, 5, 10), date(2019, 5, 31)),
        (date(2019, 6, 3), date(2019, 6, 12)),
        (date(2019, 6, 3), date(2019, 6, 4)),  # on time
    ]:
        complete(task(unit, province, date(2019, 5, 2), due), due, recorded)
    first, last, at = date(2019, 5, 1), date(2019, 6, 30), moment(date(2019, 7, 1))
    per_day = late_records(first, last, at)
    assert sum(per_day.values()) == 3
    months = [date(2019, 5, 1), date(2019, 6, 1)]
    by_month = late_result_records(recorded_from=first, recorded_to=last, as_of=at, buckets=months)
    assert by_month == [{unit.pk: 2}, {unit.pk: 1}]
    whole = late_result_records(recorded_from=first, recorded_to=last, as_of=at, buckets=[first])
    assert whole == [{unit.pk: 3}]
    # A bucket after the last day (a month not begun) has nothing.
    later = late_result_records(
        recorded_from=first, recorded_to=last, as_of=at, buckets=[*months, date(2019, 7, 1)]
    )
    assert later == [{unit.pk: 2}, {unit.pk: 1}, {}]
    with pytest.raises(ValueError):
        late_result_records(recorded_from=first, recorded_to=last, as_of=at, buckets=[date(2019, 5, 2)])


@pytest.fixture
def delays(cast):
    province = cast.province
    # Sở NN: due 10/05, still open at the end of May and June, completed 05/07 and recorded then.
    overdue = task(cast.agriculture_department, province, date(2019, 5, 2), date(2019, 5, 10))
    complete(overdue, date(2019, 7, 5), date(2019, 7, 5))
    # Sở Tư pháp: completed on time on 12/06 but recorded on 19/06, after Tuesday 18/06.
    recorded_late = task(cast.justice_department, province, date(2019, 6, 3), date(2019, 6, 14))
    complete(recorded_late, date(2019, 6, 12), date(2019, 6, 19))
    # Sở Tài chính: due 20/05, completed 25/05 but recorded only on 10/06: overdue as known at
    # the end of May, completed late in May, recorded late in June.
    unrecorded = task(cast.finance_department, province, date(2019, 5, 2), date(2019, 5, 20))
    complete(unrecorded, date(2019, 5, 25), date(2019, 6, 10))
    return cast


def test_delays_per_unit_and_month_for_home_affairs_seed_001(delays):
    report = emulation_report(
        date_from=date(2019, 5, 1), date_to=date(2019, 7, 31), as_of=moment(date(2019, 8, 15))
    )
    figures = [
        (f"{m.month.number:02}", m.unit, m.overdue, m.completed_late, m.recorded_late) for m in report.months
    ]
    assert figures == [
        ("05", "Sở Nông nghiệp và Phát triển nông thôn", 1, 0, 0),
        ("05", "Sở Tài chính", 1, 1, 0),
        ("06", "Sở Nông nghiệp và Phát triển nông thôn", 1, 0, 0),
        ("06", "Sở Tài chính", 0, 0, 1),
        ("06", "Sở Tư pháp", 0, 0, 1),
        ("07", "Sở Nông nghiệp và Phát triển nông thôn", 0, 1, 1),
    ]


def test_the_month_rows_read_alike_by_iteration_index_and_slice(delays):
    """report.months holds its rows as columns per month: each way of reading it gives the
    same rows, a month where every unit listed has a delay and one where some have none."""
    report = emulation_report(
        date_from=date(2019, 5, 1), date_to=date(2019, 7, 31), as_of=moment(date(2019, 8, 15))
    )
    rows = list(report.months)
    assert len(report.months) == len(rows) == 6
    assert [report.months[index] for index in range(-6, 6)] == rows + rows
    assert report.months[1:4] == rows[1:4] and report.months == rows and report.months != rows[:5]
    with pytest.raises(IndexError):
        report.months[6]
    with pytest.raises(IndexError):
        report.months[-7]
    assert rows[1][1:2] + rows[1][3:] == ("Sở Tài chính", 1, 1, 0)
    # Before the period: no row, equal to an empty list.
    before = emulation_report(
        date_from=date(2019, 5, 1), date_to=date(2019, 7, 31), as_of=moment(date(2019, 4, 30))
    )
    assert before.months == [] and not before.months and len(before.months) == 0


def test_months_not_begun_at_the_moment_are_left_out_and_the_current_one_taken_then(delays):
    report = emulation_report(
        date_from=date(2019, 5, 1), date_to=date(2019, 12, 31), as_of=moment(date(2019, 6, 15))
    )
    assert {m.month.label for m in report.months} == {"tháng 5/2019", "tháng 6/2019"}
    june = {m.unit: m for m in report.months if m.month.number == 6}
    # On 15/06 Sở Tư pháp's task due 14/06 is overdue: its result, recorded on 19/06, is not
    # known yet; Sở Tài chính's, recorded on 10/06, is (late).
    assert {unit: (m.overdue, m.completed_late, m.recorded_late) for unit, m in june.items()} == {
        "Sở Nông nghiệp và Phát triển nông thôn": (1, 0, 0),
        "Sở Tài chính": (0, 0, 1),
        "Sở Tư pháp": (1, 0, 0),
    }


@pytest.fixture
def year(cast):
    province, jan = cast.province, date(2019, 1, 7)
    for _ in range(2):
        complete(
            task(cast.justice_department, province, jan, date(2019, 2, 1)),
            date(2019, 1, 30),
            date(2019, 1, 30),
        )
    complete(
        task(cast.agriculture_department, province, jan, date(2019, 2, 1)),
        date(2019, 1, 30),
        date(2019, 1, 30),
    )
    task(cast.agriculture_department, province, jan, date(2019, 3, 1))
    for _ in range(2):
        complete(
            task(cast.finance_department, province, jan, date(2019, 2, 1)), date(2019, 2, 1), date(2019, 2, 1)
        )
    complete(
        task(cast.finance_department, province, jan, date(2019, 2, 1)), date(2019, 2, 4), date(2019, 2, 4)
    )
    task(cast.finance_department, province, jan, date(2019, 3, 1))
    task(cast.forestry, province, jan, date(2019, 3, 1))
    task(cast.district, province, jan)  # no due date: nothing has come due
    return cast


def test_yearly_ranking_by_on_time_rate_ties_share_a_rank(year):
    report = emulation_report(
        date_from=date(2019, 1, 1), date_to=date(2019, 12, 31), as_of=moment(date(2019, 12, 31))
    )
    assert [(r.rank, r.unit, r.come_due, r.rate) for r in report.ranking] == [
        (1, "Sở Tư pháp", 2, Decimal("100.00")),
        (2, "Sở Tài chính", 4, Decimal("50.00")),  # 2/4, as Sở NN's 1/2: same rank, more come due first
        (2, "Sở Nông nghiệp và Phát triển nông thôn", 2, Decimal("50.00")),
        (4, "Chi cục Kiểm lâm", 1, Decimal("0.00")),
        (None, "UBND huyện Đắk Hà", 0, None),
    ]
    assert as_data(report)["ranking"][1]["rate"] == "50.00"


def test_document_states_the_rule_and_the_figures(year, delays):
    report = emulation_report(
        date_from=date(2019, 1, 1), date_to=date(2019, 12, 31), as_of=moment(date(2019, 8, 15))
    )
    document = as_document(report)
    monthly, ranked = document.tables()
    notes = [block.text for block in document.blocks if isinstance(block, Paragraph)]
    assert document.extraction == "Dữ liệu trích xuất lúc 09h00 ngày 15/08/2019"
    assert any(
        text.startswith("Xếp hạng theo tỷ lệ hoàn thành đúng hạn: số nhiệm vụ hoàn thành đúng hạn")
        for text in notes
    )
    assert any("đồng hạng" in text and "không xếp hạng" in text for text in notes)
    assert any("Công văn số 1196/UBND-TH" in text for text in notes)
    groups = [row.cells[0] for row in monthly.rows if row.role == "group"]
    assert groups[:2] == ["Tháng 2/2019", "Tháng 3/2019"]
    assert ["Sở Tư pháp", 0, 0, 1] in [row.cells[1:] for row in monthly.rows]
    assert ranked.rows[0].cells[:2] == [1, "Sở Tư pháp"] and ranked.columns[-1].kind == "percent"


def test_document_renders_in_english_from_the_same_msgids(year):
    report = emulation_report(
        date_from=date(2019, 1, 1), date_to=date(2019, 12, 31), as_of=moment(date(2019, 12, 31))
    )
    with translation.override("en"):
        document = as_document(report)
    assert document.heading[0] == "FIGURES FOR THE EMULATION SCORING"
    assert document.tables()[1].columns[-1].title == "On-time rate"


def test_xlsx_of_the_ranking_keeps_the_rates_as_stated(year):
    report = emulation_report(
        date_from=date(2019, 1, 1), date_to=date(2019, 12, 31), as_of=moment(date(2019, 12, 31))
    )
    sheet = load_workbook(io.BytesIO(writers.render(as_document(report), "xlsx"))).active
    rows = [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert [1, "Sở Tư pháp", 2, 2, 0, 0, 100] in rows
    assert [2, "Sở Tài chính", 4, 2, 1, 1, 50] in rows
    assert [None, "UBND huyện Đắk Hà", 0, 0, 0, 0, None] in rows


def test_months_follow_the_decree_09_cut_off_when_the_deployment_sets_it(delays, settings):
    """Decree 09/2019/NĐ-CP art. 12.1: month 6 runs from 15/05 to 14/06, so Sở Tư pháp's result
    recorded on 19/06 is month 7's delay, and Sở Tài chính's completion of 25/05 month 6's."""
    settings.REPORT_PERIOD_CUTOFF = "decree09"
    report = emulation_report(
        date_from=date(2019, 4, 15), date_to=date(2019, 7, 14), as_of=moment(date(2019, 8, 15))
    )
    figures = {
        (m.month.number, m.unit): (m.overdue, m.completed_late, m.recorded_late) for m in report.months
    }
    agriculture = "Sở Nông nghiệp và Phát triển nông thôn"
    assert figures == {
        (5, agriculture): (1, 0, 0),
        (6, agriculture): (1, 0, 0),
        (6, "Sở Tài chính"): (0, 1, 1),
        (7, agriculture): (0, 1, 1),
        (7, "Sở Tư pháp"): (0, 0, 1),
    }
    assert as_data(report)["months"][0]["month"]["from"] == "2019-04-15"


def test_the_same_moment_gives_the_same_figures_whatever_is_recorded_since(delays, cast):
    def run():
        return as_data(
            emulation_report(
                date_from=date(2019, 5, 1), date_to=date(2019, 7, 31), as_of=moment(date(2019, 7, 20))
            )
        )

    before = run()
    # A task of May entered on 25/07, completed late (on 01/06) and recorded then.
    late = make_task(
        lead_unit=cast.justice_department,
        assigning_unit=cast.province,
        assigned_on=date(2019, 5, 2),
        due_on=date(2019, 5, 10),
        at=moment(date(2019, 7, 25), 8),
    )
    complete(late, date(2019, 6, 1), date(2019, 7, 25))
    assert run() == before
    assert (
        emulation_report(
            date_from=date(2019, 5, 1), date_to=date(2019, 7, 31), as_of=moment(date(2019, 7, 26))
        ).months
        != emulation_report(
            date_from=date(2019, 5, 1), date_to=date(2019, 7, 31), as_of=moment(date(2019, 7, 20))
        ).months
    )


def test_scope_limits_the_units(delays, cast):
    report = emulation_report(
        date_from=date(2019, 5, 1),
        date_to=date(2019, 7, 31),
        as_of=moment(date(2019, 8, 15)),
        lead_units=[cast.justice_department],
    )
    assert {m.unit for m in report.months} == {"Sở Tư pháp"}
    assert [r.unit for r in report.ranking] == ["Sở Tư pháp"]


def test_overdue_by_unit_agrees_with_the_per_unit_report_at_every_moment(delays, cast):
    """The month's overdue figure is unit_report's "open_overdue" over all time, read another
    way: they agree before and after a reassignment, an extension and the late records."""
    moved = task(cast.agriculture_department, cast.province, date(2019, 4, 1), date(2019, 4, 30))
    services.reassign(moved, by=None, at=moment(date(2019, 6, 3)), to_unit=cast.finance_department)
    services.request_extension(
        moved, by=None, at=moment(date(2019, 6, 4)), proposed=date(2019, 8, 30), reason="Chờ vốn"
    )
    services.decide_extension(moved, by=None, at=moment(date(2019, 6, 20)), approve=True)
    days = [date(2019, 5, 1), date(2019, 5, 31), date(2019, 6, 3), date(2019, 6, 15), date(2019, 7, 1)]
    moments = [moment(day, 23, 59) for day in days]
    expected = []
    for day, at in zip(days, moments, strict=True):
        report = unit_report(date_from=EARLIEST_DATE, date_to=day, as_of=at)
        expected.append({row.unit_id: row.open_overdue for row in report.rows if row.open_overdue})
    assert overdue_by_unit(moments=moments) == expected
    assert overdue_by_unit(moments=moments[2:3]) == expected[2:3]
    # Each moment's column whatever the order the moments come in (the events are read in
    # slices between consecutive moments).
    assert overdue_by_unit(moments=moments[::-1]) == expected[::-1]
    assert overdue_by_unit(moments=[moments[1], moments[4]]) == [expected[1], expected[4]]
    assert any(len(by_unit) > 1 for by_unit in expected)


class LateRecordsAgreeWithTheDeadlineRule(HypothesisTestCase):
    """The SQL of late_result_records and the pure rule (workdays.deadlines) agree on random
    due dates and recording moments around Tết and 30/4–1/5 2019, at the day's edges."""

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        records=st.lists(
            st.tuples(st.integers(0, 130), st.integers(0, 12), st.sampled_from([(0, 0), (8, 0), (23, 59)])),
            min_size=1,
            max_size=6,
        )
    )
    def test_each_record_is_late_exactly_when_the_rule_says(self, records):
        start, end = date(2019, 1, 2), date(2019, 6, 30)
        province = UnitFactory(kind="province")
        unit = UnitFactory(parent=province)
        calendar = load_calendar(2018, 2020)
        expected: dict = {}
        for due_offset, delay, (hour, minute) in records:
            due = start + timedelta(days=due_offset)
            recorded_on = due + timedelta(days=delay)
            assigned = make_task(
                lead_unit=unit, assigning_unit=province, assigned_on=start, due_on=due, at=moment(start, 0)
            )
            services.complete(
                assigned,
                by=None,
                at=moment(recorded_on, hour, minute),
                completed_on=min(due, recorded_on),
                result_document="Báo cáo",
            )
            if recorded_on <= end and is_result_recorded_late(due, recorded_on, calendar):
                expected[(unit.pk, recorded_on)] = expected.get((unit.pk, recorded_on), 0) + 1
        got = late_records(start, end, moment(date(2019, 12, 31)))
        assert got == expected
