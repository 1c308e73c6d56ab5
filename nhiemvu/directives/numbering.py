"""Number/symbol of a document in the forms of Decree 30/2020/NĐ-CP (appendix I)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from nhiemvu.directives.choices import DirectiveType

# "1196/UBND-TH", "270/QĐ-UBND", "10143/VPCP-KSTT", "36/2018/QĐ-UBND", "2722/CV-TKTra", "19-2018/NQ-CP".
_PART = r"[^\W_]+(?:&[^\W_]+)*"
NUMBER_SYMBOL = re.compile(rf"^(?P<number>\d+[a-z]?(?:-\d{{4}})?)(?:/(?P<year>\d{{4}}))?/(?P<symbol>{_PART}(?:-{_PART})*)$")

# Decree 30/2020 appendix III: abbreviations of document types that open the symbol.
_TYPE_BY_ABBREVIATION = {
    "QĐ": DirectiveType.DECISION,
    "CT": DirectiveType.INSTRUCTION,
    "TB": DirectiveType.NOTICE,
    "CĐ": DirectiveType.TELEGRAM,
    "KH": DirectiveType.PLAN,
    "NQ": DirectiveType.RESOLUTION,
    "BC": DirectiveType.REPORT,
    "CV": DirectiveType.OFFICIAL_LETTER,
}


def normalise(number_symbol: str) -> str:
    """Strip spaces and the common "Số:" prefix; "Qđ" and "QD" are written "QĐ"."""
    text = "".join(number_symbol.split())
    text = re.sub(r"^(số|so)[:.]?", "", text, flags=re.IGNORECASE)
    return re.sub(r"(?<=/)(Q[dDđ]|C[dDđ])(?=-)", lambda m: m.group(0)[0] + "Đ", text)


def validate_number_symbol(value: str) -> None:
    if not NUMBER_SYMBOL.match(value):
        raise ValidationError(
            _("Số, ký hiệu “%(value)s” không đúng dạng của Nghị định 30/2020 (ví dụ 1196/UBND-TH, 270/QĐ-UBND)."),
            code="invalid_number_symbol",
            params={"value": value},
        )


def type_from_symbol(number_symbol: str) -> DirectiveType:
    """The document type that a symbol names: "270/QĐ-UBND" is a decision, "1196/UBND-TH" a letter.

    Decree 30/2020 art. 8: an official letter (công văn) has no type abbreviation in its symbol.
    """
    match = NUMBER_SYMBOL.match(number_symbol)
    if not match:
        return DirectiveType.OTHER
    first = match["symbol"].split("-")[0].upper()
    return _TYPE_BY_ABBREVIATION.get(first, DirectiveType.OFFICIAL_LETTER)
