"""Cells we write to CSV and .xlsx files, safe to open in a spreadsheet (OWASP "CSV Injection").

A cell whose text starts with = + - @ (or a tab or carriage return, which some spreadsheets
skip before reading a formula) is run as a formula when the file is opened: a unit name
"=HYPERLINK(…)" would become a link. Every writer passes its text cells through `neutralise`;
the importers flag such text with `looks_like_formula`.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def neutralise(value):
    """`value` as a cell: text that a spreadsheet would read as a formula gets a leading
    apostrophe (shown as text, as OWASP advises); numbers, dates and other values pass."""
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value
