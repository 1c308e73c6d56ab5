"""Unit names and codes of a task file → units, for one installation holding several provinces.

A code (columns "Mã đơn vị chủ trì", "Mã đơn vị phối hợp") wins over a name. A name
matches a unit's current name, case and spacing aside, else a former name (a file from
before a rename); the issuer also matches a short name ("UBND tỉnh"). Names are looked
for first inside the assigning unit's subtree, then inside its province (the tree of its
root), then elsewhere only when a single unit bears it: two provinces' "Sở Nội vụ" never
get mixed up. Several matches within a scope: the one active on the row's day, else the
one active today; still several: an error listing the candidates.
"""

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from nhiemvu.importing.errors import Issue
from nhiemvu.messages import Message
from nhiemvu.units.models import PATH_STEP, Unit, UnitName, name_key

MAX_UNIT_NAME = Unit._meta.get_field("name").max_length
MAX_UNIT_CODE = Unit._meta.get_field("code").max_length
NEW_UNIT_CODE_PREFIX = "IMP-"


class AmbiguousUnit(Exception):
    def __init__(self, candidates: list[Unit]):
        self.candidates = candidates


def active_on(unit: Unit, day: date) -> bool:
    return (unit.active_from is None or unit.active_from <= day) and (
        unit.active_until is None or unit.active_until >= day
    )


def root_path(unit: Unit) -> str:
    return unit.path[: PATH_STEP + 1]


class UnitDirectory:
    """Every unit by name, short name and code, loaded in two queries."""

    def __init__(self, units: Iterable[Unit], former_names: Iterable[UnitName], *, today: date):
        self.today = today
        self.units = list(units)
        self.by_id = {unit.pk: unit for unit in self.units}
        self.by_code = {unit.code: unit for unit in self.units}
        self.by_name: dict[str, list[Unit]] = {}
        self.by_short_name: dict[str, list[Unit]] = {}
        for unit in self.units:
            self.by_name.setdefault(name_key(unit.name), []).append(unit)
            if unit.short_name:
                self.by_short_name.setdefault(name_key(unit.short_name), []).append(unit)
        self.by_former_name: dict[str, list[Unit]] = {}
        for former in former_names:
            candidates = self.by_former_name.setdefault(name_key(former.name), [])
            if self.by_id[former.unit_id] not in candidates:
                candidates.append(self.by_id[former.unit_id])

    @classmethod
    def load(cls, *, today: date) -> "UnitDirectory":
        fields = ("id", "code", "name", "short_name", "parent_id", "path", "active_from", "active_until")
        return cls(
            Unit.objects.only(*fields).order_by("pk"),
            UnitName.objects.only("unit_id", "name"),
            today=today,
        )

    def find(
        self, name: str, day: date | None, *, within: Unit | None = None, short_name=False, anywhere=True
    ) -> Unit | None:
        """The unit `name` designates from the point of view of `within` (the assigning unit);
        `anywhere=False` looks only inside `within`'s province. Raises AmbiguousUnit."""
        key = name_key(name)
        indexes = [self.by_name, self.by_former_name] + ([self.by_short_name] if short_name else [])
        scopes = []
        if within is not None:
            scopes += [within.path, root_path(within)]
        if anywhere or within is None:
            scopes.append("")
        for prefix in scopes:
            for index in indexes:
                candidates = [unit for unit in index.get(key, ()) if unit.path.startswith(prefix)]
                if candidates:
                    return self._one(candidates, day)
        return None

    def _one(self, candidates: list[Unit], day: date | None) -> Unit:
        if len(candidates) == 1:
            return candidates[0]
        for moment in (day, self.today):
            if moment is not None:
                active = [unit for unit in candidates if active_on(unit, moment)]
                if len(active) == 1:
                    return active[0]
        raise AmbiguousUnit(candidates)

    def by_code_or_none(self, code: str) -> Unit | None:
        code = code.strip()
        if code in self.by_code:
            return self.by_code[code]
        matches = [unit for unit in self.units if unit.code.casefold() == code.casefold()]
        return matches[0] if len(matches) == 1 else None

    def describe(self, units: list[Unit]) -> Message:
        """ "Sở Nội vụ (mã SNV-KT, thuộc UBND tỉnh Kon Tum); …": enough to tell namesakes apart."""
        params = {}
        for index, unit in enumerate(units):
            parent = self.by_id.get(unit.parent_id)
            if parent is None:
                params[f"unit{index}"] = Message(_("%(name)s (mã %(code)s)"), name=unit.name, code=unit.code)
            else:
                values = {"name": unit.name, "code": unit.code, "parent": parent.name}
                params[f"unit{index}"] = Message(_("%(name)s (mã %(code)s, thuộc %(parent)s)"), **values)
        return Message("; ".join(f"%({key})s" for key in params), **params)

    def single_active_root(self) -> Unit | None:
        roots = [unit for unit in self.units if unit.parent_id is None and active_on(unit, self.today)]
        return roots[0] if len(roots) == 1 else None

    def root_count(self) -> int:
        return sum(1 for unit in self.units if unit.parent_id is None and active_on(unit, self.today))


