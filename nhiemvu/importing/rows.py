"""The header and each data row of a task file, checked on their own (no database)."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from nhiemvu.dates import format_date
from nhiemvu.directives import numbering
from nhiemvu.directives.models import Directive
from nhiemvu.importing.cells import Row, cell_date, cell_text, is_blank
from nhiemvu.importing.columns import (
    ASSIGNED_ON,
    BASE_COLUMNS,
    CODE_COLUMNS,
    COMPLETED_ON,
    CONTENT,
    COORDINATING_UNIT_CODES,
    COORDINATING_UNITS,
    DATE_COLUMNS,
    DUE_ON,
    ISSUED_ON,
    ISSUER,
    LEAD_UNIT,
    LEAD_UNIT_CODE,
    NOTE,
    NUMBER_SYMBOL,
    REQUIRED,
    SUMMARY,
    UNIT_SEPARATORS,
    column_letter,
    header_key,
)
from nhiemvu.importing.errors import Issue
from nhiemvu.messages import Message
from nhiemvu.spreadsheet import refused_on_import
from nhiemvu.text import normalise_text
from nhiemvu.units.models import name_key

MAX_NUMBER_SYMBOL = Directive._meta.get_field("number_symbol").max_length
MAX_ISSUER = Directive._meta.get_field("issuer").max_length
TEXT_COLUMNS = tuple(column for column in BASE_COLUMNS + CODE_COLUMNS if column not in DATE_COLUMNS)


def split_units(text: str) -> list[str]:
    """The names (or codes) in a "Đơn vị phối hợp" cell, separated by ";" (or line breaks)."""
    for separator in UNIT_SEPARATORS[1:]:
        text = text.replace(separator, UNIT_SEPARATORS[0])
    return [normalise_text(part) for part in text.split(UNIT_SEPARATORS[0]) if part.strip()]


def check_header(row: Row | None) -> tuple[tuple[str, ...], list[Issue]]:
    """Row 1 must be the template's header, column for column: the 11 columns, then the code
    columns in their order or none of them. Returns the file's columns and the problems."""
    if row is None or is_blank(row):
        return BASE_COLUMNS, [Issue(Message(_("thiếu dòng tiêu đề")), row=1)]
    issues = []
    cells = [cell_text(value) for value in row]
    cells += [""] * (len(BASE_COLUMNS) - len(cells))
    for index, expected in enumerate(BASE_COLUMNS):
        if header_key(cells[index]) != header_key(expected):
            values = {"cell": f"{column_letter(index)}1", "found": cells[index], "expected": expected}
            issues.append(Issue(Message(_("ô %(cell)s là “%(found)s”, cần “%(expected)s”"), **values), row=1))
    columns = list(BASE_COLUMNS)
    for index in range(len(BASE_COLUMNS), len(cells)):
        found = cells[index]
        extra = index - len(BASE_COLUMNS)
        if not found:
            continue
        in_order = extra < len(CODE_COLUMNS) and len(columns) == index  # none skipped
        if in_order and header_key(found) == header_key(CODE_COLUMNS[extra]):
            columns.append(CODE_COLUMNS[extra])
            continue
        values = {"cell": f"{column_letter(index)}1", "found": found}
        issues.append(Issue(Message(_("ô %(cell)s “%(found)s” không thuộc tệp mẫu"), **values), row=1))
    return tuple(columns), issues


def template_hint() -> Message:
    """The line under header errors: how to get a header that is right."""
    return Message(_("Hãy dùng tệp mẫu của lệnh “nhiemvu export-template” và giữ nguyên dòng tiêu đề"))


@dataclass
class RowData:
    """One data row, parsed. Fields that failed to parse are None (their issues say why)."""

    row: int
    number_symbol: str | None = None
    issued_on: date | None = None
    issuer: str = ""
    summary: str = ""
    content: str = ""
    lead_unit: str = ""
    lead_unit_code: str = ""
    coordinating_units: tuple[str, ...] = ()
    coordinating_unit_codes: tuple[str, ...] = ()
    assigned_on: date | None = None
    due_on: date | None = None
    completed_on: date | None = None
    note: str = ""


