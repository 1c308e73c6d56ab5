"""Entering a directive with its tasks in one go, as the office does on receiving it
(seed 003 art. 5.1 and 6.1, seed 004 art. 5.1 and 6.1): the rules of the entry form,
without HTTP. Everything is written by directives.services.register_directive and
tracking.services.assign_task, in one transaction: all or nothing."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from nhiemvu.directives import attachments, services
from nhiemvu.tracking.services import assign_task
from nhiemvu.tracking.status import TransitionError
from nhiemvu.units.models import Unit
from nhiemvu.workdays.calendar import WorkCalendar
from nhiemvu.workdays.deadlines import classification_deadline
from nhiemvu.workdays.services import load_calendar

# The numbering a list typed in Word carries: "1.", "2)", "(3)", "a)", "đ.", "-", "•", "+".
_NUMBERING = re.compile(r"^\s*(?:\(?(?:\d{1,3}|[a-zđ])[.)]|[-–—•·+*])\s*", re.IGNORECASE)


def split_task_list(text: str) -> list[str]:
    """One task per non-blank line of a list pasted from Word, its numbering stripped."""
    tasks = []
    for line in text.splitlines():
        content = _NUMBERING.sub("", line, count=1).strip()
        if content:
            tasks.append(content)
    return tasks


def calendar_around(day: date) -> WorkCalendar:
    """The working-day calendar of `day`'s year and the next: a due date a few weeks after
    a December day falls in January, after the next Tết."""
    return load_calendar(day.year, day.year + 1)


def due_after_working_days(start: date, count: int, cal: WorkCalendar | None = None) -> date:
    """The "+N ngày làm việc" helper: `count` working days after `start` (the day of
    assignment), by the calendar of state bodies (workdays.calendar: the Labour Code's
    holidays and the official day swaps). The regulations set no default due date for a
    task (seed 003 art. 4.1: tasks come "có thời hạn" or "không có thời hạn"), so the
    office chooses the number; ValueError beyond the calendar's years."""
    return (cal or calendar_around(start)).add_working_days(start, count)


def assignment_deadline(received_on: date, lead_units: int, cal: WorkCalendar | None = None) -> date:
    """The last day for the office to classify the directive and assign its tasks: 1 working
    day after receiving it, 2 when it involves many units (seed 003 art. 6.1.b, seed 004
    art. 6.1.b; workdays.deadlines.classification_deadline)."""
    return classification_deadline(received_on, lead_units > 1, cal or calendar_around(received_on))


@dataclass
class TaskRow:
    """One task of the form, its units already resolved."""

    content: str
    lead_unit: Unit
    due_on: date | None = None
    coordinating_units: list = field(default_factory=list)
    tracking_desk: Unit | None = None
    tracking_officer: object = None
    field: object = None
    is_key: bool = False


class EntryError(Exception):
    """What kept the entry from being saved: messages on the directive's fields (None: on
    the whole directive) and on task rows (by their index in the form). Nothing was saved."""

    def __init__(self, directive_errors=None, task_errors=None):
        super().__init__("entry not saved")
        self.directive_errors = directive_errors or {}
        self.task_errors = task_errors or {}


def _messages(error: Exception) -> list[str]:
    if isinstance(error, ValidationError):
        return list(error.messages)
    return [str(error)]


def _by_field(error: Exception) -> dict:
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return {
            name if name != "__all__" else None: messages for name, messages in error.message_dict.items()
        }
    return {None: _messages(error)}


def enter_directive(
    *, by, at: datetime, assigning_unit: Unit, directive: dict, tasks: list[TaskRow], files=()
):
    """Records the directive (`directive`: register_directive's fields), assigns each of
    `tasks` on behalf of `assigning_unit` on the day of `at`, and attaches `files`. Each
    task's permission is the service's (tracking.permissions.can_assign_from with its lead
    unit). Raises EntryError with every problem found; then nothing is saved."""
    assigned_on = timezone.localdate(at)
    with transaction.atomic():
        try:
            record = services.register_directive(by=by, on_behalf_of=assigning_unit, **directive)
        except (ValidationError, PermissionDenied) as error:
            raise EntryError(directive_errors=_by_field(error)) from error
        task_errors = {}
        for index, row in enumerate(tasks):
            try:
                assign_task(
                    directive=record,
                    by=by,
                    at=at,
                    content=row.content,
                    lead_unit=row.lead_unit,
                    assigning_unit=assigning_unit,
                    assigned_on=assigned_on,
                    due_on=row.due_on,
                    coordinating_units=row.coordinating_units,
                    field=row.field,
                    is_key=row.is_key,
                    tracking_desk=row.tracking_desk,
                    tracking_officer=row.tracking_officer,
                )
            except (ValidationError, PermissionDenied, TransitionError) as error:
                task_errors[index] = _messages(error)
        if task_errors:
            raise EntryError(task_errors=task_errors)
        # Last, once the rows are in: a rollback leaves no file behind for a failed row.
        for uploaded in files:
            try:
                attachments.attach_file(directive=record, by=by, uploaded=uploaded)
            except (ValidationError, PermissionDenied) as error:
                raise EntryError(directive_errors={"files": _messages(error)}) from error
    return record
