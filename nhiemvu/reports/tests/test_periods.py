"""Report periods: calendar periods, the Decree 09/2019/NĐ-CP art. 12 cut-off, the period to
date, and what the CLI and the web accept."""

import runpy
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils import translation

from nhiemvu import settings as settings_module
from nhiemvu.messages import Message, bilingual
from nhiemvu.reports.periods import CALENDAR, DECREE_09, Period, parse_period, period_of

SETTINGS_FILE = Path(settings_module.__file__)


def days(period: Period) -> tuple[date, date]:
    return period.date_from, period.date_to


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


def test_calendar_periods_and_their_vietnamese_names():
    cases = [
        (Period.month(2019, 6, cutoff=CALENDAR), (date(2019, 6, 1), date(2019, 6, 30)), "tháng 6/2019"),
        (Period.month(2020, 2, cutoff=CALENDAR), (date(2020, 2, 1), date(2020, 2, 29)), "tháng 2/2020"),
        (Period.quarter(2019, 2, cutoff=CALENDAR), (date(2019, 4, 1), date(2019, 6, 30)), "quý II/2019"),
        (
            Period.half(2019, 1, cutoff=CALENDAR),
            (date(2019, 1, 1), date(2019, 6, 30)),
            "6 tháng đầu năm 2019",
        ),
        (
            Period.half(2019, 2, cutoff=CALENDAR),
            (date(2019, 7, 1), date(2019, 12, 31)),
            "6 tháng cuối năm 2019",
        ),
        (Period.year(2019, cutoff=CALENDAR), (date(2019, 1, 1), date(2019, 12, 31)), "năm 2019"),
        (
            Period.range(date(2019, 1, 1), date(2019, 6, 30)),
            (date(2019, 1, 1), date(2019, 6, 30)),
            "từ 01/01/2019 đến 30/06/2019",
        ),
    ]
    for period, span, label in cases:
        assert (days(period), period.label) == (span, label)


def test_monthly_report_runs_from_the_15th_to_the_14th_decree_09_2019_art_12_1():
    assert days(Period.month(2019, 6, cutoff=DECREE_09)) == (date(2019, 5, 15), date(2019, 6, 14))
    assert days(Period.month(2019, 1, cutoff=DECREE_09)) == (date(2018, 12, 15), date(2019, 1, 14))
    assert Period.month(2019, 6, cutoff=DECREE_09).label == "tháng 6/2019"


def test_quarter_from_the_15th_of_the_month_before_to_the_14th_of_its_last_month_decree_09_art_12_2():
    assert days(Period.quarter(2019, 1, cutoff=DECREE_09)) == (date(2018, 12, 15), date(2019, 3, 14))
    assert days(Period.quarter(2019, 2, cutoff=DECREE_09)) == (date(2019, 3, 15), date(2019, 6, 14))
    assert days(Period.quarter(2019, 4, cutoff=DECREE_09)) == (date(2019, 9, 15), date(2019, 12, 14))


def test_half_years_run_15_december_to_14_june_and_15_june_to_14_december_decree_09_art_12_3():
    assert days(Period.half(2019, 1, cutoff=DECREE_09)) == (date(2018, 12, 15), date(2019, 6, 14))
    assert days(Period.half(2019, 2, cutoff=DECREE_09)) == (date(2019, 6, 15), date(2019, 12, 14))


def test_year_runs_15_december_to_14_december_decree_09_art_12_4():
    period = Period.year(2019, cutoff=DECREE_09)
    assert days(period) == (date(2018, 12, 15), date(2019, 12, 14))
    assert period.label == "năm 2019"


def test_consecutive_decree_09_months_leave_no_day_out_and_count_none_twice():
    months = [Period.month(2019, month, cutoff=DECREE_09) for month in range(1, 13)]
    for earlier, later in pairwise(months):
        assert (later.date_from - earlier.date_to).days == 1
    assert (months[0].date_from, months[-1].date_to) == days(Period.year(2019, cutoff=DECREE_09))


