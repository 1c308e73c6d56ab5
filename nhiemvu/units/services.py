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
from nhiemvu.units.models import FocalOfficer, Unit, UnitName, name_key

# --- Creating and updating units (`nhiemvu import-units`, later the web and the admin) ---


def _require_unit_manager(by) -> None:
    if by is not None and not permissions.can_manage_units(by):
        raise PermissionDenied(_("Chỉ quản trị hệ thống được thêm, sửa đơn vị."))


@transaction.atomic
def create_unit(
    *,
    code: str,
    name: str,
    kind: str,
    parent: Unit | None = None,
    short_name: str = "",
    scored_for_reform: bool = False,
    sort_order: int = 0,
    by=None,
) -> Unit:
    """A new unit under `parent` (None: a root, such as the province). The parent exists
    first: Unit.save builds the materialised path from the parent's."""
    _require_unit_manager(by)
    unit = Unit(
        code=code.strip(),
        name=" ".join(name.split()),
        short_name=" ".join(short_name.split()),
        kind=kind,
        parent=parent,
        scored_for_reform=scored_for_reform,
        sort_order=sort_order,
    )
    unit.full_clean(exclude=["path"])
    unit.save()
    return unit


# What update_unit may change in place; the name changes only by a dated rename (rename_unit).
UPDATABLE_UNIT_FIELDS = ("short_name", "kind", "parent", "scored_for_reform", "sort_order")


@transaction.atomic
def update_unit(*, unit: Unit, by=None, **changes) -> list[str]:
    """Change the fields of UPDATABLE_UNIT_FIELDS given in `changes`; returns the names of the
    fields that changed. A new parent moves the unit with its subtree (Unit.save)."""
    _require_unit_manager(by)
    unknown = set(changes) - set(UPDATABLE_UNIT_FIELDS)
    if unknown:
        raise TypeError(f"update_unit cannot change {sorted(unknown)}")
    if "short_name" in changes:
        changes["short_name"] = " ".join(changes["short_name"].split())
    changed = [name for name, value in changes.items() if getattr(unit, name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(unit, name, changes[name])
    unit.full_clean(exclude=["path", "code", "name"], validate_unique=False)
    unit.save()
    return changed


@transaction.atomic
def set_focal_officer(
    *, unit: Unit, full_name: str, title: str = "", phone: str = "", email: str = "", by=None
):
    """The unit's focal officer called `full_name` (seed 004 art. 4), created or brought up to
    date; the unit's other focal officers stay. Returns (officer, changed)."""
    _require_unit_manager(by)
    full_name = " ".join(full_name.split())
    officer = next(
        (
            officer
            for officer in unit.focal_officers.all()
            if name_key(officer.full_name) == name_key(full_name)
        ),
        None,
    )
    values = {"full_name": full_name, "title": title, "phone": phone, "email": email}
    if officer is None:
        officer = FocalOfficer(unit=unit, **values)
    elif all(getattr(officer, name) == value for name, value in values.items()):
        return officer, False
    else:
        for name, value in values.items():
            setattr(officer, name, value)
    officer.full_clean()
    officer.save()
    return officer, True


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
