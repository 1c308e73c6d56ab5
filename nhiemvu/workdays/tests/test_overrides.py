"""DayOverride rows (the shipped official days and the admin's corrections) and loading the calendar.

The test database is built by `migrate`, so its post_migrate handler has already written
the shipped official days (apps.apply_official_days) before every test here.
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from nhiemvu.workdays.calendar import build_calendar
from nhiemvu.workdays.choices import DaySource
from nhiemvu.workdays.deadlines import result_record_deadline
from nhiemvu.workdays.models import DayOverride, OverrideKind
from nhiemvu.workdays.official_days import official_pairs
from nhiemvu.workdays.services import load_calendar

pytestmark = pytest.mark.django_db


def override(day: date, kind: OverrideKind, name: str = "Nghỉ thêm") -> DayOverride:
    return DayOverride.objects.create(date=day, kind=kind, name=name, legal_basis="Thông báo 1/TB-BNV")


def clean(day: date, kind: OverrideKind) -> None:
    DayOverride(date=day, kind=kind, name="Điều chỉnh", legal_basis="Thông báo 1/TB-BNV").full_clean()


def test_a_working_day_override_on_a_day_already_worked_is_refused():
    with pytest.raises(ValidationError) as error:
        clean(date(2026, 3, 13), OverrideKind.WORKING_DAY)  # an ordinary Friday
    assert "vốn đã là ngày làm việc" in error.value.message_dict["date"][0]


def test_a_day_off_override_on_a_day_already_off_is_refused():
    with pytest.raises(ValidationError) as error:
        clean(date(2026, 3, 14), OverrideKind.DAY_OFF)  # an ordinary Saturday
    assert "vốn đã là ngày nghỉ" in error.value.message_dict["date"][0]
    with pytest.raises(ValidationError):
        clean(date(2026, 2, 17), OverrideKind.DAY_OFF)  # Tết 2026, already a holiday


def test_a_day_off_correction_on_the_official_day_off_2_january_2026_is_refused_12729_VPCP_KGVX():
    with pytest.raises(ValidationError) as error:
        clean(date(2026, 1, 2), OverrideKind.DAY_OFF)
    assert "vốn đã là ngày nghỉ" in error.value.message_dict["date"][0]
    with pytest.raises(ValidationError):
        clean(date(2026, 1, 10), OverrideKind.WORKING_DAY)  # already the official make-up Saturday


def test_valid_overrides_pass_clean():
    clean(date(2026, 3, 14), OverrideKind.WORKING_DAY)  # a make-up Saturday
    clean(date(2026, 3, 13), OverrideKind.DAY_OFF)  # an extra day off


def test_a_wrong_library_day_can_be_corrected():
    """The library is checked against the official announcement: where it is wrong, the
    admin turns its holiday into a working day, or cancels its make-up Saturday."""
    clean(date(2026, 2, 17), OverrideKind.WORKING_DAY)  # a weekday the library calls Tết
    clean(date(2025, 4, 26), OverrideKind.DAY_OFF)  # a Saturday the library calls a make-up day
    override(date(2026, 2, 17), OverrideKind.WORKING_DAY, name="Sửa lịch")
    override(date(2025, 4, 26), OverrideKind.DAY_OFF, name="Sửa lịch")
    cal = load_calendar(2025, 2026)
    assert cal.is_working_day(date(2026, 2, 17))
    assert not cal.is_working_day(date(2025, 4, 26))


def test_one_admin_row_per_date():
    override(date(2026, 3, 13), OverrideKind.DAY_OFF)
    with pytest.raises(ValidationError) as error:
        clean(date(2026, 3, 13), OverrideKind.DAY_OFF)
    assert "đã có một điều chỉnh" in error.value.message_dict["date"][0]
    with pytest.raises(IntegrityError):
        override(date(2026, 3, 13), OverrideKind.DAY_OFF)


def test_an_admin_correction_sits_beside_the_official_row_of_its_date():
    clean(date(2026, 1, 2), OverrideKind.WORKING_DAY)
    override(date(2026, 1, 2), OverrideKind.WORKING_DAY, name="Sửa lịch")
    assert set(DayOverride.objects.filter(date=date(2026, 1, 2)).values_list("source", flat=True)) == {
        DaySource.OFFICIAL,
        DaySource.ADMIN,
    }


def test_the_database_rejects_an_unknown_source():
    with pytest.raises(IntegrityError):
        DayOverride.objects.create(
            date=date(2026, 3, 13), kind=OverrideKind.DAY_OFF, name="x", legal_basis="x", source="import"
        )


def test_the_database_rejects_an_unknown_kind():
    with pytest.raises(IntegrityError):
        DayOverride.objects.create(date=date(2026, 3, 13), kind="holiday", name="x", legal_basis="x")


def test_load_calendar_applies_an_extra_day_off_in_one_query(django_assert_num_queries):
    override(date(2026, 3, 13), OverrideKind.DAY_OFF)
    with django_assert_num_queries(1):
        cal = load_calendar(2026, 2026)
    assert not cal.is_working_day(date(2026, 3, 13))
    # Seed 003 art. 6.3.b: due Wednesday 11/3, the extra day off on Friday pushes the deadline to Monday.
    assert result_record_deadline(date(2026, 3, 11), cal) == date(2026, 3, 16)


def test_load_calendar_applies_a_make_up_saturday():
    override(date(2026, 3, 14), OverrideKind.WORKING_DAY, name="Làm bù")
    cal = load_calendar(2026, 2026)
    assert cal.is_working_day(date(2026, 3, 14))
    # Seed 003 art. 6.3.b: due Thursday 12/3, the worked Saturday brings the deadline to Saturday.
    assert result_record_deadline(date(2026, 3, 12), cal) == date(2026, 3, 14)


def test_load_calendar_keeps_the_library_days():
    cal = load_calendar(2025, 2027)
    assert (cal.first_year, cal.last_year) == (2025, 2027)
    assert not cal.is_working_day(date(2026, 2, 17))  # Tết 2026
    assert cal.is_working_day(date(2025, 4, 26))  # library make-up Saturday
    assert not cal.is_working_day(date(2027, 2, 8))  # Tết 2027: no official data yet, the library's


def test_load_calendar_applies_the_official_new_year_2026_swap_12729_VPCP_KGVX():
    cal = load_calendar(2025, 2026)
    assert not cal.is_working_day(date(2026, 1, 2))
    assert cal.is_working_day(date(2026, 1, 10))
    assert cal.add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 5)


def test_load_calendar_sees_a_changed_override_at_once():
    row = override(date(2026, 3, 13), OverrideKind.DAY_OFF)
    assert not load_calendar(2026, 2026).is_working_day(date(2026, 3, 13))
    row.delete()
    assert load_calendar(2026, 2026).is_working_day(date(2026, 3, 13))


def test_load_calendar_leaves_out_overrides_of_other_years():
    override(date(2027, 3, 15), OverrideKind.DAY_OFF)
    assert load_calendar(2026, 2026) == build_calendar([2026], official=official_pairs())


def test_str_shows_the_date_and_name():
    assert str(override(date(2026, 3, 13), OverrideKind.DAY_OFF, "Nghỉ bù Tết")) == "13/03/2026 – Nghỉ bù Tết"
