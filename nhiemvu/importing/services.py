"""Importing tasks from an Excel or CSV file (the issue: `nhiemvu import-tasks`).

Seed 003 art. 4.1 and seed 000 I.3.a: units tracked their tasks in Excel; the import brings
that history over. It works in two phases:

1. Check. Every row is parsed and checked in Python, against units, directives and task
   fingerprints preloaded with a handful of queries. Any problem rejects the whole file,
   and every problem is listed with its row and column (ImportRejected).
2. Write. In one transaction: the missing units, then directives, tasks, coordinating
   links and events, each bulk-created.

History semantics (domain.md, "Two times on every event"): imported rows have no separate
recording time, so each event counts as recorded at the start of its own effective day.
The states come from tracking.status.apply and are written with tracking.services'
build_history/write_state, so imported tasks are exactly what assign_task + complete make.
"""

import os
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nhiemvu import statistics
from nhiemvu.dates import format_date, parse_date, start_of_day
from nhiemvu.directives import numbering
from nhiemvu.directives.choices import SourceChannel
from nhiemvu.directives.models import Directive
from nhiemvu.importing import readers
from nhiemvu.importing.columns import (
    ASSIGNED_ON,
    COLUMNS,
    COMPLETED_ON,
    CONTENT,
    COORDINATING_UNITS,
    DATE_COLUMNS,
    DUE_ON,
    EXPECTED_HEADER,
    ISSUED_ON,
    ISSUER,
    LEAD_UNIT,
    NOTE,
    NUMBER_SYMBOL,
    REQUIRED,
    SUMMARY,
    UNIT_SEPARATORS,
    column_letter,
    header_key,
    normalise_text,
)
from nhiemvu.importing.errors import ImportRejected, Issue
from nhiemvu.messages import Message, bilingual
from nhiemvu.tracking.choices import EventKind, EventSource
from nhiemvu.tracking.models import Task, TaskEvent
from nhiemvu.tracking.services import build_history, task_fingerprint, write_state
from nhiemvu.tracking.status import Change, apply
from nhiemvu.units.choices import UnitKind
from nhiemvu.units.models import Unit, UnitName, name_key

BATCH_SIZE = 1000  # rows per INSERT of bulk_create
IN_CHUNK = 500  # values per `__in` lookup
EARLIEST_YEAR = 1900  # older dates are typing mistakes ("01/01/0018")
MAX_NUMBER_SYMBOL = Directive._meta.get_field("number_symbol").max_length
MAX_ISSUER = Directive._meta.get_field("issuer").max_length
MAX_UNIT_NAME = Unit._meta.get_field("name").max_length
MAX_UNIT_CODE = Unit._meta.get_field("code").max_length
MAX_RESULT_DOCUMENT = TaskEvent._meta.get_field("result_document").max_length
NEW_UNIT_CODE_PREFIX = "IMP-"

Row = Sequence[object]


# --- Reading cells -------------------------------------------------------------------


def cell_text(value) -> str:
    """A cell as text: NFC, stripped; real date cells as dd/mm/yyyy; 12.0 as "12"."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value)).strip()


def cell_date(value) -> date:
    """A date cell of Excel, or text dd/mm/yyyy (or yyyy-mm-dd); raises ValueError (TypeError
    for a number or other non-date cell) otherwise."""
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    elif isinstance(value, str):
        day = parse_date(value)
    else:
        raise TypeError(value)
    if day.year < EARLIEST_YEAR:
        raise ValueError(value)
    return day


def split_units(text: str) -> list[str]:
    """The names in a "Đơn vị phối hợp" cell, separated by ";" (or line breaks)."""
    for separator in UNIT_SEPARATORS[1:]:
        text = text.replace(separator, UNIT_SEPARATORS[0])
    return [normalise_text(part) for part in text.split(UNIT_SEPARATORS[0]) if part.strip()]


def is_blank(row: Row) -> bool:
    return all(cell_text(value) == "" for value in row)


# --- Checking the header and one row (no database) -----------------------------------


def check_header(row: Row | None) -> list[Issue]:
    """Row 1 must be the template's header, column for column (the issue)."""
    if row is None or is_blank(row):
        return [Issue(Message(_("thiếu dòng tiêu đề")), row=1)]
    issues = []
    cells = list(row) + [None] * (len(COLUMNS) - len(row))
    for index, expected in enumerate(COLUMNS):
        found = cell_text(cells[index])
        if header_key(found) != EXPECTED_HEADER[index]:
            values = {"cell": f"{column_letter(index)}1", "found": found, "expected": expected}
            issues.append(
                Issue(
                    Message(_("ô %(cell)s là “%(found)s”, cần “%(expected)s”"), **values),
                    row=1,
                )
            )
    for index in range(len(COLUMNS), len(cells)):
        found = cell_text(cells[index])
        if found:
            values = {"cell": f"{column_letter(index)}1", "found": found}
            issues.append(
                Issue(
                    Message(_("ô %(cell)s “%(found)s” không thuộc tệp mẫu"), **values),
                    row=1,
                )
            )
    return issues


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
    coordinating_units: tuple[str, ...] = ()
    assigned_on: date | None = None
    due_on: date | None = None
    completed_on: date | None = None
    note: str = ""


