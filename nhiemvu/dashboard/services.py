"""What the dashboard shows, as plain data: every query starts from what the user may see.

The counts (cards and the per-unit table) are cached in the process per user's scope,
period and day (web.counts), so that a view finding nothing changed reads no million rows.
"""

import dataclasses
from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.formats import get_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from nhiemvu.dashboard.forms import Period
from nhiemvu.db import fetch_rows
from nhiemvu.reports.services import COUNT_COLUMNS, UnitReport, timeliness_counts, unit_report
from nhiemvu.tracking.choices import NOT_COUNTED, TIMELINESS_BADGE, Timeliness
from nhiemvu.tracking.models import Task
from nhiemvu.units.models import Unit
from nhiemvu.web.counts import cached, data_version, scope_key
from nhiemvu.web.services import visible_units

OVERDUE_PAGE = 50
TIMELINESS_ICON = {
    Timeliness.DONE_ON_TIME: "check2-circle",
    Timeliness.DONE_LATE: "check2-square",
    Timeliness.OPEN_NOT_DUE: "hourglass-split",
    Timeliness.OPEN_NO_DEADLINE: "infinity",
    Timeliness.OPEN_OVERDUE: "exclamation-octagon",
}


@dataclass(frozen=True)
class Card:
    key: str
    label: str
    count: int
    badge: str
    icon: str


@dataclass(frozen=True)
class TableRow:
    """One unit's line of the per-unit table, its numbers already written out."""

    number: int  # its place in the whole table (TT), whichever rows are shown
    unit_id: int
    unit: str
    depth: int  # below the table's top rows: 0 for them
    cells: tuple[str, ...]  # total, then COUNT_COLUMNS
    overdue: bool
    opens: bool  # rows below it exist and are not shown: a button fetches them


@dataclass
class UnitTable:
    """The per-unit report with its rows as a tree: each row under the nearest row of a
    unit above it. At 5,000 units the page shows the top of the tree; the rest on demand."""

    report: UnitReport
    parent: list[int | None]  # per row of report.rows, the index of its parent row
    children: dict[int | None, list[int]]

    def shown(self, opened=()) -> list[int]:
        """Indexes of the rows the page shows, in table order: the top rows (the provinces
        of a national scope), a lone top row's children (a province's departments), and
        the children of the rows in `opened` (unit ids)."""
        opened = set(opened)
        lone_top = len(self.children.get(None, [])) == 1
        shown: list[int] = []
        open_rows = {None}
        for index in range(len(self.report.rows)):
            parent = self.parent[index]
            if parent in open_rows:
                shown.append(index)
                if (parent is None and lone_top) or self.report.rows[index].unit_id in opened:
                    open_rows.add(index)
        return shown

    def below(self, unit_id: int) -> list[int]:
        """The row of `unit_id` and its children rows: what opening it adds."""
        for index, row in enumerate(self.report.rows):
            if row.unit_id == unit_id:
                return [index, *self.children.get(index, [])]
        return []

    def rows(self, indexes) -> list[TableRow]:
        """The rows at `indexes` written out in the active language; a row opens when its
        children are not among them."""
        indexes = list(indexes)
        present = set(indexes)
        separator = get_format("THOUSAND_SEPARATOR")
        depths: dict[int, int] = {}
        out = []
        for index in indexes:
            row = self.report.rows[index]
            parent = self.parent[index]
            depths[index] = 0 if parent is None else depths.get(parent, self._depth(parent)) + 1
            below = self.children.get(index, [])
            out.append(
                TableRow(
                    number=index + 1,
                    unit_id=row.unit_id,
                    unit=row.unit,
                    depth=depths[index],
                    cells=tuple(thousands(value, separator) for value in (row.total, *_counts(row))),
                    overdue=bool(row.open_overdue),
                    opens=bool(below) and below[0] not in present,
                )
            )
        return out

    def totals(self) -> tuple[str, ...]:
        separator = get_format("THOUSAND_SEPARATOR")
        totals = self.report.totals
        return tuple(thousands(value, separator) for value in (totals.total, *_counts(totals)))

    def _depth(self, index: int) -> int:
        depth = 0
        while self.parent[index] is not None:
            index, depth = self.parent[index], depth + 1
        return depth


_INDENT = {0: "", 1: " ps-3", 2: " ps-4"}


