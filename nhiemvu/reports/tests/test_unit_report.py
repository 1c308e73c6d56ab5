"""The per-unit report (seed 000 appendix 02) as of a moment, at its boundaries."""

from datetime import date, timedelta

import pytest

from nhiemvu.reports.services import unit_report
from nhiemvu.tracking import services
from nhiemvu.units import services as unit_services
from tests.factories import UnitFactory, make_task, moment

pytestmark = pytest.mark.django_db

YEAR_START, YEAR_END = date(2018, 1, 1), date(2018, 12, 31)
DUE = date(2018, 5, 12)


@pytest.fixture
def department(province):
    return UnitFactory(name="Sở Tư pháp", parent=province)


def counts_as_of(when, **kwargs):
    report = unit_report(date_from=YEAR_START, date_to=YEAR_END, as_of=when, **kwargs)
    return {row.unit: row.as_dict() for row in report.rows}, report.totals.as_dict()


def only_row(when, **kwargs):
    rows, _ = counts_as_of(when, **kwargs)
    assert len(rows) == 1, rows
    return next(iter(rows.values()))


def test_task_due_today_is_open_within_deadline(province, department):
    make_task(lead_unit=department, assigning_unit=province, assigned_on=date(2018, 5, 2), due_on=DUE)
    assert only_row(moment(DUE, 23, 59))["open_not_due"] == 1
    assert only_row(moment(DUE + timedelta(days=1), 0, 1))["open_overdue"] == 1


def test_completed_on_the_due_date_is_on_time(province, department):
    task = make_task(lead_unit=department, assigning_unit=province, assigned_on=date(2018, 5, 2), due_on=DUE)
    services.complete(
        task, by=None, at=moment(DUE, 16), completed_on=DUE, result_document="Báo cáo 141/BC-STP"
    )
    assert only_row(moment(date(2018, 12, 27), 15, 30))["done_on_time"] == 1


def test_completed_on_time_but_recorded_late_shows_overdue_until_recorded_seed_002(province, department):
    """Seed 002 2.2: completed but not updated shows as overdue; once recorded, on time."""
    task = make_task(lead_unit=department, assigning_unit=province, assigned_on=date(2018, 5, 2), due_on=DUE)
    services.complete(
        task, by=None, at=moment(date(2018, 5, 20)), completed_on=date(2018, 5, 10), result_document="BC"
    )
    assert only_row(moment(date(2018, 5, 15)))["open_overdue"] == 1
    assert only_row(moment(date(2018, 5, 21)))["done_on_time"] == 1


def test_extension_approved_after_the_moment_is_not_applied(province, department):
    task = make_task(lead_unit=department, assigning_unit=province, assigned_on=date(2018, 5, 2), due_on=DUE)
    services.request_extension(
        task, by=None, at=moment(date(2018, 5, 10)), proposed=date(2018, 6, 30), reason="Chờ Bộ hướng dẫn"
    )
    services.decide_extension(task, by=None, at=moment(date(2018, 5, 16)), approve=True)
    assert only_row(moment(date(2018, 5, 15)))["open_overdue"] == 1
    assert only_row(moment(date(2018, 5, 16), 10))["open_not_due"] == 1


def test_completed_after_approved_extension_is_judged_against_the_new_due_date(province, department):
    task = make_task(lead_unit=department, assigning_unit=province, assigned_on=date(2018, 5, 2), due_on=DUE)
    services.request_extension(
        task, by=None, at=moment(date(2018, 5, 10)), proposed=date(2018, 6, 30), reason="Chờ ý kiến"
    )
    services.decide_extension(
        task, by=None, at=moment(date(2018, 5, 11)), approve=True, new_due=date(2018, 6, 15)
    )
    services.complete(
        task, by=None, at=moment(date(2018, 6, 20)), completed_on=date(2018, 6, 14), result_document="KH"
    )
    assert only_row(moment(date(2018, 12, 27)))["done_on_time"] == 1


def test_tasks_assigned_or_recorded_after_the_moment_are_not_counted(province, department):
    make_task(
        lead_unit=department,
        assigning_unit=province,
        assigned_on=date(2018, 12, 28),
        due_on=date(2018, 12, 31),
    )
    # Assigned on 20/12 but entered into the system only on 28/12.
    make_task(
        lead_unit=department,
        assigning_unit=province,
        assigned_on=date(2018, 12, 20),
        at=moment(date(2018, 12, 28)),
    )
    rows, totals = counts_as_of(moment(date(2018, 12, 27), 15, 30))
    assert rows == {} and totals["total"] == 0
    assert only_row(moment(date(2018, 12, 28), 17))["total"] == 2


def test_period_includes_both_ends_and_nothing_outside(province, department):
    for day in (date(2017, 12, 31), YEAR_START, YEAR_END, date(2019, 1, 1)):
        make_task(lead_unit=department, assigning_unit=province, assigned_on=day)
    assert only_row(moment(date(2019, 2, 1)))["total"] == 2


