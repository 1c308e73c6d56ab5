"""Every change to a task, one function each. Views, API, CLI and jobs all call these.

Each function checks permission (when a user acts; `by=None` is the system itself: the
import, a unit merge), locks the task row, applies the pure transition of
tracking.status, appends the event with the resulting state and writes that state to the
task row, all in one transaction. `at` is the moment the change is recorded: the door reads
the clock once and passes it in.
"""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nhiemvu.tracking import permissions
from nhiemvu.tracking.attachments import attach_to_event
from nhiemvu.tracking.building import (
    STATE_FIELDS,
    build_event,
    build_task,
    local_moment,
    require_active,
    state_of,
    write_state,
)
from nhiemvu.tracking.choices import ACTIVE_OPEN, EventKind, EventSource, Lifecycle
from nhiemvu.tracking.models import Task, TaskEvent
from nhiemvu.tracking.permissions import Action
from nhiemvu.tracking.status import Change, TransitionError, apply
from nhiemvu.units.models import Unit


@transaction.atomic
def assign_task(
    *,
    directive,
    by,
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
    source: str = EventSource.APP,
) -> Task:
    """Seed 003 art. 6.1: the office classifies a directive and assigns its tasks."""
    if by is not None and not permissions.can_assign_from(by, assigning_unit, lead_unit=lead_unit):
        raise PermissionDenied(_("Bạn không có quyền giao nhiệm vụ thay mặt đơn vị này."))
    return _assign(
        directive=directive,
        by=by,
        at=at,
        content=content,
        lead_unit=lead_unit,
        assigning_unit=assigning_unit,
        assigned_on=assigned_on,
        due_on=due_on,
        coordinating_units=coordinating_units,
        field=field,
        is_key=is_key,
        tracking_desk=tracking_desk,
        tracking_officer=tracking_officer,
        parent=parent,
        note=note,
        source=source,
    )


def _assign(
    *,
    directive,
    by,
    at,
    content,
    lead_unit,
    assigning_unit,
    assigned_on,
    due_on,
    coordinating_units,
    field,
    is_key,
    tracking_desk,
    tracking_officer,
    parent,
    note,
    source,
) -> Task:
    """assign_task once the permission is settled (delegate settles it on the parent task)."""
    coordinating_units = list(coordinating_units)
    task, state, change = build_task(
        directive=directive,
        at=at,
        content=content,
        lead_unit=lead_unit,
        assigning_unit=assigning_unit,
        assigned_on=assigned_on,
        due_on=due_on,
        coordinating_units=coordinating_units,
        field=field,
        is_key=is_key,
        tracking_desk=tracking_desk,
        tracking_officer=tracking_officer,
        parent=parent,
        note=note,
    )
    if Task.objects.filter(directive=directive, fingerprint=task.fingerprint).exists():
        raise ValidationError(_("Nhiệm vụ này đã được giao trong văn bản."))
    task.save()
    task.coordinating_units.add(*coordinating_units)  # a new task: nothing to remove
    build_event(task, state, change, by=by, source=source).save()
    return task


def _record(
    task: Task,
    change_kind: EventKind,
    *,
    by,
    at: datetime,
    action: Action,
    effective_on=None,
    source=EventSource.APP,
    **change_fields,
) -> TaskEvent:
    """Lock the task, check, apply and append one event.

    The permission is checked on the locked row, not on the caller's copy: a task reassigned
    since the caller read it is no longer the old unit's to act on.
    """
    at = local_moment(at)
    details = {
        key: change_fields.pop(key)
        for key in ("note", "proposed_due", "result_document", "contributing_unit")
        if key in change_fields
    }
    contributing_unit = details.get("contributing_unit")
    with transaction.atomic():
        locked = Task.objects.select_for_update().get(pk=task.pk)
        if by is not None:
            permissions.require(by, action, locked, unit=contributing_unit)
        if (
            contributing_unit is not None
            and not locked.coordinating_units.filter(pk=contributing_unit.pk).exists()
        ):
            raise ValidationError(_("Đơn vị này không phối hợp thực hiện nhiệm vụ."))
        if at < locked.state_recorded_at:
            raise TransitionError(_("Thời điểm cập nhật không được trước lần cập nhật gần nhất."))
        change = Change(
            change_kind,
            effective_on=effective_on if effective_on is not None else at.date(),
            recorded_at=at,
            assigned_on=locked.assigned_on,
            **change_fields,
        )
        state = apply(state_of(locked), change)
        write_state(locked, state, change)
        locked.save(update_fields=STATE_FIELDS)
        event = build_event(locked, state, change, by=by, source=source, **details)
        locked.events.filter(superseded_at__isnull=True).update(superseded_at=change.recorded_at)
        event.save()
    write_state(task, state, change)  # the caller's copy now says what the row says
    return event


