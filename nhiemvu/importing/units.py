"""The unit tree from a file (`nhiemvu import-units`) and back (`nhiemvu export-units`).

On an empty database this is the first command: the root (a row with no parent code) and the
whole tree come from the file. Rows are matched by code: a new code creates a unit, a known
one updates it, and a changed name is a dated rename (units.services.rename_unit), so the
reports of earlier periods keep the old name. Parents may come after their children in the
file; the units are written parents first. As `import-tasks`: every problem of the file is
listed by row and column before anything is written, and then nothing is written; a second
run of the same file changes nothing and says so.
"""

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nhiemvu.audit import services as audit
from nhiemvu.audit.choices import EventKind
from nhiemvu.dates import format_date
from nhiemvu.importing import readers
from nhiemvu.importing import unit_columns as col
from nhiemvu.importing.columns import header_key
from nhiemvu.importing.errors import ImportRejected, Issue
from nhiemvu.importing.sheets import Header, RowReader, changed_meanwhile, is_blank, write_table
from nhiemvu.messages import Message, bilingual
from nhiemvu.units import services
from nhiemvu.units.choices import UnitKind
from nhiemvu.units.models import FocalOfficer, Unit, name_key

MAX_CODE = Unit._meta.get_field("code").max_length
MAX_NAME = Unit._meta.get_field("name").max_length
MAX_SHORT_NAME = Unit._meta.get_field("short_name").max_length
OFFICER_MAX = {
    col.OFFICER_NAME: FocalOfficer._meta.get_field("full_name").max_length,
    col.OFFICER_TITLE: FocalOfficer._meta.get_field("title").max_length,
    col.OFFICER_PHONE: FocalOfficer._meta.get_field("phone").max_length,
    col.OFFICER_EMAIL: FocalOfficer._meta.get_field("email").max_length,
}


@dataclass
class UnitRow:
    """One data row, parsed; `None` for an optional value the file leaves as it is."""

    row: int
    code: str
    name: str
    short_name: str
    kind: str | None
    parent_code: str | None  # "" a root; None the column is left out
    scored_for_reform: bool | None
    sort_order: int | None
    officer: dict[str, str] | None  # FocalOfficer fields


@dataclass
class UnitImportResult:
    """What an import did (or, with dry_run, would do): labels "Tên đơn vị (MÃ)"."""

    dry_run: bool
    source_name: str = ""
    rows: int = 0
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    renamed: list[str] = field(default_factory=list)
    officers: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.renamed or self.officers)

    def summary_lines(self) -> list[str]:
        counts = {
            "name": self.source_name,
            "rows": self.rows,
            "created": len(self.created),
            "updated": len(self.updated),
            "renamed": len(self.renamed),
            "officers": len(self.officers),
        }
        heading = (
            _("Chạy thử “%(name)s”: không ghi gì vào cơ sở dữ liệu")
            if self.dry_run
            else _("Đã nhập “%(name)s”")
        )
        lines = [heading, _("Dòng dữ liệu đã đọc: %(rows)d")]
        if not self.changed:
            lines.append(_("Không có thay đổi nào: các đơn vị đã đúng như trong tệp"))
        else:
            lines += [
                _("Đơn vị tạo mới: %(created)d"),
                _("Đơn vị cập nhật: %(updated)d"),
                _("Đơn vị đổi tên: %(renamed)d"),
                _("Cán bộ đầu mối thêm hoặc cập nhật: %(officers)d"),
            ]
        rendered = [bilingual(Message(line, **counts)) for line in lines]
        return (
            rendered + [f"  + {label}" for label in self.created] + [f"  ~ {label}" for label in self.renamed]
        )


