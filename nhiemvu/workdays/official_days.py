"""The official days off and make-up working days of state bodies, shipped as data.

`data/official_days.csv` lists, for each year it covers, every weekday that officials do not
work (holidays, compensation days, swapped days) and every weekend day they work (make-up
days), each with its legal basis: the Labour Code (2012 art. 115 until 2020, 2019 art. 112
from 2021; compensation days art. 110.3 / 111.3), the Government Office's dispatches
(Công văn …/VPCP-KGVX) conveying the Prime Minister's decision, and the notices of the
Ministry of Labour (…/TB-LĐTBXH) or, from 2025, of the Ministry of Home Affairs (…/TB-BNV).
`verified` says whether the day was read in an official text; docs/calendar.md lists the
sources and what is still unverified.

A pure module: no ORM and no clock. The rows reach the database on `migrate`
(services.sync_official_days) and the calendar applies them over the `holidays` library
(calendar.build_calendar).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from nhiemvu.workdays.choices import OverrideKind

DATA_FILE = Path(__file__).parent / "data" / "official_days.csv"
COLUMNS = ["date", "kind", "name", "legal_basis", "verified", "note"]
VERIFIED_VALUES = {"yes": True, "no": False}


@dataclass(frozen=True)
class OfficialDay:
    """One row of the shipped data: a weekday off or a weekend day worked, and why."""

    date: date
    kind: OverrideKind
    name: str
    legal_basis: str
    verified: bool
    note: str


def read_official_days(path: Path = DATA_FILE) -> tuple[OfficialDay, ...]:
    """Every row of the data file, in date order; ValueError naming the line of a bad row.

    A day off must be a weekday and a make-up day a weekend day (the only days they change),
    one row per date, each with a name and a legal basis.
    """
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        if reader.fieldnames != COLUMNS:
            raise ValueError(f"{path.name}: the header must be {','.join(COLUMNS)}, not {reader.fieldnames}")
        days: dict[date, OfficialDay] = {}
        for row in reader:
            day = _parse_row(row, f"{path.name} line {reader.line_num}")
            if day.date in days:
                raise ValueError(f"{path.name} line {reader.line_num}: {day.date} is listed twice")
            days[day.date] = day
    return tuple(sorted(days.values(), key=lambda day: day.date))


@lru_cache(maxsize=1)
def shipped_official_days() -> tuple[OfficialDay, ...]:
    """The rows of the data file shipped with the package, read once per process."""
    return read_official_days()


def official_pairs(days: tuple[OfficialDay, ...] | None = None) -> tuple[tuple[date, str], ...]:
    """(date, kind) pairs for calendar.build_calendar; the shipped rows by default."""
    return tuple((day.date, day.kind.value) for day in (shipped_official_days() if days is None else days))


def _parse_row(row: dict[str, str], where: str) -> OfficialDay:
    try:
        day = date.fromisoformat(row["date"])
    except (TypeError, ValueError):
        raise ValueError(f"{where}: date {row['date']!r} is not YYYY-MM-DD") from None
    if row["kind"] not in OverrideKind.values:
        raise ValueError(f"{where}: kind {row['kind']!r} is not one of {', '.join(OverrideKind.values)}")
    kind = OverrideKind(row["kind"])
    if (kind == OverrideKind.DAY_OFF) == (day.weekday() >= 5):
        raise ValueError(f"{where}: {day} is a {day:%A}; days off must be weekdays and make-up days weekends")
    if row["verified"] not in VERIFIED_VALUES:
        raise ValueError(f"{where}: verified must be yes or no, not {row['verified']!r}")
    name, legal_basis = (row["name"] or "").strip(), (row["legal_basis"] or "").strip()
    if not name or not legal_basis:
        raise ValueError(f"{where}: {day} needs a name and a legal basis")
    return OfficialDay(
        day, kind, name, legal_basis, VERIFIED_VALUES[row["verified"]], (row["note"] or "").strip()
    )
