"""The compliance register's one door (seed 000 appendix 03): deadlines of the units' periodic
reports (seed 003 art. 20.2, seed 004 art. 10.1), who may record, what is refused, and the
register as of a moment."""

from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError

from nhiemvu.compliance import services
from nhiemvu.compliance.choices import PeriodicReport, Timeliness
from nhiemvu.compliance.deadlines import due_date, timeliness
from nhiemvu.compliance.models import RegisterLine, SentReport
from tests.cast import PERSONAS
from tests.factories import moment

pytestmark = pytest.mark.django_db

YEAR = PeriodicReport.YEAR
NOW = moment(date(2026, 12, 20))


def test_reports_are_due_on_10_june_and_10_december_by_default_seed003_art_20_2():
    assert due_date(PeriodicReport.HALF_YEAR, 2018) == date(2018, 6, 10)
    assert due_date(YEAR, 2018) == date(2018, 12, 10)


def test_a_deployment_sets_seed004_art_10_1s_deadlines(settings):
    settings.YEAR_REPORT_DUE = "19/11"
    assert due_date(YEAR, 2018) == date(2018, 11, 19)


@pytest.mark.parametrize("text", ["31/11", "20-11", "29/02", "tháng 11"])
def test_a_deadline_setting_that_is_not_a_day_of_the_year_is_refused(settings, text):
    settings.YEAR_REPORT_DUE = text
    with pytest.raises(ImproperlyConfigured):
        due_date(YEAR, 2018)


@pytest.mark.parametrize(
    ("sent_on", "today", "expected"),
    [
        (date(2018, 12, 10), date(2018, 12, 27), Timeliness.ON_TIME),  # on the due day
        (date(2018, 12, 11), date(2018, 12, 27), Timeliness.LATE),
        (None, date(2018, 12, 10), Timeliness.NOT_YET_DUE),
        (None, date(2018, 12, 11), Timeliness.MISSING),
    ],
)
def test_a_report_is_on_time_when_sent_by_its_due_day(sent_on, today, expected):
    assert timeliness(sent_on=sent_on, due=date(2018, 12, 10), today=today) == expected


def test_the_office_records_a_sent_report_with_who_and_when(cast):
    sent = services.record_sent_report(
        unit=cast.agriculture_department,
        year=2026,
        report=YEAR,
        sent_on=date(2026, 12, 8),
        number_symbol=" 215/BC-SNN ",
        by=cast.desk,
        at=NOW,
    )
    assert (sent.number_symbol, sent.recorded_by, sent.recorded_at) == ("215/BC-SNN", cast.desk, NOW)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"sent_on": date(2026, 12, 21)}, "sent_on", "không ghi ngày trong tương lai"),
        ({"sent_on": date(2025, 12, 31)}, "sent_on", "không thể gửi trước năm đó"),
        ({"year": 2027}, "year", "Năm phải từ 2000 đến 2026"),
        ({"number_symbol": "215 BC SNN"}, "number_symbol", "không đúng dạng"),
        ({"report": "monthly"}, "report", "Loại báo cáo không hợp lệ"),
    ],
)
def test_a_bad_sent_report_is_refused_in_vietnamese_and_nothing_is_written(cast, changes, field, message):
    values = {"unit": cast.agriculture_department, "year": 2026, "report": YEAR, "sent_on": date(2026, 12, 8)}
    with pytest.raises(ValidationError) as refused:
        services.record_sent_report(**{**values, **changes}, by=cast.desk, at=NOW)
    assert message in " ".join(refused.value.message_dict[field])
    assert not SentReport.objects.exists()


def test_a_unit_ended_before_the_year_has_no_line(cast):
    unit = cast.forestry
    unit.active_until = date(2024, 12, 31)
    unit.save()
    with pytest.raises(ValidationError, match="không hoạt động trong năm 2026"):
        services.record_register_line(unit=unit, year=2026, regulation_issued=False, by=cast.desk, at=NOW)


def test_a_regulation_number_without_the_regulation_is_refused(cast):
    with pytest.raises(ValidationError) as refused:
        services.record_register_line(
            unit=cast.justice_department,
            year=2026,
            regulation_issued=False,
            regulation_number="12/QĐ-STP",
            by=cast.desk,
            at=NOW,
        )
    assert "chưa ban hành quy chế" in refused.value.message_dict["regulation_issued"][0]
    with pytest.raises(ValidationError):
        services.record_register_line(
            unit=cast.justice_department,
            year=2026,
            regulation_issued=True,
            regulation_issued_on=date(2026, 12, 21),
            by=cast.desk,
            at=NOW,
        )
    assert not RegisterLine.objects.exists()