def _parse(header: Header, number: int, cells, kinds: dict[str, str], issues: list[Issue]) -> UnitRow:
    reader = RowReader(header, number, cells, issues)
    code = reader.text(col.CODE, max_length=MAX_CODE, required=True)
    name = reader.text(col.NAME, max_length=MAX_NAME, required=True)
    short_name = reader.text(col.SHORT_NAME, max_length=MAX_SHORT_NAME)
    kind_text = reader.text(col.KIND, required=True)
    kind = kinds.get(header_key(kind_text))
    if kind_text and kind is None:
        labels = "; ".join(f"{col.kind_label(kind)} ({kind.value})" for kind in UnitKind)
        reader.problem(
            col.KIND,
            Message(_("loại “%(value)s” không có; ghi một trong: %(kinds)s"), value=kind_text, kinds=labels),
        )
    parent_code = reader.text(col.PARENT_CODE, max_length=MAX_CODE)
    if parent_code and parent_code == code:
        reader.problem(col.PARENT_CODE, Message(_("đơn vị không thể là cấp trên của chính nó")))

    scored = None
    if scored_text := reader.text(col.SCORED):
        if header_key(scored_text) in col.YES_WORDS:
            scored = True
        elif header_key(scored_text) in col.NO_WORDS:
            scored = False
        else:
            values = {"value": scored_text, "yes": col.YES, "no": col.NO}
            reader.problem(col.SCORED, Message(_("“%(value)s”: ghi “%(yes)s” hoặc “%(no)s”"), **values))

    sort_order = None
    if order_text := reader.text(col.SORT_ORDER):
        if order_text.isdigit():
            sort_order = int(order_text)
        else:
            reader.problem(
                col.SORT_ORDER, Message(_("“%(value)s” không phải số nguyên từ 0"), value=order_text)
            )

    officer = {
        column: reader.text(column, max_length=OFFICER_MAX[column]) or "" for column in col.OFFICER_COLUMNS
    }
    if officer[col.OFFICER_EMAIL]:
        try:
            validate_email(officer[col.OFFICER_EMAIL])
        except ValidationError:
            reader.problem(
                col.OFFICER_EMAIL,
                Message(_("thư điện tử “%(value)s” không hợp lệ"), value=officer[col.OFFICER_EMAIL]),
            )
    if not officer[col.OFFICER_NAME]:
        if any(officer.values()):
            reader.problem(col.OFFICER_NAME, Message(_("thiếu họ và tên cán bộ đầu mối")))
        officer = None
    else:
        officer = {
            "full_name": officer[col.OFFICER_NAME],
            "title": officer[col.OFFICER_TITLE],
            "phone": officer[col.OFFICER_PHONE],
            "email": officer[col.OFFICER_EMAIL],
        }
    return UnitRow(number, code, name, short_name, kind, parent_code, scored, sort_order, officer)


def _parents_first(parsed: list[UnitRow], known: dict[str, Unit], issues: list[Issue]) -> list[UnitRow]:
    """The rows ordered so that each unit comes after its parent; a parent code that is nowhere,
    or a loop in the tree as it would be after the import, is an issue at the rows concerned."""
    by_code = {data.code: data for data in parsed}
    code_of = {unit.pk: unit.code for unit in known.values()}
    parent_of = {unit.code: code_of.get(unit.parent_id, "") for unit in known.values()}
    for data in parsed:
        if data.parent_code is None:
            parent_of.setdefault(data.code, "")
            continue
        if data.parent_code and data.parent_code not in by_code and data.parent_code not in known:
            values = {"code": data.parent_code}
            issues.append(
                Issue(
                    Message(_("không có đơn vị mã “%(code)s” trong tệp hay trong hệ thống"), **values),
                    data.row,
                    col.PARENT_CODE,
                )
            )
        # Its own parent is reported by _parse already: not again as a loop.
        parent_of[data.code] = "" if data.parent_code == data.code else data.parent_code
    depth: dict[str, int] = {}
    for data in parsed:
        chain, code = [], data.code
        while code and code not in depth and code not in chain:
            chain.append(code)
            code = parent_of.get(code, "")
        if code in chain:  # a loop: every row of the loop says so, once
            loop = chain[chain.index(code) :]
            text = " → ".join([*loop, code])
            for member in loop:
                if member in by_code and member not in depth:
                    issues.append(
                        Issue(
                            Message(_("vòng lặp đơn vị cấp trên: %(loop)s"), loop=text),
                            by_code[member].row,
                            col.PARENT_CODE,
                        )
                    )
            for member in chain:
                depth[member] = -1
            continue
        base = depth.get(code, 0) if code else 0
        for offset, member in enumerate(reversed(chain), start=1):
            depth[member] = base + offset
    return sorted(parsed, key=lambda data: (depth.get(data.code, 0), data.row))