def accept(task, *, by, at):
    return _record(task, EventKind.ACCEPTED, by=by, at=at, action=Action.ACCEPT)


def update_progress(task, *, by, at, note: str, percent: int | None = None):
    """Seed 000 III.1: a progress update states what was done, with the issued document."""
    if not note.strip():
        raise ValidationError(_("Nội dung cập nhật tiến độ không được để trống."))
    if percent is not None and not 0 <= percent <= 100:
        raise ValidationError(_("Tiến độ phải từ 0 đến 100%."))
    return _record(
        task, EventKind.PROGRESS, by=by, at=at, action=Action.UPDATE_PROGRESS, note=note, percent=percent
    )


def request_extension(task, *, by, at, proposed: date, reason: str):
    """Seed 002 §3: an extension request states the proposed completion date; leaders decide."""
    if not reason.strip():
        raise ValidationError(_("Phải nêu lý do xin gia hạn."))
    return _record(
        task,
        EventKind.EXTENSION_REQUESTED,
        by=by,
        at=at,
        action=Action.REQUEST_EXTENSION,
        due_on=proposed,
        proposed_due=proposed,
        note=reason,
    )


def decide_extension(
    task,
    *,
    by,
    at,
    approve: bool,
    new_due: date | None = None,
    note: str = "",
    decided_on: date | None = None,
):
    """A leader approves (with the new due date, which changes the due date in force) or rejects."""
    if approve:
        if new_due is None:
            # The date the unit proposed; with no request pending the status engine refuses.
            requests = task.events.filter(kind=EventKind.EXTENSION_REQUESTED)
            request = requests.order_by("recorded_at", "id").last()
            new_due = request.proposed_due if request is not None else None
        return _record(
            task,
            EventKind.EXTENSION_APPROVED,
            by=by,
            at=at,
            action=Action.DECIDE_EXTENSION,
            effective_on=decided_on,
            due_on=new_due,
            note=note,
        )
    return _record(
        task,
        EventKind.EXTENSION_REJECTED,
        by=by,
        at=at,
        action=Action.DECIDE_EXTENSION,
        effective_on=decided_on,
        note=note,
    )


def return_task(task, *, by, at, reason: str):
    """Seed 003 art. 6.2: a task outside the unit's functions goes back, with the reason."""
    if not reason.strip():
        raise ValidationError(_("Phải nêu lý do chuyển trả."))
    return _record(task, EventKind.RETURNED, by=by, at=at, action=Action.RETURN, note=reason)


@transaction.atomic
def reassign(
    task, *, by, at, to_unit: Unit, note: str = "", source=EventSource.APP, effective_on: date | None = None
):
    """The office gives the task to another lead unit (after a return, or a unit merge).

    The new lead unit no longer coordinates the task: it leads it."""
    require_active(to_unit, effective_on or local_moment(at).date())
    event = _record(
        task,
        EventKind.REASSIGNED,
        by=by,
        at=at,
        action=Action.REASSIGN,
        effective_on=effective_on,
        lead_unit_id=to_unit.pk,
        note=note,
        source=source,
    )
    task.coordinating_units.remove(to_unit)
    return event


def complete(task, *, by, at, completed_on: date, result_document: str, note: str = ""):
    """Completion takes effect on the date of the result document, whenever it is recorded."""
    if not result_document.strip():
        raise ValidationError(_("Phải nêu văn bản kết quả (số, ký hiệu hoặc mô tả)."))
    return _record(
        task,
        EventKind.COMPLETED,
        by=by,
        at=at,
        action=Action.COMPLETE,
        effective_on=completed_on,
        result_document=result_document,
        note=note,
    )