# Seed 004 art. 12.2's rule for the office's lists: office desks above the unit, administrators.
KEEPERS = {"desk": True, "admin": True}


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_office_above_the_unit_and_administrators_keep_its_line(cast, persona):
    user = getattr(cast, persona)
    allowed = KEEPERS.get(persona, False)
    record = {"unit": cast.agriculture_department, "year": 2026, "by": user, "at": NOW}
    if allowed:
        services.record_register_line(regulation_issued=True, **record)
        services.record_sent_report(report=YEAR, sent_on=date(2026, 12, 8), **record)
    else:
        with pytest.raises(PermissionDenied):
            services.record_register_line(regulation_issued=True, **record)
        with pytest.raises(PermissionDenied):
            services.record_sent_report(report=YEAR, sent_on=date(2026, 12, 8), **record)
    assert RegisterLine.objects.exists() == allowed
    assert SentReport.objects.exists() == allowed


def test_an_office_desk_does_not_keep_the_line_of_a_unit_outside_its_own(cast):
    from nhiemvu.accounts.choices import Role
    from tests.factories import person

    department_office = person(Role.OFFICE_DESK, cast.agriculture_department, username="vp_snn")
    services.record_register_line(
        unit=cast.forestry, year=2026, regulation_issued=True, by=department_office, at=NOW
    )
    with pytest.raises(PermissionDenied):
        services.record_register_line(
            unit=cast.justice_department, year=2026, regulation_issued=True, by=department_office, at=NOW
        )


def test_an_unchanged_line_adds_no_version_and_an_edit_keeps_the_old_one(cast):
    unit = cast.justice_department
    first, changed = services.record_register_line(
        unit=unit, year=2026, regulation_issued=False, remarks="Chưa gửi quy chế", by=cast.desk, at=NOW
    )
    assert changed
    again, changed = services.record_register_line(
        unit=unit, year=2026, regulation_issued=False, remarks=" Chưa gửi quy chế ", by=cast.desk, at=NOW
    )
    assert (again, changed) == (first, False)
    later = moment(date(2026, 12, 22))
    services.record_register_line(
        unit=unit,
        year=2026,
        regulation_issued=True,
        regulation_number="45/QĐ-STP",
        regulation_issued_on=date(2026, 12, 21),
        by=cast.admin,
        at=later,
    )
    assert RegisterLine.objects.filter(unit=unit).count() == 2
    assert services.lines_as_of(year=2026, as_of=NOW)[unit.pk].remarks == "Chưa gửi quy chế"
    assert services.lines_as_of(year=2026, as_of=later)[unit.pk].regulation_number == "45/QĐ-STP"


def test_a_report_recorded_after_the_moment_is_not_received_then(cast):
    """The two times (docs/domain.md): sent on 5/12, the office entered it on 20/12; a
    report made as of 15/12 did not know it."""
    unit = cast.agriculture_department
    services.record_sent_report(
        unit=unit,
        year=2026,
        report=YEAR,
        sent_on=date(2026, 12, 5),
        by=cast.desk,
        at=moment(date(2026, 12, 20)),
    )
    assert services.first_sent_as_of(year=2026, report=YEAR, as_of=moment(date(2026, 12, 15))) == {}
    known = services.first_sent_as_of(year=2026, report=YEAR, as_of=moment(date(2026, 12, 20), 10))
    assert known[unit.pk].sent_on == date(2026, 12, 5)


def test_the_earliest_of_several_sendings_counts_for_the_deadline(cast):
    unit = cast.agriculture_department
    for day in (date(2026, 12, 15), date(2026, 12, 9)):
        services.record_sent_report(unit=unit, year=2026, report=YEAR, sent_on=day, by=cast.desk, at=NOW)
    assert services.first_sent_as_of(year=2026, report=YEAR, as_of=NOW)[unit.pk].sent_on == date(2026, 12, 9)


def test_register_rows_are_never_changed(cast):
    line, _ = services.record_register_line(
        unit=cast.finance_department, year=2026, regulation_issued=True, by=cast.desk, at=NOW
    )
    line.remarks = "sửa lén"
    with pytest.raises(ValueError):
        line.save()
    with pytest.raises(ValueError):
        line.delete()