def test_the_setting_chooses_the_cutoff_and_calendar_periods_stay_available(settings):
    settings.REPORT_PERIOD_CUTOFF = DECREE_09
    assert days(Period.month(2019, 6)) == (date(2019, 5, 15), date(2019, 6, 14))
    assert days(Period.month(2019, 6, cutoff=CALENDAR)) == (date(2019, 6, 1), date(2019, 6, 30))
    settings.REPORT_PERIOD_CUTOFF = CALENDAR
    assert days(Period.month(2019, 6)) == (date(2019, 6, 1), date(2019, 6, 30))


def test_the_cutoff_is_read_from_the_environment_and_a_bad_one_stops_the_start(monkeypatch, tmp_path):
    monkeypatch.setenv("NHIEMVU_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("REPORT_PERIOD_CUTOFF", "decree09")
    assert runpy.run_path(str(SETTINGS_FILE))["REPORT_PERIOD_CUTOFF"] == DECREE_09
    monkeypatch.delenv("REPORT_PERIOD_CUTOFF")
    assert runpy.run_path(str(SETTINGS_FILE))["REPORT_PERIOD_CUTOFF"] == CALENDAR
    monkeypatch.setenv("REPORT_PERIOD_CUTOFF", "weekly")
    with pytest.raises(ImproperlyConfigured, match="REPORT_PERIOD_CUTOFF must be calendar or decree09"):
        runpy.run_path(str(SETTINGS_FILE))


def test_the_period_to_date_of_seed_002_month_is_the_first_half_year():
    """Seed 002 reports "tháng 6/2019 và 6 tháng đầu năm 2019"."""
    for cutoff in (CALENDAR, DECREE_09):
        june = Period.month(2019, 6, cutoff=cutoff)
        assert june.to_date() == Period.half(2019, 1, cutoff=cutoff)
        assert june.to_date().label == "6 tháng đầu năm 2019"


def test_the_period_to_date_counts_the_months_since_the_year_began():
    may = Period.month(2019, 5, cutoff=CALENDAR).to_date()
    assert (days(may), may.label) == ((date(2019, 1, 1), date(2019, 5, 31)), "5 tháng đầu năm 2019")
    nine = Period.quarter(2019, 3, cutoff=DECREE_09).to_date()
    assert (days(nine), nine.label) == ((date(2018, 12, 15), date(2019, 9, 14)), "9 tháng đầu năm 2019")
    assert Period.quarter(2019, 4, cutoff=CALENDAR).to_date() == Period.year(2019, cutoff=CALENDAR)
    assert Period.half(2019, 2, cutoff=DECREE_09).to_date() == Period.year(2019, cutoff=DECREE_09)


def test_the_period_up_to_a_day_starts_with_the_year_of_its_cutoff():
    assert days(Period.up_to(date(2019, 5, 20), cutoff=CALENDAR)) == (date(2019, 1, 1), date(2019, 5, 20))
    assert days(Period.up_to(date(2019, 5, 20), cutoff=DECREE_09)) == (date(2018, 12, 15), date(2019, 5, 20))
    # Under the cut-off, 15–31 December already belong to the next year's reports.
    assert days(Period.up_to(date(2019, 12, 20), cutoff=DECREE_09)) == (
        date(2019, 12, 15),
        date(2019, 12, 20),
    )
    assert Period.up_to(date(2019, 5, 20), cutoff=CALENDAR).label == "từ 01/01/2019 đến 20/05/2019"
    assert Period.range(date(2019, 3, 2), date(2019, 5, 20)).to_date() == Period.up_to(
        date(2019, 5, 20), cutoff=CALENDAR
    )


def test_a_range_ending_before_it_starts_is_refused():
    with pytest.raises(ValidationError):
        Period.range(date(2019, 6, 30), date(2019, 1, 1))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6/2019", Period.month(2019, 6, cutoff=CALENDAR)),
        ("06/2019", Period.month(2019, 6, cutoff=CALENDAR)),
        ("T6/2019", Period.month(2019, 6, cutoff=CALENDAR)),
        (" tháng  12 / 2019 ", Period.month(2019, 12, cutoff=CALENDAR)),
        ("Q2/2019", Period.quarter(2019, 2, cutoff=CALENDAR)),
        ("II/2019", Period.quarter(2019, 2, cutoff=CALENDAR)),
        ("quý IV/2019", Period.quarter(2019, 4, cutoff=CALENDAR)),
        ("Quý 3/2019", Period.quarter(2019, 3, cutoff=CALENDAR)),
        ("H1/2019", Period.half(2019, 1, cutoff=CALENDAR)),
        ("h2/2019", Period.half(2019, 2, cutoff=CALENDAR)),
        ("2019", Period.year(2019, cutoff=CALENDAR)),
        ("năm 2019", Period.year(2019, cutoff=CALENDAR)),
    ],
)
def test_the_forms_the_cli_and_web_accept(text, expected):
    assert parse_period(text, cutoff=CALENDAR) == expected


