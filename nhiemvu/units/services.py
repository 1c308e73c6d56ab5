"""Changes to the unit tree over time: renames, merges, splits (the 2025 reorganisation).

Each is one function that every door calls (the admin's actions, `nhiemvu reorganise`, the
demo loader); a change that moves tasks does so through tracking.services, so each moved
task gets its event. A unit is never overwritten nor deleted: it ends, names its
successors (UnitSuccession), and keeps its past, so reports of earlier periods show it.
"""

from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from nhiemvu.accounts import permissions
from nhiemvu.tracking.choices import ACTIVE_OPEN, EventSource, Lifecycle
from nhiemvu.tracking.models import Task
from nhiemvu.tracking.services import local_moment, reassign
from nhiemvu.units.models import Unit, UnitName, UnitSuccession

# What a unit that ends hands over: tasks still to be done, and those sent back to the office.
HANDED_OVER = (*ACTIVE_OPEN, Lifecycle.RETURNED)


@transaction.atomic
def merge_unit(*, unit: Unit, into: Unit, on: date, by, at: datetime) -> int:
    """A unit ends on the day before `on`, merged into `into` (the 2025 reorganisation): its
    open tasks and its sub-units move to the successor; its past stays its own, so reports
    of earlier periods still show it. Returns how many tasks moved.

    The moves take effect on `on` (or on a task's assignment date, if later) and are
    recorded at `at`, which may not be before `on`: what is recorded has happened.
    Completed and cancelled tasks stay with the old unit. Where the old unit coordinates an
    open task, the successor coordinates it instead.
    """
    if by is not None and not permissions.can_manage_units(by):
        raise PermissionDenied(_("Chỉ quản trị hệ thống được sáp nhập đơn vị."))
    note = _("Sáp nhập %(old)s vào %(new)s") % {"old": unit.name, "new": into.name}
    return _end_unit(unit, successors=[into], default=into, on=on, by=by, at=at, note=note)


@transaction.atomic
def split_unit(*, unit: Unit, into, default: Unit | None = None, on: date, by, at: datetime) -> int:
    """A unit ends on the day before `on`, split into the units `into` (a ward divided in
    2025). Returns how many tasks moved.

    With a `default` (one of `into`), it takes what a merge gives the successor: the open
    tasks, the coordination of open tasks, the sub-units and, later, the tasks reopened.
    Without one, the open tasks stay with the old unit, listed by tasks_awaiting_successor()
    for the office to give to one of the successors (tracking.services.reassign); a unit
    that still has sub-units cannot be split without a default, since they need a parent.
    """
    if by is not None and not permissions.can_manage_units(by):
        raise PermissionDenied(_("Chỉ quản trị hệ thống được chia tách đơn vị."))
    successors = list({successor.pk: successor for successor in into}.values())
    if len(successors) < 2:
        raise ValidationError(_("Chia tách phải có ít nhất hai đơn vị kế thừa khác nhau."))
    if default is not None and default.pk not in {successor.pk for successor in successors}:
        raise ValidationError(_("Đơn vị kế thừa mặc định phải là một trong các đơn vị kế thừa."))
    note = _("Chia tách %(old)s thành %(new)s") % {
        "old": unit.name,
        "new": ", ".join(successor.name for successor in successors),
    }
    return _end_unit(unit, successors=successors, default=default, on=on, by=by, at=at, note=note)


def _end_unit(unit: Unit, *, successors, default: Unit | None, on: date, by, at: datetime, note: str) -> int:
    at = local_moment(at)
    caller_copy = unit
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    successors = list(Unit.objects.select_for_update().filter(pk__in=[s.pk for s in successors]))
    default = next((s for s in successors if default is not None and s.pk == default.pk), None)
    _check_end(unit, successors, on=on, at=at)
    live_children = unit.children.filter(Q(active_until__isnull=True) | Q(active_until__gte=on))
    if default is None and live_children.exists():
        raise ValidationError(
            _("Đơn vị còn đơn vị trực thuộc đang hoạt động: phải chọn đơn vị kế thừa mặc định để nhận.")
        )
    unit.active_until = on - timedelta(days=1)
    unit.successor = default
    unit.save(update_fields=["active_until", "successor"])
    UnitSuccession.objects.bulk_create(
        UnitSuccession(
            predecessor=unit, successor=successor, effective_on=on, is_default=successor == default, note=note
        )
        for successor in successors
    )
    moved = 0
    if default is not None:
        for child in live_children:
            child.parent = default
            child.save()
        moved = _hand_over_tasks(unit, to=default, on=on, by=by, at=at, note=note)
    caller_copy.refresh_from_db()
    return moved


def _check_end(unit: Unit, successors, *, on: date, at: datetime) -> None:
    for successor in successors:
        if successor.pk == unit.pk or successor.is_within(unit):
            raise ValidationError(_("Đơn vị kế thừa không được là chính đơn vị hoặc đơn vị cấp dưới của nó."))
        if not successor.is_active_on(on) or successor.active_until is not None:
            raise ValidationError(_("Đơn vị kế thừa đã ngừng hoạt động."))
    if unit.active_until is not None:
        raise ValidationError(_("Đơn vị này đã ngừng hoạt động."))
    if on > at.date():
        raise ValidationError(_("Chỉ ghi nhận sáp nhập từ ngày sáp nhập có hiệu lực."))
    if unit.active_from is not None and on <= unit.active_from:
        raise ValidationError(_("Ngày sáp nhập phải sau ngày đơn vị bắt đầu hoạt động."))


def _hand_over_tasks(unit: Unit, *, to: Unit, on: date, by, at: datetime, note: str) -> int:
    moved = 0
    for task in Task.objects.filter(lead_unit=unit, lifecycle__in=HANDED_OVER).order_by("pk"):
        reassign(
            task,
            by=by,
            at=at,
            to_unit=to,
            note=note,
            source=EventSource.SYSTEM,
            effective_on=max(on, task.assigned_on),
        )
        moved += 1
    coordinations = Task.coordinating_units.through.objects
    for link in coordinations.filter(unit=unit, task__lifecycle__in=ACTIVE_OPEN).select_related("task"):
        if link.task.lead_unit_id != to.pk:
            coordinations.get_or_create(task_id=link.task_id, unit_id=to.pk)
        link.delete()
    return moved


def tasks_awaiting_successor():
    """Tasks the office must give to a successor: still to be done (or returned) by a unit
    that has ended with no default successor (split without one, or dissolved)."""
    return (
        Task.objects.filter(lifecycle__in=HANDED_OVER, lead_unit__active_until__isnull=False)
        .exclude(lead_unit__successions__is_default=True)
        .select_related("lead_unit")
    )


@transaction.atomic
def rename_unit(*, unit: Unit, new_name: str, on: date, by) -> Unit:
    """The unit carries `new_name` from `on`; reports of earlier days show the old name."""
    if by is not None and not permissions.can_manage_units(by):
        raise PermissionDenied(_("Chỉ quản trị hệ thống được đổi tên đơn vị."))
    new_name = " ".join(new_name.split())
    if not new_name or new_name == unit.name:
        raise ValidationError(_("Tên mới không hợp lệ hoặc trùng tên hiện tại."))
    last = unit.former_names.order_by("until").last()
    if last is not None and on <= last.until + timedelta(days=1):
        # The current name must have been carried at least one day: renames are kept in order.
        raise ValidationError(_("Ngày đổi tên phải sau lần đổi tên trước."))
    UnitName.objects.create(unit=unit, name=unit.name, until=on - timedelta(days=1))
    unit.name = new_name
    unit.save(update_fields=["name"])
    return unit
