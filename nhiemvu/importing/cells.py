"""Cell values of an import file as text and dates: the one place text is normalised.

Every importer (tasks, units, users) reads its cells through `normalise_text`, so that
what a file holds compares and is stored the same way whoever typed it: one Unicode form
(NFC: files made on a Mac may decompose Vietnamese letters), no invisible format
characters (Unicode category Cf: a zero-width space U+200B or a byte-order mark U+FEFF
pasted from the web would make "" look present and "Sở Nội vụ" differ from itself), and
single spaces.
"""

import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime

from nhiemvu.dates import format_date, parse_date

EARLIEST_YEAR = 1900  # older dates are typing mistakes ("01/01/0018")

Row = Sequence[object]


# The format characters of the Basic Multilingual Plane as one regular expression (tens of
# thousands of cells per file: a per-character category test is too slow); the rare
# characters beyond it are tested one by one.
_FORMAT_BMP = re.compile(
    "["
    + "".join(re.escape(chr(code)) for code in range(0x10000) if unicodedata.category(chr(code)) == "Cf")
    + "]"
)
_BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")


def _visible(value: str) -> str:
    text = _FORMAT_BMP.sub("", unicodedata.normalize("NFC", value))
    if _BEYOND_BMP.search(text):
        text = "".join(char for char in text if unicodedata.category(char) != "Cf")
    return text


def normalise_text(value: str, *, multiline: bool = False) -> str:
    """NFC, no format characters, single spaces; with `multiline`, line breaks are kept
    (each line's spaces collapsed, blank lines at the ends dropped)."""
    text = _visible(value)
    if not multiline:
        return " ".join(text.split())
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(lines).strip("\n")


def cell_text(value) -> str:
    """A cell as normalised text (line breaks kept); real date cells as dd/mm/yyyy; 12.0 as "12"."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalise_text(str(value), multiline=True)


def cell_date(value) -> date:
    """A date cell of Excel, or text dd/mm/yyyy (or yyyy-mm-dd); raises ValueError (TypeError
    for a number or other non-date cell) otherwise. Digits are ASCII: "١٠/٠٥/٢٠١٩" (Arabic-Indic)
    or full-width "１０/０５/２０１９" is not what anyone typed in a Vietnamese office."""
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    elif isinstance(value, str):
        text = normalise_text(value)
        if any(char.isdigit() and not char.isascii() for char in text):
            raise ValueError(value)
        day = parse_date(text)
    else:
        raise TypeError(value)
    if day.year < EARLIEST_YEAR:
        raise ValueError(value)
    return day


def is_blank(row: Row) -> bool:
    return all(cell_text(value) == "" for value in row)
