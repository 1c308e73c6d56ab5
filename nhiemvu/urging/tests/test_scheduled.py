"""The system's monthly urging at its boundaries (urging.scheduled): pure, no database.

The calendar is 2026's as the package ships it: Tết off from Saturday 14 to Sunday 22
February, 1 and 2 September off, Saturday 10 January worked (Công văn 12729/VPCP-KGVX).
"""

from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured

from nhiemvu.env import env_day_of_month
from nhiemvu.urging.scheduled import OverdueTask, PlannedUrging, default_text, is_urging_day, plan
from nhiemvu.workdays.calendar import build_calendar
from nhiemvu.workdays.official_days import official_pairs

CALENDAR = build_calendar(range(2025, 2028), official=official_pairs())
DEFAULT = 20  # settings.URGING_LETTER_DAY unless the deployment says otherwise
PROVINCE, DEPARTMENT, SUB_UNIT, JUSTICE = 1, 2, 3, 4


def urging_days(month_start: date, letter_day: int) -> list[date]:
    days = [date(month_start.year, month_start.month, n) for n in range(1, 29)]
    return [day for day in days if is_urging_day(day, letter_day, CALENDAR)]


def test_the_first_working_day_after_the_monthly_update_of_the_19th_seed_003_art_20_1():
    assert urging_days(date(2026, 5, 1), DEFAULT) == [date(2026, 5, 20)]  # a Wednesday


def test_a_letter_day_on_a_weekend_moves_to_the_next_working_day():
    assert urging_days(date(2026, 6, 1), DEFAULT) == [date(2026, 6, 22)]  # Saturday 20 → Monday


def test_a_letter_day_in_the_tet_holidays_moves_past_them():
    assert urging_days(date(2026, 2, 1), DEFAULT) == [date(2026, 2, 23)]


def test_a_letter_day_on_a_holiday_moves_to_the_next_working_day():
    """1 and 2 September 2026 are the National Day's days off."""
    assert urging_days(date(2026, 9, 1), 1) == [date(2026, 9, 3)]


def test_a_swapped_saturday_that_is_worked_is_the_urging_day_itself():
    assert urging_days(date(2026, 1, 1), 10) == [date(2026, 1, 10)]


def test_a_letter_day_late_in_a_month_can_fall_in_the_next_one():
    """The 28th of February 2026 is a Saturday: its urging is on Monday 2 March; March's own
    (Saturday 28) on Monday 30 March."""
    assert urging_days(date(2026, 3, 1), 28) == [date(2026, 3, 2)]
    assert is_urging_day(date(2026, 3, 30), 28, CALENDAR)


def test_letter_day_0_never_urges():
    assert urging_days(date(2026, 5, 1), 0) == []


def overdue(pk, due, issuer=PROVINCE, unit=DEPARTMENT) -> OverdueTask:
    return OverdueTask(pk, issuer, unit, due)


def test_one_urging_per_issuing_unit_and_lead_unit_naming_the_longest_overdue_first():
    tasks = [
        overdue(11, date(2026, 4, 30)),
        overdue(12, date(2026, 3, 31)),
        overdue(10, date(2026, 4, 30)),
        overdue(13, date(2026, 4, 15), issuer=DEPARTMENT, unit=SUB_UNIT),
        overdue(14, date(2026, 5, 4), unit=JUSTICE),
    ]
    assert plan(date(2026, 5, 20), tasks, letter_day=DEFAULT, cal=CALENDAR, limit=200) == [
        PlannedUrging(PROVINCE, DEPARTMENT, (12, 10, 11), 3),
        PlannedUrging(PROVINCE, JUSTICE, (14,), 1),
        PlannedUrging(DEPARTMENT, SUB_UNIT, (13,), 1),
    ]


def test_a_task_due_on_the_urging_day_is_not_yet_overdue():
    tasks = [overdue(1, date(2026, 5, 20)), overdue(2, date(2026, 5, 19))]
    assert plan(date(2026, 5, 20), tasks, letter_day=DEFAULT, cal=CALENDAR, limit=200) == [
        PlannedUrging(PROVINCE, DEPARTMENT, (2,), 1)
    ]


def test_a_unit_does_not_urge_itself_about_the_tasks_it_gave_itself_seed_003_art_10_2_a():
    tasks = [overdue(1, date(2026, 4, 30), issuer=DEPARTMENT, unit=DEPARTMENT)]
    assert plan(date(2026, 5, 20), tasks, letter_day=DEFAULT, cal=CALENDAR, limit=200) == []


def test_no_overdue_task_no_urging():
    assert plan(date(2026, 5, 20), [], letter_day=DEFAULT, cal=CALENDAR, limit=200) == []


def test_nothing_is_urged_on_another_day_even_with_overdue_tasks():
    tasks = [overdue(1, date(2026, 4, 30))]
    assert plan(date(2026, 5, 21), tasks, letter_day=DEFAULT, cal=CALENDAR, limit=200) == []
    assert plan(date(2026, 6, 20), tasks, letter_day=DEFAULT, cal=CALENDAR, limit=200) == []


def test_the_letter_names_at_most_the_cap_the_oldest_ones_and_counts_them_all():
    tasks = [overdue(pk, date(2026, 1, pk)) for pk in range(5, 0, -1)]
    (urging,) = plan(date(2026, 5, 20), tasks, letter_day=DEFAULT, cal=CALENDAR, limit=3)
    assert urging.task_ids == (1, 2, 3)
    assert urging.overdue == 5


def test_the_default_text_says_how_many_are_overdue_and_when_the_letter_lists_fewer():
    text = default_text(
        unit="Sở Tư pháp", issuer="UBND tỉnh Kon Tum", day=date(2026, 5, 20), overdue=5, listed=3
    )
    assert text.startswith(
        "Theo dõi trên hệ thống, đến ngày 20/05/2026 Sở Tư pháp còn 5 nhiệm vụ do UBND tỉnh Kon Tum giao "
        "đã quá thời hạn xử lý nhưng chưa hoàn thành. Danh sách dưới đây gồm 3 nhiệm vụ trễ hạn lâu nhất."
    )
    whole = default_text(
        unit="Sở Tư pháp", issuer="UBND tỉnh Kon Tum", day=date(2026, 5, 20), overdue=2, listed=2
    )
    assert "Danh sách dưới đây" not in whole


@pytest.mark.parametrize(("raw", "value"), [(None, 20), ("", 0), ("0", 0), (" 5 ", 5), ("28", 28)])
def test_the_letter_day_from_the_environment(monkeypatch, raw, value):
    if raw is None:
        monkeypatch.delenv("URGING_LETTER_DAY", raising=False)
    else:
        monkeypatch.setenv("URGING_LETTER_DAY", raw)
    assert env_day_of_month("URGING_LETTER_DAY", 20) == value


@pytest.mark.parametrize("raw", ["29", "-1", "hai mươi"])
def test_a_letter_day_not_in_every_month_is_refused_at_start(monkeypatch, raw):
    monkeypatch.setenv("URGING_LETTER_DAY", raw)
    with pytest.raises(ImproperlyConfigured, match="URGING_LETTER_DAY must be a day of the month"):
        env_day_of_month("URGING_LETTER_DAY", 20)
