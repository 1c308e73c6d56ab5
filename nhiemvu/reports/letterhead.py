"""The letterhead and signature block of a report a unit issues (Decree 30/2020/NĐ-CP).

The issuing body is the unit, under its parent's name (both in capitals); a body at the top of
its branch (Government, ministry, provincial People's Committee) writes no parent body above
it. The number is left blank for the clerk who registers the report ("Số:       /BC-VP"); the
place is the deployment's setting PLACE_NAME (env NHIEMVU_PLACE_NAME).
"""

from datetime import date

from django.conf import settings

from nhiemvu.reports.document import Letterhead, Signature
from nhiemvu.units.choices import UnitKind
from nhiemvu.units.models import Unit

NUMBER_BLANK = " " * 7  # room for the number the clerk writes in when the report is registered
# Bodies whose documents carry no parent body above their own name.
TOP_OF_BRANCH = {UnitKind.GOVERNMENT, UnitKind.MINISTRY, UnitKind.PROVINCE}
# People's Committees decide collectively: their head signs "TM. ỦY BAN NHÂN DÂN".
PEOPLES_COMMITTEES = {UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.COMMUNE}
COLLECTIVE_AUTHORITY = "TM. ỦY BAN NHÂN DÂN"


def abbreviation(unit: Unit) -> str:
    """The unit in a document's symbol ("BC-SNN"): its short name when that is one word in
    capitals ("SNN", "SGDĐT"), else the last part of its code ("KONTUM.VPUBND" → "VPUBND")."""
    short = unit.short_name.strip()
    if short and " " not in short and short.isupper():
        return short
    return unit.code.rsplit(".", 1)[-1].upper()


def letterhead_for(
    unit: Unit, *, document_type: str, summary: str, day: date, symbol: str = "BC"
) -> Letterhead:
    """`symbol` is the document type's abbreviation (BC: báo cáo)."""
    parent = unit.parent if unit.kind not in TOP_OF_BRANCH else None
    return Letterhead(
        parent_body=parent.name.upper() if parent else "",
        issuing_body=unit.name.upper(),
        number_symbol=f"Số:{NUMBER_BLANK}/{symbol}-{abbreviation(unit)}",
        place=settings.PLACE_NAME,
        day=day,
        document_type=document_type,
        summary=summary,
    )


def signature_for(unit: Unit, head_title: str, *, deputy: bool = False, name: str = "") -> Signature:
    """Decree 30/2020/NĐ-CP art. 13 (signing): the head signs with the title `head_title`
    ("CHÁNH VĂN PHÒNG"); a deputy signs "KT." (on behalf of) the head, as "PHÓ …"; for a
    People's Committee, which decides collectively, both sign "TM. ỦY BAN NHÂN DÂN" first."""
    head_title = head_title.upper()
    authority = f"KT. {head_title}" if deputy else ""
    if unit.kind in PEOPLES_COMMITTEES:
        authority = "\n".join(line for line in (COLLECTIVE_AUTHORITY, authority) if line)
    return Signature(authority=authority, title=f"PHÓ {head_title}" if deputy else head_title, name=name)
