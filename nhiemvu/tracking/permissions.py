"""The task policy: who sees and does what to a task, the one place that decides, for
every door.

`task_scope(user)` answers "which tasks may this user see" as a Q on Task; `can(user,
action, task)` answers "may this user do this to this task". Both read the user's
RoleAssignments (accounts.permissions):

- leaders, office desks, the inspection team and viewers of a unit follow the tasks that
  unit (or a unit below it) assigned or leads; leaders and desks only in their fields, when
  fields are set;
- a unit's leader, focal officer and specialists see the tasks that unit (or a unit below
  it) leads or coordinates;
- the tracking officer of a task sees it; admins see everything.

Acting follows the same roles: the lead unit's side (or a unit above it, which acts for
its sub-units) accepts, updates, asks extensions, returns, completes and delegates; the
assigning unit itself, not a unit above it, reassigns, cancels, reopens and decides
extensions. A coordinating unit's leader, focal officer and specialists (or those of a unit
above it) report what their unit did for the task (seed 003 art. 10.2.b); being on the lead
unit's side does not make one a contributor.
"""

import operator
from functools import reduce

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from nhiemvu.accounts.choices import ASSIGNER_ROLES, PERFORMER_ROLES, Role
from nhiemvu.accounts.permissions import is_admin, role_assignments
from nhiemvu.db import among as _among
from nhiemvu.db import any_of


class Action(models.TextChoices):
    VIEW = "view", _("xem")
    ASSIGN = "assign", _("giao nhiệm vụ")
    ACCEPT = "accept", _("tiếp nhận")
    UPDATE_PROGRESS = "update_progress", _("cập nhật tiến độ")
    REQUEST_EXTENSION = "request_extension", _("xin gia hạn")
    DECIDE_EXTENSION = "decide_extension", _("quyết định gia hạn")
    RETURN = "return", _("chuyển trả")
    REASSIGN = "reassign", _("giao lại")
    COMPLETE = "complete", _("báo cáo hoàn thành")
    REOPEN = "reopen", _("mở lại")
    CANCEL = "cancel", _("hủy")
    DELEGATE = "delegate", _("giao đơn vị cấp dưới")
    CONTRIBUTE = "contribute", _("báo cáo kết quả phối hợp")
    URGE = "urge", _("đôn đốc")
    REQUEST_EXPLANATION = "request_explanation", _("yêu cầu giải trình")


# Who acts for the unit that carries the task out (the lead unit or one above it).
_PERFORMER_ACTIONS = {
    Action.ACCEPT: {Role.UNIT_LEADER, Role.FOCAL_OFFICER},
    Action.UPDATE_PROGRESS: {Role.UNIT_LEADER, Role.FOCAL_OFFICER, Role.SPECIALIST},
    Action.REQUEST_EXTENSION: {Role.UNIT_LEADER, Role.FOCAL_OFFICER},
    Action.RETURN: {Role.UNIT_LEADER, Role.FOCAL_OFFICER},
    Action.COMPLETE: {Role.UNIT_LEADER, Role.FOCAL_OFFICER},
    Action.DELEGATE: {Role.UNIT_LEADER, Role.FOCAL_OFFICER},
}
# Who acts for the unit that assigned the task (that unit itself, not one above it): its
# office, or for a task delegated to a sub-unit, the delegating unit's own leader and
# focal officer.
_ASSIGNER_ACTIONS = {
    Action.ASSIGN: {Role.OFFICE_DESK, Role.UNIT_LEADER, Role.FOCAL_OFFICER},
    Action.REASSIGN: {Role.OFFICE_DESK, Role.UNIT_LEADER, Role.FOCAL_OFFICER},
    Action.CANCEL: {Role.OFFICE_DESK, Role.UNIT_LEADER, Role.FOCAL_OFFICER},
    Action.REOPEN: {Role.OFFICE_DESK, Role.UNIT_LEADER, Role.FOCAL_OFFICER},
    Action.DECIDE_EXTENSION: {Role.LEADER, Role.UNIT_LEADER},
    # The office urges for its leaders (seed 004 art. 3.2, 6.1.d; seed 003 art. 10.1), as
    # the inspection team did (seed 000 I.1: "rà soát, nhắc nhở, đôn đốc") and the leaders
    # may (seed 004 art. 3.1); a unit urges the sub-units it delegated to (seed 003 art. 10.2.c).
    Action.URGE: {
        Role.OFFICE_DESK,
        Role.LEADER,
        Role.INSPECTION,
        Role.UNIT_LEADER,
        Role.FOCAL_OFFICER,
    },
    # Leaders ask the lead unit why an overdue task is not done (seed 004 art. 5.1.e, 9.3;
    # seed 003 art. 19.2: the unit reports the causes to the leaders).
    Action.REQUEST_EXPLANATION: {Role.LEADER, Role.UNIT_LEADER},
}
# Who reports for a coordinating unit (or for a unit below theirs), seed 003 art. 10.2.b.
_CONTRIBUTOR_ROLES = {Role.UNIT_LEADER, Role.FOCAL_OFFICER, Role.SPECIALIST}
_FIELD_LIMITED = {Role.LEADER, Role.OFFICE_DESK}


