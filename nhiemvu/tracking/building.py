"""What a change to a task builds before anything is saved: the assignment of a new task,
the event a change appends, and the state it leaves on the task row.

tracking.services saves these inside its transactions; the importer builds the same rows
and bulk-creates them, so an imported task is exactly what the services make.
"""

import hashlib
from datetime import date, datetime
from itertools import pairwise

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from nhiemvu.text import normalise_text, search_key
from nhiemvu.tracking.choices import EventKind, Lifecycle
from nhiemvu.tracking.models import Task, TaskEvent
from nhiemvu.tracking.status import Change, TaskState, apply
from nhiemvu.units.models import Unit


def task_fingerprint(*, lead_unit_id: int, assigned_on: date, content: str) -> str:
    """Identity of a task within its directive: re-entering it must not duplicate it."""
    normalised = " ".join(content.split()).casefold()
    return hashlib.sha256(f"{lead_unit_id}|{assigned_on.isoformat()}|{normalised}".encode()).hexdigest()


def task_search_text(content: str, directive) -> str:
    """What the task list's free text searches: the content and the directive's number/symbol."""
    return search_key(f"{directive.number_symbol} {content}")


def local_moment(at: datetime) -> datetime:
    """`at` in the local time zone: the status engine compares its date with effective dates,
    so a UTC moment (what PostgreSQL returns, what timezone.now() gives) must not shift the
    day. A naive moment is taken as local time."""
    return timezone.make_aware(at) if timezone.is_naive(at) else timezone.localtime(at)


def require_active(unit: Unit, day: date) -> None:
    """A dissolved or merged unit receives no task after it ended (domain.md, 2025 reorganisation)."""
    if not unit.is_active_on(day):
        raise ValidationError(
            _("Đơn vị “%(unit)s” không hoạt động vào ngày %(day)s.")
            % {"unit": unit.name, "day": f"{day:%d/%m/%Y}"}
        )


def state_of(task: Task) -> TaskState:
    return TaskState(
        lead_unit_id=task.lead_unit_id,
        due_in_force=task.due_in_force,
        completed_on=task.completed_on,
        lifecycle=Lifecycle(task.lifecycle),
        percent=task.percent,
    )


def build_history(task: Task, steps, *, by, source) -> list[TaskEvent]:
    """Unsaved events of a new task's steps, (state, change, details) in order, each
    superseded by the next (the importer bulk-creates these)."""
    events = [
        build_event(task, state, change, by=by, source=source, **details) for state, change, details in steps
    ]
    for event, next_event in pairwise(events):
        event.superseded_at = next_event.recorded_at
    return events


def build_event(task: Task, state: TaskState, change: Change, *, by, source, **details) -> TaskEvent:
    """An unsaved event carrying the state it leads to."""
    return TaskEvent(
        task=task,
        kind=change.kind,
        actor=by,
        source=source,
        effective_on=change.effective_on,
        recorded_at=change.recorded_at,
        lead_unit_id=state.lead_unit_id,
        due_in_force=state.due_in_force,
        completed_on=state.completed_on,
        lifecycle=state.lifecycle,
        percent=change.percent,
        **details,
    )


# The columns write_state sets: what a recorded change saves of the task row.
STATE_FIELDS = (
    "lead_unit",
    "due_in_force",
    "completed_on",
    "lifecycle",
    "percent",
    "state_recorded_at",
    "completion_recorded_at",
)


def write_state(task: Task, state: TaskState, change: Change) -> None:
    """Copy the state onto the task row (in memory; callers save STATE_FIELDS)."""
    task.lead_unit_id = state.lead_unit_id
    task.due_in_force = state.due_in_force
    task.completed_on = state.completed_on
    task.lifecycle = state.lifecycle
    task.percent = state.percent
    task.state_recorded_at = change.recorded_at
    if change.kind == EventKind.COMPLETED:
        task.completion_recorded_at = change.recorded_at
    elif change.kind == EventKind.REOPENED:
        task.completion_recorded_at = None


def build_task(
    *,
    directive,
    at: datetime,
    content: str,
    lead_unit: Unit,
    assigning_unit: Unit,
    assigned_on: date,
    due_on: date | None = None,
    coordinating_units=(),
    field=None,
    is_key: bool = False,
    tracking_desk: Unit | None = None,
    tracking_officer=None,
    parent: Task | None = None,
    note: str = "",
) -> tuple[Task, TaskState, Change]:
    """The new task checked and built, unsaved, with its assignment Change and the state it
    leads to: what assign_task saves, and what the importer bulk-creates. No query; the
    duplicate check (same directive and fingerprint) is the caller's. Text is normalised as
    every import normalises it (nhiemvu.text.normalise_text)."""
    content, note = normalise_text(content, multiline=True), normalise_text(note, multiline=True)
    if not content:
        raise ValidationError(_("Nội dung nhiệm vụ không được để trống."))
    if lead_unit in list(coordinating_units):
        raise ValidationError(_("Đơn vị chủ trì không đồng thời là đơn vị phối hợp."))
    require_active(lead_unit, assigned_on)
    at = local_moment(at)
    change = Change(
        EventKind.ASSIGNED, effective_on=assigned_on, recorded_at=at, lead_unit_id=lead_unit.pk, due_on=due_on
    )
    state = apply(None, change)
    task = Task(
        directive=directive,
        content=content,
        assigning_unit=assigning_unit,
        field=field,
        is_key=is_key,
        tracking_desk=tracking_desk,
        tracking_officer=tracking_officer,
        parent=parent,
        note=note,
        assigned_on=assigned_on,
        due_on=due_on,
        assignment_recorded_at=at,
        fingerprint=task_fingerprint(lead_unit_id=lead_unit.pk, assigned_on=assigned_on, content=content),
        search_text=task_search_text(content, directive),
    )
    write_state(task, state, change)
    return task, state, change