@dataclass(eq=False)
class NewUnit:
    """A unit --create-units will create, under the assigning unit of the row that names it first."""

    name: str
    code: str
    parent: Unit
    first_row: int
    unit: Unit | None = None  # once saved

    def is_within(self, other: Unit) -> bool:
        return self.parent.is_within(other)


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


def ref(unit: Unit | NewUnit):
    """A hashable identity for existing and to-be-created units alike."""
    return unit.pk if isinstance(unit, Unit) else ("new", unit.parent.pk, name_key(unit.name))


class UnitResolver:
    """Names and codes of the file → units; problems are appended to `issues`. Unknown names
    are an error unless --create-units, which creates them under the assigning unit (and
    then never takes a namesake of another province)."""

    def __init__(self, directory: UnitDirectory, *, create_units: bool, issues: list[Issue]):
        self.directory = directory
        self.create_units = create_units
        self.issues = issues
        self.new_units: dict[tuple, NewUnit] = {}
        self.taken_codes = {unit.code.casefold() for unit in directory.units}

    def find(
        self, name: str, day: date, *, row: int, column: str, within: Unit | None, short_name=False
    ) -> tuple[Unit | None, bool]:
        """(the unit named `name` or None, whether the name is ambiguous: then an issue says so)."""
        try:
            unit = self.directory.find(
                name, day, within=within, short_name=short_name, anywhere=not self.create_units
            )
            return unit, False
        except AmbiguousUnit as ambiguous:
            values = {
                "name": name,
                "count": len(ambiguous.candidates),
                "candidates": self.directory.describe(ambiguous.candidates),
            }
            self.issues.append(
                Issue(
                    Message(
                        _("tên “%(name)s” trùng với %(count)d đơn vị: %(candidates)s; hãy ghi mã đơn vị"),
                        **values,
                    ),
                    row=row,
                    column=column,
                )
            )
            return None, True

    def by_code(self, code: str, *, row: int, column: str) -> Unit | None:
        unit = self.directory.by_code_or_none(code)
        if unit is None:
            self.issues.append(
                Issue(
                    Message(_("không có đơn vị mã “%(code)s” trong hệ thống"), code=code),
                    row=row,
                    column=column,
                )
            )
        return unit

    def resolve(
        self, name: str, day: date, *, row: int, column: str, parent: Unit | None
    ) -> Unit | NewUnit | None:
        """The unit named `name`, or the one --create-units will create under `parent`."""
        unit, ambiguous = self.find(name, day, row=row, column=column, within=parent)
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
                Issue(Message(_("tên đơn vị dài quá %(max)d ký tự"), **values), row=row, column=column)
            )
            return None
        if parent is None:
            return None  # no assigning unit: reported once for the file
        key = (parent.pk, name_key(name))
        if key not in self.new_units:
            code = new_unit_code(name, self.taken_codes)
            self.new_units[key] = NewUnit(name=name, code=code, parent=parent, first_row=row)
        return self.new_units[key]
