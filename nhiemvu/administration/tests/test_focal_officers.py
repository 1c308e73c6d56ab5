"""The office keeps the list of the units' focal officers: each unit sends its focal officer's
name, title, phone and e-mail to the office (seed 004 art. 4 and art. 12.2, Quyết định
237/QĐ-UBND). An office desk keeps those of the units below its role's unit, administrators
every unit's; nobody else, and never another province's."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from nhiemvu.accounts.choices import Role
from nhiemvu.units import services
from nhiemvu.units.models import FocalOfficer
from tests.factories import FocalOfficerFactory, UnitFactory, person

pytestmark = pytest.mark.django_db

LIST = reverse("administration:focal_officers")


def unit_page(unit):
    return reverse("administration:focal_officer_unit", args=[unit.pk])


@pytest.fixture
def other_province():
    return UnitFactory(name="UBND tỉnh Quảng Ngãi", code="QN")


@pytest.fixture
def other_department(other_province):
    return UnitFactory(name="Sở Tư pháp", parent=other_province, code="QN.STP")


def test_the_office_desk_adds_a_focal_officer_of_a_department_seed_004_art_12_2(client, cast):
    client.force_login(cast.desk)
    response = client.post(
        unit_page(cast.justice_department),
        {
            "full_name": "Trần  Thị   B",
            "title": "Phó Chánh Văn phòng",
            "phone": "0260 3862 111",
            "email": "b@stp.example",
        },
    )
    assert response.status_code == 302
    officer = cast.justice_department.focal_officers.get()
    assert (officer.full_name, officer.title, officer.email) == (
        "Trần Thị B",
        "Phó Chánh Văn phòng",
        "b@stp.example",
    )


def test_typing_the_same_name_brings_that_officer_up_to_date_instead_of_adding_one(client, cast):
    client.force_login(cast.desk)
    client.post(
        unit_page(cast.agriculture_department), {"full_name": "nguyễn văn a", "phone": "0912 000 111"}
    )
    officer = cast.agriculture_department.focal_officers.get()
    assert officer.phone == "0912 000 111"


def test_the_office_desk_removes_an_officer_who_no_longer_serves(client, cast):
    officer = FocalOfficerFactory(unit=cast.justice_department, full_name="Lê Văn C")
    client.force_login(cast.desk)
    response = client.post(reverse("administration:focal_officer_remove", args=[officer.pk]))
    assert response.status_code == 302
    assert not FocalOfficer.objects.filter(pk=officer.pk).exists()


def test_the_list_shows_the_units_below_the_desk_and_which_have_named_nobody(client, cast, other_department):
    client.force_login(cast.desk)
    page = client.get(LIST).content.decode()
    assert "Nguyễn Văn A" in page and "Sở Tư pháp" in page
    missing = client.get(LIST, {"thieu": "1"})
    names = [unit.name for unit in missing.context["page"].object_list]
    assert "Sở Tư pháp" in names and "Sở Nông nghiệp và Phát triển nông thôn" not in names
    assert all(unit.path.startswith(cast.province.path) for unit in missing.context["page"].object_list)


def test_the_list_finds_a_unit_without_diacritics_or_by_code(client, cast):
    client.force_login(cast.desk)
    for words in ("so tu phap", "KT.STP"):
        names = [unit.name for unit in client.get(LIST, {"q": words}).context["page"].object_list]
        assert names == ["Sở Tư pháp"], words


def test_another_provinces_unit_is_a_404_on_the_page_and_refused_by_the_service(
    client, cast, other_department
):
    officer = FocalOfficerFactory(unit=other_department, full_name="Phạm Văn D")
    client.force_login(cast.desk)
    assert client.get(unit_page(other_department)).status_code == 404
    assert client.post(unit_page(other_department), {"full_name": "Kẻ Lạ"}).status_code == 404
    assert client.post(reverse("administration:focal_officer_remove", args=[officer.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.set_focal_officer(unit=other_department, full_name="Kẻ Lạ", by=cast.desk)
    with pytest.raises(PermissionDenied):
        services.remove_focal_officer(officer=officer, by=cast.desk)
    assert list(other_department.focal_officers.values_list("full_name", flat=True)) == ["Phạm Văn D"]


def test_the_administrator_keeps_every_units_officers(client, cast, other_department):
    client.force_login(cast.admin)
    client.post(unit_page(other_department), {"full_name": "Phạm Văn D"})
    assert other_department.focal_officers.filter(full_name="Phạm Văn D").exists()


@pytest.mark.parametrize("persona", ["focal_officer", "unit_leader", "leader", "viewer", "inspection"])
def test_the_units_and_the_leaders_do_not_keep_the_list(client, cast, persona):
    client.force_login(getattr(cast, persona))
    assert client.get(LIST).status_code == 403
    assert client.post(unit_page(cast.agriculture_department), {"full_name": "Kẻ Lạ"}).status_code == 403
    assert not FocalOfficer.objects.filter(full_name="Kẻ Lạ").exists()


def test_a_blank_name_or_a_bad_email_is_a_vietnamese_message_and_nothing_changes(client, cast):
    client.force_login(cast.desk)
    response = client.post(unit_page(cast.justice_department), {"full_name": "", "email": "khong-phai-email"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Trường này là bắt buộc." in page and "Nhập địa chỉ email." in page
    assert not cast.justice_department.focal_officers.exists()


def test_the_menu_offers_the_list_to_the_office_and_not_to_the_units(client, cast):
    client.force_login(cast.desk)
    assert LIST in client.get(reverse("home")).content.decode()
    client.force_login(cast.focal_officer)
    assert LIST not in client.get(reverse("home")).content.decode()


def test_the_list_reads_a_fixed_number_of_queries_whatever_the_units(
    client, cast, django_assert_max_num_queries
):
    for number in range(30):
        unit = UnitFactory(name=f"UBND xã số {number}", parent=cast.district, code=f"KT.DH.X{number}")
        FocalOfficerFactory(unit=unit, full_name=f"Cán bộ {number}")
    person(Role.OFFICE_DESK, cast.province, username="vp_kiemtra")
    client.force_login(cast.desk)
    with django_assert_max_num_queries(12):
        response = client.get(LIST)
    assert len(response.context["page"].object_list) > 30
