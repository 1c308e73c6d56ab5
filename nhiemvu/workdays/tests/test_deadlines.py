"""Deadlines of the regulations, with the 2025-2026 calendar of holidays 0.109 and the shipped
official days (official_days.py)."""

from datetime import date

from nhiemvu.workdays.calendar import build_calendar
from nhiemvu.workdays.deadlines import (
    classification_deadline,
    inspection_report_deadline,
    is_result_recorded_late,
    monthly_update_deadline,
    result_record_deadline,
)
from nhiemvu.workdays.official_days import official_pairs

CAL = build_calendar(range(2025, 2027), official=official_pairs())


def test_classification_within_1_working_day_seed003_art_6_1_b_seed004_art_6_1_b():
    assert classification_deadline(date(2025, 3, 12), False, CAL) == date(2025, 3, 13)
    assert classification_deadline(date(2025, 3, 14), False, CAL) == date(2025, 3, 17)  # Friday -> Monday


def test_classification_within_2_working_days_when_many_units_seed003_art_6_1_b():
    assert classification_deadline(date(2025, 3, 14), True, CAL) == date(2025, 3, 18)


def test_classification_of_a_directive_received_before_tet_seed003_art_6_1_b():
    assert classification_deadline(date(2025, 1, 24), False, CAL) == date(2025, 2, 3)
    assert classification_deadline(date(2025, 1, 24), True, CAL) == date(2025, 2, 4)


def test_result_due_friday_is_recorded_by_tuesday_seed001_seed003_art_6_3_b():
    assert result_record_deadline(date(2025, 3, 14), CAL) == date(2025, 3, 18)


def test_result_due_before_30_april_holidays_is_recorded_by_6_may_seed001_seed003_art_6_3_b():
    # 30/4, 1/5 and 2/5/2025 are off, then a weekend: Monday 5/5 is the 1st working day.
    assert result_record_deadline(date(2025, 4, 29), CAL) == date(2025, 5, 6)


def test_result_due_before_tet_2026_is_recorded_by_24_february_seed001_seed003_art_6_3_b():
    assert result_record_deadline(date(2026, 2, 13), CAL) == date(2026, 2, 24)


def test_result_recorded_on_the_2nd_working_day_is_on_time_seed001_seed003_art_6_3_b():
    assert not is_result_recorded_late(date(2025, 3, 14), date(2025, 3, 14), CAL)
    assert not is_result_recorded_late(date(2025, 3, 14), date(2025, 3, 18), CAL)


def test_result_recorded_after_the_2nd_working_day_is_late_seed001_seed003_art_6_3_b():
    assert is_result_recorded_late(date(2025, 3, 14), date(2025, 3, 19), CAL)


def test_result_recorded_during_holidays_after_the_due_date_is_on_time_seed001_seed003_art_6_3_b():
    assert not is_result_recorded_late(date(2025, 4, 29), date(2025, 5, 5), CAL)


def test_units_update_their_tasks_by_the_19th_seed003_art_20_1():
    assert monthly_update_deadline(2025, 2) == date(2025, 2, 19)
    assert monthly_update_deadline(2026, 4) == date(2026, 4, 19)  # a Sunday: not moved


def test_inspection_report_5_working_days_after_the_inspection_seed003_art_16_2():
    assert inspection_report_deadline(date(2025, 3, 10), CAL) == date(2025, 3, 17)


def test_inspection_report_deadline_skips_hung_kings_and_30_april_2026_seed003_art_16_2():
    # Friday 24/4, Tuesday 28/4, Wednesday 29/4, Monday 4/5, Tuesday 5/5.
    assert inspection_report_deadline(date(2026, 4, 23), CAL) == date(2026, 5, 5)


def test_classification_of_a_directive_received_on_31_december_2025_seed003_art_6_1_b_12729_VPCP_KGVX():
    # 1/1/2026 is a holiday and Friday 2/1/2026 swapped off: 1 working day later is Monday 5/1.
    assert classification_deadline(date(2025, 12, 31), False, CAL) == date(2026, 1, 5)
    assert classification_deadline(date(2025, 12, 31), True, CAL) == date(2026, 1, 6)


def test_classification_on_the_make_up_saturday_10_january_2026_seed003_art_6_1_b_12729_VPCP_KGVX():
    assert classification_deadline(date(2026, 1, 9), False, CAL) == date(2026, 1, 10)
    assert classification_deadline(date(2026, 1, 10), False, CAL) == date(2026, 1, 12)


def test_result_due_30_december_2025_is_recorded_by_5_january_2026_seed001_seed003_art_6_3_b_12729_VPCP_KGVX():
    assert result_record_deadline(date(2025, 12, 30), CAL) == date(2026, 1, 5)
    assert not is_result_recorded_late(date(2025, 12, 30), date(2026, 1, 5), CAL)
    assert is_result_recorded_late(date(2025, 12, 30), date(2026, 1, 6), CAL)


def test_result_due_before_national_day_2026_counts_saturday_22_august_seed003_art_6_3_b_9441_TB_BNV():
    # Friday 21/8 + 2: Saturday 22/8 (worked) and Monday 24/8.
    assert result_record_deadline(date(2026, 8, 21), CAL) == date(2026, 8, 24)
    # Friday 28/8 + 2: 31/8, 1/9 and 2/9 are off, so Thursday 3/9 and Friday 4/9.
    assert result_record_deadline(date(2026, 8, 28), CAL) == date(2026, 9, 4)


def test_inspection_ending_before_national_day_2026_reports_by_9_september_seed003_art_16_2_9441_TB_BNV():
    assert inspection_report_deadline(date(2026, 8, 28), CAL) == date(2026, 9, 9)
