"""The reminders' days, at their boundaries: pure rules over the official calendar, no database."""

from datetime import date

import pytest

from nhiemvu.reminders import rules
from nhiemvu.reminders.choices import ReportKind
from nhiemvu.workdays.calendar import build_calendar
from nhiemvu.workdays.official_days import official_pairs

# The deployment's defaults (settings.REMINDER_REPORT_DATES).
REPORT_DATES = {
    ReportKind.GOVERNMENT: rules.parse_report_dates("20/03,20/06,20/09,20/11,20/12"),
    ReportKind.DEPARTMENT: rules.parse_report_dates("10/06,10/12"),
}


@pytest.fixture(scope="module")
def cal():
    return build_calendar(range(2025, 2029), official=official_pairs())


def test_no_reminder_on_the_friday_of_tet_2027_a_weekday_given_off(cal):
    # Tết Đinh Mùi: Thursday 4 to Wednesday 10 February 2027 are days off.
    assert not rules.is_reminder_day(date(2027, 2, 5), cal)
    assert rules.is_reminder_day(date(2027, 2, 3), cal)  # the last working day before Tết
    assert rules.is_reminder_day(date(2027, 2, 11), cal)  # the first after it


def test_reminders_go_out_on_a_swapped_saturday_that_is_worked_cong_van_12729_vpcp_kgvx(cal):
    assert rules.is_reminder_day(date(2026, 1, 10), cal)  # worked, for Friday 2 January off
    assert not rules.is_reminder_day(date(2026, 1, 2), cal)
    assert not rules.is_reminder_day(date(2026, 1, 17), cal)  # an ordinary Saturday


def test_the_monthly_update_is_reminded_three_working_days_before_the_19th_seed_003_art_20_1(cal):
    # 19 May 2026 is a Tuesday: Monday 18, Friday 15, Thursday 14.
    assert rules.monthly_update_due(date(2026, 5, 14), 3, cal) == date(2026, 5, 19)
    assert rules.monthly_update_due(date(2026, 5, 13), 3, cal) is None
    assert rules.monthly_update_due(date(2026, 5, 15), 3, cal) is None


def test_the_19th_on_a_sunday_is_reminded_counting_back_from_it_seed_003_art_20_1(cal):
    # 19 April 2026 is a Sunday: Friday 17, Thursday 16, Wednesday 15.
    assert rules.monthly_update_due(date(2026, 4, 15), 3, cal) == date(2026, 4, 19)
    assert [day for day in _april_2026() if rules.monthly_update_due(day, 3, cal)] == [date(2026, 4, 15)]


def test_every_month_has_exactly_one_monthly_reminder_day_and_it_is_worked(cal):
    for month in range(1, 13):
        days = [
            day
            for day in _month(2027, month)
            if rules.monthly_update_due(day, 3, cal) == date(2027, month, 19)
        ]
        assert len(days) == 1
        assert cal.is_working_day(days[0])


def test_a_lead_over_the_month_start_reminds_next_months_19th_in_this_month(cal):
    # 15 working days before 19 February 2027 (after Tết) falls in January.
    day = rules.reminder_day(date(2027, 2, 19), 15, cal)
    assert day.month == 1
    assert rules.monthly_update_due(day, 15, cal) == date(2027, 2, 19)


def test_government_report_deadlines_quarter_six_months_and_year_seed_004_art_10_1(cal):
    due = {
        d: rules.report_deadlines_due(d, REPORT_DATES, 5, cal)
        for d in _days(date(2026, 1, 1), date(2026, 12, 31))
    }
    reminded = sorted((r.kind, r.deadline) for reports in due.values() for r in reports)
    assert reminded == sorted(
        [(ReportKind.GOVERNMENT, date(2026, m, 20)) for m in (3, 6, 9, 11, 12)]
        + [(ReportKind.DEPARTMENT, date(2026, m, 10)) for m in (6, 12)]
    )
    # 20 March 2026 is a Friday: five working days before it is Friday 13.
    assert [r.deadline for r in due[date(2026, 3, 13)]] == [date(2026, 3, 20)]


def test_a_department_report_in_december_reminded_before_it_seed_003_art_20_2(cal):
    # 10 December 2027 is a Friday: five working days before, Friday 3.
    reports = rules.report_deadlines_due(date(2027, 12, 3), REPORT_DATES, 5, cal)
    assert [(r.kind, r.deadline) for r in reports] == [(ReportKind.DEPARTMENT, date(2027, 12, 10))]
    assert reports[0].subject == "department:2027-12-10"


def test_a_report_date_early_in_january_is_reminded_in_december(cal):
    dates = {ReportKind.GOVERNMENT: ((5, 1),)}
    reports = rules.report_deadlines_due(rules.reminder_day(date(2027, 1, 5), 5, cal), dates, 5, cal)
    assert [r.deadline for r in reports] == [date(2027, 1, 5)]
    assert rules.reminder_day(date(2027, 1, 5), 5, cal).year == 2026


def test_new_tasks_are_late_to_accept_after_the_limit_in_working_days(cal):
    # Assigned Wednesday 3 February 2027, the last working day before Tết: its 2 working
    # days are Thursday 11 and Friday 12 (after Tết); late from Monday 15.
    assigned = date(2027, 2, 3)
    assert rules.latest_assigned_late_to_accept(date(2027, 2, 12), 2, cal) < assigned
    assert rules.latest_assigned_late_to_accept(date(2027, 2, 15), 2, cal) >= assigned
    # Every day of Tết counts as before Thursday 11, not as a working day.
    assert rules.latest_assigned_late_to_accept(date(2027, 2, 15), 2, cal) == date(2027, 2, 10)


def test_directives_are_late_to_assign_after_one_working_day_seed_003_art_6_1_b(cal):
    # Received Friday 29 January 2027: due Monday 1 February; late from Tuesday 2, as is
    # one received on the Sunday; one received on the Monday is due on the Tuesday.
    assert rules.latest_received_late_to_assign(date(2027, 2, 1), cal) < date(2027, 1, 29)
    assert rules.latest_received_late_to_assign(date(2027, 2, 2), cal) == date(2027, 1, 31)


@pytest.mark.parametrize("text", ["20/13", "31/04", "20-03", "", "20/03,"])
def test_report_dates_that_are_not_days_are_refused(text):
    with pytest.raises(ValueError):
        rules.parse_report_dates(text)


def _days(first, last):
    return [date.fromordinal(n) for n in range(first.toordinal(), last.toordinal() + 1)]


def _month(year, month):
    last = date(year + (month == 12), month % 12 + 1, 1)
    return _days(date(year, month, 1), date.fromordinal(last.toordinal() - 1))


def _april_2026():
    return _month(2026, 4)
