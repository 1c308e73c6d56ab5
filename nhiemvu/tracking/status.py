"""The status engine: pure functions of a task's events and an explicit moment.

No ORM and no clock here (dates are local to settings.TIME_ZONE). The service writes each event with the state it leads to (a
snapshot), computed by `apply`; reports read those snapshots in SQL with the same rules as
`timeliness` (tests check that both agree).
"""

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from nhiemvu.tracking.choices import ACTIVE_OPEN, EventKind, Lifecycle, Timeliness


class TransitionError(Exception):
    """An event that the task's current state does not allow; the message is for the user."""


@dataclass(frozen=True)
class TaskState:
    lead_unit_id: int
    due_in_force: date | None
    completed_on: date | None
    lifecycle: Lifecycle
    percent: int = 0


@dataclass(frozen=True)
class Change:
    """What an event says; the fields that matter depend on `kind`."""

    kind: EventKind
    effective_on: date
    recorded_at: datetime
    lead_unit_id: int | None = None  # assigned, reassigned
    due_on: date | None = None  # assigned: the due date; extension_approved: the new one
    assigned_on: date | None = None  # the task's assignment date, to check dates against
    percent: int | None = None


def timeliness(*, due: date | None, completed: date | None, as_of: date) -> Timeliness:
    """Domain.md "Status": a completed task without due date is on time; open tasks are
    overdue from the day after the due date in force."""
    if completed is not None and completed <= as_of:
        return Timeliness.DONE_ON_TIME if due is None or completed <= due else Timeliness.DONE_LATE
    if due is None:
        return Timeliness.OPEN_NO_DEADLINE
    return Timeliness.OPEN_OVERDUE if as_of > due else Timeliness.OPEN_NOT_DUE


_ALLOWED_FROM = {
    EventKind.ACCEPTED: {Lifecycle.NOT_STARTED},
    EventKind.PROGRESS: set(ACTIVE_OPEN),
    EventKind.EXTENSION_REQUESTED: {Lifecycle.NOT_STARTED, Lifecycle.IN_PROGRESS},
    EventKind.EXTENSION_APPROVED: {Lifecycle.EXTENSION_REQUESTED},
    EventKind.EXTENSION_REJECTED: {Lifecycle.EXTENSION_REQUESTED},
    EventKind.RETURNED: set(ACTIVE_OPEN),
    EventKind.REASSIGNED: {*ACTIVE_OPEN, Lifecycle.RETURNED},
    EventKind.COMPLETED: set(ACTIVE_OPEN),
    EventKind.REOPENED: {Lifecycle.COMPLETED},
    EventKind.CANCELLED: {*ACTIVE_OPEN, Lifecycle.RETURNED},
    EventKind.CONTRIBUTED: {*ACTIVE_OPEN, Lifecycle.RETURNED},
}


def allows(kind: EventKind, lifecycle: Lifecycle) -> bool:
    """May an event of `kind` follow a task in `lifecycle` (what the task page offers)?"""
    return lifecycle in _ALLOWED_FROM[kind]


def apply(state: TaskState | None, change: Change) -> TaskState:
    """The state after `change`; raises TransitionError when the change is not allowed."""
    if change.effective_on > timezone.localdate(change.recorded_at):
        # What is recorded has already happened: this keeps "as of" reports exact.
        raise TransitionError(_("Ngày hiệu lực không được sau ngày cập nhật."))
    if change.kind == EventKind.ASSIGNED:
        if state is not None:
            raise TransitionError(_("Nhiệm vụ đã được giao."))
        if change.due_on is not None and change.due_on < change.effective_on:
            raise TransitionError(_("Hạn xử lý không được trước ngày giao."))
        return TaskState(change.lead_unit_id, change.due_on, None, Lifecycle.NOT_STARTED)
    if state is None:
        raise TransitionError(_("Nhiệm vụ chưa được giao."))
    if change.kind == EventKind.CONTRIBUTED and state.lifecycle not in _ALLOWED_FROM[change.kind]:
        raise TransitionError(
            _("Nhiệm vụ đã kết thúc (“%(state)s”): không ghi nhận thêm kết quả phối hợp.")
            % {"state": state.lifecycle.label}
        )
    if state.lifecycle not in _ALLOWED_FROM[change.kind]:
        raise TransitionError(
            _("Không thể “%(action)s” khi nhiệm vụ đang ở trạng thái “%(state)s”.")
            % {"action": change.kind.label, "state": state.lifecycle.label}
        )
    if change.assigned_on is not None and change.effective_on < change.assigned_on:
        raise TransitionError(_("Ngày hiệu lực không được trước ngày giao nhiệm vụ."))

    match change.kind:
        case EventKind.ACCEPTED:
            return replace(state, lifecycle=Lifecycle.IN_PROGRESS)
        case EventKind.PROGRESS:
            lifecycle = state.lifecycle if state.lifecycle != Lifecycle.NOT_STARTED else Lifecycle.IN_PROGRESS
            percent = state.percent if change.percent is None else change.percent
            return replace(state, lifecycle=lifecycle, percent=percent)
        case EventKind.EXTENSION_REQUESTED:
            if state.due_in_force is None:
                raise TransitionError(_("Nhiệm vụ không có hạn xử lý nên không cần gia hạn."))
            if change.due_on is None or change.due_on <= state.due_in_force:
                raise TransitionError(_("Thời hạn đề xuất phải sau hạn xử lý hiện tại."))
            return replace(state, lifecycle=Lifecycle.EXTENSION_REQUESTED)
        case EventKind.EXTENSION_APPROVED:
            if change.due_on is None or change.due_on <= state.due_in_force:
                raise TransitionError(_("Hạn mới phải sau hạn xử lý hiện tại."))
            return replace(state, lifecycle=Lifecycle.IN_PROGRESS, due_in_force=change.due_on)
        case EventKind.EXTENSION_REJECTED:
            return replace(state, lifecycle=Lifecycle.IN_PROGRESS)
        case EventKind.RETURNED:
            return replace(state, lifecycle=Lifecycle.RETURNED)
        case EventKind.REASSIGNED:
            if change.lead_unit_id == state.lead_unit_id and state.lifecycle != Lifecycle.RETURNED:
                raise TransitionError(_("Nhiệm vụ đã do đơn vị này chủ trì."))
            lifecycle = Lifecycle.NOT_STARTED if state.lifecycle == Lifecycle.RETURNED else state.lifecycle
            return replace(state, lead_unit_id=change.lead_unit_id, lifecycle=lifecycle)
        case EventKind.COMPLETED:
            return replace(
                state, lifecycle=Lifecycle.COMPLETED, completed_on=change.effective_on, percent=100
            )
        case EventKind.REOPENED:
            return replace(state, lifecycle=Lifecycle.IN_PROGRESS, completed_on=None)
        case EventKind.CANCELLED:
            return replace(state, lifecycle=Lifecycle.CANCELLED)
        case EventKind.CONTRIBUTED:
            return state  # what a coordinating unit did changes neither state nor timeliness
    raise TransitionError(_("Loại sự kiện không hợp lệ."))


def state_as_of(changes: Iterable[Change], moment: datetime) -> TaskState | None:
    """The state the system knew at `moment`: changes recorded after it are not applied."""
    state = None
    for change in sorted(changes, key=lambda c: c.recorded_at):
        if change.recorded_at > moment:
            break
        state = apply(state, change)
    return state