def _field_filter(assignment) -> Q:
    if assignment.role in _FIELD_LIMITED and assignment.field_ids:
        return Q(field_id__in=sorted(assignment.field_ids))
    return Q()


def _subtrees(prefixes) -> Q:
    """The units below (and at) the units of these paths: a prefix range of units_unit.path."""
    return reduce(operator.or_, (Q(path__startswith=prefix) for prefix in sorted(prefixes)))


def task_scope(user) -> Q:
    """A filter on Task: the tasks `user` may see.

    Each way of seeing a task is its own indexable branch: the tracking officer, the lead unit
    or the assigning unit among the ids of the user's subtrees (read from the unit table),
    the coordinated tasks through the coordination table; branches of the same kind without
    fields share one unit subquery. nhiemvu.db.any_of joins them as each database serves best.
    """
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if is_admin(user):
        return Q()
    from nhiemvu.tracking.models import Task  # tracking.models reads this module
    from nhiemvu.units.models import Unit

    def units(prefixes):
        return Unit.objects.filter(_subtrees(prefixes)).values("pk")

    led, assigned, coordinated = set(), set(), set()
    branches = [Q(tracking_officer=user)]
    for assignment in role_assignments(user):
        if assignment.unit is None:
            continue
        prefix = assignment.unit.path
        if _sees_every_led(assignment):
            led.add(prefix)
            (assigned if assignment.role in ASSIGNER_ROLES else coordinated).add(prefix)
        elif assignment.role in ASSIGNER_ROLES:  # limited to fields: branches of their own
            fields = _field_filter(assignment)
            branches += [
                _among("assigning_unit_id", units([prefix])) & fields,
                _among("lead_unit_id", units([prefix])) & fields,
            ]
    if led:
        branches.append(_among("lead_unit_id", units(led)))
    if assigned:
        branches.append(_among("assigning_unit_id", units(assigned)))
    if coordinated:
        through = Task.coordinating_units.through.objects.filter(
            _among("unit_id", units(coordinated))
        ).values("task_id")
        branches.append(_among("id", through))
    return any_of(Task, branches)


