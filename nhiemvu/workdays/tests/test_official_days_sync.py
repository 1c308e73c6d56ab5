"""Writing the shipped official days on migrate (services.sync_official_days), their
precedence below the admin's corrections, and the admin pages that show them."""

import dataclasses
from datetime import date

import pytest
from django.core.management.sql import emit_post_migrate_signal
from django.urls import reverse

from nhiemvu.workdays.choices import DaySource, OverrideKind
from nhiemvu.workdays.models import DayOverride
from nhiemvu.workdays.official_days import shipped_official_days
from nhiemvu.workdays.services import SyncSummary, load_calendar, sync_official_days

pytestmark = pytest.mark.django_db

SHIPPED = shipped_official_days()


def official_rows():
    return DayOverride.objects.filter(source=DaySource.OFFICIAL)


def correct(day: date, kind: OverrideKind) -> DayOverride:
    row = DayOverride(date=day, kind=kind, name="Sửa lịch", legal_basis="Thông báo 1/TB-BNV")
    row.full_clean()
    row.save()
    return row


def test_migrate_wrote_every_shipped_day_with_its_legal_basis_and_verification():
    rows = {row.date: row for row in official_rows()}
    assert rows.keys() == {day.date for day in SHIPPED}
    for day in SHIPPED:
        row = rows[day.date]
        assert (row.kind, row.name, row.legal_basis, row.verified, row.note) == (
            day.kind,
            day.name,
            day.legal_basis,
            day.verified,
            day.note,
        )


@pytest.mark.parametrize("year", range(2018, 2027))
def test_load_calendar_applies_the_shipped_days_of_each_year(year):
    cal = load_calendar(year, year)
    for day in (day for day in SHIPPED if day.date.year == year):
        assert cal.is_working_day(day.date) == (day.kind == OverrideKind.WORKING_DAY), day


def test_admin_corrections_win_over_the_shipped_days():
    correct(date(2026, 1, 2), OverrideKind.WORKING_DAY)
    correct(date(2026, 1, 10), OverrideKind.DAY_OFF)
    cal = load_calendar(2026, 2026)
    assert cal.is_working_day(date(2026, 1, 2))
    assert not cal.is_working_day(date(2026, 1, 10))


def test_rerunning_the_loader_keeps_admin_corrections_and_creates_no_duplicates():
    correction = correct(date(2026, 1, 2), OverrideKind.WORKING_DAY)
    rows_before = DayOverride.objects.count()
    assert sync_official_days() == SyncSummary(created=0, updated=0, deleted=0)
    assert sync_official_days() == SyncSummary(created=0, updated=0, deleted=0)
    assert DayOverride.objects.count() == rows_before == len(SHIPPED) + 1
    assert DayOverride.objects.get(pk=correction.pk).kind == OverrideKind.WORKING_DAY
    assert load_calendar(2026, 2026).is_working_day(date(2026, 1, 2))


def test_rerunning_migrate_restores_the_shipped_days_and_keeps_admin_corrections():
    correction = correct(date(2026, 1, 10), OverrideKind.DAY_OFF)
    official_rows().filter(date__year=2026).delete()
    official_rows().filter(date=date(2025, 5, 2)).update(name="sửa tay", verified=False)
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert official_rows().count() == len(SHIPPED)
    assert official_rows().get(date=date(2025, 5, 2)).name.startswith("Nghỉ hoán đổi")
    assert DayOverride.objects.get(pk=correction.pk).source == DaySource.ADMIN
    assert not load_calendar(2026, 2026).is_working_day(date(2026, 1, 10))


def test_a_new_release_updates_changed_days_and_drops_removed_ones_but_not_admin_rows():
    correction = correct(date(2026, 3, 13), OverrideKind.DAY_OFF)
    renamed = dataclasses.replace(SHIPPED[0], name="Tết Dương lịch (sửa)")
    summary = sync_official_days([renamed, *SHIPPED[1:-1]])
    assert summary == SyncSummary(created=0, updated=1, deleted=1)
    assert not official_rows().filter(date=SHIPPED[-1].date).exists()
    assert official_rows().get(date=renamed.date).name == "Tết Dương lịch (sửa)"
    assert DayOverride.objects.filter(pk=correction.pk).exists()
    assert sync_official_days() == SyncSummary(created=1, updated=1, deleted=0)


@pytest.fixture
def changelist(admin_client):
    return admin_client.get(reverse("admin:workdays_dayoverride_changelist"), {"date__year": "2026"})


def test_the_admin_list_shows_the_legal_basis_and_the_source(changelist):
    assert changelist.status_code == 200
    page = changelist.content.decode()
    assert "12729/VPCP-KGVX" in page
    assert str(DaySource.OFFICIAL.label) in page


def test_official_rows_are_read_only_in_the_admin(admin_client):
    row = official_rows().get(date=date(2026, 1, 2))
    url = reverse("admin:workdays_dayoverride_change", args=[row.pk])
    assert admin_client.get(url).status_code == 200  # shown, for its legal basis
    response = admin_client.post(
        url, {"date": "2026-01-02", "kind": "working_day", "name": "x", "legal_basis": "x"}
    )
    assert response.status_code == 403
    delete = reverse("admin:workdays_dayoverride_delete", args=[row.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert DayOverride.objects.get(pk=row.pk).kind == OverrideKind.DAY_OFF


def test_the_admin_adds_a_correction_as_an_admin_row(admin_client):
    response = admin_client.post(
        reverse("admin:workdays_dayoverride_add"),
        {
            "date": "2026-01-02",
            "kind": "working_day",
            "name": "Sửa lịch",
            "legal_basis": "Thông báo 1/TB-BNV",
        },
    )
    assert response.status_code == 302
    assert (
        DayOverride.objects.get(date=date(2026, 1, 2), source=DaySource.ADMIN).kind
        == OverrideKind.WORKING_DAY
    )


def test_the_admin_refuses_a_second_correction_of_a_date_with_a_message(admin_client):
    correct(date(2026, 1, 2), OverrideKind.WORKING_DAY)
    response = admin_client.post(
        reverse("admin:workdays_dayoverride_add"),
        {
            "date": "2026-01-02",
            "kind": "working_day",
            "name": "Sửa lịch",
            "legal_basis": "Thông báo 1/TB-BNV",
        },
    )
    assert response.status_code == 200
    assert "đã có một điều chỉnh" in response.content.decode()
    assert DayOverride.objects.filter(date=date(2026, 1, 2), source=DaySource.ADMIN).count() == 1
