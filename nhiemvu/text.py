"""Text as every door stores and compares it: the one place text is normalised.

One Unicode form (NFC: files made on a Mac may decompose Vietnamese letters), no invisible
format characters (Unicode category Cf: a zero-width space U+200B or a byte-order mark
U+FEFF pasted from the web would make "" look present and "Sở Nội vụ" differ from itself),
and single spaces. The services (directives, tasks, units) and every importer use it.
"""

import re
import unicodedata

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


def search_key(value: str) -> str:
    """`value` as search compares it: lower case, without diacritics, single spaces, so that
    "ke hoach" finds "Kế hoạch" (đ has no decomposition: it becomes d by hand)."""
    decomposed = unicodedata.normalize("NFD", normalise_text(value).casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return bare.replace("đ", "d")
