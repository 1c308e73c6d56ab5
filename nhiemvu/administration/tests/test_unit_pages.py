"""The unit tree in the app (issue 13, administration): every change through units.services,
for administrators only, bad input refused in Vietnamese with nothing changed."""

from datetime import date

import pytest
from django.urls import reverse

from nhiemvu.tracking.models import Task
from nhiemvu.units.choices import UnitKind
from nhiemvu.units.models import Unit, UnitSuccession
from tests.factories import UnitFactory, make_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, cast):
    client.force_login(cast.admin)
    return client


def change(client, unit, key, **data):
    return client.post(
        reverse("administration:unit_change", args=[unit.pk, key]),
        {f"{key}-{name}": v for name, v in data.items()},
    )


def test_only_administrators_reach_the_unit_pages(client, cast):
    for user in (cast.desk, cast.focal_officer, cast.leader):
        client.force_login(user)
        for url in (
            reverse("administration:unit_tree"),
            reverse("administration:unit_detail", args=[cast.province.pk]),
            reverse("administration:awaiting_successor"),
        ):
            response = client.get(url)
            assert response.status_code == 403, (user.username, url)
            assert "Không có quyền truy cập" in response.content.decode()
        response = change(
            client, cast.justice_department, "doi-ten", new_name="Sở Tư pháp mới", on="01/01/2026"
        )
        assert response.status_code == 403
    assert Unit.objects.get(pk=cast.justice_department.pk).name == "Sở Tư pháp"


def test_the_tree_shows_the_roots_then_opens_a_unit_on_demand_in_bounded_queries(
    admin_client, cast, django_assert_max_num_queries
):
    for index in range(30):
        UnitFactory(name=f"Phòng {index}", parent=cast.district, kind=UnitKind.SUB_UNIT)
    page = admin_client.get(reverse("administration:unit_tree")).content.decode()
    assert "UBND tỉnh Kon Tum" in page and "Sở Tư pháp" not in page
    with django_assert_max_num_queries(10):  # the session, the user and roles, the unit, its children
        rows = admin_client.get(
            reverse("administration:unit_tree"), {"parent": cast.district.pk}, HTTP_HX_REQUEST="true"
        )
    assert rows.content.decode().count("<tr") == 31  # its 30 new units and the cast's sub-unit
    found = admin_client.get(reverse("administration:unit_tree"), {"q": "KT.STP"}).content.decode()
    assert "Sở Tư pháp" in found
    unaccented = admin_client.get(reverse("administration:unit_tree"), {"q": "so tu phap"}).content.decode()
    assert "Sở Tư pháp" in unaccented and "Sở Tài chính" not in unaccented


def test_a_unit_is_created_under_its_parent_and_a_taken_code_is_refused(admin_client, cast):
    url = reverse("administration:unit_create")
    data = {
        "code": "KT.SXD",
        "name": "Sở  Xây   dựng",
        "kind": UnitKind.DEPARTMENT,
        "parent": "UBND tỉnh Kon Tum (KT)",  # as the unit picker writes it
        "sort_order": 16,
    }
    response = admin_client.post(url, data)
    unit = Unit.objects.get(code="KT.SXD")
    assert response.status_code == 302 and unit.parent == cast.province and unit.name == "Sở Xây dựng"
    again = admin_client.post(url, data | {"name": "Sở Khác"})
    assert again.status_code == 200 and "đã tồn tại" in again.content.decode()
    assert not Unit.objects.filter(name="Sở Khác").exists()


def test_a_rename_is_dated_and_earlier_reports_keep_the_old_name(admin_client, cast):
    unit = cast.justice_department
    response = change(admin_client, unit, "doi-ten", new_name="Sở Tư pháp tỉnh Kon Tum", on="01/03/2026")
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.name == "Sở Tư pháp tỉnh Kon Tum"
    assert unit.former_names.get().name == "Sở Tư pháp" and unit.former_names.get().until == date(2026, 2, 28)


