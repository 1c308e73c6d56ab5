"""units.services.create_unit / update_unit / set_focal_officer: the one door for changing units
in place (the import, later the web and the admin)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nhiemvu.accounts.choices import Role
from nhiemvu.units import services
from nhiemvu.units.models import Unit
from tests.factories import person

pytestmark = pytest.mark.django_db


def test_only_administrators_create_units():
    clerk = person(
        Role.OFFICE_DESK, services.create_unit(code="KT", name="UBND tỉnh Kon Tum", kind="province")
    )
    with pytest.raises(PermissionDenied):
        services.create_unit(code="X", name="X", kind="other", by=clerk)
    assert services.create_unit(code="X", name="X", kind="other", by=person(Role.ADMIN)).pk


def test_a_code_is_unique_and_a_kind_must_be_known():
    services.create_unit(code="KT", name="UBND tỉnh Kon Tum", kind="province")
    with pytest.raises(ValidationError):
        services.create_unit(code="KT", name="Khác", kind="province")
    with pytest.raises(ValidationError):
        services.create_unit(code="KT2", name="Khác", kind="tỉnh")


def test_moving_a_unit_moves_its_subtree():
    root = services.create_unit(code="KT", name="UBND tỉnh Kon Tum", kind="province")
    office = services.create_unit(code="VP", name="Văn phòng", kind="office", parent=root)
    desk = services.create_unit(code="PH", name="Phòng Tổng hợp", kind="desk", parent=office)
    other = services.create_unit(code="QN", name="UBND tỉnh Quảng Ngãi", kind="province")
    assert services.update_unit(unit=office, parent=other, sort_order=3) == ["parent", "sort_order"]
    desk.refresh_from_db()
    assert desk.is_within(other) and not desk.is_within(root)
    assert services.update_unit(unit=office, parent=other, sort_order=3) == []


def test_the_name_changes_only_by_a_dated_rename():
    unit = services.create_unit(code="KT", name="UBND tỉnh Kon Tum", kind="province")
    with pytest.raises(TypeError):
        services.update_unit(unit=unit, name="Tỉnh Kon Tum")
    assert Unit.objects.get().name == "UBND tỉnh Kon Tum"


def test_a_focal_officer_is_matched_by_name_and_brought_up_to_date_seed004_art4():
    unit = services.create_unit(code="SNV", name="Sở Nội vụ", kind="department")
    officer, changed = services.set_focal_officer(unit=unit, full_name="Lê Thị Hoa", phone="0260 1")
    assert changed
    same, changed = services.set_focal_officer(unit=unit, full_name="lê  thị hoa", phone="0260 2")
    assert changed and same.pk == officer.pk and unit.focal_officers.get().phone == "0260 2"
    assert services.set_focal_officer(unit=unit, full_name="lê  thị hoa", phone="0260 2")[1] is False
