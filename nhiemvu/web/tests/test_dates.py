"""Dates as Vietnamese offices type them (day first), the same in every form, the admin, the CLI
and the import: one list, nhiemvu.dates.DATE_INPUT_FORMATS."""

from datetime import date

import pytest
from django import forms
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone, translation

from nhiemvu.dashboard.forms import PeriodForm
from nhiemvu.dates import DATE_INPUT_FORMATS, parse_date
from nhiemvu.workdays.choices import DaySource, OverrideKind
from nhiemvu.workdays.models import DayOverride
from tests.factories import UserFactory

ACCEPTED = [
    ("01/12/2026", date(2026, 12, 1)),
    ("25/12/2026", date(2026, 12, 25)),
    ("1/12/2026", date(2026, 12, 1)),
    ("01.12.2026", date(2026, 12, 1)),
    ("2026-12-01", date(2026, 12, 1)),
]
# Arabic-Indic, full-width and mixed digits: Python reads them as numbers; a clerk did not type them.
REFUSED = ["١٢/٠١/٢٠٢٦", "１２/０１/２０２６", "12/01/٢٠٢٦", "31/02/2026", "12/2026", "2026/12/01", ""]


@pytest.mark.parametrize(("text", "day"), ACCEPTED)
def test_parse_date_reads_the_day_first(text, day):
    assert parse_date(text) == day


@pytest.mark.parametrize("text", REFUSED)
def test_parse_date_refuses_other_digits_and_impossible_dates(text):
    with pytest.raises(ValueError):
        parse_date(text)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_form_gets_the_same_list_and_shows_dd_mm_yyyy_in_every_language(language):
    with translation.override(language):
        assert formats.get_format("DATE_INPUT_FORMATS") == DATE_INPUT_FORMATS
        assert formats.date_format(date(2026, 12, 1)) == "01/12/2026"
        assert formats.date_format(date(2026, 12, 1), "SHORT_DATE_FORMAT") == "01/12/2026"
        assert forms.DateField().clean("01/12/2026") == date(2026, 12, 1)


@pytest.mark.parametrize(("text", "day"), ACCEPTED)
def test_the_dashboard_period_form_reads_the_day_first(text, day):
    form = PeriodForm({"date_from": text, "date_to": "31/12/2026"}, now=timezone.now())
    assert form.is_valid(), form.errors
    assert form.cleaned_data["date_from"] == day


@pytest.fixture
def admin_client(db):
    client = Client()
    client.force_login(UserFactory(username="quantri", is_staff=True, is_superuser=True))
    return client


def add_day_override(client, typed: str):
    return client.post(
        reverse("admin:workdays_dayoverride_add"),
        {"date": typed, "kind": OverrideKind.DAY_OFF, "name": "Nghỉ thử", "legal_basis": "Công văn thử"},
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("text", "day"), ACCEPTED)
def test_the_admin_reads_the_day_first(admin_client, text, day):
    assert add_day_override(admin_client, text).status_code == 302
    assert DayOverride.objects.get(source=DaySource.ADMIN).date == day


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["١٢/٠١/٢٠٢٦", "１２/０１/２０２６", "12/01/٢٠٢٦", "31/02/2026"])
def test_the_admin_refuses_other_digits_and_impossible_dates_in_vietnamese(admin_client, text):
    response = add_day_override(admin_client, text)
    assert response.status_code == 200
    assert "Nhập một ngày hợp lệ." in response.content.decode()
    assert not DayOverride.objects.filter(source=DaySource.ADMIN).exists()


@pytest.mark.django_db
def test_the_admin_lists_dates_as_dd_mm_yyyy(admin_client):
    add_day_override(admin_client, "01/12/2026")
    page = admin_client.get(reverse("admin:workdays_dayoverride_changelist")).content.decode()
    assert "01/12/2026" in page


@pytest.mark.parametrize("text", ["12/01/٢٠٢٦", "１/12/2026"])
def test_a_date_with_some_other_digits_is_refused_by_every_form_of_ours(text):
    from nhiemvu.forms import DayField

    with pytest.raises(forms.ValidationError):
        DayField().clean(text)
