"""Cell values of an import file as text and dates.

Every importer (tasks, units, users) reads its cells through `nhiemvu.text.normalise_text`,
the one rule for text that the services apply too.
"""

from collections.abc import Sequence
from datetime import date, datetime

from nhiemvu.dates import format_date, parse_date
from nhiemvu.text import normalise_text

EARLIEST_YEAR = 1900  # older dates are typing mistakes ("01/01/0018")

Row = Sequence[object]


def cell_text(value, *, multiline: bool = True) -> str:
    """A cell as normalised text (line breaks kept unless not `multiline`); real date cells as
    dd/mm/yyyy; 12.0 as "12"."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalise_text(str(value), multiline=multiline)


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
        if not text.isascii() and any(char.isdigit() and not char.isascii() for char in text):
            raise ValueError(value)
        day = parse_date(text)
    else:
        raise TypeError(value)
    if day.year < EARLIEST_YEAR:
        raise ValueError(value)
    return day


def is_blank(row: Row) -> bool:
    return all(cell_text(value) == "" for value in row)
