"""The official days shipped as data (official_days.py, data/official_days.csv; docs/calendar.md).

Each decision is checked by name: Thông báo 573/TB-VPCP (2018), Công văn 6519/VPCP-KGVX
(2019), Thông báo 4544/TB-LĐTBXH (2020), Công văn 9895/VPCP-KGVX (2021), 245/VPCP-KGVX (2022),
Thông báo 5034/TB-LĐTBXH (2023), Công văn 8662/VPCP-KGVX and 2450/VPCP-KGVX (2024),
8726/VPCP-KGVX with Thông báo 6150/TB-BLĐTBXH (2025), 12729/VPCP-KGVX and Thông báo
9441/TB-BNV (2026).
"""

import tomllib
from datetime import date
from fnmatch import fnmatch
from pathlib import Path

import pytest

from nhiemvu.workdays.calendar import build_calendar
from nhiemvu.workdays.choices import OverrideKind
from nhiemvu.workdays.official_days import (
    DATA_FILE,
    official_pairs,
    read_official_days,
    shipped_official_days,
)

YEARS = range(2018, 2027)
DAYS = shipped_official_days()
CAL = build_calendar(YEARS, official=official_pairs())
LIBRARY = build_calendar(YEARS)
HEADER = "date,kind,name,legal_basis,verified,note\n"


def off(*days: date) -> bool:
    return not any(CAL.is_working_day(day) for day in days)


def test_the_data_file_ships_as_package_data():
    pyproject = DATA_FILE.parents[3] / "pyproject.toml"
    if not pyproject.is_file():
        pytest.skip("running from an installed package")
    patterns = tomllib.loads(pyproject.read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]["*"]
    relative = DATA_FILE.relative_to(DATA_FILE.parents[1]).as_posix()  # data/official_days.csv
    assert any(fnmatch(relative, pattern) for pattern in patterns), patterns


@pytest.mark.parametrize("year", YEARS)
def test_the_shipped_days_of_each_year_2018_to_2026_are_applied(year):
    days = [day for day in DAYS if day.date.year == year]
    assert days, f"no official day for {year}"
    for day in days:
        assert CAL.is_working_day(day.date) == (day.kind == OverrideKind.WORKING_DAY), day


@pytest.mark.parametrize("year", YEARS)
def test_each_year_has_its_new_year_tet_30_april_1_may_and_national_day(year):
    names = " ".join(day.name for day in DAYS if day.date.year == year)
    for occasion in ("Tết Nguyên đán", "Chiến thắng", "Quốc tế Lao động", "Quốc khánh", "Tết Dương lịch"):
        assert occasion in names, (year, occasion)


def test_every_day_has_a_name_and_a_legal_basis_and_every_unverified_day_says_why():
    assert all(day.name and day.legal_basis for day in DAYS)
    assert all(day.note for day in DAYS if not day.verified)


def test_the_library_differs_from_the_official_days_only_on_new_year_2026_12729_VPCP_KGVX():
    """Recorded mismatches of holidays 0.109 against the official texts, 2018-2026; a library
    upgrade that changes any other day of these years fails here (the pin's guard)."""
    mismatches = {
        day: (LIBRARY.is_working_day(day), CAL.is_working_day(day))
        for day in sorted(LIBRARY.days_off ^ CAL.days_off | LIBRARY.makeup_days ^ CAL.makeup_days)
    }
    assert mismatches == {date(2026, 1, 2): (True, False), date(2026, 1, 10): (False, True)}


def test_tet_2018_14_to_20_february_and_3_september_compensation_573_TB_VPCP():
    assert off(date(2018, 2, 14), date(2018, 2, 15), date(2018, 2, 16), date(2018, 2, 19), date(2018, 2, 20))
    assert CAL.is_working_day(date(2018, 2, 21))
    assert off(date(2018, 9, 3)) and CAL.is_working_day(date(2018, 9, 4))


def test_new_year_2019_swap_31_december_2018_off_and_saturday_5_january_2019_worked_6519_VPCP_KGVX():
    assert off(date(2018, 12, 31), date(2019, 1, 1))
    assert CAL.is_working_day(date(2019, 1, 5))


def test_tet_2019_monday_4_to_friday_8_february_off_6519_VPCP_KGVX():
    assert off(*(date(2019, 2, d) for d in range(4, 9)))
    assert CAL.is_working_day(date(2019, 2, 1)) and CAL.is_working_day(date(2019, 2, 11))


def test_2019_swap_29_april_off_and_saturday_4_may_worked_6519_VPCP_KGVX():
    assert off(date(2019, 4, 29), date(2019, 4, 30), date(2019, 5, 1))
    assert CAL.is_working_day(date(2019, 5, 4))


def test_tet_2020_23_to_29_january_with_28_and_29_compensating_the_weekend_4544_TB_LDTBXH():
    assert off(date(2020, 1, 23), date(2020, 1, 24), date(2020, 1, 27), date(2020, 1, 28), date(2020, 1, 29))
    assert CAL.is_working_day(date(2020, 1, 22)) and CAL.is_working_day(date(2020, 1, 30))


def test_tet_2021_10_to_16_february_and_national_day_2_and_3_september_9895_VPCP_KGVX():
    assert off(date(2021, 2, 10), date(2021, 2, 11), date(2021, 2, 12), date(2021, 2, 15), date(2021, 2, 16))
    assert off(date(2021, 9, 2), date(2021, 9, 3))
    assert CAL.is_working_day(date(2021, 2, 17)) and CAL.is_working_day(date(2021, 9, 6))


