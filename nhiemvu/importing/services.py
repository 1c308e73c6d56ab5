"""Importing tasks from an Excel or CSV file (`nhiemvu import-tasks`, and the web upload).

Seed 003 art. 4.1 and seed 000 I.3.a: units tracked their tasks in Excel; the import brings
that history over, in two phases:

1. Check (plan.py, outside any transaction): every row parsed and checked (rows.py), its
   units found (resolution.py, assigning.py), against data preloaded in a handful of
   queries. Any problem rejects the whole file, every problem listed by row and column.
2. Write (writing.py), in one short transaction that first re-checks what the plan found
   absent: the missing units, then directives, tasks, coordinating links and events, each
   bulk-created.
"""

import os
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone

from nhiemvu import statistics
from nhiemvu.importing import readers
from nhiemvu.importing.cells import Row
from nhiemvu.importing.plan import make_plan
from nhiemvu.importing.results import ImportResult
from nhiemvu.importing.writing import changed_meanwhile, recheck, write
from nhiemvu.units.models import Unit


def import_tasks(
    rows_source: str | os.PathLike | Iterable[Row],
    *,
    by=None,
    create_units: bool = False,
    dry_run: bool = False,
    assigning_unit: Unit | str | None = None,
    today: date | None = None,
    source_name: str = "",
) -> ImportResult:
    """Import the tasks of a file (a path to .xlsx/.csv) or of rows already read (row 1 the header).

    `by` is the user who imports (None only for the system: the command line); every row
    is checked with the rule of the services (tracking.permissions.can_assign_from).
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
    plan = make_plan(
        rows,
        by=by,
        create_units=create_units,
        dry_run=dry_run,
        assigning_unit=assigning_unit,
        today=today or timezone.localdate(),
        source_name=source_name,
    )
    if dry_run:
        return plan.result
    try:
        with transaction.atomic():
            recheck(plan)
            write(plan, by=by, source_name=source_name)
    except IntegrityError:
        # PostgreSQL: a concurrent import created the same rows first (a unique constraint).
        raise changed_meanwhile() from None
    except OperationalError as error:
        # SQLite: another import holds the write lock longer than the busy timeout.
        if "locked" not in str(error):
            raise
        raise changed_meanwhile() from None
    statistics.refresh()  # thousands of new rows: let SQLite plan with them
    return plan.result
