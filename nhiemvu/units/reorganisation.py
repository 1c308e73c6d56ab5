"""A whole reorganisation from one mapping file, in one transaction (`nhiemvu reorganise`).

The file has a row per (old unit, new unit), header `Mã đơn vị cũ | Mã đơn vị mới | Ghi chú`,
then optionally `Mặc định` and `Tên đơn vị mới`:

- several old codes to one new code: each old unit is merged into the new one;
- one old code on several rows: the old unit is split; the row with any mark in `Mặc định`
  (e.g. "x") names the default successor, which receives the open tasks and sub-units;
  with no mark they stay listed for the office (units.services.tasks_awaiting_successor);
- the same code old and new, with `Tên đơn vị mới`: the unit is renamed.

Every change goes through units.services. The new units must exist (import-units). All or
nothing: every problem is reported by row and column and nothing is written. Running the
same file again changes nothing: a change already made is counted as such.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from nhiemvu.importing.columns import header_key
from nhiemvu.importing.errors import ImportRejected, Issue
from nhiemvu.importing.readers import read_rows
from nhiemvu.messages import Message
from nhiemvu.text import normalise_text
from nhiemvu.tracking.building import local_moment
from nhiemvu.units import services
from nhiemvu.units.models import Unit

OLD_CODE, NEW_CODE, NOTE = "Mã đơn vị cũ", "Mã đơn vị mới", "Ghi chú"
DEFAULT, NEW_NAME = "Mặc định", "Tên đơn vị mới"
REQUIRED = (OLD_CODE, NEW_CODE, NOTE)
OPTIONAL = (DEFAULT, NEW_NAME)
COLUMNS = (*REQUIRED, *OPTIONAL)
HEADER = tuple(header_key(column) for column in REQUIRED)


@dataclass
class MappingRow:
    row: int
    old_code: str
    new_code: str
    note: str
    is_default: bool
    new_name: str


@dataclass
class ReorganisationResult:
    dry_run: bool
    merged: int = 0
    split: int = 0
    renamed: int = 0
    unchanged: int = 0
    tasks_moved: int = 0
    awaiting: list = field(default_factory=list)

    def summary(self) -> list[Message]:
        counts = {
            "merged": self.merged,
            "split": self.split,
            "renamed": self.renamed,
            "unchanged": self.unchanged,
            "moved": self.tasks_moved,
            "awaiting": len(self.awaiting),
        }
        if not (self.merged or self.split or self.renamed):
            return [
                Message(
                    _("Tệp đã được áp dụng: không có thay đổi nào (%(unchanged)d thay đổi đã có)"), **counts
                )
            ]
        lines = [_("Chạy thử: không ghi gì vào cơ sở dữ liệu")] if self.dry_run else []
        lines += [
            _("Đơn vị sáp nhập: %(merged)d"),
            _("Đơn vị chia tách: %(split)d"),
            _("Đơn vị đổi tên: %(renamed)d"),
            _("Thay đổi đã có từ trước, bỏ qua: %(unchanged)d"),
            _("Nhiệm vụ chuyển sang đơn vị kế thừa: %(moved)d"),
            _("Nhiệm vụ chờ Văn phòng giao lại cho đơn vị kế thừa: %(awaiting)d"),
        ]
        return [Message(line, **counts) for line in lines]


class _Rollback(Exception):
    """Leaves the transaction of a dry run or of a rejected file without writing."""


def reorganise(
    path, *, effective: date, at: datetime, by=None, dry_run: bool = False
) -> ReorganisationResult:
    """Apply the mapping file at `path` from `effective` (the day the new units take over),
    recorded at `at`. Raises ImportRejected, having written nothing, on any problem."""
    rows, issues = _read(path)
    if effective > local_moment(at).date():
        issues.append(Issue(Message(_("Ngày có hiệu lực không được sau hôm nay"))))
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=_codes(rows))}
    issues += _check(rows, units, effective)
    if issues:
        raise ImportRejected(issues, columns=COLUMNS)
    result = ReorganisationResult(dry_run=dry_run)
    try:
        with transaction.atomic():
            issues = _apply(rows, units, effective=effective, at=at, by=by, result=result)
            awaiting = services.tasks_awaiting_successor().filter(lead_unit__code__in=_groups(rows))
            result.awaiting = list(awaiting.values_list("pk", flat=True))
            if issues or dry_run:
                raise _Rollback
    except _Rollback:
        if issues:
            raise ImportRejected(issues, columns=COLUMNS) from None
    return result


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a code typed as a number in Excel
    return normalise_text("" if value is None else str(value))


def _read(path) -> tuple[list[MappingRow], list[Issue]]:
    records = read_rows(path, header=HEADER)
    header = [header_key(cell) for cell in (records[0] if records else ())]
    if tuple(header[: len(HEADER)]) != HEADER:
        expected = " | ".join(REQUIRED)
        raise ImportRejected(
            [Issue(Message(_("Dòng tiêu đề phải bắt đầu bằng: %(header)s"), header=expected))]
        )
    known = {header_key(column): column for column in COLUMNS}
    issues = [
        Issue(Message(_("cột không thuộc mẫu")), row=1, column=_text(cell))
        for cell in records[0]
        if _text(cell) and header_key(cell) not in known
    ]
    position = {known[key]: index for index, key in enumerate(header) if key in known}

    def cell(record, column) -> str:
        index = position.get(column)
        return _text(record[index]) if index is not None and index < len(record) else ""

    rows = [
        MappingRow(
            row=number,
            old_code=cell(record, OLD_CODE),
            new_code=cell(record, NEW_CODE),
            note=cell(record, NOTE),
            is_default=bool(cell(record, DEFAULT)),
            new_name=cell(record, NEW_NAME),
        )
        for number, record in enumerate(records[1:], start=2)
        if any(_text(value) for value in record)
    ]
    if not rows:
        issues.append(Issue(Message(_("Tệp không có dòng dữ liệu nào"))))
    return rows, issues


def _codes(rows) -> set[str]:
    return {row.old_code for row in rows} | {row.new_code for row in rows}


def _groups(rows) -> dict[str, list[MappingRow]]:
    groups: dict[str, list[MappingRow]] = {}
    for row in rows:
        groups.setdefault(row.old_code, []).append(row)
    return groups


def _check(rows, units, effective: date) -> list[Issue]:
    issues = []
    for row in rows:
        for column, code in ((OLD_CODE, row.old_code), (NEW_CODE, row.new_code)):
            if not code:
                issues.append(Issue(Message(_("không được để trống")), row=row.row, column=column))
            elif code not in units:
                message = _("không có đơn vị mã “%(code)s”; tạo đơn vị trước bằng lệnh nhiemvu import-units")
                issues.append(Issue(Message(message, code=code), row=row.row, column=column))
    groups = _groups(rows)
    # A unit renamed by the file may still receive others (the Sở Tài nguyên và Môi trường
    # merged into the renamed Sở Nông nghiệp và Môi trường, 2025); a unit that ends may not.
    ending = {code for code, group in groups.items() if any(row.new_code != code for row in group)}
    for old_code, group in groups.items():
        seen = set()
        for row in group:
            if row.new_code in seen:
                issues.append(
                    Issue(Message(_("dòng trùng với một dòng trước")), row=row.row, column=NEW_CODE)
                )
            seen.add(row.new_code)
            if row.new_code != old_code and row.new_code in ending:
                message = _("đơn vị mới cũng là đơn vị cũ trong tệp này; mỗi lần chỉ một bước sắp xếp")
                issues.append(Issue(Message(message), row=row.row, column=NEW_CODE))
        renames = [row for row in group if row.new_code == old_code]
        if renames and len(group) > 1:
            message = _("đơn vị đổi tên không được đồng thời sáp nhập hoặc chia tách")
            issues += [Issue(Message(message), row=row.row, column=NEW_CODE) for row in renames]
        for row in group:
            if row.new_name and row.new_code != old_code:
                message = _("chỉ ghi tên mới khi đổi tên (mã cũ và mã mới trùng nhau)")
                issues.append(Issue(Message(message), row=row.row, column=NEW_NAME))
        for row in renames:
            if not row.new_name:
                message = _("phải có tên mới khi mã cũ và mã mới trùng nhau (đổi tên)")
                issues.append(Issue(Message(message), row=row.row, column=NEW_NAME))
        for row in [row for row in group if row.is_default][1:]:
            message = _("mỗi đơn vị cũ chỉ có một đơn vị kế thừa mặc định")
            issues.append(Issue(Message(message), row=row.row, column=DEFAULT))
        if old_code in units and not renames:
            issues += _check_end(group, units, effective)
    return issues


def _check_end(group, units, effective: date) -> list[Issue]:
    unit = units[group[0].old_code]
    if unit.active_until is None or _already_ended(unit, group, units, effective):
        return []
    message = _("đơn vị “%(name)s” đã ngừng hoạt động từ ngày %(day)s, khác với tệp này")
    day = f"{unit.active_until + timedelta(days=1):%d/%m/%Y}"
    return [Issue(Message(message, name=unit.name, day=day), row=group[0].row, column=OLD_CODE)]


def _already_ended(unit, group, units, effective: date) -> bool:
    """The old unit ended the day before `effective` with exactly the successors of the file."""
    if unit.active_until != effective - timedelta(days=1):
        return False
    recorded = {(s.successor_id, s.is_default) for s in unit.successions.all()}
    single = len(group) == 1  # a merge: its one successor is the default
    wanted = {(units[row.new_code].pk, row.is_default or single) for row in group if row.new_code in units}
    return recorded == wanted


def _apply(rows, units, *, effective, at, by, result) -> list[Issue]:
    issues = []
    for old_code, group in _groups(rows).items():
        unit = units[old_code]
        try:
            with transaction.atomic():
                if group[0].new_code == old_code:
                    if unit.name == group[0].new_name:
                        result.unchanged += 1
                        continue
                    services.rename_unit(unit=unit, new_name=group[0].new_name, on=effective, by=by)
                    result.renamed += 1
                elif unit.active_until is not None:
                    result.unchanged += 1  # _check found it ended exactly as the file says
                elif len(group) == 1:
                    into = units[group[0].new_code]
                    result.tasks_moved += services.merge_unit(
                        unit=unit, into=into, on=effective, by=by, at=at
                    )
                    result.merged += 1
                else:
                    default = next((units[row.new_code] for row in group if row.is_default), None)
                    result.tasks_moved += services.split_unit(
                        unit=unit,
                        into=[units[row.new_code] for row in group],
                        default=default,
                        on=effective,
                        by=by,
                        at=at,
                    )
                    result.split += 1
        except ValidationError as error:
            column = NEW_NAME if group[0].new_code == old_code else OLD_CODE
            for text in error.messages:
                issues.append(Issue(Message(text), row=group[0].row, column=column))
    return issues