def parse_row(number: int, row: Row, *, today: date) -> tuple[RowData, list[Issue]]:
    """Parse and check one data row on its own: required values, formats, date order.

    Date rules: domain.md "Status" and the issue (completion and due date not before the
    assignment, assignment not before the issue date, nothing that has not happened yet).
    """
    issues: list[Issue] = []

    def problem(column, message: Message):
        issues.append(Issue(message, row=number, column=column))

    cells = list(row) + [None] * (len(COLUMNS) - len(row))
    raw = dict(zip(COLUMNS, cells, strict=False))
    text = {column: cell_text(raw[column]) for column in COLUMNS}
    for index in range(len(COLUMNS), len(cells)):
        if cell_text(cells[index]):
            values = {"cell": f"{column_letter(index)}{number}"}
            issues.append(
                Issue(
                    Message(_("có dữ liệu ở ô %(cell)s, ngoài các cột của tệp mẫu"), **values),
                    row=number,
                )
            )
    for column in REQUIRED:
        if not text[column]:
            problem(column, Message(_("thiếu giá trị (bắt buộc)")))

    data = RowData(
        row=number,
        issuer=text[ISSUER],
        summary=text[SUMMARY],
        content=text[CONTENT],
        lead_unit=normalise_text(text[LEAD_UNIT]),
        coordinating_units=tuple(split_units(text[COORDINATING_UNITS])),
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
        problem(
            ISSUER,
            Message(_("dài quá %(max)d ký tự"), max=MAX_ISSUER),
        )
    if ";" in data.lead_unit:
        problem(LEAD_UNIT, Message(_("chỉ ghi một đơn vị chủ trì")))

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

    for column in (ISSUED_ON, ASSIGNED_ON, COMPLETED_ON):  # a due date may lie ahead
        if dates[column] and dates[column] > today:
            values = {"value": format_date(dates[column]), "today": format_date(today)}
            problem(
                column,
                Message(_("ngày %(value)s chưa đến (hôm nay là %(today)s)"), **values),
            )
    if data.issued_on and data.assigned_on and data.assigned_on < data.issued_on:
        values = {"assigned": format_date(data.assigned_on), "issued": format_date(data.issued_on)}
        problem(
            ASSIGNED_ON,
            Message(_("ngày giao %(assigned)s trước ngày ban hành %(issued)s"), **values),
        )
    if data.assigned_on and data.due_on and data.due_on < data.assigned_on:
        values = {"due": format_date(data.due_on), "assigned": format_date(data.assigned_on)}
        problem(
            DUE_ON,
            Message(_("hạn xử lý %(due)s trước ngày giao %(assigned)s"), **values),
        )
    if data.assigned_on and data.completed_on and data.completed_on < data.assigned_on:
        values = {"completed": format_date(data.completed_on), "assigned": format_date(data.assigned_on)}
        problem(
            COMPLETED_ON,
            Message(_("ngày hoàn thành %(completed)s trước ngày giao %(assigned)s"), **values),
        )
    if data.lead_unit and name_key(data.lead_unit) in {name_key(name) for name in data.coordinating_units}:
        values = {"unit": data.lead_unit}
        problem(
            COORDINATING_UNITS,
            Message(_("đơn vị chủ trì “%(unit)s” không được đồng thời là đơn vị phối hợp"), **values),
        )
    return data, issues


# --- Units by name ---------------------------------------------------------------------


class AmbiguousUnit(Exception):
    def __init__(self, candidates: list[Unit]):
        self.candidates = candidates


def _active_on(unit: Unit, day: date) -> bool:
    return (unit.active_from is None or unit.active_from <= day) and (
        unit.active_until is None or unit.active_until >= day
    )


class UnitDirectory:
    """Every unit, by name, loaded in two queries.

    A name matches a unit's current name, case and spacing aside; failing that, a former
    name (a file from before a rename). Several matches: the one active on the row's day,
    else the one active today (the issue: "prefer active units"); still several: ambiguous.
    """

    def __init__(self, units: Iterable[Unit], former_names: Iterable[UnitName], *, today: date):
        self.today = today
        self.units = list(units)
        self.by_code = {unit.code: unit for unit in self.units}
        self.by_name: dict[str, list[Unit]] = {}
        for unit in self.units:
            self.by_name.setdefault(name_key(unit.name), []).append(unit)
        by_id = {unit.pk: unit for unit in self.units}
        self.by_former_name: dict[str, list[Unit]] = {}
        for former in former_names:
            candidates = self.by_former_name.setdefault(name_key(former.name), [])
            if by_id[former.unit_id] not in candidates:
                candidates.append(by_id[former.unit_id])

    @classmethod
    def load(cls, *, today: date) -> "UnitDirectory":
        fields = ("id", "code", "name", "parent_id", "path", "active_from", "active_until")
        return cls(
            Unit.objects.only(*fields).order_by("pk"),
            UnitName.objects.only("unit_id", "name"),
            today=today,
        )

    def find(self, name: str, day: date | None) -> Unit | None:
        key = name_key(name)
        candidates = self.by_name.get(key) or self.by_former_name.get(key) or []
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        for moment in (day, self.today):
            if moment is not None:
                active = [unit for unit in candidates if _active_on(unit, moment)]
                if len(active) == 1:
                    return active[0]
        raise AmbiguousUnit(candidates)

    def by_code_or_none(self, code: str) -> Unit | None:
        code = code.strip()
        if code in self.by_code:
            return self.by_code[code]
        matches = [unit for unit in self.units if unit.code.casefold() == code.casefold()]
        return matches[0] if len(matches) == 1 else None

    def single_active_root(self) -> Unit | None:
        roots = [unit for unit in self.units if unit.parent_id is None and _active_on(unit, self.today)]
        return roots[0] if len(roots) == 1 else None

    def root_count(self) -> int:
        return sum(1 for unit in self.units if unit.parent_id is None and _active_on(unit, self.today))


@dataclass(eq=False)
class NewUnit:
    """A unit --create-units will create, under the assigning unit of the row that names it first."""

    name: str
    code: str
    parent: Unit
    first_row: int
    unit: Unit | None = None  # once saved


def new_unit_code(name: str, taken: set[str]) -> str:
    """A readable, unique code from the name: "Ban Quản lý dự án Đắk Hà" → "IMP-BAN-QUAN-LY-DU-AN-DAK-HA"."""
    ascii_name = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    ascii_name = ascii_name.encode("ascii", "ignore").decode().upper()
    slug = "-".join("".join(char if char.isalnum() else " " for char in ascii_name).split()) or "DON-VI"
    base = (NEW_UNIT_CODE_PREFIX + slug)[: MAX_UNIT_CODE - 4].rstrip("-")
    code, suffix = base, 1
    while code.casefold() in taken:
        suffix += 1
        code = f"{base}-{suffix}"
    taken.add(code.casefold())
    return code


def _ref(unit: Unit | NewUnit):
    """A hashable identity for existing and to-be-created units alike."""
    return unit.pk if isinstance(unit, Unit) else ("new", name_key(unit.name))


# --- The plan: everything checked, nothing written -------------------------------------


@dataclass(eq=False)
class DirectivePlan:
    number_symbol: str
    issued_on: date
    issuer: str
    summary: str
    issuer_unit: Unit | None
    first_row: int
    existing: Directive | None = None
    created: Directive | None = None

    @property
    def directive(self) -> Directive:
        return self.existing or self.created


@dataclass(eq=False)
class TaskPlan:
    data: RowData
    directive: DirectivePlan
    assigning_unit: Unit
    lead_unit: Unit | NewUnit
    coordinating_units: list[Unit | NewUnit]


@dataclass
class ImportResult:
    """What an import did (or, with dry_run, would do)."""

    dry_run: bool
    source_name: str = ""
    rows: int = 0  # non-blank data rows
    tasks_created: int = 0
    tasks_skipped: int = 0  # already in the system (same directive and fingerprint)
    duplicate_rows: int = 0  # rows repeating an earlier row of the file: counted once
    events_created: int = 0
    directives_created: list[str] = field(default_factory=list)  # "1196/UBND-TH ngày 10/05/2018"
    units_created: list[str] = field(default_factory=list)  # "Tên đơn vị (MÃ)"

    def summary_lines(self) -> list[str]:
        """The summary the command prints, in Vietnamese then English."""
        counts = {
            "rows": self.rows,
            "tasks": self.tasks_created,
            "skipped": self.tasks_skipped,
            "duplicates": self.duplicate_rows,
            "directives": len(self.directives_created),
            "units": len(self.units_created),
            "name": self.source_name,
        }
        if self.dry_run:
            lines = [
                _("Chạy thử “%(name)s”: không ghi gì vào cơ sở dữ liệu"),
                _("Dòng dữ liệu đã đọc: %(rows)d"),
                _("Nhiệm vụ sẽ tạo: %(tasks)d"),
                _("Nhiệm vụ đã có, sẽ bỏ qua: %(skipped)d"),
                _("Văn bản sẽ tạo: %(directives)d"),
                _("Đơn vị sẽ tạo: %(units)d"),
            ]
        else:
            lines = [
                _("Đã nhập “%(name)s”"),
                _("Dòng dữ liệu đã đọc: %(rows)d"),
                _("Nhiệm vụ đã tạo: %(tasks)d"),
                _("Nhiệm vụ đã có, bỏ qua: %(skipped)d"),
                _("Văn bản đã tạo: %(directives)d"),
                _("Đơn vị đã tạo: %(units)d"),
            ]
        if self.duplicate_rows:
            lines.insert(4, _("Dòng lặp lại trong tệp, tính một lần: %(duplicates)d"))
        lines = [bilingual(Message(line, **counts)) for line in lines]
        lines += [f"  + {name}" for name in self.units_created]
        return lines


@dataclass
class _Plan:
    result: ImportResult
    new_units: list[NewUnit]
    directives: list[DirectivePlan]
    tasks: list[TaskPlan]


@dataclass(eq=False)
class _ResolvedRow:
    """A parsed row with its units found; `ok` when neither the row nor its units had a problem."""

    data: RowData
    ok: bool
    assigning_unit: Unit | None = None
    issuer_unit: Unit | None = None
    lead_unit: Unit | NewUnit | None = None
    coordinating_units: list[Unit | NewUnit] = field(default_factory=list)


class _UnitResolver:
    """Unit names of the file → units (the issue: by name, case and spacing aside, active
    units first, ambiguous names an error; unknown names an error unless --create-units, which
    creates them under the assigning unit). Problems are appended to `issues`."""

    def __init__(self, directory: UnitDirectory, *, create_units: bool, issues: list[Issue]):
        self.directory = directory
        self.create_units = create_units
        self.issues = issues
        self.new_units: dict[str, NewUnit] = {}
        self.taken_codes = {unit.code.casefold() for unit in directory.units}

    def find(self, name: str, day: date, *, row: int, column: str) -> tuple[Unit | None, bool]:
        """(the unit named `name` or None, whether the name is ambiguous: then an issue says so)."""
        try:
            return self.directory.find(name, day), False
        except AmbiguousUnit as ambiguous:
            values = {
                "name": name,
                "count": len(ambiguous.candidates),
                "codes": ", ".join(unit.code for unit in ambiguous.candidates),
            }
            self.issues.append(
                Issue(
                    Message(_("tên “%(name)s” trùng với %(count)d đơn vị (mã %(codes)s)"), **values),
                    row=row,
                    column=column,
                )
            )
            return None, True

    def resolve(
        self, name: str, day: date, *, row: int, column: str, parent: Unit | None
    ) -> Unit | NewUnit | None:
        """The unit named `name`, or the one --create-units will create under `parent`."""
        unit, ambiguous = self.find(name, day, row=row, column=column)
        if unit is not None or ambiguous:
            return unit
        if not self.create_units:
            values = {"name": name}
            self.issues.append(
                Issue(
                    Message(
                        _("không có đơn vị “%(name)s” trong hệ thống (dùng --create-units để tạo mới)"),
                        **values,
                    ),
                    row=row,
                    column=column,
                )
            )
            return None
        if len(name) > MAX_UNIT_NAME:
            values = {"max": MAX_UNIT_NAME}
            self.issues.append(
                Issue(
                    Message(_("tên đơn vị dài quá %(max)d ký tự"), **values),
                    row=row,
                    column=column,
                )
            )
            return None
        if parent is None:
            return None  # no assigning unit: reported once for the file
        key = name_key(name)
        if key not in self.new_units:
            code = new_unit_code(name, self.taken_codes)
            self.new_units[key] = NewUnit(name=name, code=code, parent=parent, first_row=row)
        return self.new_units[key]


def _resolve_units(
    parsed: list[tuple[RowData, bool]],
    directory: UnitDirectory,
    *,
    create_units: bool,
    assigning_unit: Unit | str | None,
    today: date,
    issues: list[Issue],
) -> tuple[list[_ResolvedRow], _UnitResolver]:
    """Find the assigning, lead and coordinating units of every row.

    The assigning unit (the issue): --assigning-unit if given; else the unit named by "Cơ
    quan ban hành"; else the single active root unit; else an error asking for the option.
    """
    resolver = _UnitResolver(directory, create_units=create_units, issues=issues)
    given = None
    if isinstance(assigning_unit, Unit):
        given = assigning_unit
    elif assigning_unit:
        given = directory.by_code_or_none(assigning_unit)
        if given is None:
            values = {"code": assigning_unit}
            issues.append(
                Issue(
                    Message(_("không có đơn vị mã “%(code)s” (tùy chọn --assigning-unit)"), **values),
                )
            )
    root = directory.single_active_root()
    rows_without_assigner: list[int] = []
    resolved: list[_ResolvedRow] = []

    for data, ok in parsed:
        number, day = data.row, data.assigned_on or today
        issues_before = len(issues)
        entry = _ResolvedRow(data, ok)

        # The directive's issuer, and through it (unless given) the assigning unit.
        if data.issuer and assigning_unit:
            try:  # only informative: an ambiguous issuer is left unlinked
                entry.issuer_unit = directory.find(data.issuer, data.issued_on or day)
            except AmbiguousUnit:
                entry.issuer_unit = None
        elif data.issuer:
            entry.issuer_unit, _ambiguous = resolver.find(
                data.issuer, data.issued_on or day, row=number, column=ISSUER
            )
        entry.assigning_unit = given if assigning_unit else (entry.issuer_unit or root)
        if entry.assigning_unit is None and not assigning_unit and len(issues) == issues_before:
            rows_without_assigner.append(number)

        if data.lead_unit and ";" not in data.lead_unit:
            entry.lead_unit = resolver.resolve(
                data.lead_unit, day, row=number, column=LEAD_UNIT, parent=entry.assigning_unit
            )
        lead = entry.lead_unit
        if isinstance(lead, Unit) and data.assigned_on and not _active_on(lead, data.assigned_on):
            # As tracking.services.assign_task: a unit that has ended (or not begun) receives no task.
            values = {"unit": lead.name, "day": format_date(data.assigned_on)}
            issues.append(
                Issue(
                    Message(_("đơn vị “%(unit)s” không hoạt động vào ngày giao %(day)s"), **values),
                    row=number,
                    column=LEAD_UNIT,
                )
            )
        for name in data.coordinating_units:
            unit = resolver.resolve(
                name, day, row=number, column=COORDINATING_UNITS, parent=entry.assigning_unit
            )
            if unit is not None and _ref(unit) not in {_ref(other) for other in entry.coordinating_units}:
                entry.coordinating_units.append(unit)
        same_unit = lead is not None and _ref(lead) in {_ref(unit) for unit in entry.coordinating_units}
        if same_unit and name_key(data.lead_unit) not in {name_key(name) for name in data.coordinating_units}:
            # Two names of one unit (its current and a former name); the same name was checked by parse_row.
            values = {"unit": data.lead_unit}
            issues.append(
                Issue(
                    Message(_("đơn vị chủ trì “%(unit)s” không được đồng thời là đơn vị phối hợp"), **values),
                    row=number,
                    column=COORDINATING_UNITS,
                )
            )
        entry.ok = ok and len(issues) == issues_before and None not in (entry.assigning_unit, lead)
        resolved.append(entry)

    if rows_without_assigner:
        shown = ", ".join(str(number) for number in rows_without_assigner[:10])
        if len(rows_without_assigner) > 10:
            shown += ", …"
        values = {"rows": shown, "roots": directory.root_count()}
        issues.append(
            Issue(
                Message(
                    _(
                        "không xác định được đơn vị giao nhiệm vụ (dòng %(rows)s): “Cơ quan ban hành” không trùng tên "
                        "đơn vị nào và hệ thống có %(roots)d đơn vị cấp cao nhất đang hoạt động; hãy chỉ rõ bằng "
                        "--assigning-unit MÃ_ĐƠN_VỊ"
                    ),
                    **values,
                ),
            )
        )
    return resolved, resolver


def _load_existing(symbols: list[str]) -> tuple[dict[tuple[str, date], Directive], set[tuple[int, str]]]:
    """The directives of these numbers/symbols already in the system, by (number/symbol,
    issue date), and the (directive id, fingerprint) of their tasks: a query per 500."""
    directives: dict[tuple[str, date], Directive] = {}
    for start in range(0, len(symbols), IN_CHUNK):
        for directive in Directive.objects.filter(number_symbol__in=symbols[start : start + IN_CHUNK]):
            directives[(directive.number_symbol, directive.issued_on)] = directive
    ids = sorted(directive.pk for directive in directives.values())
    fingerprints: set[tuple[int, str]] = set()
    for start in range(0, len(ids), IN_CHUNK):
        chunk = ids[start : start + IN_CHUNK]
        fingerprints.update(
            Task.objects.filter(directive_id__in=chunk).values_list("directive_id", "fingerprint")
        )
    return directives, fingerprints


def _plan(
    rows: list[Row], *, create_units: bool, dry_run: bool, assigning_unit, today: date, source_name: str
) -> _Plan:
    """Check the whole file; raise ImportRejected listing every problem, or return the plan."""
    if not rows:
        raise ImportRejected([Issue(Message(_("tệp rỗng")))])
    issues = check_header(rows[0])
    if issues:
        raise ImportRejected(issues, hint=template_hint())

    parsed: list[tuple[RowData, bool]] = []
    for number, row in enumerate(rows[1:], start=2):
        if is_blank(row):
            continue
        data, row_issues = parse_row(number, row, today=today)
        issues += row_issues
        parsed.append((data, not row_issues))
    if not parsed:
        raise ImportRejected([Issue(Message(_("tệp không có dòng dữ liệu nào")))])

    directory = UnitDirectory.load(today=today)  # queries 1-2
    resolved, resolver = _resolve_units(
        parsed,
        directory,
        create_units=create_units,
        assigning_unit=assigning_unit,
        today=today,
        issues=issues,
    )
    good = [entry for entry in resolved if entry.ok]
    existing_directives, existing_fingerprints = _load_existing(  # queries 3-4
        sorted({entry.data.number_symbol for entry in good})
    )

    result = ImportResult(dry_run=dry_run, source_name=source_name, rows=len(parsed))
    directives: dict[tuple[str, date], DirectivePlan] = {}
    seen_tasks: dict[tuple, tuple[int, tuple]] = {}
    tasks: list[TaskPlan] = []
    for entry in good:
        data, number = entry.data, entry.data.row
        key = (data.number_symbol, data.issued_on)
        plan = directives.get(key)
        if plan is None:
            plan = directives[key] = DirectivePlan(
                number_symbol=data.number_symbol,
                issued_on=data.issued_on,
                issuer=data.issuer,
                summary=data.summary,
                issuer_unit=entry.issuer_unit,
                first_row=number,
                existing=existing_directives.get(key),
            )
        else:
            # Rows of one directive must describe it alike (else the first row's text would win).
            for column, first, this in (
                (ISSUER, plan.issuer, data.issuer),
                (SUMMARY, plan.summary, data.summary),
            ):
                if name_key(first) != name_key(this):
                    values = {"first": plan.first_row}
                    issues.append(
                        Issue(
                            Message(_("khác với dòng %(first)d cùng số, ký hiệu và ngày ban hành"), **values),
                            row=number,
                            column=column,
                        )
                    )

        # A task is its directive, lead unit, assignment date and content (task_fingerprint).
        identity = (key, _ref(entry.lead_unit), data.assigned_on, " ".join(data.content.split()).casefold())
        payload = (
            data.due_on,
            data.completed_on,
            frozenset(_ref(unit) for unit in entry.coordinating_units),
            normalise_text(data.note),
        )
        if identity in seen_tasks:
            first_row, first_payload = seen_tasks[identity]
            if payload == first_payload:
                result.duplicate_rows += 1  # the issue: identical rows within one file count once
            else:
                values = {"first": first_row}
                issues.append(
                    Issue(
                        Message(
                            _(
                                "cùng nhiệm vụ với dòng %(first)d (văn bản, đơn vị chủ trì, ngày giao, nội dung) nhưng "
                                "khác hạn xử lý, ngày hoàn thành, đơn vị phối hợp hoặc ghi chú"
                            ),
                            **values,
                        ),
                        row=number,
                    )
                )
            continue
        seen_tasks[identity] = (number, payload)
        if plan.existing is not None and isinstance(entry.lead_unit, Unit):
            fingerprint = task_fingerprint(
                lead_unit_id=entry.lead_unit.pk, assigned_on=data.assigned_on, content=data.content
            )
            if (plan.existing.pk, fingerprint) in existing_fingerprints:
                result.tasks_skipped += 1
                continue
        tasks.append(TaskPlan(data, plan, entry.assigning_unit, entry.lead_unit, entry.coordinating_units))

    if issues:
        raise ImportRejected(issues)

    new_directives = [plan for plan in directives.values() if plan.existing is None]
    result.tasks_created = len(tasks)
    result.events_created = sum(2 if task.data.completed_on else 1 for task in tasks)
    result.directives_created = [
        _("%(symbol)s ngày %(date)s") % {"symbol": plan.number_symbol, "date": format_date(plan.issued_on)}
        for plan in new_directives
    ]
    # Only the units some task will use (a unit named only in skipped rows is not needed).
    used = {id(task.lead_unit) for task in tasks} | {
        id(unit) for task in tasks for unit in task.coordinating_units
    }
    needed_units = [unit for unit in resolver.new_units.values() if id(unit) in used]
    result.units_created = [f"{unit.name} ({unit.code})" for unit in needed_units]
    return _Plan(result=result, new_units=needed_units, directives=new_directives, tasks=tasks)


# --- Writing ---------------------------------------------------------------------------


def result_document_of(data: RowData, source_name: str) -> tuple[str, str]:
    """(result document, event note) of an imported completion: the "Ghi chú" text (the issue),
    or a fixed mention of the file; a note too long for the field goes whole into the note."""
    if not data.note:
        mention = _("Nhập từ tệp %(name)s") % {"name": source_name} if source_name else _("Nhập từ tệp")
        return mention[:MAX_RESULT_DOCUMENT], ""
    if len(data.note) <= MAX_RESULT_DOCUMENT:
        return data.note, ""
    return data.note[: MAX_RESULT_DOCUMENT - 1] + "…", data.note


def _write(plan: _Plan, *, source_name: str) -> None:
    """Create everything the plan holds; the caller wraps this in one transaction."""
    for new in plan.new_units:
        # One by one: Unit.save() computes the materialised path from the new id.
        new.unit = Unit(code=new.code, name=new.name, kind=UnitKind.OTHER, parent=new.parent)
        new.unit.save()

    for directive_plan in plan.directives:
        directive_plan.created = Directive(
            doc_type=numbering.type_from_symbol(directive_plan.number_symbol),
            number_symbol=directive_plan.number_symbol,
            issuer=directive_plan.issuer,
            issuer_unit=directive_plan.issuer_unit,
            issued_on=directive_plan.issued_on,
            summary=directive_plan.summary,
            channel=SourceChannel.IMPORT,
        )
    Directive.objects.bulk_create([p.created for p in plan.directives], batch_size=BATCH_SIZE)

    def unit_of(unit: Unit | NewUnit) -> Unit:
        return unit if isinstance(unit, Unit) else unit.unit

    tasks: list[Task] = []
    steps: list[list[tuple]] = []  # per task: (state, change, event details)
    for task_plan in plan.tasks:
        data = task_plan.data
        lead = unit_of(task_plan.lead_unit)
        assigned = Change(
            EventKind.ASSIGNED,
            effective_on=data.assigned_on,
            recorded_at=start_of_day(data.assigned_on),
            lead_unit_id=lead.pk,
            due_on=data.due_on,
        )
        state = apply(None, assigned)
        task = Task(
            # Ids rather than instances: setting a relation through its descriptor costs more
            # than the rest of the row, and nothing here reads the related objects back.
            directive_id=task_plan.directive.directive.pk,
            content=data.content,
            assigning_unit_id=task_plan.assigning_unit.pk,
            lead_unit_id=lead.pk,
            note=data.note,
            assigned_on=data.assigned_on,
            due_on=data.due_on,
            assignment_recorded_at=assigned.recorded_at,
            fingerprint=task_fingerprint(
                lead_unit_id=lead.pk, assigned_on=data.assigned_on, content=data.content
            ),
        )
        write_state(task, state, assigned)
        task_steps = [(state, assigned, {})]
        if data.completed_on:
            completed = Change(
                EventKind.COMPLETED,
                effective_on=data.completed_on,
                recorded_at=start_of_day(data.completed_on),
                assigned_on=data.assigned_on,
            )
            state = apply(state, completed)
            write_state(task, state, completed)
            document, note = result_document_of(data, source_name)
            task_steps.append((state, completed, {"result_document": document, "note": note}))
        tasks.append(task)
        steps.append(task_steps)
    Task.objects.bulk_create(tasks, batch_size=BATCH_SIZE)

    through = Task.coordinating_units.through
    through.objects.bulk_create(
        [
            through(task_id=task.pk, unit_id=unit_of(unit).pk)
            for task, task_plan in zip(tasks, plan.tasks, strict=True)
            for unit in task_plan.coordinating_units
        ],
        batch_size=BATCH_SIZE,
    )
    TaskEvent.objects.bulk_create(
        [
            event
            for task, task_steps in zip(tasks, steps, strict=True)
            for event in build_history(task, task_steps, by=None, source=EventSource.IMPORT)
        ],
        batch_size=BATCH_SIZE,
    )


def import_tasks(
    rows_source: str | os.PathLike | Iterable[Row],
    *,
    create_units: bool = False,
    dry_run: bool = False,
    assigning_unit: Unit | str | None = None,
    today: date | None = None,
    source_name: str = "",
) -> ImportResult:
    """Import the tasks of a file (a path to .xlsx/.csv) or of rows already read (row 1 the header).

    `assigning_unit` is a Unit or a unit code; by default the unit named by "Cơ quan ban
    hành", else the single active root unit. `today` (default: the local date) bounds the
    dates. Raises ImportRejected, listing every problem, when anything is wrong: then
    nothing is written. With `dry_run`, checks and counts, and writes nothing.
    """
    if isinstance(rows_source, (str, os.PathLike)):
        source_name = source_name or Path(rows_source).name
        rows = readers.read_rows(rows_source)
    else:
        rows = [tuple(row) for row in rows_source]
    today = today or timezone.localdate()
    options = {
        "create_units": create_units,
        "dry_run": dry_run,
        "assigning_unit": assigning_unit,
        "today": today,
        "source_name": source_name,
    }
    if dry_run:
        return _plan(rows, **options).result
    try:
        # Checked and written in one transaction: on SQLite (transaction_mode IMMEDIATE) no
        # other writer can slip in between; on PostgreSQL a concurrent import that created
        # the same rows first makes ours fail on a unique constraint, reported below.
        with transaction.atomic():
            plan = _plan(rows, **options)
            _write(plan, source_name=source_name)
    except IntegrityError:
        raise ImportRejected(
            [
                Issue(
                    Message(
                        _(
                            "dữ liệu vừa bị thay đổi trong lúc nhập (một lần nhập khác?); chưa nhập gì, hãy chạy lại"
                        )
                    ),
                )
            ]
        ) from None
    statistics.refresh()  # thousands of new rows: let SQLite plan with them
    return plan.result