def test_decomposed_vietnamese_is_read_like_composed():
    assert parse_period("qu\u0079\u0301 II/2019", cutoff=CALENDAR) == Period.quarter(2019, 2, cutoff=CALENDAR)


def test_parsed_periods_follow_the_cutoff():
    assert days(parse_period("6/2019", cutoff=DECREE_09)) == (date(2019, 5, 15), date(2019, 6, 14))


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("13/2019", "Tháng phải từ 1 đến 12: “13/2019”."),
        ("0/2019", "Tháng phải từ 1 đến 12: “0/2019”."),
        ("Q5/2019", "Quý phải từ 1 đến 4 (I đến IV): “Q5/2019”."),
        ("VI/2019", "Quý phải từ 1 đến 4 (I đến IV): “VI/2019”."),
        ("H3/2019", "6 tháng là H1 (đầu năm) hoặc H2 (cuối năm): “H3/2019”."),
        ("0019", "Năm không hợp lệ: “0019”."),
        ("6/٢٠١٩", "Không hiểu kỳ báo cáo “6/٢٠١٩”"),
        ("30/06/2019", "Không hiểu kỳ báo cáo “30/06/2019”: dùng tháng (6/2019), quý (Q2/2019 hoặc II/2019)"),
        ("", "Không hiểu kỳ báo cáo “”"),
    ],
)
def test_what_is_not_a_period_is_said_in_vietnamese(text, said):
    with pytest.raises(ValidationError) as raised:
        parse_period(text, cutoff=CALENDAR)
    assert said in raised.value.messages[0]


def test_the_cli_says_a_bad_period_in_vietnamese_then_english():
    with pytest.raises(ValidationError) as raised:
        parse_period("Q5/2019", cutoff=CALENDAR)
    error = raised.value
    assert bilingual(Message(error.message, **error.params)) == (
        "Quý phải từ 1 đến 4 (I đến IV): “Q5/2019”. / The quarter must be 1 to 4 (I to IV): “Q5/2019”."
    )


def test_as_data_names_the_period_and_its_days():
    assert Period.quarter(2019, 2, cutoff=DECREE_09).as_data() == {
        "kind": "quarter",
        "label": "quý II/2019",
        "from": "2019-03-15",
        "to": "2019-06-14",
        "cutoff": "decree09",
    }


def test_a_reports_dates_are_named_as_the_period_they_are(settings):
    settings.REPORT_PERIOD_CUTOFF = CALENDAR
    assert period_of(date(2018, 1, 1), date(2018, 12, 31)).label == "năm 2018"
    assert period_of(date(2019, 4, 1), date(2019, 6, 30)).label == "quý II/2019"
    assert period_of(date(2019, 5, 15), date(2019, 6, 14)) == Period.month(2019, 6, cutoff=DECREE_09)
    assert period_of(date(2018, 12, 15), date(2019, 12, 14)).label == "năm 2019"
    assert period_of(date(2019, 1, 2), date(2019, 6, 30)).label == "từ 02/01/2019 đến 30/06/2019"
