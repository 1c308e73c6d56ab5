"""What every writer shares: a cell's text as a document shows it, and a table's header layout."""

from dataclasses import dataclass
from datetime import date

from nhiemvu.dates import format_date
from nhiemvu.reports.document import Column, Row, Table


def int_text(value: int) -> str:
    """16051 → "16.051": Vietnamese documents group thousands with a dot."""
    return f"{value:,}".replace(",", ".")


def percent_text(value: float) -> str:
    """98.62 → "98,62%": two decimals with the Vietnamese decimal comma."""
    return f"{value:.2f}".replace(".", ",") + "%"


def display_text(value, kind: str) -> str:
    """A cell as a printed document shows it (.docx; the PDF comes from it)."""
    if value is None:
        return ""
    if kind == "int" and isinstance(value, int):
        return int_text(value)
    if kind == "percent" and isinstance(value, int | float):
        return percent_text(value)
    if isinstance(value, date):
        return format_date(value)
    return str(value)


@dataclass(frozen=True)
class HeaderCell:
    """One cell of a table's header: text over columns first..last (inclusive) and header rows
    top..bottom (0 or 1). A one-level header has one row; a column that shares its `group` with
    its neighbours gets the group above its title, and a column of none spans both rows."""

    text: str
    top: int
    bottom: int
    first: int
    last: int


def header_layout(columns: list[Column]) -> tuple[int, list[HeaderCell]]:
    """(number of header rows, the header's cells) for `columns`."""
    if not any(column.group for column in columns):
        return 1, [HeaderCell(column.title, 0, 0, index, index) for index, column in enumerate(columns)]
    cells = []
    index = 0
    while index < len(columns):
        group = columns[index].group
        if group is None:
            cells.append(HeaderCell(columns[index].title, 0, 1, index, index))
            index += 1
            continue
        last = index
        while last + 1 < len(columns) and columns[last + 1].group == group:
            last += 1
        cells.append(HeaderCell(group, 0, 0, index, last))
        cells.extend(HeaderCell(columns[i].title, 1, 1, i, i) for i in range(index, last + 1))
        index = last + 1
    return 2, cells


def flat_titles(table: Table) -> list[str]:
    """One header row for a flat file: "Chưa hoàn thành - Trong hạn" for a grouped column."""
    return [f"{column.group} - {column.title}" if column.group else column.title for column in table.columns]


def group_text(row: Row) -> str:
    """A group row's heading (its one cell)."""
    return "" if not row.cells or row.cells[0] is None else str(row.cells[0])
