"""The empty templates of the units and users files (`nhiemvu export-template --units/--users PATH`):
the header row, and on .xlsx a "Hướng dẫn" sheet explaining each column."""

from pathlib import Path

from nhiemvu.importing import unit_columns, user_columns
from nhiemvu.importing.sheets import guide_rows, write_table
from nhiemvu.units.choices import UnitKind


def write_units_template(path: str | Path) -> Path:
    guidance = dict(unit_columns.GUIDANCE)
    explanation, example = guidance[unit_columns.KIND]
    kinds = "; ".join(f"{unit_columns.kind_label(kind)} ({kind.value})" for kind in UnitKind)
    guidance[unit_columns.KIND] = (str(explanation) % {"kinds": kinds}, example)
    guide = guide_rows(unit_columns.COLUMNS, unit_columns.REQUIRED, guidance, unit_columns.NOTES)
    return write_table(
        path,
        sheet=unit_columns.SHEET,
        columns=unit_columns.COLUMNS,
        rows=(),
        widths=unit_columns.WIDTHS,
        guide=guide,
    )


def write_users_template(path: str | Path) -> Path:
    guidance = dict(user_columns.GUIDANCE)
    explanation, example = guidance[user_columns.ROLE]
    guidance[user_columns.ROLE] = (str(explanation) % {"roles": user_columns.role_list()}, example)
    guide = guide_rows(user_columns.COLUMNS, user_columns.REQUIRED, guidance, user_columns.NOTES)
    return write_table(
        path,
        sheet=user_columns.SHEET,
        columns=user_columns.COLUMNS,
        rows=(),
        widths=user_columns.WIDTHS,
        guide=guide,
    )
