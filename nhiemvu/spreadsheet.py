"""Cells we write to CSV and .xlsx files, safe to open in a spreadsheet (OWASP "CSV Injection").

A cell whose text starts with = + - @ (or a tab or carriage return, which some spreadsheets
skip before reading a formula) is run as a formula when the file is opened: a unit name
"=HYPERLINK(…)" would become a link. Every writer passes its text cells through `neutralise`;
the importers refuse such text (`refused_on_import`), list items and phone numbers aside.
"""

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# What a clerk types that starts like a formula but is plain text: a list item ("- Rà soát…",
# "+ Báo cáo…": dash or plus, then a space) or a telephone number ("+84 260 3862 345").
_LIST_ITEM = re.compile(r"^[+\-]\s")
_PHONE = re.compile(r"^\+?[0-9][0-9 .()\-]*$")


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def refused_on_import(text: str) -> bool:
    """Text an import refuses (by row and column): what a spreadsheet would run as a formula,
    except list items and telephone numbers, which our writers neutralise anyway."""
    return looks_like_formula(text) and not (_LIST_ITEM.match(text) or _PHONE.match(text))


def neutralise(value):
    """`value` as a cell: text that a spreadsheet would read as a formula gets a leading
    apostrophe (shown as text, as OWASP advises); numbers, dates and other values pass."""
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value
