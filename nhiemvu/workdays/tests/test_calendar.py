"""The working-day calendar, checked against known official days off (holidays 0.109 plus the
shipped official days, official_days.py; docs/calendar.md lists every source).

Sources: Labour Code 2019 art. 112 (the holidays) and art. 111.3 (a compensation day when a
holiday falls on a weekly rest day); Announcement 6150/TB-BLĐTBXH (Tết 2025 for officials,
Sat 25/1 to Sun 2/2, and 2/5/2025 off in exchange for Sat 26/4); Công văn 2450/VPCP-KGVX
(29/4/2024 off for Sat 4/5); Công văn 12729/VPCP-KGVX (2/1/2026 off for Sat 10/1);
Notice 9441/TB-BNV (Tết 2026; 31/8/2026 off for Sat 22/8); Politburo Resolution 80-NQ/TW
(24/11 Vietnamese Culture Day, a paid day off from 2026: not yet verified in a law).
"""

import time
from datetime import date

import pytest

from nhiemvu.workdays.calendar import WorkCalendar, build_calendar
from nhiemvu.workdays.official_days import official_pairs

CAL = build_calendar(range(2024, 2028), official=official_pairs())


def worked(*days: date) -> list[bool]:
    return [CAL.is_working_day(day) for day in days]


def test_weekdays_are_worked_and_weekends_are_not():
    assert CAL.is_working_day(date(2025, 3, 14))  # Friday
    assert not CAL.is_working_day(date(2025, 3, 15))  # Saturday
    assert not CAL.is_working_day(date(2025, 3, 16))  # Sunday


def test_new_year_day_is_off_labour_code_art_112():
    assert not CAL.is_working_day(date(2025, 1, 1))
    assert not CAL.is_working_day(date(2026, 1, 1))


def test_friday_2_january_2026_is_a_day_off_12729_VPCP_KGVX():
    assert not CAL.is_working_day(date(2026, 1, 2))
    assert CAL.is_working_day(date(2026, 1, 5))  # Monday after the 4-day break


def test_saturday_10_january_2026_is_worked_12729_VPCP_KGVX():
    assert CAL.is_working_day(date(2026, 1, 10))
    assert date(2026, 1, 10) in CAL.makeup_days
    assert not CAL.is_working_day(date(2026, 1, 11))  # the Sunday stays off


def test_tet_2025_weekdays_27_to_31_january_are_off_announcement_6150_tb_ldtbxh():
    assert CAL.is_working_day(date(2025, 1, 24))  # Friday before the break
    assert worked(*(date(2025, 1, d) for d in range(27, 32))) == [False] * 5
    assert CAL.is_working_day(date(2025, 2, 3))  # Monday after Sunday 2/2


def test_tet_2026_weekdays_16_to_20_february_are_off_9441_TB_BNV():
    assert CAL.is_working_day(date(2026, 2, 13))
    assert worked(*(date(2026, 2, d) for d in range(16, 21))) == [False] * 5
    assert CAL.is_working_day(date(2026, 2, 23))


def test_hung_kings_day_10_3_lunar_2025_is_monday_7_april_labour_code_art_112():
    assert not CAL.is_working_day(date(2025, 4, 7))
    assert CAL.is_working_day(date(2025, 4, 8))


def test_hung_kings_day_2026_falls_on_sunday_26_april_so_monday_27_is_compensated_art_112_3():
    assert not CAL.is_working_day(date(2026, 4, 26))
    assert not CAL.is_working_day(date(2026, 4, 27))
    assert CAL.is_working_day(date(2026, 4, 28))


def test_30_april_and_1_may_are_off_labour_code_art_112():
    assert worked(date(2025, 4, 30), date(2025, 5, 1), date(2026, 4, 30), date(2026, 5, 1)) == [False] * 4


def test_2025_swap_2_may_off_for_saturday_26_april_worked_announcement_6150_TB_BLDTBXH():
    assert not CAL.is_working_day(date(2025, 5, 2))
    assert CAL.is_working_day(date(2025, 4, 26))
    assert date(2025, 4, 26) in CAL.makeup_days


def test_2024_swap_29_april_off_for_saturday_4_may_worked_2450_VPCP_KGVX():
    assert not CAL.is_working_day(date(2024, 4, 29))
    assert CAL.is_working_day(date(2024, 5, 4))


