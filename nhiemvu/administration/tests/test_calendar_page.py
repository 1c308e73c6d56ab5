"""The working-day calendar in the app: the official swaps with their documents, and the
administrators' corrections, which every deadline then follows."""

from datetime import date

import pytest
from django.urls import reverse

from nhiemvu.workdays.choices import DaySource, OverrideKind
from nhiemvu.workdays.models import DayOverride
from nhiemvu.workdays.services import load_calendar

pytestmark = pytest.mark.django_db

URL = reverse("administration:calendar")


@pytest.fixture
def admin_client(client, cast):
    client.force_login(cast.admin)
    return client


def test_the_year_shows_the_official_swap_of_2026_with_its_document(admin_client):
    page = admin_client.get(URL, {"nam": "2026"}).content.decode()
    # 12729/VPCP-KGVX: Friday 02/01/2026 off, Saturday 10/01/2026 worked.
    assert "02/01/2026" in page and "10/01/2026" in page and "12729/VPCP-KGVX" in page


def test_a_correction_changes_the_deadlines_and_is_removed_again(admin_client):
    assert load_calendar(2026, 2026).is_working_day(date(2026, 11, 20))
    response = admin_client.post(
        URL + "?nam=2026",
        {
            "day": "20/11/2026",
            "kind": OverrideKind.DAY_OFF,
            "name": "Nghỉ thêm theo thông báo",
            "legal_basis": "Thông báo 1/TB-UBND",
        },
    )
    assert response.status_code == 302
    assert not load_calendar(2026, 2026).is_working_day(date(2026, 11, 20))
    correction = DayOverride.objects.get(source=DaySource.ADMIN)
    admin_client.post(reverse("administration:correction_remove", args=[correction.pk]))
    assert load_calendar(2026, 2026).is_working_day(date(2026, 11, 20))


def test_a_correction_that_changes_nothing_is_refused_in_vietnamese(admin_client):
    response = admin_client.post(
        URL, {"day": "21/11/2026", "kind": OverrideKind.DAY_OFF, "name": "Thứ Bảy", "legal_basis": "Không"}
    )
    assert response.status_code == 400 and "vốn đã là ngày nghỉ" in response.content.decode()
    bad = admin_client.post(
        URL, {"day": "30/02/2026", "kind": OverrideKind.DAY_OFF, "name": "X", "legal_basis": "Y"}
    )
    assert bad.status_code == 400
    assert not DayOverride.objects.filter(source=DaySource.ADMIN).exists()


def test_official_rows_are_not_removed_a_bad_year_is_this_year_and_others_may_not_enter(admin_client, cast):
    official = DayOverride.objects.filter(source=DaySource.OFFICIAL).first()
    assert (
        admin_client.post(reverse("administration:correction_remove", args=[official.pk])).status_code == 404
    )
    assert DayOverride.objects.filter(pk=official.pk).exists()
    assert admin_client.get(URL, {"nam": "abc"}).status_code == 200
    admin_client.force_login(cast.desk)
    assert admin_client.get(URL).status_code == 403