def rows_html(rows: list[TableRow], home_url: str, open_query: str) -> str:
    """The table's <tr> lines, written here rather than by the template language: ~15
    variable look-ups a row cost ~2 ms per 10 rows, the rest of the page together less."""
    base = f"{home_url}?{escape(open_query)}&amp;" if open_query else f"{home_url}?"
    lines = []
    for row in rows:
        unit = escape(row.unit)
        opener = ""
        if row.opens:
            url = f"{base}mo={row.unit_id}"
            label = escape(gettext("Xem các đơn vị trực thuộc %(unit)s") % {"unit": row.unit})
            opener = (
                f'<a class="btn btn-sm btn-link p-0 me-1 align-baseline" href="{url}#unit-row-{row.unit_id}"'
                f' hx-get="{url}" hx-target="#unit-row-{row.unit_id}" hx-swap="outerHTML" aria-label="{label}">'
                '<i class="bi bi-plus-square" aria-hidden="true"></i></a>'
            )
        total, *classes, overdue = row.cells
        danger = ' class="text-danger fw-semibold"' if row.overdue else ""
        lines.append(
            f'<tr id="unit-row-{row.unit_id}"><td class="text-body-secondary">{row.number}</td>'
            f'<th scope="row" class="text-start fw-normal{_INDENT.get(row.depth, " ps-5")}">{opener}{unit}</th>'
            f'<td class="fw-semibold">{total}</td>{"".join(f"<td>{c}</td>" for c in classes)}'
            f"<td{danger}>{overdue}</td></tr>"
        )
    return mark_safe("\n".join(lines))  # noqa: S308 - every value above is escaped or a number


def overdue_html(tasks, today: date) -> str:
    """The overdue table's <tr> lines (as rows_html, for the same reason)."""
    separator = get_format("THOUSAND_SEPARATOR")
    lines = []
    for number, task in enumerate(tasks, start=1):
        directive = task.directive
        issued = directive.issued_on.strftime("%d/%m/%Y") if directive.issued_on else ""
        due = task.due_in_force.strftime("%d/%m/%Y")
        days = thousands((today - task.due_in_force).days, separator)
        lines.append(
            f'<tr><td class="text-end text-body-secondary">{number}</td>'
            f'<td class="text-nowrap">{escape(directive.number_symbol)}'
            f'<div class="small text-body-secondary">{issued}</div></td>'
            f"<td>{escape(task.content)}</td><td>{escape(task.lead_unit.name)}</td>"
            f'<td class="text-nowrap">{due}</td>'
            f'<td class="text-end"><span class="badge text-bg-danger">{days}</span></td></tr>'
        )
    return mark_safe("\n".join(lines))  # noqa: S308 - every value above is escaped, a date or a number


def _counts(counts) -> list[int]:
    return [getattr(counts, column) for column in COUNT_COLUMNS]


def thousands(value: int, separator: str) -> str:
    """12345 → "12.345" in Vietnamese, "12,345" in English: what intcomma writes, without
    its cost per cell (a 5,000-row table has 30,000 of them)."""
    return f"{value:,}".replace(",", separator)


def timeliness_cards(user, day: date, version: tuple | None = None) -> list[Card]:
    """How the user's tasks stand on `day`, one count per timeliness class, in one query.
    Tasks cancelled or returned to the office count against no unit (as in the reports)."""

    def count():
        tasks = Task.objects.visible_to(user).exclude(lifecycle__in=NOT_COUNTED)
        return tasks.aggregate(**timeliness_counts(day))

    version = version or data_version()
    counts = cached(("cards", scope_key(user), day.isoformat(), version), count)
    return [
        Card(
            choice.value,
            choice.label,
            counts[choice.value],
            TIMELINESS_BADGE[choice],
            TIMELINESS_ICON[choice],
        )
        for choice in Timeliness
    ]


def overdue_tasks(user, day: date):
    """The user's open tasks past their due date on `day`, the longest overdue first."""
    return (
        Task.objects.visible_to(user)
        .overdue(as_of=day)
        .select_related("directive", "lead_unit")
        .order_by("due_in_force", "id")
    )


def unit_table(user, period: Period, version: tuple | None = None) -> UnitTable:
    """Seed 000 appendix 02 over the tasks the user may see, in the rows of the units they follow."""
    version = version or data_version()
    day = timezone.localdate(period.as_of)
    # A report as of any moment after the last change is the report of now (of that day).
    last_change = version[0]
    moment = "now" if last_change is None or period.as_of >= last_change else period.as_of
    key = ("table", scope_key(user), period.date_from, period.date_to, day, moment, version)

    def build():
        report = unit_report(
            date_from=period.date_from,
            date_to=period.date_to,
            as_of=period.as_of,
            tasks=Task.objects.visible_to(user),
            lead_units=visible_units(user),
        )
        return _tree(report)

    table = cached(key, build)  # shared: copied, not changed
    return dataclasses.replace(table, report=dataclasses.replace(table.report, as_of=period.as_of))


def _tree(report: UnitReport) -> UnitTable:
    """Each row under the nearest row of a unit above it (rows come in tree order)."""
    paths = dict(fetch_rows(Unit.objects.order_by().values_list("pk", "path")))
    parent: list[int | None] = []
    children: dict[int | None, list[int]] = {}
    stack: list[tuple[str, int]] = []
    for index, row in enumerate(report.rows):
        path = paths[row.unit_id]
        while stack and not path.startswith(stack[-1][0]):
            stack.pop()
        above = stack[-1][1] if stack else None
        parent.append(above)
        children.setdefault(above, []).append(index)
        stack.append((path, index))
    return UnitTable(report=report, parent=parent, children=children)