def test_national_day_2_september_and_the_extra_day_labour_code_art_112_1_d():
    # 2025: Tuesday 2/9 and the day before; 2026: Wednesday 2/9 and the day before.
    assert worked(date(2025, 9, 1), date(2025, 9, 2), date(2026, 9, 1), date(2026, 9, 2)) == [False] * 4
    assert CAL.is_working_day(date(2025, 9, 3))


def test_2026_swap_31_august_off_for_saturday_22_august_worked_9441_TB_BNV():
    assert not CAL.is_working_day(date(2026, 8, 31))
    assert CAL.is_working_day(date(2026, 8, 22))


def test_vietnamese_culture_day_24_november_is_off_from_2026_resolution_80_nq_tw():
    # Unverified: no law amending Labour Code art. 112 was found (docs/calendar.md).
    assert not CAL.is_working_day(date(2026, 11, 24))
    assert CAL.is_working_day(date(2025, 11, 24))


def test_add_working_days_does_not_count_the_start_and_zero_returns_the_start():
    assert CAL.add_working_days(date(2025, 3, 12), 1) == date(2025, 3, 13)
    assert CAL.add_working_days(date(2025, 3, 15), 0) == date(2025, 3, 15)  # Saturday stays
    assert CAL.add_working_days(date(2025, 3, 15), 1) == date(2025, 3, 17)  # Saturday -> Monday


def test_add_working_days_skips_tet_2025():
    assert CAL.add_working_days(date(2025, 1, 24), 1) == date(2025, 2, 3)
    assert CAL.add_working_days(date(2025, 1, 23), 5) == date(2025, 2, 6)


def test_add_working_days_counts_the_make_up_saturday():
    # Friday 25/4/2025 + 1 is Saturday 26/4 (worked); + 2 skips 30/4, 1/5, 2/5 to Monday 5/5.
    assert CAL.add_working_days(date(2025, 4, 25), 1) == date(2025, 4, 26)
    assert CAL.add_working_days(date(2025, 4, 25), 4) == date(2025, 5, 5)


def test_add_working_days_crosses_new_year_inside_the_calendar_12729_VPCP_KGVX():
    # 1/1/2026 (holiday) and 2/1/2026 (swapped) are off: the 1st working day is Monday 5/1.
    assert CAL.add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 5)
    # Friday 9/1 + 1 is the make-up Saturday 10/1, + 2 the Monday 12/1.
    assert CAL.add_working_days(date(2026, 1, 9), 1) == date(2026, 1, 10)
    assert CAL.add_working_days(date(2026, 1, 9), 2) == date(2026, 1, 12)


def test_add_working_days_rejects_a_negative_count():
    with pytest.raises(ValueError, match="count"):
        CAL.add_working_days(date(2025, 3, 12), -1)


def test_count_working_days_counts_days_after_start_up_to_end():
    assert CAL.count_working_days(date(2025, 3, 10), date(2025, 3, 14)) == 4
    assert CAL.count_working_days(date(2025, 3, 14), date(2025, 3, 14)) == 0
    assert CAL.count_working_days(date(2025, 3, 14), date(2025, 3, 10)) == 0


def test_count_working_days_of_months_with_tet():
    assert CAL.count_working_days(date(2024, 12, 31), date(2025, 1, 31)) == 17  # 23 weekdays - 1/1 - 5 Tết
    assert CAL.count_working_days(date(2026, 1, 31), date(2026, 2, 28)) == 15  # 20 weekdays - 5 Tết
    # 22 weekdays - 1/1 - 2/1 + Saturday 10/1 (12729/VPCP-KGVX).
    assert CAL.count_working_days(date(2025, 12, 31), date(2026, 1, 31)) == 21


def test_count_working_days_of_whole_years():
    # 2025: 261 weekdays - 12 weekday holidays + Saturday 26/4.
    assert CAL.count_working_days(date(2024, 12, 31), date(2025, 12, 31)) == 250
    # 2026: 261 weekdays - 14 (incl. 2/1, 27/4, 31/8, 24/11) + Saturdays 10/1 and 22/8.
    assert CAL.count_working_days(date(2025, 12, 31), date(2026, 12, 31)) == 249


def test_count_and_add_agree():
    start = date(2025, 1, 2)
    for count in (1, 17, 100, 250):
        assert CAL.count_working_days(start, CAL.add_working_days(start, count)) == count


