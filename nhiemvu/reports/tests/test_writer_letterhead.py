"""The letterhead and signature block of a unit's report (Decree 30/2020/NĐ-CP), and the .docx
they give."""

import io
from datetime import date

import pytest
from docx import Document as open_docx

from nhiemvu.reports import writers
from nhiemvu.reports.document import Document
from nhiemvu.reports.letterhead import letterhead_for, place_of, signature_for
from nhiemvu.units.choices import UnitKind
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

SUMMARY = "Kết quả thực hiện nhiệm vụ tháng 6/2019"


def office_letterhead(cast, **kwargs):
    return letterhead_for(
        cast.office, document_type="BÁO CÁO", summary=SUMMARY, day=date(2019, 7, 3), **kwargs
    )


def test_the_unit_issues_under_its_parent_in_capitals_with_the_number_left_blank(cast):
    letterhead = office_letterhead(cast)
    assert letterhead.parent_body == "UBND TỈNH KON TUM"
    assert letterhead.issuing_body == "VĂN PHÒNG UBND TỈNH KON TUM"
    assert letterhead.number_symbol == "Số:       /BC-VP"
    assert (letterhead.document_type, letterhead.summary, letterhead.day) == (
        "BÁO CÁO",
        SUMMARY,
        date(2019, 7, 3),
    )


def test_the_place_is_the_province_where_a_provincial_body_sits_decree_30_appendix_i(cast, settings):
    settings.PLACE_NAME = "Đà Nẵng"  # the unit tree says where the body sits; the setting does not
    assert office_letterhead(cast).place == "Kon Tum"
    assert place_of(cast.province) == "Kon Tum"


def test_a_district_body_writes_the_districts_name_decree_30_appendix_i(cast):
    assert place_of(cast.district) == "Đắk Hà"
    assert place_of(cast.district_agriculture) == "Đắk Hà"
    ward = UnitFactory(name="UBND Phường 1", kind=UnitKind.COMMUNE, parent=cast.district, code="KT.DH.P1")
    assert place_of(ward) == "Phường 1"  # the number alone is no name


def test_a_body_under_no_peoples_committee_takes_the_deployments_place(settings):
    ministry = UnitFactory(name="Bộ Nội vụ", kind=UnitKind.MINISTRY, code="BNV")
    settings.PLACE_NAME = "Hà Nội"
    assert place_of(ministry) == "Hà Nội"


def test_a_provincial_peoples_committee_writes_no_parent_body(cast):
    letterhead = letterhead_for(cast.province, document_type="BÁO CÁO", summary=SUMMARY, day=date(2019, 7, 3))
    assert letterhead.parent_body == ""
    assert letterhead.issuing_body == "UBND TỈNH KON TUM"
    assert letterhead.number_symbol == "Số:       /BC-UBND"


def test_an_official_letter_has_no_type_in_its_symbol_and_a_committees_office_drafts_it(cast):
    def symbol(unit):
        return letterhead_for(
            unit, document_type="CÔNG VĂN", summary="V/v …", day=date(2019, 7, 3), symbol=None
        ).number_symbol

    assert symbol(cast.province) == "Số:       /UBND-VP"
    assert symbol(cast.justice_department) == "Số:       /STP"


def test_the_symbol_takes_a_one_word_short_name_and_the_document_types_abbreviation(cast):
    cast.agriculture_department.short_name = "SNN"
    letterhead = letterhead_for(
        cast.agriculture_department,
        document_type="KẾ HOẠCH",
        summary=SUMMARY,
        day=date(2019, 7, 3),
        symbol="KH",
    )
    assert letterhead.number_symbol == "Số:       /KH-SNN"
    cast.agriculture_department.short_name = "Sở NN"  # not an abbreviation: the code's last part
    assert letterhead_for(
        cast.agriculture_department, document_type="BÁO CÁO", summary=SUMMARY, day=date(2019, 7, 3)
    ).number_symbol.endswith("/BC-SNN")


def test_the_head_signs_with_the_title_alone_decree_30_art_13(cast):
    signature = signature_for(cast.office, "Chánh Văn phòng", name="Nguyễn Văn A")
    assert (signature.authority, signature.title, signature.name) == ("", "CHÁNH VĂN PHÒNG", "Nguyễn Văn A")


def test_a_deputy_signs_on_behalf_of_the_head_decree_30_art_13(cast):
    signature = signature_for(cast.office, "Chánh Văn phòng", deputy=True)
    assert (signature.authority, signature.title) == ("KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG")


def test_the_heads_title_follows_the_units_kind(cast):
    assert signature_for(cast.agriculture_department).title == "GIÁM ĐỐC"
    assert signature_for(cast.office).title == "CHÁNH VĂN PHÒNG"
    assert (signature_for(cast.district).authority, signature_for(cast.district).title) == (
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
    )


def test_the_head_of_the_office_signs_by_order_of_the_chairman_decree_30_art_13(cast):
    signature = signature_for(cast.province, by_order_of="Chánh Văn phòng")
    assert (signature.authority, signature.title) == ("TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG")
    deputy = signature_for(cast.province, by_order_of="Chánh Văn phòng", deputy=True)
    assert (deputy.authority, deputy.title) == ("TL. CHỦ TỊCH\nKT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG")


def test_a_peoples_committee_signs_collectively_decree_30_art_13(cast):
    chair = signature_for(cast.district, "Chủ tịch")
    assert (chair.authority, chair.title) == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    deputy = signature_for(cast.province, "Chủ tịch", deputy=True)
    assert (deputy.authority, deputy.title) == ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")


def test_the_docx_of_a_unit_report_carries_its_letterhead_and_signature(cast):
    document = Document(
        name="Báo cáo",
        extraction="Dữ liệu trích xuất lúc 10h00 ngày 03/07/2019",
        letterhead=office_letterhead(cast),
        signature=signature_for(cast.province, "Chủ tịch", deputy=True, name="Nguyễn Văn A"),
    )
    docx = open_docx(io.BytesIO(writers.render(document, "docx")))
    header, closing = docx.tables
    assert header.cell(0, 0).paragraphs[1].text == "VĂN PHÒNG UBND TỈNH KON TUM"
    signer = [paragraph.text for paragraph in closing.cell(0, 1).paragraphs if paragraph.text]
    assert signer == ["TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn A"]
