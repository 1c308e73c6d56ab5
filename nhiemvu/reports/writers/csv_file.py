"""A Document as CSV: the extraction line, then each table (its title, one header row, its
rows; group and total rows as rows), tables apart by an empty row. UTF-8 with a byte-order
mark so that Excel shows Vietnamese letters; text cells neutralised (formula injection)."""

import csv
import io
from datetime import date

from nhiemvu.dates import format_date
from nhiemvu.reports.document import Document, Table
from nhiemvu.reports.writers.cells import flat_titles, group_text
from nhiemvu.spreadsheet import neutralise


def _value(value, kind: str):
    if value is None:
        return ""
    if isinstance(value, date):
        return format_date(value)
    if kind == "percent" and isinstance(value, int | float):
        return f"{value:.2f}"  # two decimals, as the .xlsx and .docx show it
    return neutralise(value)


def _table_lines(table: Table) -> list[list]:
    width = len(table.columns)
    lines = []
    if table.title:
        lines.append([neutralise(table.title)] + [""] * (width - 1))
    lines.append([neutralise(title) for title in flat_titles(table)])
    for row in table.rows:
        if row.role == "group":
            lines.append([neutralise(group_text(row))] + [""] * (width - 1))
        else:
            lines.append(
                [_value(value, column.kind) for value, column in zip(row.cells, table.columns, strict=False)]
            )
    return lines


def render(document: Document) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(document.extraction)])
    for table in document.tables():
        writer.writerow([])
        writer.writerows(_table_lines(table))
    return buffer.getvalue().encode("utf-8-sig")
