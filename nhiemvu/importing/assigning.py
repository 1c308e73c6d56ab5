"""Who assigns each row's task, to which units, and whether they may.

The assigning unit: --assigning-unit if given; else the unit named by "Cơ quan ban
hành" (by name or short name); else the single active root unit; else an error asking
for the option. The rule of the services applies to every row (tracking.permissions
.can_assign_from, as tracking.services.assign_task): a user assigns on behalf of a unit
they hold an assigning role in, to that unit or a unit below it; the system (the command
line, `by=None`) still assigns only inside the assigning unit's subtree.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext_lazy as _

from nhiemvu.dates import format_date
from nhiemvu.importing.columns import (
    COORDINATING_UNIT_CODES,
    COORDINATING_UNITS,
    ISSUER,
    LEAD_UNIT,
    LEAD_UNIT_CODE,
)
from nhiemvu.importing.errors import Issue
from nhiemvu.importing.resolution import AmbiguousUnit, NewUnit, UnitDirectory, UnitResolver, active_on, ref
from nhiemvu.importing.rows import RowData
from nhiemvu.messages import Message
from nhiemvu.tracking import permissions
from nhiemvu.units.models import Unit, name_key


@dataclass(eq=False)
class ResolvedRow:
    """A parsed row with its units found; `ok` when neither the row nor its units had a problem."""

    data: RowData
    ok: bool
    assigning_unit: Unit | None = None
    issuer_unit: Unit | None = None
    lead_unit: Unit | NewUnit | None = None
    coordinating_units: list[Unit | NewUnit] = field(default_factory=list)


def may_assign(by, assigning_unit: Unit, lead: Unit | NewUnit) -> bool:
    if by is None:
        return lead.is_within(assigning_unit)
    if isinstance(lead, NewUnit):  # created under the assigning unit
        return permissions.can_assign_from(by, assigning_unit)
    return permissions.can_assign_from(by, assigning_unit, lead_unit=lead)


def resolve_rows(
    parsed: list[tuple[RowData, bool]],
    directory: UnitDirectory,
    *,
    by,
    create_units: bool,
    assigning_unit: Unit | str | None,
    today: date,
    issues: list[Issue],
) -> tuple[list[ResolvedRow], UnitResolver]:
    """Find the assigning, lead and coordinating units of every row, and check the right to assign."""
    resolver = UnitResolver(directory, create_units=create_units, issues=issues)
    given = None
    if isinstance(assigning_unit, Unit):
        given = assigning_unit
    elif assigning_unit:
        given = directory.by_code_or_none(assigning_unit)
        if given is None:
            values = {"code": assigning_unit}
            issues.append(
                Issue(Message(_("không có đơn vị mã “%(code)s” (tùy chọn --assigning-unit)"), **values))
            )
    root = directory.single_active_root()
    rows_without_assigner: list[int] = []
    resolved: list[ResolvedRow] = []

    for data, ok in parsed:
        number, day = data.row, data.assigned_on or today
        issues_before = len(issues)
        entry = ResolvedRow(data, ok)

        # The directive's issuer, and through it (unless given) the assigning unit.
        if data.issuer and assigning_unit:
            try:  # only informative: an ambiguous issuer is left unlinked
                entry.issuer_unit = directory.find(
                    data.issuer, data.issued_on or day, within=given, short_name=True
                )
            except AmbiguousUnit:
                entry.issuer_unit = None
        elif data.issuer:
            entry.issuer_unit, _ambiguous = resolver.find(
                data.issuer, data.issued_on or day, row=number, column=ISSUER, within=None, short_name=True
            )
        entry.assigning_unit = given if assigning_unit else (entry.issuer_unit or root)
        if entry.assigning_unit is None and not assigning_unit and len(issues) == issues_before:
            rows_without_assigner.append(number)

        if data.lead_unit_code and ";" not in data.lead_unit_code:
            entry.lead_unit = resolver.by_code(data.lead_unit_code, row=number, column=LEAD_UNIT_CODE)
        elif data.lead_unit and ";" not in data.lead_unit:
            entry.lead_unit = resolver.resolve(
                data.lead_unit, day, row=number, column=LEAD_UNIT, parent=entry.assigning_unit
            )
        _check_lead(entry, by, issues)
        _resolve_coordinating(entry, resolver, day)
        entry.ok = ok and len(issues) == issues_before and None not in (entry.assigning_unit, entry.lead_unit)
        resolved.append(entry)

    if rows_without_assigner:
        issues.append(_no_assigner(rows_without_assigner, directory.root_count()))
    return resolved, resolver


def _check_lead(entry: ResolvedRow, by, issues: list[Issue]) -> None:
    data, lead, assigner = entry.data, entry.lead_unit, entry.assigning_unit
    column = LEAD_UNIT_CODE if data.lead_unit_code else LEAD_UNIT
    if isinstance(lead, Unit) and data.assigned_on and not active_on(lead, data.assigned_on):
        # As tracking.services.assign_task: a unit that has ended (or not begun) receives no task.
        values = {"unit": lead.name, "day": format_date(data.assigned_on)}
        issues.append(
            Issue(
                Message(_("đơn vị “%(unit)s” không hoạt động vào ngày giao %(day)s"), **values),
                row=data.row,
                column=column,
            )
        )
    if lead is None or assigner is None or may_assign(by, assigner, lead):
        return
    if by is not None and not permissions.can_assign_from(by, assigner):
        message = Message(_("bạn không có quyền giao nhiệm vụ thay mặt “%(unit)s”"), unit=assigner.name)
        issues.append(Issue(message, row=data.row))
        return
    values = {"assigner": assigner.name, "lead": lead.name}
    message = Message(
        _(
            "“%(assigner)s” không giao nhiệm vụ cho “%(lead)s”: một đơn vị chỉ giao cho chính mình và các đơn vị "
            "cấp dưới"
        ),
        **values,
    )
    issues.append(Issue(message, row=data.row, column=column))


def _resolve_coordinating(entry: ResolvedRow, resolver: UnitResolver, day: date) -> None:
    data, number = entry.data, entry.data.row
    if data.coordinating_unit_codes:  # a code wins over a name
        found = [
            resolver.by_code(code, row=number, column=COORDINATING_UNIT_CODES)
            for code in data.coordinating_unit_codes
        ]
        column = COORDINATING_UNIT_CODES
    else:
        found = [
            resolver.resolve(name, day, row=number, column=COORDINATING_UNITS, parent=entry.assigning_unit)
            for name in data.coordinating_units
        ]
        column = COORDINATING_UNITS
    for unit in found:
        if unit is not None and ref(unit) not in {ref(other) for other in entry.coordinating_units}:
            entry.coordinating_units.append(unit)
    lead = entry.lead_unit
    same_unit = lead is not None and ref(lead) in {ref(unit) for unit in entry.coordinating_units}
    if same_unit and name_key(data.lead_unit) not in {name_key(name) for name in data.coordinating_units}:
        # Two names (or codes) of one unit; the same name was checked by parse_row.
        values = {"unit": lead.name}
        resolver.issues.append(
            Issue(
                Message(_("đơn vị chủ trì “%(unit)s” không được đồng thời là đơn vị phối hợp"), **values),
                row=number,
                column=column,
            )
        )


def _no_assigner(rows: list[int], roots: int) -> Issue:
    shown = ", ".join(str(number) for number in rows[:10])
    if len(rows) > 10:
        shown += ", …"
    values = {"rows": shown, "roots": roots}
    return Issue(
        Message(
            _(
                "không xác định được đơn vị giao nhiệm vụ (dòng %(rows)s): “Cơ quan ban hành” không trùng tên "
                "đơn vị nào và hệ thống có %(roots)d đơn vị cấp cao nhất đang hoạt động; hãy chỉ rõ bằng "
                "--assigning-unit MÃ_ĐƠN_VỊ"
            ),
            **values,
        ),
    )
