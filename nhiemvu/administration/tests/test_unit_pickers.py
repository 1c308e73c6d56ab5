"""The unit page names units with the unit picker, not with <select>s of every unit: at
5,000 units (the communes after the 2025 reorganisation) a page of options is megabytes. A
successor or a parent is typed by code or picked ("name (code)"); a unit unknown or ended
is refused in Vietnamese on its field, and nothing changes (units.services decides)."""

from datetime import date

import pytest
from django.urls import reverse

from nhiemvu.tracking.models import Task
from nhiemvu.units.choices import UnitKind
from nhiemvu.units.models import Unit, UnitSuccession
from tests.factories import UnitFactory, make_task

pytestmark = pytest.mark.django_db

MANY = 5000


@pytest.fixture
def admin_client(client, cast):
    client.force_login(cast.admin)
    return client


@pytest.fixture
def communes(cast):
    """MANY active communes under the province, inserted in bulk."""
    units = [
        Unit(
            code=f"XA{n:04d}",
            name=f"UBND xã Thử Nghiệm {n}",
            kind=UnitKind.COMMUNE,
            parent=cast.province,
            path=f"{cast.province.path}xa{n}/",
        )
        for n in range(MANY)
    ]
    for unit in units:
        unit.search_name = unit.compute_search_name()  # what save() does, which bulk_create skips
    Unit.objects.bulk_create(units, batch_size=500)


@pytest.fixture
def commune(cast):
    return UnitFactory(name="UBND xã Đắk Hà", kind=UnitKind.COMMUNE, parent=cast.province, code="KT.XDH")


def change(client, unit, key, **data):
    return client.post(
        reverse("administration:unit_change", args=[unit.pk, key]),
        {f"{key}-{name}": value for name, value in data.items()},
    )


def test_the_unit_page_lists_no_units_to_choose_from_among_5000(
    admin_client, cast, communes, django_assert_max_num_queries
):
    # The session (and its save), the user and roles, the unit and its parent, the tasks
    # awaiting a successor, focal officers, former names, successions both ways, children.
    with django_assert_max_num_queries(14):
        response = admin_client.get(reverse("administration:unit_detail", args=[cast.district.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Thử Nghiệm" not in page
    assert len(page) < 40_000  # a <select> of the 5,000 units alone would be about 300 kB
    for name in ("sua-parent", "sap-nhap-into", "chia-tach-into", "chia-tach-default"):
        assert f'name="{name}"' in page and f'list="id_{name}-options"' in page
    assert 'data-unit-picker="many"' in page and "units/picker.js" in page
    assert "UBND tỉnh Kon Tum (KT)" in page  # the current parent, as the picker writes it
    created = admin_client.get(reverse("administration:unit_create"), {"parent": cast.district.pk})
    assert "Thử Nghiệm" not in created.content.decode() and len(created.content) < 40_000
    assert "UBND huyện Đắk Hà (KT.DH)" in created.content.decode()


@pytest.mark.parametrize("typed", ["UBND xã Đắk Hà (KT.XDH)", "kt.xdh", "ubnd xa dak ha"])
def test_a_merge_takes_the_successor_picked_or_typed_by_code_or_whole_name(
    admin_client, cast, commune, typed
):
    task = make_task(lead_unit=cast.district, assigning_unit=cast.province, assigned_on=date(2025, 3, 3))
    response = change(admin_client, cast.district, "sap-nhap", into=typed, on="01/07/2025")
    assert response.status_code == 302
    assert Task.objects.get(pk=task.pk).lead_unit == commune
    assert UnitSuccession.objects.get(predecessor=cast.district).successor == commune


def test_a_split_takes_its_successors_and_default_from_the_picker(admin_client, cast):
    ward = UnitFactory(name="UBND phường Quyết Thắng", kind=UnitKind.COMMUNE, parent=cast.province)
    north = UnitFactory(
        name="UBND phường Kon Tum", kind=UnitKind.COMMUNE, parent=cast.province, code="KT.PKT"
    )
    south = UnitFactory(
        name="UBND phường Đăk Cấm", kind=UnitKind.COMMUNE, parent=cast.province, code="KT.PDC"
    )
    task = make_task(lead_unit=ward, assigning_unit=cast.province, assigned_on=date(2025, 3, 3))
    response = change(
        admin_client,
        ward,
        "chia-tach",
        into="UBND phường Kon Tum (KT.PKT); UBND phường Đăk Cấm (KT.PDC); ",
        default="kt.pdc",
        on="01/07/2025",
    )
    assert response.status_code == 302
    assert {s.successor for s in UnitSuccession.objects.filter(predecessor=ward)} == {north, south}
    assert Task.objects.get(pk=task.pk).lead_unit == south


def test_an_unknown_successor_is_refused_on_its_field_and_nothing_changes(admin_client, cast, commune):
    task = make_task(lead_unit=cast.district, assigning_unit=cast.province, assigned_on=date(2025, 3, 3))
    merge = change(admin_client, cast.district, "sap-nhap", into="KT.XYZ", on="01/07/2025")
    split = change(admin_client, cast.district, "chia-tach", into="KT.XDH; xã không có", on="01/07/2025")
    assert merge.status_code == split.status_code == 400
    assert "Không tìm thấy đơn vị “KT.XYZ”." in merge.content.decode()
    assert "Không tìm thấy đơn vị “xã không có”." in split.content.decode()
    assert 'value="KT.XYZ"' in merge.content.decode()  # what was typed stays in the box
    assert Unit.objects.get(pk=cast.district.pk).active_until is None
    assert not UnitSuccession.objects.exists()
    assert Task.objects.get(pk=task.pk).lead_unit == cast.district


def test_an_ended_successor_is_refused_saying_it_has_ended_and_nothing_changes(admin_client, cast, commune):
    merged = change(admin_client, commune, "sap-nhap", into="KT.DH", on="01/07/2025")
    assert merged.status_code == 302  # the commune has ended, merged into the district
    ward = UnitFactory(name="UBND phường Quyết Thắng", kind=UnitKind.COMMUNE, parent=cast.province)
    for response in (
        change(
            admin_client, cast.justice_department, "sap-nhap", into="UBND xã Đắk Hà (KT.XDH)", on="01/07/2025"
        ),
        change(admin_client, ward, "chia-tach", into="KT.DH; KT.XDH", on="01/07/2025"),
        change(admin_client, ward, "chia-tach", into="KT.DH; KT.STC", default="KT.XDH", on="01/07/2025"),
    ):
        assert response.status_code == 400
        assert (
            "Đơn vị “UBND xã Đắk Hà” đã ngừng hoạt động từ sau ngày 30/06/2025." in response.content.decode()
        )
    assert not Unit.objects.filter(
        pk__in=[cast.justice_department.pk, ward.pk], active_until__isnull=False
    ).exists()
    assert UnitSuccession.objects.count() == 1


def test_a_unit_moves_under_a_parent_typed_by_code_and_never_under_itself(admin_client, cast):
    moved = change(admin_client, cast.forestry, "sua", kind=UnitKind.SUB_UNIT, parent="KT.DH", sort_order=0)
    assert moved.status_code == 302
    assert Unit.objects.get(pk=cast.forestry.pk).path.startswith(cast.district.path)
    loop = change(
        admin_client, cast.district, "sua", kind=UnitKind.DISTRICT, parent="KT.SNN.CCKL", sort_order=0
    )
    assert loop.status_code == 400
    assert "Đơn vị cấp trên không được là chính đơn vị hoặc đơn vị cấp dưới của nó." in loop.content.decode()
    assert Unit.objects.get(pk=cast.district.pk).parent == cast.province
