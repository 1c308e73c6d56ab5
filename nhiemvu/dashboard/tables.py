"""The per-unit table and the overdue list as the page shows them: rows of a tree opened on
demand, written out as HTML here, each figure a link to the task list that lists it."""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils.formats import get_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from nhiemvu.db import fetch_rows
from nhiemvu.reports.services import COUNT_COLUMNS, UnitReport
from nhiemvu.tracking.filters import COUNTED
from nhiemvu.units.models import Unit


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
# The task list's timeliness of each figure of a row: the total, then the five classes.
CELL_TIMELINESS = (COUNTED, *COUNT_COLUMNS)


def rows_html(rows: list[TableRow], home_url: str, open_query: str, list_url: str) -> str:
    """The table's <tr> lines, written here rather than by the template language: ~15
    variable look-ups a row cost ~2 ms per 10 rows, the rest of the page together less.

    Each figure links to the task list of its tasks: `list_url` (escaped, ending in "&amp;")
    with the period and moment of the table (services.list_url), plus the row's unit alone
    (a row counts the tasks its unit leads, not its sub-units': reports.unit_report) and
    the column's timeliness.
    """
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
        total, *classes, overdue = _linked(row.cells, f"{list_url}unit={row.unit_id}&amp;")
        danger = ' class="text-danger fw-semibold"' if row.overdue else ""
        lines.append(
            f'<tr id="unit-row-{row.unit_id}"><td class="text-body-secondary">{row.number}</td>'
            f'<th scope="row" class="text-start fw-normal{_INDENT.get(row.depth, " ps-5")}">{opener}{unit}</th>'
            f'<td class="fw-semibold">{total}</td>{"".join(f"<td>{c}</td>" for c in classes)}'
            f"<td{danger}>{overdue}</td></tr>"
        )
    return mark_safe("\n".join(lines))  # noqa: S308 - every value above is escaped or a number


def totals_html(cells: tuple[str, ...], list_url: str | None) -> str:
    """The totals row's figures, each a link (as rows_html's) when `list_url` (escaped,
    ending in "&amp;") lists the tasks of every row together: None when no filter does."""
    figures = cells if list_url is None else _linked(cells, list_url)
    return mark_safe("".join(f"<td>{figure}</td>" for figure in figures))  # noqa: S308 - numbers and our URLs


def _linked(cells: tuple[str, ...], url: str) -> list[str]:
    return [
        f'<a class="text-reset" href="{url}timeliness={timeliness}">{cell}</a>'
        for cell, timeliness in zip(cells, CELL_TIMELINESS, strict=True)
    ]


def overdue_html(tasks, today: date) -> str:
    """The overdue table's <tr> lines (as rows_html, for the same reason), each task's content
    a link to its page."""
    separator = get_format("THOUSAND_SEPARATOR")
    # One reverse() for the table: the task's id is the URL's only part that changes.
    url = reverse("tracking:task_detail", args=[0]).removesuffix("0/")
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
            f'<td><a href="{url}{task.pk}/">{escape(task.content)}</a></td>'
            f"<td>{escape(task.lead_unit.name)}</td>"
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


def tree(report: UnitReport) -> UnitTable:
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