def test_a_bad_date_or_a_refused_change_says_why_and_changes_nothing(admin_client, cast):
    unit = cast.justice_department
    bad_date = change(admin_client, unit, "doi-ten", new_name="Tên mới", on="31/02/2026")
    assert bad_date.status_code == 400 and "Nhập một ngày hợp lệ" in bad_date.content.decode()
    same_name = change(admin_client, unit, "doi-ten", new_name="Sở Tư pháp", on="01/03/2026")
    assert same_name.status_code == 400 and "trùng tên hiện tại" in same_name.content.decode()
    loop = change(
        admin_client, cast.agriculture_department, "sua", kind=UnitKind.DEPARTMENT, parent=cast.forestry.code
    )
    assert loop.status_code == 400
    unknown = admin_client.post(reverse("administration:unit_change", args=[unit.pk, "xoa"]))
    assert unknown.status_code == 404
    assert Unit.objects.get(pk=unit.pk).name == "Sở Tư pháp" and not unit.former_names.exists()
    assert Unit.objects.get(pk=cast.agriculture_department.pk).parent == cast.province


def test_a_merge_moves_the_open_tasks_to_the_successor(admin_client, cast):
    task = make_task(lead_unit=cast.district, assigning_unit=cast.province, assigned_on=date(2025, 3, 3))
    commune = UnitFactory(name="UBND xã Đắk Hà", kind=UnitKind.COMMUNE, parent=cast.province, code="KT.XDH")
    response = change(admin_client, cast.district, "sap-nhap", into=commune.code, on="01/07/2025")
    assert response.status_code == 302
    assert Task.objects.get(pk=task.pk).lead_unit == commune
    assert Unit.objects.get(pk=cast.district.pk).active_until == date(2025, 6, 30)


def test_a_split_without_default_lists_the_tasks_for_the_office(admin_client, cast):
    ward = UnitFactory(
        name="UBND phường Quyết Thắng", kind=UnitKind.COMMUNE, parent=cast.province, code="KT.PQT"
    )
    task = make_task(lead_unit=ward, assigning_unit=cast.province, assigned_on=date(2025, 3, 3))
    north = UnitFactory(
        name="UBND phường Kon Tum", kind=UnitKind.COMMUNE, parent=cast.province, code="KT.PKT"
    )
    south = UnitFactory(
        name="UBND phường Đăk Cấm", kind=UnitKind.COMMUNE, parent=cast.province, code="KT.PDC"
    )
    response = admin_client.post(
        reverse("administration:unit_change", args=[ward.pk, "chia-tach"]),
        {"chia-tach-into": f"{north.code}; {south.code}", "chia-tach-on": "01/07/2025"},
        follow=True,
    )
    assert "chờ Văn phòng giao lại" in response.content.decode()
    assert UnitSuccession.objects.filter(predecessor=ward).count() == 2
    listed = admin_client.get(reverse("administration:awaiting_successor")).content.decode()
    assert task.content in listed


def test_a_split_of_a_unit_with_sub_units_needs_a_default_successor(admin_client, cast):
    north = UnitFactory(
        name="UBND xã Đắk Hà Bắc", kind=UnitKind.COMMUNE, parent=cast.province, code="KT.XDHB"
    )
    south = UnitFactory(
        name="UBND xã Đắk Hà Nam", kind=UnitKind.COMMUNE, parent=cast.province, code="KT.XDHN"
    )
    response = change(
        admin_client, cast.district, "chia-tach", into=f"{north.code}; {south.code}", on="01/07/2025"
    )
    assert response.status_code == 400 and "phải chọn đơn vị kế thừa mặc định" in response.content.decode()
    assert Unit.objects.get(pk=cast.district.pk).active_until is None


def test_the_focal_officer_is_named_on_the_unit_page_seed_004_art_4(admin_client, cast):
    unit = cast.justice_department
    response = change(
        admin_client, unit, "dau-moi", full_name="Trần Thị B", title="Chánh Văn phòng", phone="0260 3861 234"
    )
    assert response.status_code == 302
    page = admin_client.get(reverse("administration:unit_detail", args=[unit.pk])).content.decode()
    assert "Trần Thị B, Chánh Văn phòng" in page
