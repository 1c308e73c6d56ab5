"""The unit picker: units found by part of a name, short name or code, diacritics ignored,
among 5,000 (the country's communes after the 2025 reorganisation are 3,321)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from nhiemvu.units.choices import UnitKind
from nhiemvu.units.models import Unit
from nhiemvu.units.search import resolve_unit, search_units

pytestmark = pytest.mark.django_db


@pytest.fixture
def communes(cast):
    units = [
        Unit(code=f"XA{n:04d}", name=f"UBND xã Đắk Thử Nghiệm {n}", kind=UnitKind.SUB_UNIT, path=f"x{n}/")
        for n in range(5000)
    ]
    for unit in units:
        unit.search_name = unit.compute_search_name()  # what save() does, which bulk_create skips
    Unit.objects.bulk_create(units, batch_size=500)


def test_the_picker_finds_units_without_diacritics_among_5000(
    cast, communes, client, django_assert_max_num_queries
):
    client.force_login(cast.desk)
    with django_assert_max_num_queries(6):  # the session, the user, and one query of units
        response = client.get(reverse("unit_search"), {"q": "so tu phap"})
    assert response.status_code == 200
    assert '<option value="Sở Tư pháp (KT.STP)">' in response.content.decode()
    assert len(search_units("dak thu nghiem")) == 20  # at most 20
    assert [m.code for m in search_units("Đắk thử nghiệm 4999")] == ["XA4999"]


def test_a_renamed_unit_is_found_by_its_new_name(cast):
    from nhiemvu.units.services import rename_unit

    rename_unit(unit=cast.justice_department, new_name="Sở Tư pháp và Pháp chế", on=date(2026, 1, 1), by=None)
    assert [m.code for m in search_units("phap che")] == ["KT.STP"]


def test_names_short_names_and_codes_match_and_whole_starts_come_first(cast):
    # The province's short name "UBND tỉnh" starts so; the office's name only contains it.
    assert [m.code for m in search_units("UBND TINH")] == ["KT", "KT.VP"]
    assert [m.code for m in search_units("kt.snn.cckl")] == ["KT.SNN.CCKL"]
    assert {m.code for m in search_units("nong nghiep")} == {"KT.SNN", "KT.DH.NN"}
    assert search_units("   ") == []


def test_only_active_units_are_offered(cast):
    cast.finance_department.active_until = date(2025, 6, 30)
    cast.finance_department.save()
    assert search_units("tai chinh") == []
    with pytest.raises(ValidationError, match="Sở Tài chính” đã ngừng hoạt động từ sau ngày 30/06/2025"):
        resolve_unit("KT.STC")
    with pytest.raises(ValidationError, match="Không tìm thấy đơn vị “tai chinh”"):
        resolve_unit("tai chinh")  # by name, only the units that still exist are looked at


def test_what_the_picker_puts_in_the_box_a_code_or_a_whole_name_resolves(cast):
    assert resolve_unit("Sở Tư pháp (KT.STP)") == cast.justice_department
    assert resolve_unit("kt.stp") == cast.justice_department
    assert resolve_unit("so tu phap") == cast.justice_department
    Unit.objects.create(code="QN.STP", name="Sở Tư pháp", kind=UnitKind.DEPARTMENT)
    with pytest.raises(ValidationError, match="Có nhiều đơn vị"):
        resolve_unit("Sở Tư pháp")  # every province has one: the code tells them apart
    assert resolve_unit("Sở Tư pháp (QN.STP)").code == "QN.STP"


def test_the_picker_needs_a_login(client):
    assert client.get(reverse("unit_search"), {"q": "so"}).status_code == 302