def _check(
    rows: Sequence[Sequence[object]], *, effective: date, today: date
) -> tuple[list[UnitRow], dict[str, Unit]]:
    header = Header.read(rows[0] if rows else None, required=col.REQUIRED, optional=col.OPTIONAL)
    issues: list[Issue] = []
    if effective > today:
        values = {"day": format_date(effective), "today": format_date(today)}
        issues.append(Issue(Message(_("ngày hiệu lực %(day)s chưa đến (hôm nay là %(today)s)"), **values)))
    kinds = col.kinds_by_key()
    parsed: list[UnitRow] = []
    seen: dict[str, int] = {}
    for number, cells in enumerate(rows[1:], start=2):
        if is_blank(cells):
            continue
        data = _parse(header, number, cells, kinds, issues)
        if data.code in seen:
            issues.append(
                Issue(
                    Message(_("mã “%(code)s” đã có ở dòng %(row)d"), code=data.code, row=seen[data.code]),
                    number,
                    col.CODE,
                )
            )
        elif data.code:
            seen[data.code] = number
            parsed.append(data)
    known = {unit.code: unit for unit in Unit.objects.prefetch_related("focal_officers", "former_names")}
    ordered = _parents_first(parsed, known, issues)
    for data in ordered:
        unit = known.get(data.code)
        if unit is None or not data.name or data.name == unit.name:
            continue
        former = sorted(unit.former_names.all(), key=lambda name: name.until)
        if former and effective.toordinal() <= former[-1].until.toordinal() + 1:
            values = {"day": format_date(effective), "last": format_date(former[-1].until)}
            issues.append(
                Issue(
                    Message(
                        _("đổi tên từ ngày %(day)s không được: lần đổi tên trước có hiệu lực đến %(last)s"),
                        **values,
                    ),
                    data.row,
                    col.NAME,
                )
            )
    if issues:
        raise ImportRejected(issues, columns=col.COLUMNS)
    return ordered, known


def _changes(data: UnitRow, unit: Unit, parent: Unit | None) -> dict:
    wanted = {"short_name": data.short_name, "kind": data.kind}
    if data.parent_code is not None and unit.parent_id != (parent.pk if parent else None):
        wanted["parent"] = parent
    if data.scored_for_reform is not None:
        wanted["scored_for_reform"] = data.scored_for_reform
    if data.sort_order is not None:
        wanted["sort_order"] = data.sort_order
    return {name: value for name, value in wanted.items() if name == "parent" or getattr(unit, name) != value}


def _officer_changes(data: UnitRow, unit: Unit | None) -> bool:
    if data.officer is None:
        return False
    for officer in unit.focal_officers.all() if unit else ():
        if name_key(officer.full_name) == name_key(data.officer["full_name"]):
            return any(getattr(officer, name) != value for name, value in data.officer.items())
    return True