def test_days_outside_the_calendar_raise_a_clear_error():
    with pytest.raises(ValueError, match="outside the working-day calendar"):
        CAL.is_working_day(date(2028, 1, 3))
    with pytest.raises(ValueError, match="outside the working-day calendar"):
        CAL.add_working_days(date(2023, 12, 29), 1)
    with pytest.raises(ValueError, match="covers 2028"):
        CAL.add_working_days(date(2027, 12, 29), 5)
    with pytest.raises(ValueError, match="outside the working-day calendar"):
        CAL.count_working_days(date(2027, 12, 1), date(2028, 1, 5))


def test_build_calendar_covers_every_year_between_the_first_and_the_last():
    cal = build_calendar([2026, 2024])
    assert (cal.first_year, cal.last_year) == (2024, 2026)
    assert not cal.is_working_day(date(2025, 5, 2))


def test_build_calendar_keeps_only_swaps_of_the_covered_years():
    # The library lists make-up Saturdays of other years (27/12/2014, 5/1/2019) too.
    assert all(day.year == 2025 for day in build_calendar([2025]).makeup_days)


def test_build_calendar_needs_a_year():
    with pytest.raises(ValueError, match="at least one year"):
        build_calendar([])


def test_override_extra_day_off_moves_deadlines():
    cal = build_calendar([2025], corrections=[(date(2025, 3, 14), "day_off")])
    assert not cal.is_working_day(date(2025, 3, 14))
    assert cal.add_working_days(date(2025, 3, 13), 1) == date(2025, 3, 17)


def test_override_make_up_saturday_moves_deadlines():
    cal = build_calendar([2025], corrections=[(date(2025, 3, 15), "working_day")])
    assert cal.is_working_day(date(2025, 3, 15))
    assert cal.add_working_days(date(2025, 3, 14), 1) == date(2025, 3, 15)


def test_corrections_win_over_the_library_swaps():
    cal = build_calendar(
        [2026], corrections=[(date(2026, 8, 31), "working_day"), (date(2026, 8, 22), "day_off")]
    )
    assert cal.is_working_day(date(2026, 8, 31))
    assert not cal.is_working_day(date(2026, 8, 22))


def test_official_days_win_over_the_library_12729_VPCP_KGVX():
    library = build_calendar([2026])
    official = build_calendar(
        [2026], official=[(date(2026, 1, 2), "day_off"), (date(2026, 1, 10), "working_day")]
    )
    assert library.is_working_day(date(2026, 1, 2)) and not library.is_working_day(date(2026, 1, 10))
    assert not official.is_working_day(date(2026, 1, 2)) and official.is_working_day(date(2026, 1, 10))


def test_corrections_win_over_official_days():
    cal = build_calendar(
        [2026],
        official=[(date(2026, 1, 2), "day_off"), (date(2026, 1, 10), "working_day")],
        corrections=[(date(2026, 1, 2), "working_day"), (date(2026, 1, 10), "day_off")],
    )
    assert cal.is_working_day(date(2026, 1, 2))
    assert not cal.is_working_day(date(2026, 1, 10))


def test_days_outside_the_years_are_ignored():
    assert build_calendar([2025], official=[(date(2026, 1, 2), "day_off")]) == build_calendar([2025])
    assert build_calendar([2025], corrections=[(date(2026, 3, 16), "day_off")]) == build_calendar([2025])


def test_an_unknown_kind_is_rejected():
    with pytest.raises(ValueError, match="holiday"):
        build_calendar([2025], corrections=[(date(2025, 3, 14), "holiday")])
    with pytest.raises(ValueError, match="holiday"):
        build_calendar([2025], official=[(date(2025, 3, 14), "holiday")])


def test_work_calendar_rejects_days_in_the_wrong_set():
    with pytest.raises(ValueError, match="misplaced: 2025-03-15"):
        WorkCalendar(frozenset({date(2025, 3, 15)}), frozenset(), 2025, 2025)
    with pytest.raises(ValueError, match="misplaced: 2025-03-14"):
        WorkCalendar(frozenset(), frozenset({date(2025, 3, 14)}), 2025, 2025)
    with pytest.raises(ValueError, match="misplaced: 2026-03-16"):
        WorkCalendar(frozenset({date(2026, 3, 16)}), frozenset(), 2025, 2025)


def test_adding_a_year_of_working_days_is_fast_enough_for_every_task():
    started = time.perf_counter()
    for n in range(10_000):
        CAL.add_working_days(date(2025, 1, 2), 250 - n % 7)
    assert time.perf_counter() - started < 1.0
