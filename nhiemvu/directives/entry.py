"""Entering a directive and assigning its tasks, as the office does on receiving it (seed 003
art. 5.1 and 6.1, seed 004 art. 5.1 and 6.1): the rules of the entry form and of the form
that assigns a recorded directive's tasks, without HTTP. The clerk may record the directive
alone and the office assign its tasks later, within the deadline of art. 6.1.b. Everything is
written by directives.services.register_directive and tracking.services.assign_task, in one
transaction: all or nothing."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nhiemvu.directives import attachments, services
from nhiemvu.directives.models import Directive
from nhiemvu.tracking.permissions import can_assign_from
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
    the whole directive) and on task rows (by their index in the form, then by field, None:
    on the whole row). Nothing was saved."""

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
    unit). Without tasks, the directive waits on its receiving unit's office to be assigned
    (seed 003 art. 6.1.b, tracking.agenda), counted from its receipt date, which it then
    needs. Raises EntryError with every problem found; then nothing is saved."""
    if not tasks and directive.get("received_on") is None:
        raise EntryError(
            directive_errors={
                "received_on": [_("Nhập ngày nhận: hạn giao nhiệm vụ của văn bản tính từ ngày nhận.")]
            }
        )
    with transaction.atomic():
        try:
            record = services.register_directive(by=by, on_behalf_of=assigning_unit, **directive)
        except (ValidationError, PermissionDenied) as error:
            raise EntryError(directive_errors=_by_field(error)) from error
        _assign_rows(record, by=by, at=at, assigning_unit=assigning_unit, tasks=tasks)
        # Last, once the rows are in: a rollback leaves no file behind for a failed row.
        for uploaded in files:
            try:
                attachments.attach_file(directive=record, by=by, uploaded=uploaded)
            except (ValidationError, PermissionDenied) as error:
                raise EntryError(directive_errors={"files": _messages(error)}) from error
    return record


def assign_directive_tasks(
    *, by, at: datetime, directive: Directive, assigning_unit: Unit, tasks: list[TaskRow]
) -> list:
    """Seed 003 art. 6.1.b, seed 004 art. 6.1.b: the office classifies a recorded directive
    and assigns its tasks on behalf of `assigning_unit`, on the day of `at`. The directive
    must be one `by` may see (directives.services.visible_directives, on the locked row);
    each task's permission is the service's. Raises EntryError with every problem found;
    then nothing is saved."""
    if not tasks:
        raise EntryError(directive_errors={None: [_("Nhập ít nhất một nhiệm vụ để giao.")]})
    with transaction.atomic():
        # Two desks assigning the same directive at once take turns.
        locked = Directive.objects.select_for_update().filter(pk=directive.pk)
        if not services.visible_directives(by, locked).exists():
            raise PermissionDenied(_("Bạn không có quyền giao nhiệm vụ của văn bản này."))
        if not can_assign_from(by, assigning_unit):
            raise EntryError(
                directive_errors={
                    "assigning_unit": [_("Bạn không có quyền giao nhiệm vụ thay mặt đơn vị này.")]
                }
            )
        return _assign_rows(directive, by=by, at=at, assigning_unit=assigning_unit, tasks=tasks)


def _assign_rows(directive, *, by, at, assigning_unit, tasks: list[TaskRow]) -> list:
    """Each row through tracking.services.assign_task; EntryError with every row's problems
    (the caller's transaction then rolls back)."""
    assigned_on = timezone.localdate(at)
    created, task_errors = [], {}
    for index, row in enumerate(tasks):
        try:
            created.append(
                assign_task(
                    directive=directive,
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
            )
        except PermissionDenied:
            # The assigning unit is the user's (checked before): the lead unit is outside it.
            task_errors[index] = {
                "lead_unit": [
                    _("%(assigning)s chỉ giao nhiệm vụ cho chính đơn vị và các đơn vị trực thuộc.")
                    % {"assigning": assigning_unit.name}
                ]
            }
        except (ValidationError, TransitionError) as error:
            task_errors[index] = _by_field(error)
    if task_errors:
        raise EntryError(task_errors=task_errors)
    return created
