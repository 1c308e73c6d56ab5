"""Number/symbol of a document in the forms of Decree 30/2020/NĐ-CP (appendix I), and of
Party documents (Hướng dẫn 36-HD/VPTW), which the province also implements."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from nhiemvu.directives.choices import DirectiveType

# A symbol is made of parts joined by "-" (issuer, drafting unit), a part of names joined
# by "&" (joint documents); the first part starts with a letter, so "12/342" (a count, as
# in seed 002) is not a number/symbol.
_PART = r"[^\W_]+"
_WORD = r"[^\W\d_][^\W_]*"
_SYMBOL = rf"{_WORD}(?:&{_PART})*(?:-{_PART}(?:&{_PART})*)*"
# State documents: "1196/UBND-TH", "270/QĐ-UBND", "10143/VPCP-KSTT", "36/2018/QĐ-UBND",
# "2722/CV-TKTra", "19-2018/NQ-CP". Party documents: "28-NQ/TW", "05-CT/TU" (type before
# the slash, issuer after it).
NUMBER_SYMBOL = re.compile(
    rf"(?P<number>[0-9]+[a-z]?(?:-[0-9]{{4}})?)(?:/(?P<year>[0-9]{{4}}))?/(?P<symbol>{_SYMBOL})"
    rf"|(?P<party_number>[0-9]+)-(?P<party_type>{_WORD})/(?P<party_issuer>{_SYMBOL})"
)

# Decree 30/2020 appendix III: abbreviations of document types that open the symbol, for
# the types a directive can be ("CV" is not in the decree but the inspection team uses it:
# 2722/CV-TKTra).
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
# The decree's other type abbreviations, and those of legal documents (decree, circular,
# joint circular, ordinance): a document of another type, not an official letter.
_OTHER_TYPE_ABBREVIATIONS = frozenset(
    {
        "QC",
        "QYĐ",
        "TC",
        "HD",
        "CTR",
        "PA",
        "ĐA",
        "DA",
        "BB",
        "TTR",
        "HĐ",
        "BGN",
        "BTT",
        "GUQ",
        "GM",
        "GGT",
        "GNP",
        "PG",
        "PC",
        "PB",
        "NĐ",
        "TT",
        "TTLT",
        "PL",
        "KL",
        "QĐI",
    }
)


def normalise(number_symbol: str) -> str:
    """Strip spaces, invisible format characters and the common "Số:" prefix; the symbol in
    capitals; "QD" and "Qđ" are written "QĐ".

    Decree 30/2020/NĐ-CP, appendix I, part II.3: the symbol (ký hiệu) is made of
    abbreviations and is printed in capitals, so "12/ubnd-th" is "12/UBND-TH": one
    document, however it was typed. Text pasted from Word or converted from old encodings
    may carry decomposed accents (NFD), zero-width characters, or the look-alike "Ð"
    (U+00D0): all are brought to the usual form first.
    """
    text = unicodedata.normalize("NFC", number_symbol).replace("\u00d0", "Đ").replace("\u00f0", "đ")
    text = "".join(char for char in text if not char.isspace() and unicodedata.category(char) != "Cf")
    text = re.sub(r"^(số|so)[:.]?", "", text, flags=re.IGNORECASE)
    number, slash, symbol = text.partition("/")
    if not slash:
        return text
    # Party documents ("28-nq/tw"): the type follows the number, before the slash.
    number = re.sub(r"(?<=-)[^\W\d_]+$", lambda m: m.group(0).upper(), number)
    text = f"{number}/{symbol.upper()}"
    return re.sub(r"(?<=/)(QD|CD)(?=-)", lambda m: m.group(0)[0] + "Đ", text)


def validate_number_symbol(value: str) -> None:
    # fullmatch, not match with "$": "$" also matches before a trailing newline.
    if not NUMBER_SYMBOL.fullmatch(value):
        raise ValidationError(
            _(
                "Số, ký hiệu “%(value)s” không đúng dạng của Nghị định 30/2020 (ví dụ 1196/UBND-TH, 270/QĐ-UBND)."
            ),
            code="invalid_number_symbol",
            params={"value": value},
        )


def type_from_symbol(number_symbol: str) -> DirectiveType:
    """The document type that a symbol names: "270/QĐ-UBND" is a decision, "1196/UBND-TH" a letter.

    Decree 30/2020 art. 8: an official letter (công văn) has no type abbreviation in its
    symbol, and carries no year; "202/2025/QH15" (a resolution of the National Assembly)
    or an unknown type is "other".
    """
    match = NUMBER_SYMBOL.fullmatch(normalise(number_symbol))
    if not match:
        return DirectiveType.OTHER
    if match["party_type"]:
        return _TYPE_BY_ABBREVIATION.get(match["party_type"].upper(), DirectiveType.OTHER)
    first = match["symbol"].split("-")[0].upper()
    if first in _TYPE_BY_ABBREVIATION:
        return _TYPE_BY_ABBREVIATION[first]
    if first in _OTHER_TYPE_ABBREVIATIONS or match["year"]:
        return DirectiveType.OTHER
    return DirectiveType.OFFICIAL_LETTER