def parse_row(number: int, row: Row, *, today: date, columns=BASE_COLUMNS) -> tuple[RowData, list[Issue]]:
    """Parse and check one data row on its own: required values, formats, date order.

    Date rules: domain.md "Status" (completion and due date not before the assignment,
    assignment not before the issue date, nothing that has not happened yet). Text that a
    spreadsheet would run as a formula (OWASP "CSV Injection", nhiemvu.spreadsheet) is refused.
    """
    issues: list[Issue] = []

    def problem(column, message: Message):
        issues.append(Issue(message, row=number, column=column))

    cells = list(row) + [None] * (len(columns) - len(row))
    raw = dict.fromkeys(BASE_COLUMNS + CODE_COLUMNS) | dict(zip(columns, cells, strict=False))
    text = {column: cell_text(value) for column, value in raw.items()}
    for index in range(len(columns), len(cells)):
        if cell_text(cells[index]):
            values = {"cell": f"{column_letter(index)}{number}"}
            issues.append(
                Issue(Message(_("có dữ liệu ở ô %(cell)s, ngoài các cột của tệp mẫu"), **values), row=number)
            )
    for column in REQUIRED:
        if not text[column]:
            problem(column, Message(_("thiếu giá trị (bắt buộc)")))
    for column in TEXT_COLUMNS:
        if refused_on_import(text[column]):
            values = {"start": text[column][0]}
            problem(
                column,
                Message(
                    _(
                        "bắt đầu bằng “%(start)s”, bảng tính sẽ hiểu là công thức; hãy bỏ ký tự này ở đầu ô "
                        "(hoặc viết lại câu)"
                    ),
                    **values,
                ),
            )

    data = RowData(
        row=number,
        issuer=normalise_text(text[ISSUER]),
        summary=text[SUMMARY],
        content=text[CONTENT],
        lead_unit=normalise_text(text[LEAD_UNIT]),
        lead_unit_code=normalise_text(text[LEAD_UNIT_CODE]),
        coordinating_units=tuple(split_units(text[COORDINATING_UNITS])),
        coordinating_unit_codes=tuple(split_units(text[COORDINATING_UNIT_CODES])),
        note=text[NOTE],
    )

    if text[NUMBER_SYMBOL]:
        symbol = numbering.normalise(text[NUMBER_SYMBOL])
        try:
            numbering.validate_number_symbol(symbol)
            if len(symbol) > MAX_NUMBER_SYMBOL:
                raise ValidationError("too long")
            data.number_symbol = symbol
        except ValidationError:
            values = {"value": text[NUMBER_SYMBOL]}
            problem(
                NUMBER_SYMBOL,
                Message(
                    _(
                        "số, ký hiệu “%(value)s” không đúng dạng của Nghị định 30/2020 (ví dụ 1196/UBND-TH, 270/QĐ-UBND)"
                    ),
                    **values,
                ),
            )
    if len(data.issuer) > MAX_ISSUER:
        problem(ISSUER, Message(_("dài quá %(max)d ký tự"), max=MAX_ISSUER))
    if ";" in data.lead_unit:
        problem(LEAD_UNIT, Message(_("chỉ ghi một đơn vị chủ trì")))
    if ";" in data.lead_unit_code:
        problem(LEAD_UNIT_CODE, Message(_("chỉ ghi một đơn vị chủ trì")))

    dates: dict[str, date | None] = {}
    for column in DATE_COLUMNS:
        dates[column] = None
        if not text[column]:
            continue
        try:
            dates[column] = cell_date(raw[column])
        except (ValueError, TypeError):
            problem(column, Message(_("ngày không hợp lệ “%(value)s”"), value=text[column]))
    data.issued_on, data.assigned_on = dates[ISSUED_ON], dates[ASSIGNED_ON]
    data.due_on, data.completed_on = dates[DUE_ON], dates[COMPLETED_ON]
    _check_date_order(data, dates, today, problem)

    if data.lead_unit and name_key(data.lead_unit) in {name_key(name) for name in data.coordinating_units}:
        values = {"unit": data.lead_unit}
        problem(
            COORDINATING_UNITS,
            Message(_("đơn vị chủ trì “%(unit)s” không được đồng thời là đơn vị phối hợp"), **values),
        )
    return data, issues


def _check_date_order(data: RowData, dates: dict, today: date, problem) -> None:
    for column in (ISSUED_ON, ASSIGNED_ON, COMPLETED_ON):  # a due date may lie ahead
        if dates[column] and dates[column] > today:
            values = {"value": format_date(dates[column]), "today": format_date(today)}
            problem(column, Message(_("ngày %(value)s chưa đến (hôm nay là %(today)s)"), **values))
    if data.issued_on and data.assigned_on and data.assigned_on < data.issued_on:
        values = {"assigned": format_date(data.assigned_on), "issued": format_date(data.issued_on)}
        problem(ASSIGNED_ON, Message(_("ngày giao %(assigned)s trước ngày ban hành %(issued)s"), **values))
    if data.assigned_on and data.due_on and data.due_on < data.assigned_on:
        values = {"due": format_date(data.due_on), "assigned": format_date(data.assigned_on)}
        problem(DUE_ON, Message(_("hạn xử lý %(due)s trước ngày giao %(assigned)s"), **values))
    if data.assigned_on and data.completed_on and data.completed_on < data.assigned_on:
        values = {"completed": format_date(data.completed_on), "assigned": format_date(data.assigned_on)}
        problem(
            COMPLETED_ON,
            Message(_("ngày hoàn thành %(completed)s trước ngày giao %(assigned)s"), **values),
        )
