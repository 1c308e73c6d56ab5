"""The task list's <tr> lines, written in Python rather than by the template language: over
50 rows the template's ~20 variable look-ups, filters and a reverse() a row were most of the
page's server time at 1M tasks (bench/README.md), as for the dashboard (web.services.rows_html)."""

from datetime import date
from typing import NamedTuple

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from nhiemvu.tracking.models import Task
from nhiemvu.units.models import Unit

CONTENT_CHARS = 200


class ListedDirective(NamedTuple):
    number_symbol: str
    issued_on: date


class ListedTask(NamedTuple):
    """A task as the list shows it: what rows_html and views._status read of it (its state
    now, as a Task row gives it), built from one row of values: 51 model instances with their
    directives and units, of these columns only, took 1.9 ms of CPU at 1M on PostgreSQL, these
    1.2 ms, the query included."""

    pk: int
    content: str
    is_key: bool
    assigned_on: date
    due_in_force: date | None
    completed_on: date | None
    lifecycle: str
    percent: int
    directive: ListedDirective
    lead_unit: Unit  # its name only, as only("name") reads it: a Unit, as the report's states'


_COLUMNS = (
    "pk",
    *ListedTask._fields[1:8],
    "directive__number_symbol",
    "directive__issued_on",
    "lead_unit_id",
    "lead_unit__name",
)


def listed(ids) -> list[ListedTask]:
    """The tasks of `ids` as the list shows them, in that order (tracking.paging.task_page's
    `read`)."""
    found = {}
    rows = Task.objects.filter(pk__in=ids).values_list(*_COLUMNS)
    for pk, *state, number_symbol, issued_on, unit_pk, unit_name in rows:
        unit = Unit.from_db(Task.objects.db, ["id", "name"], [unit_pk, unit_name])
        found[pk] = ListedTask(pk, *state, ListedDirective(number_symbol, issued_on), unit)
    return [found[pk] for pk in ids if pk in found]


def _day(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _content(text: str) -> str:
    # Truncator counts letters, not combining marks: a text no longer than the limit in code
    # points is never cut, and most are.
    return text if len(text) <= CONTENT_CHARS else Truncator(text).chars(CONTENT_CHARS)


def rows_html(rows) -> str:
    """One <tr> per (task, status) of the page (status as views._status gives it)."""
    key_badge = f'<span class="badge text-bg-warning">{escape(gettext("Trọng tâm"))}</span>'
    no_due = escape(gettext("Không hạn"))
    # One reverse() for the page: the task's id is the URL's only part that changes.
    url = reverse("tracking:task_detail", args=[0]).removesuffix("0/")
    labels = {}  # each state's label translated once, not once a row

    def label(choice) -> str:
        if choice not in labels:
            # str() first: escape() of a lazy label stays lazy, translated again at each row.
            labels[choice] = escape(str(choice.label))
        return labels[choice]

    lines = []
    for task, status in rows:
        directive = task.directive
        timeliness = ""
        if status["timeliness"]:
            timeliness = (
                f'<div><span class="badge text-bg-{status["timeliness_badge"]}">'
                f"{label(status['timeliness'])}</span></div>"
            )
        lines.append(
            f'<tr><td class="text-nowrap">{escape(directive.number_symbol)}'
            f'<div class="small text-body-secondary">{_day(directive.issued_on)}</div></td>'
            f'<td class="task-content"><a href="{url}{task.pk}/">{escape(_content(task.content))}</a>'
            f"{key_badge if task.is_key else ''}</td>"
            f"<td>{escape(status['lead_unit'].name)}</td>"
            f'<td class="text-nowrap">{_day(task.assigned_on)}</td>'
            f'<td class="text-nowrap">{_day(status["due_in_force"]) or no_due}</td>'
            f'<td><span class="badge text-bg-{status["lifecycle_badge"]}">{label(status["lifecycle"])}</span>'
            f"{timeliness}</td>"
            f'<td class="text-end">{task.percent}%</td></tr>'
        )
    return mark_safe("\n".join(lines))  # noqa: S308 - every value above is escaped or a number
