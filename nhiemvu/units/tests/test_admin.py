"""The admin's doors to the unit tree: a name is never overwritten, renames, merges and
splits are actions calling units.services (domain.md "Units change"; issue: renaming in the
admin made a 2018 report show the new name)."""

from datetime import date

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.messages import get_messages
from django.urls import reverse

from nhiemvu.reports.services import unit_report
from nhiemvu.units.choices import UnitKind
from nhiemvu.units.models import Unit
from tests.factories import UnitFactory, UserFactory, make_task, moment

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:units_unit_changelist")


@pytest.fixture
def client(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def agriculture(province):
    return UnitFactory(code="SNN", name="Sở Nông nghiệp và Phát triển nông thôn", parent=province)


def act(client, action, units, **data):
    return client.post(
        CHANGELIST,
        {"action": action, ACTION_CHECKBOX_NAME: [unit.pk for unit in units], "apply": "1", **data},
    )


def report_names(date_from, date_to, as_of):
    return {row.unit for row in unit_report(date_from=date_from, date_to=date_to, as_of=as_of).rows}


def test_the_name_is_read_only_in_the_change_form(client, agriculture):
    url = reverse("admin:units_unit_change", args=[agriculture.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="name"' not in page.content.decode() and agriculture.name in page.content.decode()
    inlines = {
        f"{prefix}-{key}": value
        for prefix in ("focal_officers", "former_names", "successions")
        for key, value in (("TOTAL_FORMS", 0), ("INITIAL_FORMS", 0))
    }
    posted = {
        "code": "SNN",
        "name": "Sở Nông nghiệp và Môi trường",
        "kind": agriculture.kind,
        "parent": agriculture.parent_id,
        "sort_order": 0,
        **inlines,
    }
    assert client.post(url, posted).status_code == 302
    agriculture.refresh_from_db()
    assert agriculture.name == "Sở Nông nghiệp và Phát triển nông thôn"


def test_a_new_unit_is_given_its_name_in_the_add_form(client):
    assert 'name="name"' in client.get(reverse("admin:units_unit_add")).content.decode()


def test_rename_in_the_admin_keeps_the_2018_report_on_the_old_name(client, agriculture, province):
    make_task(lead_unit=agriculture, assigning_unit=province, assigned_on=date(2018, 5, 2))
    form = client.post(CHANGELIST, {"action": "rename", ACTION_CHECKBOX_NAME: [agriculture.pk]})
    assert form.status_code == 200 and 'name="new_name"' in form.content.decode(), "the form comes first"

    response = act(client, "rename", [agriculture], new_name="Sở Nông nghiệp và Môi trường", on="2025-03-01")
    assert response.status_code == 302
    agriculture.refresh_from_db()
    assert agriculture.name == "Sở Nông nghiệp và Môi trường"
    of_2018 = report_names(date(2018, 1, 1), date(2018, 12, 31), moment(date(2018, 12, 27), 15, 30))
    assert of_2018 == {"Sở Nông nghiệp và Phát triển nông thôn"}
    assert report_names(date(2018, 1, 1), date(2025, 12, 31), moment(date(2025, 12, 31))) == {
        "Sở Nông nghiệp và Môi trường"
    }


def test_merge_via_the_admin_action_moves_the_open_tasks(client, province):
    districts = [UnitFactory(name=f"UBND huyện {n}", kind=UnitKind.DISTRICT, parent=province) for n in "AB"]
    commune = UnitFactory(name="UBND xã Đắk Hà", kind=UnitKind.COMMUNE, parent=province)
    tasks = [make_task(lead_unit=d, assigning_unit=province, assigned_on=date(2025, 3, 3)) for d in districts]
    assert act(client, "merge", districts, into=commune.code, on="2025-07-01").status_code == 302
    for district, task in zip(districts, tasks, strict=True):
        district.refresh_from_db()
        task.refresh_from_db()
        assert district.active_until == date(2025, 6, 30) and task.lead_unit == commune


def test_a_refused_merge_shows_the_reason_and_changes_nothing(client, province):
    first = UnitFactory(name="UBND huyện A", kind=UnitKind.DISTRICT, parent=province)
    second = UnitFactory(name="UBND huyện B", kind=UnitKind.DISTRICT, parent=province)
    response = act(client, "merge", [first, second], into=second.code, on="2025-07-01")
    assert response.status_code == 200
    assert "Đơn vị kế thừa không được là chính đơn vị" in response.content.decode()
    assert not Unit.objects.filter(active_until__isnull=False).exists(), "the first merge is undone too"


@pytest.mark.parametrize("with_default", [True, False])
def test_split_via_the_admin_action(client, province, with_default):
    ward = UnitFactory(name="UBND phường Quyết Thắng", kind=UnitKind.COMMUNE, parent=province)
    north = UnitFactory(name="UBND phường Kon Tum", kind=UnitKind.COMMUNE, parent=province)
    south = UnitFactory(name="UBND phường Đăk Cấm", kind=UnitKind.COMMUNE, parent=province)
    task = make_task(lead_unit=ward, assigning_unit=province, assigned_on=date(2025, 3, 3))
    into = f"{north.code}; {south.code}"  # as the unit picker writes them
    data = {"into": into, "on": "2025-07-01", "default": south.code if with_default else ""}
    response = act(client, "split", [ward], **data)
    assert response.status_code == 302
    said = [str(message) for message in get_messages(response.wsgi_request)]
    assert said[0].endswith(f"{1 if with_default else 0} nhiệm vụ chuyển sang đơn vị kế thừa.")
    assert ("1 nhiệm vụ chờ Văn phòng giao lại cho một đơn vị kế thừa." in said) is not with_default
    ward.refresh_from_db()
    task.refresh_from_db()
    assert ward.active_until == date(2025, 6, 30)
    assert ward.successions.count() == 2
    assert task.lead_unit == (south if with_default else ward)


def test_a_split_or_rename_needs_exactly_one_unit(client, province):
    units = [UnitFactory(parent=province), UnitFactory(parent=province)]
    response = act(client, "split", units, into=units[0].code, on="2025-07-01")
    assert response.status_code == 302
    assert not Unit.objects.filter(active_until__isnull=False).exists()
