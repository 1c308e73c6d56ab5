"""One installation, several provinces with the same unit names (issue 11: national scale)."""

import pytest

from nhiemvu.directives.models import Directive
from nhiemvu.importing.columns import BASE_COLUMNS, COLUMNS, LEAD_UNIT_CODE
from nhiemvu.importing.errors import ImportRejected
from nhiemvu.importing.services import import_tasks
from nhiemvu.importing.tests.conftest import TODAY, row
from nhiemvu.tracking.models import Task
from nhiemvu.units.models import Unit
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_provinces():
    """Kon Tum and Quảng Ngãi, each with its "Sở Nội vụ" and "Sở Tài chính"."""
    units = {}
    for key, name, short in (
        ("KT", "UBND tỉnh Kon Tum", "UBND tỉnh"),
        ("QN", "UBND tỉnh Quảng Ngãi", "UBND tỉnh"),
    ):
        province = units[key] = UnitFactory(code=f"UBND-{key}", name=name, short_name=short, kind="province")
        units[f"SNV-{key}"] = UnitFactory(code=f"SNV-{key}", name="Sở Nội vụ", parent=province)
        units[f"STC-{key}"] = UnitFactory(code=f"STC-{key}", name="Sở Tài chính", parent=province)
    return units


def coded(values: list, lead_code="", coordinating_codes="") -> list:
    return [*values, lead_code, coordinating_codes]


def test_a_name_is_found_inside_the_assigning_units_province_first(two_provinces, write_file):
    path = write_file([row(issuer="UBND tỉnh Quảng Ngãi", lead="Sở Nội vụ", coordinating="Sở Tài chính")])
    import_tasks(path, today=TODAY)
    task = Task.objects.get()
    assert task.assigning_unit == two_provinces["QN"] and task.lead_unit == two_provinces["SNV-QN"]
    assert list(task.coordinating_units.all()) == [two_provinces["STC-QN"]]


def test_a_code_wins_over_the_name(two_provinces, write_file):
    UnitFactory(code="SNV-KT-P1", name="Phòng Công chức", parent=two_provinces["SNV-KT"])
    path = write_file(
        [coded(row(issuer="UBND tỉnh Kon Tum", lead="Sở Nội vụ"), "snv-kt-p1", "STC-KT")], header=COLUMNS
    )
    import_tasks(path, today=TODAY)
    task = Task.objects.get()
    assert task.lead_unit.code == "SNV-KT-P1"
    assert list(task.coordinating_units.all()) == [two_provinces["STC-KT"]]


def test_an_unknown_code_is_an_error_at_its_column(two_provinces, write_file):
    path = write_file([coded(row(issuer="UBND tỉnh Kon Tum"), "KHONG-CO")], header=COLUMNS)
    with pytest.raises(ImportRejected) as rejected:
        import_tasks(path, today=TODAY)
    (issue,) = rejected.value.issues
    assert (issue.row, issue.column) == (2, LEAD_UNIT_CODE)
    assert "không có đơn vị mã “KHONG-CO”" in str(issue)


def test_the_header_may_have_the_lead_code_alone(two_provinces, write_file):
    path = write_file([[*row(issuer="UBND tỉnh Kon Tum"), "SNV-KT"]], header=COLUMNS[:12])
    assert import_tasks(path, today=TODAY).tasks_created == 1


def test_code_columns_out_of_order_are_a_header_error(two_provinces, write_file):
    with pytest.raises(ImportRejected, match="ô L1 “Mã đơn vị phối hợp” không thuộc tệp mẫu"):
        import_tasks(write_file([row()], header=[*BASE_COLUMNS, COLUMNS[12]]), today=TODAY)


def test_an_ambiguous_name_lists_the_candidates_with_codes_and_parents(two_provinces, write_file):
    """No assigning unit to look inside: "UBND tỉnh" (a short name of both provinces) is ambiguous."""
    with pytest.raises(ImportRejected) as rejected:
        import_tasks(write_file([row(issuer="UBND tỉnh")]), today=TODAY)
    text = str(rejected.value)
    assert (
        "tên “UBND tỉnh” trùng với 2 đơn vị: UBND tỉnh Kon Tum (mã UBND-KT); UBND tỉnh Quảng Ngãi (mã UBND-QN)"
        in text
    )


def test_the_issuer_is_matched_by_short_name(two_provinces, write_file):
    import_tasks(
        write_file([row(issuer="UBND  tỉnh", lead="Sở Nội vụ")]), today=TODAY, assigning_unit="UBND-KT"
    )
    directive = Directive.objects.get()
    assert directive.issuer_unit == two_provinces["KT"] and directive.issuer == "UBND tỉnh"
    assert Task.objects.get().lead_unit == two_provinces["SNV-KT"]


def test_a_unique_name_elsewhere_is_found(two_provinces, write_file):
    """Outside the assigning unit's subtree a name counts only when a single unit bears it."""
    UnitFactory(code="VPCP", name="Văn phòng Chính phủ", kind="other")
    import_tasks(
        write_file([row(issuer="Văn phòng Chính phủ", lead="Sở Nội vụ")]),
        today=TODAY,
        assigning_unit="UBND-QN",
    )
    assert Directive.objects.get().issuer_unit.code == "VPCP"


def test_create_units_never_reuses_another_provinces_unit(two_provinces, write_file):
    kon_tum = write_file([row(issuer="UBND tỉnh Kon Tum", lead="Ban Dân tộc")], name="kt")
    import_tasks(kon_tum, today=TODAY, create_units=True)
    quang_ngai = write_file([row(issuer="UBND tỉnh Quảng Ngãi", lead="Ban Dân tộc")], name="qn")
    import_tasks(quang_ngai, today=TODAY, create_units=True)
    boards = Unit.objects.filter(name="Ban Dân tộc").order_by("pk")
    assert [unit.parent for unit in boards] == [two_provinces["KT"], two_provinces["QN"]]
    assert {task.lead_unit for task in Task.objects.all()} == set(boards)


def test_an_empty_database_says_to_import_units_first(write_file):
    with pytest.raises(ImportRejected) as rejected:
        import_tasks(write_file([row()]), today=TODAY, create_units=True)
    assert "nhiemvu import-units" in str(rejected.value) and "nhiemvu export-template --units" in str(
        rejected.value
    )
