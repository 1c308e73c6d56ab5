"""The letterhead and signature block of a document a unit issues (Decree 30/2020/NĐ-CP): its
reports and its official letters (công văn: urging.letter).

The issuing body is the unit, under its parent's name (both in capitals); a body at the top of
its branch (Government, ministry, provincial People's Committee) writes no parent body above
it. The number is left blank for the clerk who registers the document ("Số:       /BC-VP").

The place (appendix I, "Địa danh"): the administrative unit where the body has its seat, as the
unit tree says it — the nearest People's Committee at or above the unit (province, district or
commune: "UBND tỉnh Kon Tum" → "Kon Tum", "UBND huyện Đắk Hà" → "Đắk Hà"). A unit under none
(a ministry, or a tree without the province) takes the deployment's setting PLACE_NAME (env
NHIEMVU_PLACE_NAME), the place where the deployment's bodies sit.
"""

import re
from datetime import date

from django.conf import settings

from nhiemvu.reports.document import Letterhead, Signature
from nhiemvu.units.choices import UnitKind
from nhiemvu.units.models import Unit

NUMBER_BLANK = " " * 7  # room for the number the clerk writes in when the document is registered
# Bodies whose documents carry no parent body above their own name.
TOP_OF_BRANCH = {UnitKind.GOVERNMENT, UnitKind.MINISTRY, UnitKind.PROVINCE}
PEOPLES_COMMITTEES = {UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.COMMUNE}
# Decree 30/2020 art. 13: the bodies that decide collectively sign "TM." (on behalf of) the body.
COLLECTIVE_AUTHORITY = {
    UnitKind.GOVERNMENT: "TM. CHÍNH PHỦ",
    **dict.fromkeys(PEOPLES_COMMITTEES, "TM. ỦY BAN NHÂN DÂN"),
}
# The title of a unit's head, who signs what it issues; by the unit's kind.
HEAD_TITLES = {
    UnitKind.GOVERNMENT: "THỦ TƯỚNG",
    UnitKind.MINISTRY: "BỘ TRƯỞNG",
    UnitKind.PROVINCE: "CHỦ TỊCH",
    UnitKind.DISTRICT: "CHỦ TỊCH",
    UnitKind.COMMUNE: "CHỦ TỊCH",
    UnitKind.DEPARTMENT: "GIÁM ĐỐC",
    UnitKind.OFFICE: "CHÁNH VĂN PHÒNG",
    UnitKind.DESK: "TRƯỞNG PHÒNG",
    UnitKind.SUB_UNIT: "THỦ TRƯỞNG ĐƠN VỊ",
    UnitKind.OTHER: "THỦ TRƯỞNG CƠ QUAN",
}
# A People's Committee's official letters are drafted by its office: "UBND-VP".
COMMITTEE_OFFICE_SYMBOL = "UBND-VP"

_COMMITTEE = re.compile(r"^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+", re.IGNORECASE)
# The level before the proper name; "Phường 1" keeps it: the number alone is no name.
_LEVEL = re.compile(
    r"^(?:tỉnh|thành phố|huyện|thị xã|quận|xã|phường|thị trấn|đặc khu)\s+(?=\D)", re.IGNORECASE
)


def abbreviation(unit: Unit) -> str:
    """The unit in a document's symbol ("BC-SNN"): "UBND" for a People's Committee, its short
    name when that is one word in capitals ("SNN", "SGDĐT"), else the last part of its code
    ("KONTUM.VPUBND" → "VPUBND")."""
    if unit.kind in PEOPLES_COMMITTEES:
        return "UBND"
    short = unit.short_name.strip()
    if short and " " not in short and short.isupper():
        return short
    return unit.code.rsplit(".", 1)[-1].upper()


def official_letter_symbol(unit: Unit) -> str:
    """Decree 30/2020, appendix I: an official letter's symbol is the issuing body's
    abbreviation, then the drafting unit's: a People's Committee's office drafts its letters
    ("UBND-VP"); another body writes its own abbreviation ("SNN")."""
    return COMMITTEE_OFFICE_SYMBOL if unit.kind in PEOPLES_COMMITTEES else abbreviation(unit)


def place_of(unit: Unit) -> str:
    """The place written before the date (see the module's docstring)."""
    ids = [int(part) for part in unit.path.strip("/").split("/") if part]
    committee = Unit.objects.filter(pk__in=ids, kind__in=PEOPLES_COMMITTEES).order_by("-path").first()
    if committee is None:
        return settings.PLACE_NAME
    return _LEVEL.sub("", _COMMITTEE.sub("", committee.name.strip()))


def letterhead_for(
    unit: Unit, *, document_type: str, summary: str, day: date, symbol: str | None = "BC"
) -> Letterhead:
    """`symbol` is the document type's abbreviation (BC: báo cáo), written before the unit's;
    None for an official letter (công văn), which has none (official_letter_symbol)."""
    parent = unit.parent if unit.kind not in TOP_OF_BRANCH else None
    unit_symbol = official_letter_symbol(unit) if symbol is None else f"{symbol}-{abbreviation(unit)}"
    return Letterhead(
        parent_body=parent.name.upper() if parent else "",
        issuing_body=unit.name.upper(),
        number_symbol=f"Số:{NUMBER_BLANK}/{unit_symbol}",
        place=place_of(unit),
        day=day,
        document_type=document_type,
        summary=summary,
    )


def signature_for(
    unit: Unit,
    head_title: str | None = None,
    *,
    deputy: bool = False,
    name: str = "",
    by_order_of: str | None = None,
) -> Signature:
    """Decree 30/2020/NĐ-CP art. 13 (signing): the head signs with the title `head_title`
    (default: by the unit's kind, HEAD_TITLES); a deputy signs "KT." (on behalf of) the head,
    as "PHÓ …"; for a body that decides collectively (a People's Committee, the Government),
    both sign "TM. …" (for the body) first. `by_order_of`: the head of a unit under the body
    signs "TL." (by order of) its head with that title ("CHÁNH VĂN PHÒNG"), with "KT." when a
    deputy signs; the body's collective line is not written then."""
    head_title = (head_title or HEAD_TITLES.get(unit.kind, HEAD_TITLES[UnitKind.OTHER])).upper()
    if by_order_of:
        signer_title = by_order_of.upper()
        lines = [f"TL. {head_title}", f"KT. {signer_title}" if deputy else ""]
    else:
        signer_title = head_title
        lines = [COLLECTIVE_AUTHORITY.get(unit.kind, ""), f"KT. {head_title}" if deputy else ""]
    return Signature(
        authority="\n".join(line for line in lines if line),
        title=f"PHÓ {signer_title}" if deputy else signer_title,
        name=name,
    )