@transaction.atomic
def reopen(task, *, by, at, reason: str):
    """A completed task is open again. If its lead unit has ended since, the task goes on to
    the unit that took it over (Unit.heir_on: the default successor, following later
    merges), with a reassignment event of its own; when there is none (split without a
    default, dissolved), it stays on the ended unit, listed by
    units.services.tasks_awaiting_successor() for the office to reassign."""
    if not reason.strip():
        raise ValidationError(_("Phải nêu lý do mở lại nhiệm vụ."))
    event = _record(task, EventKind.REOPENED, by=by, at=at, action=Action.REOPEN, note=reason)
    ended = Unit.objects.get(pk=task.lead_unit_id)  # as it is now, not as the caller read it
    heir = ended.heir_on(event.effective_on)
    if heir is not None and heir.pk != ended.pk:
        note = _("Đơn vị “%(old)s” đã ngừng hoạt động; giao cho đơn vị kế thừa “%(new)s”") % {
            "old": ended.name,
            "new": heir.name,
        }
        reassign(task, by=by, at=at, to_unit=heir, note=note, source=EventSource.SYSTEM)
    return event


def cancel(task, *, by, at, reason: str):
    if not reason.strip():
        raise ValidationError(_("Phải nêu lý do hủy nhiệm vụ."))
    return _record(task, EventKind.CANCELLED, by=by, at=at, action=Action.CANCEL, note=reason)


@transaction.atomic
def delegate(
    parent: Task,
    *,
    by,
    at,
    to_unit: Unit,
    content: str,
    due_on: date | None = None,
    assigned_on: date | None = None,
) -> Task:
    """A unit passes (part of) its task down to a sub-unit (seed 003: Director → sub-units).

    The child is due no later than the parent; without a due date of its own it takes the
    parent's. The delegating user is the actor of the child's assignment.
    """
    at = local_moment(at)
    locked = Task.objects.select_for_update().select_related("lead_unit").get(pk=parent.pk)
    if by is not None:
        permissions.require(by, Action.DELEGATE, locked)
    if locked.lifecycle not in ACTIVE_OPEN:
        raise TransitionError(_("Chỉ giao tiếp nhiệm vụ đang thực hiện."))
    if not to_unit.is_within(locked.lead_unit) or to_unit.pk == locked.lead_unit_id:
        raise ValidationError(_("Chỉ giao cho đơn vị cấp dưới của đơn vị chủ trì."))
    assigned_on = assigned_on or at.date()
    if assigned_on < locked.assigned_on:
        raise ValidationError(_("Ngày giao tiếp không được trước ngày giao nhiệm vụ gốc."))
    if due_on is None:
        due_on = locked.due_in_force
    elif locked.due_in_force and due_on > locked.due_in_force:
        raise ValidationError(_("Hạn của nhiệm vụ giao tiếp không được sau hạn của nhiệm vụ gốc."))
    return _assign(
        directive=locked.directive,
        by=by,
        at=at,
        content=content,
        lead_unit=to_unit,
        assigning_unit=locked.lead_unit,
        assigned_on=assigned_on,
        due_on=due_on,
        coordinating_units=(),
        field=locked.field,
        is_key=locked.is_key,
        tracking_desk=None,
        tracking_officer=None,
        parent=locked,
        note="",
        source=EventSource.APP,
    )


def contribute(task, *, by, at, unit: Unit, note: str, effective_on: date | None = None, files=()):
    """Seed 003 art. 10.2.b: a coordinating unit informs the lead unit of the progress and
    result of its part (seed 004 art. 2.2-2.3: units coordinate closely). Recorded for one
    coordinating unit by one who reports for it (permissions.contributing_units), with its
    documents, on an open or returned task; the task's state and timeliness stay as they are."""
    if not note.strip():
        raise ValidationError(_("Nội dung kết quả phối hợp không được để trống."))
    with transaction.atomic():  # the contribution with its files, or nothing
        event = _record(
            task,
            EventKind.CONTRIBUTED,
            by=by,
            at=at,
            action=Action.CONTRIBUTE,
            effective_on=effective_on,
            note=note,
            contributing_unit=unit,
        )
        for uploaded in files:
            attach_to_event(event=event, by=by, uploaded=uploaded)
    return event


def children_progress(task: Task) -> dict[str, int]:
    """A parent shows its children's progress: how many, how many completed."""
    children = task.children.exclude(lifecycle=Lifecycle.CANCELLED)
    return {"total": children.count(), "completed": children.filter(lifecycle=Lifecycle.COMPLETED).count()}