def _apply(
    ordered: list[UnitRow], known: dict[str, Unit], result: UnitImportResult, *, effective: date, write: bool
) -> None:
    units = dict(known)
    for data in ordered:
        parent = units.get(data.parent_code) if data.parent_code else None
        unit = units.get(data.code)
        label = f"{data.name} ({data.code})"
        try:
            if unit is None:
                result.created.append(label)
                if write:
                    unit = services.create_unit(
                        code=data.code,
                        name=data.name,
                        kind=data.kind,
                        parent=parent,
                        short_name=data.short_name,
                        scored_for_reform=bool(data.scored_for_reform),
                        sort_order=data.sort_order or 0,
                    )
                    units[data.code] = unit
                else:
                    units[data.code] = Unit(code=data.code, name=data.name)
            else:
                changes = _changes(data, unit, parent)
                if changes:
                    result.updated.append(label)
                    if write:
                        services.update_unit(unit=unit, **changes)
                if data.name != unit.name:
                    result.renamed.append(f"{unit.name} → {label}")
                    if write:
                        services.rename_unit(unit=unit, new_name=data.name, on=effective, by=None)
            if _officer_changes(data, known.get(data.code)):
                result.officers.append(f"{data.officer['full_name']} — {label}")
                if write:
                    services.set_focal_officer(unit=unit, **data.officer)
        except ValidationError as error:  # a rule of the model the checks above do not repeat
            text = "; ".join(error.messages)
            raise ImportRejected(
                [Issue(Message(_("không lưu được: %(reason)s"), reason=text), data.row)], columns=col.COLUMNS
            ) from None


def import_units(
    rows_source: str | os.PathLike | Iterable[Sequence[object]],
    *,
    dry_run: bool = False,
    effective: date | None = None,
    today: date | None = None,
    source_name: str = "",
) -> UnitImportResult:
    """Import the units of a file (.xlsx/.csv path) or of rows already read (row 1 the header).
    Renames take effect on `effective` (default today). Raises ImportRejected, listing every
    problem, when anything is wrong: then nothing is written."""
    if isinstance(rows_source, (str, os.PathLike)):
        source_name = source_name or Path(rows_source).name
        rows = readers.read_rows(rows_source, header=tuple(header_key(column) for column in col.REQUIRED))
    else:
        rows = [tuple(row) for row in rows_source]
    today = today or timezone.localdate()
    effective = effective or today
    result = UnitImportResult(dry_run=dry_run, source_name=source_name)
    try:
        with transaction.atomic():  # checked and written in one transaction: all or nothing
            ordered, known = _check(rows, effective=effective, today=today)
            result.rows = len(ordered)
            _apply(ordered, known, result, effective=effective, write=not dry_run)
    except IntegrityError:  # another import wrote the same codes between our check and our write
        raise changed_meanwhile() from None
    return result


def unit_rows() -> list[list[object]]:
    """Every unit as a row of the units file, parents before children (tree order)."""
    units = {
        unit.pk: unit for unit in Unit.objects.select_related("parent").prefetch_related("focal_officers")
    }
    order = Unit.objects.labels_in_tree_order(set(units), timezone.localdate())
    rows = []
    for pk, _name in order:
        unit = units[pk]
        officer = next(iter(unit.focal_officers.all()), None)
        rows.append(
            [
                unit.code,
                unit.name,
                unit.short_name,
                col.kind_label(unit.kind),
                unit.parent.code if unit.parent_id else "",
                col.YES if unit.scored_for_reform else col.NO,
                unit.sort_order,
                *(
                    (officer.full_name, officer.title, officer.phone, officer.email)
                    if officer
                    else ("", "", "", "")
                ),
            ]
        )
    return rows


def export_units(path: str | Path, *, by=None) -> int:
    """Write every unit to `path` in the import's columns (export → import changes nothing).
    Returns the number of units; raises sheets.OutputPathError on a bad path. The focal
    officers' names, phones and e-mails are personal data: the export is a security event."""
    rows = unit_rows()
    write_table(path, sheet=col.SHEET, columns=col.COLUMNS, rows=rows, widths=col.WIDTHS)
    audit.record(
        EventKind.PERSONAL_DATA_EXPORTED, actor=by, subject=Path(path).name, details={"units": len(rows)}
    )
    return len(rows)
