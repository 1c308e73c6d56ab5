"""--create-units, and who the assigning unit of imported tasks is (the issue)."""

from datetime import date

import pytest

from nhiemvu.directives.models import Directive
from nhiemvu.importing.errors import ImportRejected
from nhiemvu.importing.resolution import new_unit_code
from nhiemvu.importing.services import import_tasks
from nhiemvu.importing.tests.conftest import TODAY, row
from nhiemvu.tracking.models import Task
from nhiemvu.units.choices import UnitKind
from nhiemvu.units.models import Unit, UnitName
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_create_units_creates_each_unknown_name_once_under_the_assigning_unit(units, write_file):
    path = write_file(
        [
            row(content="Một", lead="Ban Quản lý dự án Đắk Hà", coordinating="Trung tâm Hành chính công"),
            row(content="Hai", lead="ban quản lý  dự án đắk hà"),
            row(content="Ba", lead="Sở Nội vụ", coordinating="Trung tâm hành chính công; Sở Tài chính"),
        ]
    )
    result = import_tasks(path, today=TODAY, create_units=True)
    assert result.units_created == [
        "Ban Quản lý dự án Đắk Hà (IMP-BAN-QUAN-LY-DU-AN-DAK-HA)",
        "Trung tâm Hành chính công (IMP-TRUNG-TAM-HANH-CHINH-CONG)",
    ]
    created = Unit.objects.get(code="IMP-BAN-QUAN-LY-DU-AN-DAK-HA")
    assert (created.name, created.kind, created.parent) == (
        "Ban Quản lý dự án Đắk Hà",
        UnitKind.OTHER,
        units["province"],
    )
    assert created.is_within(units["province"])  # the materialised path is set
    assert Task.objects.filter(lead_unit=created).count() == 2
    centre = Unit.objects.get(code="IMP-TRUNG-TAM-HANH-CHINH-CONG")
    assert Task.objects.get(content="Ba").coordinating_units.count() == 2
    assert centre.coordinated_tasks.count() == 2


def test_generated_codes_are_unique():
    taken = {"imp-so-y-te"}
    assert new_unit_code("Sở Y tế", taken) == "IMP-SO-Y-TE-2"
    assert new_unit_code("Sở  y tế", taken) == "IMP-SO-Y-TE-3"
    assert new_unit_code("Đoàn Thanh niên", taken) == "IMP-DOAN-THANH-NIEN"
    assert len(new_unit_code("Ban " * 40, taken)) <= 50


def test_without_create_units_an_unknown_unit_is_an_error(units, write_file):
    with pytest.raises(ImportRejected, match="dùng --create-units"):
        import_tasks(write_file([row(lead="Ban Quản lý dự án")]), today=TODAY)


def test_a_former_name_still_finds_the_unit(units, write_file):
    UnitName.objects.create(unit=units["noi_vu"], name="Ban Tổ chức chính quyền", until=date(2008, 3, 31))
    import_tasks(write_file([row(lead="Ban Tổ chức chính quyền")]), today=TODAY)
    assert Task.objects.get().lead_unit == units["noi_vu"]


def test_the_unit_named_as_issuer_is_the_assigning_unit(units, write_file):
    UnitFactory(code="SNV-TCBC", name="Phòng Tổ chức, biên chế", parent=units["noi_vu"])
    import_tasks(write_file([row(issuer="Sở Nội vụ", lead="Phòng Tổ chức, biên chế")]), today=TODAY)
    assert Task.objects.get().assigning_unit == units["noi_vu"]
    assert Directive.objects.get().issuer_unit == units["noi_vu"]


def test_an_unknown_issuer_falls_back_to_the_single_active_root(units, write_file):
    UnitFactory(code="CU", name="UBND tỉnh cũ", kind="province", active_until=date(2018, 12, 31))
    import_tasks(write_file([row(issuer="Văn phòng Chính phủ")]), today=TODAY)
    assert Task.objects.get().assigning_unit == units["province"]
    assert Directive.objects.get().issuer_unit is None


def test_the_assigning_unit_option_wins_over_the_issuer(units, write_file):
    UnitFactory(code="UBND-QN", name="UBND tỉnh Quảng Ngãi", kind="province")  # two roots now
    path = write_file([row(issuer="Văn phòng Chính phủ", lead="Sở Tài chính")])
    import_tasks(path, today=TODAY, assigning_unit="STC")
    assert Task.objects.get().assigning_unit == units["tai_chinh"]


def test_units_created_under_the_given_assigning_unit(units, write_file):
    import_tasks(
        write_file([row(lead="Phòng Kế hoạch")]),
        today=TODAY,
        assigning_unit=units["noi_vu"],
        create_units=True,
    )
    assert Unit.objects.get(name="Phòng Kế hoạch").parent == units["noi_vu"]