def sees_every_task_led_within(user, unit) -> bool:
    """Whether `user` sees every task that `unit`, or a unit below it, leads: task_scope's
    lead branch holds them all (an administrator, or a role without fields in that unit or one
    above it). A list narrowed to those lead units then needs no scope: the lead-unit condition
    implies it (tracking.filters)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if is_admin(user):
        return True
    return any(
        assignment.unit is not None and unit.is_within(assignment.unit) and _sees_every_led(assignment)
        for assignment in role_assignments(user)
    )


def _sees_every_led(assignment) -> bool:
    """The role sees every task its unit (or a unit below it) leads: an assigner's role
    without fields, or a performer's (task_scope's `led` branch)."""
    if assignment.role in ASSIGNER_ROLES:
        return not _field_filter(assignment)
    return assignment.role in PERFORMER_ROLES


def _holds(user, roles, unit, task, *, exactly: bool = False) -> bool:
    """`user` holds one of `roles` in `unit` (or, unless `exactly`, in a unit above it),
    within their fields."""
    return any(
        a.role in roles
        and (unit.pk == a.unit_id if exactly else unit.is_within(a.unit))
        and (a.role not in _FIELD_LIMITED or not a.field_ids or task.field_id in a.field_ids)
        for a in role_assignments(user)
    )


def contributing_units(user, task) -> list:
    """The coordinating units of `task` for which `user` may report what was done (seed 003
    art. 10.2.b: a coordinating unit informs the lead unit of its part's progress and result):
    those where they hold a unit role, or whose unit above they hold it in; for an
    administrator, all of them. In the order of the unit tree."""
    if not user.is_authenticated or not user.is_active:
        return []
    units = list(task.coordinating_units.order_by("path"))
    if is_admin(user):
        return units
    return [unit for unit in units if _holds(user, _CONTRIBUTOR_ROLES, unit, task)]


def can(user, action: Action, task, *, unit=None) -> bool:
    """May `user` do `action` to `task`? For a contribution, `unit` asks "for this coordinating
    unit"; without it, "for any of them"."""
    action = Action(action)  # a plain "accept" from a view or the API works too
    if not user.is_authenticated or not user.is_active:
        return False
    if action == Action.CONTRIBUTE:
        units = contributing_units(user, task)
        return bool(units) if unit is None else any(u.pk == unit.pk for u in units)
    if is_admin(user):
        return True
    if action == Action.VIEW:
        from nhiemvu.tracking.models import Task

        return Task.objects.filter(pk=task.pk).filter(task_scope(user)).exists()
    if action in _PERFORMER_ACTIONS:
        # A unit acts for its sub-units (seed 003 art. 6.3.a: the Sở's office updates for them).
        return _holds(user, _PERFORMER_ACTIONS[action], task.lead_unit, task)
    # Only the unit that assigned the task decides on it: the province's office does not
    # cancel, nor its leaders extend, what a Sở delegated to its own sub-units (seed 003).
    # Once that unit has ended, the units that took it over answer for what it assigned.
    return any(
        _holds(user, _ASSIGNER_ACTIONS[action], unit, task, exactly=True)
        for unit in task.assigning_unit.self_and_successors()
    )


def can_assign_from(user, unit, lead_unit=None) -> bool:
    """May `user` assign new tasks on behalf of `unit` (enter directives, split them)?

    Only for the unit the user holds an assigning role in (as `can` decides for reassign,
    cancel, reopen). With `lead_unit`, also: to that unit. A unit assigns only to itself or
    the units below it (the province to its departments and districts, a department to its
    sub-units); only administrators enter tasks across the tree (Government → province,
    seed 004).
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if is_admin(user):
        return True
    if lead_unit is not None and not lead_unit.is_within(unit):
        return False
    assigners = _ASSIGNER_ACTIONS[Action.ASSIGN]
    return any(a.role in assigners and a.unit_id == unit.pk for a in role_assignments(user))


def require(user, action: Action, task, *, unit=None) -> None:
    if not can(user, action, task, unit=unit):
        label = Action(action).label
        raise PermissionDenied(_("Bạn không có quyền %(action)s nhiệm vụ này.") % {"action": label})


def actionable(user, action: Action) -> Q:
    """A filter on Task: the tasks on which `user` may do `action`, as `can` decides one task
    at a time; for lists of what waits for someone (tracking.agenda, reminders). Whether the
    task's state allows the change is the status engine's to say, not part of this filter."""
    action = Action(action)
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if action == Action.CONTRIBUTE:
        return _contributable(user)
    if is_admin(user):
        return Q()
    if action == Action.VIEW:
        return task_scope(user)
    from nhiemvu.units.models import Unit  # units.models reads accounts, which reads this module

    allowed = Q(pk__in=[])
    if action in _PERFORMER_ACTIONS:
        for assignment in role_assignments(user):
            if assignment.role in _PERFORMER_ACTIONS[action]:
                subtree = Unit.objects.filter(_subtrees([assignment.unit.path])).values("pk")
                allowed |= _among("lead_unit_id", subtree) & _field_filter(assignment)
        return allowed
    for assignment in role_assignments(user):
        if assignment.role in _ASSIGNER_ACTIONS[action]:
            allowed |= Q(assigning_unit_id__in=_answered_for(assignment.unit)) & _field_filter(assignment)
    return allowed


def _contributable(user) -> Q:
    """The tasks coordinated by a unit `user` reports for (contributing_units, for lists)."""
    from nhiemvu.tracking.models import Task
    from nhiemvu.units.models import Unit

    coordination = Task.coordinating_units.through.objects
    if not is_admin(user):
        prefixes = {
            a.unit.path for a in role_assignments(user) if a.role in _CONTRIBUTOR_ROLES and a.unit is not None
        }
        if not prefixes:
            return Q(pk__in=[])
        coordination = coordination.filter(
            _among("unit_id", Unit.objects.filter(_subtrees(prefixes)).values("pk"))
        )
    return _among("id", coordination.values("task_id"))


def _answered_for(unit) -> set[int]:
    """The units whose assigned tasks `unit` answers for: itself, and the ended units it took
    over (Unit.self_and_successors read backwards: a unit's default successor, or every
    successor of a unit split without one), and theirs."""
    from nhiemvu.units.models import UnitSuccession

    found, frontier = {unit.pk}, {unit.pk}
    while frontier:
        links = (
            UnitSuccession.objects.filter(successor_id__in=frontier, predecessor__active_until__isnull=False)
            .annotate(
                has_default=Exists(
                    UnitSuccession.objects.filter(predecessor=OuterRef("predecessor"), is_default=True)
                )
            )
            .values_list("predecessor_id", "is_default", "has_default")
        )
        frontier = {p for p, is_default, has_default in links if is_default or not has_default} - found
        found |= frontier
    return found
