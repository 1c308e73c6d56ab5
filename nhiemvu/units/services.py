"""Changes to the unit tree that the 2025 reorganisation needs: renames, merges.

Each is one function that every door calls (the admin's actions, `nhiemvu reorganise`, the
demo loader); a change that moves tasks does so through tracking.services, so each moved
task gets its event.
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
from nhiemvu.units.models import Unit, UnitName


@transaction.atomic
def merge_unit(*, unit: Unit, into: Unit, on: date, by, at: datetime) -> int:
    """A unit ends on `on`, merged into `into` (the 2025 reorganisation): its open tasks and
    its sub-units move to the successor; its past stays its own, so reports of earlier
    periods still show it. Returns how many tasks moved.

    The moves take effect on `on` (or on a task's assignment date, if later) and are
    recorded at `at`, which may not be before `on`: what is recorded has happened.
    Completed and cancelled tasks stay with the old unit. Where the old unit coordinates an
    open task, the successor coordinates it instead.
    """
    if by is not None and not permissions.can_manage_units(by):
        raise PermissionDenied(_("Chỉ quản trị hệ thống được sáp nhập đơn vị."))
    at = local_moment(at)
    caller_copy = unit
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    into = Unit.objects.select_for_update().get(pk=into.pk)
    if into.pk == unit.pk or into.is_within(unit):
        raise ValidationError(_("Đơn vị kế thừa không được là chính đơn vị hoặc đơn vị cấp dưới của nó."))
    if unit.active_until is not None:
        raise ValidationError(_("Đơn vị này đã ngừng hoạt động."))
    if not into.is_active_on(on) or into.active_until is not None:
        raise ValidationError(_("Đơn vị kế thừa đã ngừng hoạt động."))
    if on > at.date():
        raise ValidationError(_("Chỉ ghi nhận sáp nhập từ ngày sáp nhập có hiệu lực."))
    if unit.active_from is not None and on <= unit.active_from:
        raise ValidationError(_("Ngày sáp nhập phải sau ngày đơn vị bắt đầu hoạt động."))
    unit.active_until = on - timedelta(days=1)
    unit.successor = into
    unit.save(update_fields=["active_until", "successor"])
    for child in unit.children.filter(Q(active_until__isnull=True) | Q(active_until__gte=on)):
        child.parent = into
        child.save()
    moved = 0
    note = _("Sáp nhập %(old)s vào %(new)s") % {"old": unit.name, "new": into.name}
    moving = Task.objects.filter(lead_unit=unit, lifecycle__in=(*ACTIVE_OPEN, Lifecycle.RETURNED))
    for task in moving.order_by("pk"):
        reassign(
            task,
            by=by,
            at=at,
            to_unit=into,
            note=note,
            source=EventSource.SYSTEM,
            effective_on=max(on, task.assigned_on),
        )
        moved += 1
    coordinations = Task.coordinating_units.through.objects
    for link in coordinations.filter(unit=unit, task__lifecycle__in=ACTIVE_OPEN).select_related("task"):
        if link.task.lead_unit_id != into.pk:
            coordinations.get_or_create(task_id=link.task_id, unit_id=into.pk)
        link.delete()
    caller_copy.refresh_from_db()
    return moved


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