def test_tet_2022_31_january_to_4_february_and_national_day_1_and_2_september_245_VPCP_KGVX():
    assert off(date(2022, 1, 31), *(date(2022, 2, d) for d in range(1, 5)))
    assert off(date(2022, 9, 1), date(2022, 9, 2))
    assert CAL.is_working_day(date(2022, 2, 7))


def test_tet_2023_20_to_26_january_and_national_day_1_to_4_september_5034_TB_LDTBXH():
    assert off(date(2023, 1, 20), *(date(2023, 1, d) for d in range(23, 27)))
    assert CAL.is_working_day(date(2023, 1, 27))
    assert off(date(2023, 9, 1), date(2023, 9, 4))
    assert CAL.is_working_day(date(2023, 9, 5))


def test_tet_2024_8_to_14_february_and_national_day_2_and_3_september_8662_VPCP_KGVX():
    assert off(date(2024, 2, 8), date(2024, 2, 9), date(2024, 2, 12), date(2024, 2, 13), date(2024, 2, 14))
    assert off(date(2024, 9, 2), date(2024, 9, 3))
    assert CAL.is_working_day(date(2024, 2, 15)) and CAL.is_working_day(date(2024, 9, 4))


def test_2024_swap_29_april_off_and_saturday_4_may_worked_2450_VPCP_KGVX_1570_TB_BLDTBXH():
    assert off(date(2024, 4, 29))
    assert CAL.is_working_day(date(2024, 5, 4))


def test_2025_tet_27_to_31_january_and_swap_2_may_for_saturday_26_april_8726_VPCP_KGVX_6150_TB_BLDTBXH():
    assert off(*(date(2025, 1, d) for d in range(27, 32)), date(2025, 5, 2))
    assert CAL.is_working_day(date(2025, 4, 26))


def test_friday_2_january_2026_is_a_day_off_12729_VPCP_KGVX():
    assert off(date(2026, 1, 1), date(2026, 1, 2))


def test_saturday_10_january_2026_is_worked_12729_VPCP_KGVX():
    assert CAL.is_working_day(date(2026, 1, 10))


def test_tet_2026_16_to_20_february_off_9441_TB_BNV():
    assert off(*(date(2026, 2, d) for d in range(16, 21)))
    assert CAL.is_working_day(date(2026, 2, 13)) and CAL.is_working_day(date(2026, 2, 23))


def test_national_day_2026_31_august_off_for_saturday_22_august_worked_9441_TB_BNV():
    assert off(date(2026, 8, 31), date(2026, 9, 1), date(2026, 9, 2))
    assert CAL.is_working_day(date(2026, 8, 22))
    assert CAL.is_working_day(date(2026, 9, 3))


def test_vietnamese_culture_day_24_november_2026_is_off_but_unverified_resolution_80_NQ_TW():
    (culture_day,) = [day for day in DAYS if day.date == date(2026, 11, 24)]
    assert off(culture_day.date)
    assert not culture_day.verified
    assert "80-NQ/TW" in culture_day.legal_basis


def write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "official_days.csv"
    path.write_text(HEADER + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def test_a_valid_file_reads_in_date_order(tmp_path):
    path = write(tmp_path, "2026-01-10,working_day,Làm bù,CV 1,no,x", "2026-01-02,day_off,Nghỉ,CV 1,yes,")
    assert [(day.date, day.kind, day.verified) for day in read_official_days(path)] == [
        (date(2026, 1, 2), OverrideKind.DAY_OFF, True),
        (date(2026, 1, 10), OverrideKind.WORKING_DAY, False),
    ]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("2026-02-30,day_off,Nghỉ,CV 1,yes,", "line 2: date '2026-02-30' is not YYYY-MM-DD"),
        ("2026-01-02,holiday,Nghỉ,CV 1,yes,", "line 2: kind 'holiday'"),
        ("2026-01-10,day_off,Nghỉ,CV 1,yes,", "line 2: 2026-01-10 is a Saturday"),
        ("2026-01-02,working_day,Làm bù,CV 1,yes,", "line 2: 2026-01-02 is a Friday"),
        ("2026-01-02,day_off,Nghỉ,CV 1,maybe,", "line 2: verified must be yes or no"),
        ("2026-01-02,day_off,Nghỉ,,yes,", "line 2: 2026-01-02 needs a name and a legal basis"),
    ],
)
def test_a_bad_row_is_refused_with_its_line(tmp_path, row, message):
    with pytest.raises(ValueError, match=message):
        read_official_days(write(tmp_path, row))


def test_a_date_listed_twice_is_refused(tmp_path):
    path = write(tmp_path, "2026-01-02,day_off,Nghỉ,CV 1,yes,", "2026-01-02,day_off,Nghỉ,CV 2,yes,")
    with pytest.raises(ValueError, match="line 3: 2026-01-02 is listed twice"):
        read_official_days(path)


def test_a_wrong_header_is_refused(tmp_path):
    path = tmp_path / "official_days.csv"
    path.write_text("ngay,loai\n2026-01-02,day_off\n", encoding="utf-8")
    with pytest.raises(ValueError, match="the header must be"):
        read_official_days(path)


def test_every_shipped_day_is_listed_in_docs_calendar_md():
    docs = DATA_FILE.parents[3] / "docs" / "calendar.md"
    if not docs.is_file():
        pytest.skip("docs/ is not installed with the package")
    text = docs.read_text(encoding="utf-8")
    for day in DAYS:
        assert (
            f"{day.date:%d/%m/%Y} | {'nghỉ' if day.kind == OverrideKind.DAY_OFF else '**làm bù**'} | {day.name} | {day.legal_basis} | {'✔' if day.verified else '✘ chưa'} |"
            in text
        ), day
