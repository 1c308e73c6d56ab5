"""Number/symbol of a directive (Decree 30/2020/NĐ-CP appendix I and III; Party documents
after Hướng dẫn 36-HD/VPTW), with the numbers the seeds quote."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from nhiemvu.directives.choices import DirectiveType
from nhiemvu.directives.models import Directive
from nhiemvu.directives.numbering import normalise, type_from_symbol, validate_number_symbol
from tests.factories import DirectiveFactory

VALID = [
    "1196/UBND-TH",  # seed 001: a letter of the People's Committee
    "270/QĐ-UBND",  # seed 001: a decision
    "10143/VPCP-KSTT",  # seed 000: a letter of the Government Office
    "36/2018/QĐ-UBND",  # a legal decision carries its year
    "2722/CV-TKTra",  # seed 000: the inspection team's letter
    "19-2018/NQ-CP",  # seed 000: a resolution numbered with its year
    "1706/KH-UBND",  # seed 000: a plan
    "01/2015/TTLT-VPCP-BNV",  # seed 004: a joint circular
    "28-NQ/TW",  # seed 000: a resolution of the Party Central Committee
    "05-CT/TU",  # a directive of a provincial Party Committee
    "202/2025/QH15",  # domain.md: the National Assembly's resolution on the reorganisation
]

INVALID = [
    "abc",
    "/UBND",
    "12/",
    "12//QĐ",
    "12 / QĐ-UBND",  # spaces are removed by normalise, not accepted raw
    "12/342",  # seed 002 "128/342 nhiệm vụ": a count, not a number/symbol
    "1034/1122",
    "01/01/2018",  # a date
    "1196/UBND-",
    "1196/-TH",
    "1196/UBND--TH",
    "1196/UBND-TH\n",  # "$" would accept a trailing newline
    "Số: 1196/UBND-TH",  # the prefix is removed by normalise
    "28-/TW",
    "-NQ/TW",
]


@pytest.mark.parametrize("value", VALID)
def test_the_numbers_the_seeds_quote_are_valid(value):
    validate_number_symbol(value)


@pytest.mark.parametrize("value", INVALID)
def test_malformed_numbers_are_rejected(value):
    with pytest.raises(ValidationError) as error:
        validate_number_symbol(value)
    assert error.value.code == "invalid_number_symbol"


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("Số: 1196/UBND-TH", "1196/UBND-TH"),
        ("số 270/QĐ-UBND", "270/QĐ-UBND"),
        ("So: 270/QD-UBND", "270/QĐ-UBND"),
        ("12 / QĐ-UBND", "12/QĐ-UBND"),
        (" 36 / 2018 / Qđ-UBND ", "36/2018/QĐ-UBND"),
        ("15/CD-UBND", "15/CĐ-UBND"),
        ("270/QÐ-UBND", "270/QĐ-UBND"),  # U+00D0, the look-alike of Đ left by old encodings
        ("28-NQ/TW", "28-NQ/TW"),
        ("1196/UBND-TH\u200b", "1196/UBND-TH"),  # a zero-width space pasted from the web
    ],
)
def test_normalise_strips_spaces_and_the_so_prefix(raw, clean):
    assert normalise(raw) == clean
    validate_number_symbol(normalise(raw))


def test_normalise_accepts_decomposed_accents():
    """Text pasted from Word may be NFD: "Số" then is S + o + two combining marks."""
    import unicodedata

    assert normalise(unicodedata.normalize("NFD", "Số: 270/QĐ-UBND")) == "270/QĐ-UBND"


@pytest.mark.parametrize(
    "value, doc_type",
    [
        ("270/QĐ-UBND", DirectiveType.DECISION),
        ("36/2018/QĐ-UBND", DirectiveType.DECISION),
        ("270/QD-UBND", DirectiveType.DECISION),  # normalised first
        ("12/CT-UBND", DirectiveType.INSTRUCTION),
        ("268/TB-VPCP", DirectiveType.NOTICE),  # seed 000: a notice of conclusions
        ("15/CĐ-UBND", DirectiveType.TELEGRAM),
        ("1706/KH-UBND", DirectiveType.PLAN),
        ("125/NQ-CP", DirectiveType.RESOLUTION),
        ("19-2018/NQ-CP", DirectiveType.RESOLUTION),
        ("1024/BC-TKTra", DirectiveType.REPORT),
        ("1196/UBND-TH", DirectiveType.OFFICIAL_LETTER),  # Decree 30 art. 8: a letter names no type
        ("10143/VPCP-KSTT", DirectiveType.OFFICIAL_LETTER),
        ("3097/UBND-KGVX", DirectiveType.OFFICIAL_LETTER),
        ("2722/CV-TKTra", DirectiveType.OFFICIAL_LETTER),
        ("28-NQ/TW", DirectiveType.RESOLUTION),
        ("05-CT/TU", DirectiveType.INSTRUCTION),
        ("21-KL/TW", DirectiveType.OTHER),
        ("177/PC-KGVX", DirectiveType.OTHER),  # seed 000: a routing slip (phiếu chuyển)
        ("24/2014/NĐ-CP", DirectiveType.OTHER),  # a decree
        ("01/2015/TTLT-VPCP-BNV", DirectiveType.OTHER),
        ("202/2025/QH15", DirectiveType.OTHER),  # numbered with a year: not a letter
        ("45/HD-UBND", DirectiveType.OTHER),
        ("abc", DirectiveType.OTHER),
    ],
)
def test_type_from_symbol(value, doc_type):
    assert type_from_symbol(value) == doc_type


# --- one directive per number and date --------------------------------------------------


@pytest.mark.django_db
def test_the_same_number_on_the_same_date_is_one_directive():
    DirectiveFactory(number_symbol="1196/UBND-TH", issued_on=date(2018, 5, 15))
    with pytest.raises(IntegrityError), transaction.atomic():
        DirectiveFactory(number_symbol="1196/UBND-TH", issued_on=date(2018, 5, 15), summary="Bản nhập trùng")
    DirectiveFactory(number_symbol="1196/UBND-TH", issued_on=date(2019, 5, 15))  # numbers restart each year
    assert Directive.objects.filter(number_symbol="1196/UBND-TH").count() == 2


@pytest.mark.django_db
def test_full_clean_checks_the_number_symbol():
    directive = DirectiveFactory.build(number_symbol="128/342")
    with pytest.raises(ValidationError) as error:
        directive.full_clean()
    assert "number_symbol" in error.value.message_dict


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("12/ubnd-th", "12/UBND-TH"),
        ("12/Ubnd-Th", "12/UBND-TH"),
        ("270/qđ-ubnd", "270/QĐ-UBND"),
        ("36/2018/qd-ubnd", "36/2018/QĐ-UBND"),
        ("2722/CV-TKTra", "2722/CV-TKTRA"),
        ("28-nq/tw", "28-NQ/TW"),
        ("12a/UBND-TH", "12a/UBND-TH"),  # the number's letter is not part of the symbol
    ],
)
def test_the_symbol_is_in_capitals_per_decree_30_appendix_i(raw, clean):
    """Decree 30/2020/NĐ-CP appendix I, II.3: the symbol is printed in capitals, so
    "12/ubnd-th" and "12/UBND-TH" are one document."""
    assert normalise(raw) == clean
    validate_number_symbol(normalise(raw))