def test_cancelled_and_returned_tasks_count_against_no_unit(province, department):
    cancelled = make_task(
        lead_unit=department, assigning_unit=province, assigned_on=date(2018, 3, 1), due_on=DUE
    )
    returned = make_task(
        lead_unit=department, assigning_unit=province, assigned_on=date(2018, 3, 1), due_on=DUE
    )
    make_task(lead_unit=department, assigning_unit=province, assigned_on=date(2018, 3, 1))
    services.cancel(cancelled, by=None, at=moment(date(2018, 3, 5)), reason="Văn bản bị thay thế")
    services.return_task(returned, by=None, at=moment(date(2018, 3, 5)), reason="Không thuộc chức năng")
    assert only_row(moment(date(2018, 3, 4)))["total"] == 3
    assert only_row(moment(date(2018, 3, 6)))["total"] == 1
    other = UnitFactory(name="Sở Nội vụ", parent=province)
    services.reassign(returned, by=None, at=moment(date(2018, 3, 7)), to_unit=other)
    rows, totals = counts_as_of(moment(date(2018, 3, 8)))
    assert rows["Sở Nội vụ"]["open_not_due"] == 1 and totals["total"] == 2


def test_report_of_a_past_moment_gives_the_same_figures_when_run_again_later(province, department):
    """Domain.md: a report already sent can always be reproduced."""
    tasks = [
        make_task(lead_unit=department, assigning_unit=province, assigned_on=date(2018, 5, 2), due_on=DUE)
        for _ in range(3)
    ]
    sent = counts_as_of(moment(date(2018, 12, 27), 15, 30))
    services.complete(
        tasks[0], by=None, at=moment(date(2018, 12, 28)), completed_on=date(2018, 5, 10), result_document="BC"
    )
    services.accept(tasks[1], by=None, at=moment(date(2019, 1, 3)))
    services.cancel(tasks[2], by=None, at=moment(date(2019, 1, 4)), reason="Không còn phù hợp")
    assert counts_as_of(moment(date(2018, 12, 27), 15, 30)) == sent
    assert counts_as_of(moment(date(2019, 2, 1)))[1]["done_on_time"] == 1


def test_reassigned_task_counts_for_the_unit_that_led_it_at_the_moment(province, department):
    task = make_task(lead_unit=department, assigning_unit=province, assigned_on=date(2018, 5, 2))
    other = UnitFactory(name="Sở Xây dựng", parent=province)
    services.reassign(task, by=None, at=moment(date(2018, 6, 1)), to_unit=other)
    assert counts_as_of(moment(date(2018, 5, 31)))[0].keys() == {"Sở Tư pháp"}
    assert counts_as_of(moment(date(2018, 6, 2)))[0].keys() == {"Sở Xây dựng"}


def test_rows_can_be_limited_to_a_scope_of_lead_units(province, department):
    other = UnitFactory(name="Sở Y tế", parent=province)
    make_task(lead_unit=department, assigning_unit=province, assigned_on=date(2018, 5, 2))
    make_task(lead_unit=other, assigning_unit=province, assigned_on=date(2018, 5, 2))
    rows, totals = counts_as_of(moment(date(2018, 6, 1)), lead_units=[other.pk])
    assert rows.keys() == {"Sở Y tế"} and totals["total"] == 1


def test_renamed_unit_shows_the_name_it_had_in_the_period_of_the_report(province, department):
    """Domain.md: a report for 2018 must still show the 2018 units, whenever it is run."""
    make_task(lead_unit=department, assigning_unit=province, assigned_on=date(2018, 5, 2))
    unit_services.rename_unit(
        unit=department, new_name="Sở Tư pháp tỉnh Quảng Ngãi", on=date(2025, 7, 1), by=None
    )
    assert counts_as_of(moment(date(2026, 1, 5)))[0].keys() == {"Sở Tư pháp"}
    report = unit_report(date_from=YEAR_START, date_to=date(2025, 12, 31), as_of=moment(date(2025, 6, 30)))
    assert [row.unit for row in report.rows] == ["Sở Tư pháp"]
    report = unit_report(date_from=YEAR_START, date_to=date(2025, 12, 31), as_of=moment(date(2025, 7, 2)))
    assert [row.unit for row in report.rows] == ["Sở Tư pháp tỉnh Quảng Ngãi"]


def test_rows_come_in_tree_order_siblings_by_sort_order(province):
    late, early = (
        UnitFactory(name="A sau", parent=province, sort_order=2),
        UnitFactory(name="B trước", parent=province, sort_order=1),
    )
    child = UnitFactory(name="0 phòng", parent=late, sort_order=0)
    for unit in (child, late, early):
        make_task(lead_unit=unit, assigning_unit=province, assigned_on=date(2018, 5, 2))
    assert list(counts_as_of(moment(date(2018, 6, 1)))[0]) == ["B trước", "A sau", "0 phòng"]


def test_totals_add_up(province, department):
    other = UnitFactory(name="Sở Tài chính", parent=province)
    for unit, due in ((department, DUE), (department, None), (other, DUE), (other, date(2018, 12, 31))):
        make_task(lead_unit=unit, assigning_unit=province, assigned_on=date(2018, 5, 2), due_on=due)
    report = unit_report(date_from=YEAR_START, date_to=YEAR_END, as_of=moment(date(2018, 6, 1)))
    for column in ("total", "done_on_time", "done_late", "open_not_due", "open_no_deadline", "open_overdue"):
        assert getattr(report.totals, column) == sum(getattr(row, column) for row in report.rows)
    for row in report.rows:
        assert (
            row.total
            == row.done_on_time + row.done_late + row.open_not_due + row.open_no_deadline + row.open_overdue
        )
    assert report.totals.as_dict() == {
        "total": 4,
        "done_on_time": 0,
        "done_late": 0,
        "open_not_due": 1,
        "open_no_deadline": 1,
        "open_overdue": 2,
    }
