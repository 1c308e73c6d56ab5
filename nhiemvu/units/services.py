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
from nhiemvu.tracking.building import local_moment
from nhiemvu.tracking.choices import ACTIVE_OPEN, EventSource, Lifecycle
from nhiemvu.tracking.models import Task
from nhiemvu.tracking.services import reassign
from nhiemvu.units.models import FocalOfficer, Unit, UnitName, UnitSuccession, name_key

# What a unit that ends hands over: tasks still to be done, and those sent back to the office.
HANDED_OVER = (*ACTIVE_OPEN, Lifecycle.RETURNED)

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


def _require_focal_officer_keeper(by, unit: Unit) -> None:
    if by is not None and not permissions.can_keep_focal_officer_of(by, unit):
        raise PermissionDenied(_("Bạn không quản lý cán bộ đầu mối của đơn vị này."))


@transaction.atomic
def set_focal_officer(
    *, unit: Unit, full_name: str, title: str = "", phone: str = "", email: str = "", by=None
):
    """The unit's focal officer called `full_name` (seed 004 art. 4), created or brought up to
    date; the unit's other focal officers stay. Returns (officer, changed). For administrators
    and the office desks above the unit (seed 004 art. 12.2: units send these to the office)."""
    _require_focal_officer_keeper(by, unit)
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
def remove_focal_officer(*, officer: FocalOfficer, by=None) -> None:
    """A focal officer who no longer serves (moved, retired): off the unit's list. The user
    account, if any, keeps its roles: those are the administrators' (accounts.services)."""
    _require_focal_officer_keeper(by, officer.unit)
    officer.delete()


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
    unit.save(update_fields=["active_until"])
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
