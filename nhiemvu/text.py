"""Text as every door stores and compares it: the one place text is normalised.

One Unicode form (NFC: files made on a Mac may decompose Vietnamese letters), no invisible
format characters (Unicode category Cf: a zero-width space U+200B or a byte-order mark
U+FEFF pasted from the web would make "" look present and "Sở Nội vụ" differ from itself),
and single spaces. The services (directives, tasks, units) and every importer use it.
"""

import re
import unicodedata
from functools import lru_cache

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


# An import file repeats its unit names, fields and issuers on every row (tens of calls per
# row): the same text is normalised once.
@lru_cache(maxsize=16384)
def normalise_text(value: str, *, multiline: bool = False) -> str:
    """NFC, no format characters, single spaces; with `multiline`, line breaks are kept
    (each line's spaces collapsed, blank lines at the ends dropped)."""
    text = _visible(value)
    if not multiline:
        return " ".join(text.split())
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(lines).strip("\n")


def _folding_table() -> dict[int, str | None]:
    """Each letter with diacritics of the Latin blocks to its base letter, combining marks and
    format characters to nothing; Đ is not a letter with a mark in Unicode, so it is mapped by hand."""
    table: dict[int, str | None] = {ord("đ"): "d", ord("Đ"): "d"}
    for code in range(0x00C0, 0x2000):
        char = chr(code)
        if unicodedata.category(char) in {"Mn", "Cf"}:
            table[code] = None
            continue
        base = "".join(c for c in unicodedata.normalize("NFD", char) if unicodedata.category(c) != "Mn")
        if base != char and base.isascii():
            table[code] = base
    for code in range(0x2000, 0x10000):
        if unicodedata.category(chr(code)) == "Cf":
            table[code] = None
    return table


_FOLDING = _folding_table()


def search_key(value: str) -> str:
    """`value` as searches compare it: lower case, single spaces, without Vietnamese
    diacritics ("Sở Tư pháp" and "so tu phap" give the same key), whether its letters are
    composed or not. A translation table rather than normalise_text: the unit picker folds
    thousands of names per keystroke."""
    return " ".join(value.casefold().translate(_FOLDING).split())
