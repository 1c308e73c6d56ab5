"""Who sees urgings and explanation requests, and who answers a request: each rule twice, as a
Q for lists and as a test of one record, which tests/test_urging_permissions checks agree.

Who may urge or ask for an explanation is the task policy's (tracking.permissions, actions
URGE and REQUEST_EXPLANATION): both are done to tasks.

- An urging is seen by the people of the unit urged and of the unit that urged (and of the
  units above them): the unit learns it was urged, the office keeps its record
  (accounts.permissions.unit_scope, the rule of per-unit reports).
- An explanation request is seen by whoever sees its task: it is part of the task's page.
- The unit asked answers: its leader or focal officer, or those of a unit above it, who act
  for their sub-units (seed 003 art. 6.3.a), as they answer for the task itself.
"""

from django.db.models import Q

from nhiemvu.accounts.choices import Role
from nhiemvu.accounts.permissions import is_admin, role_assignments, unit_scope
from nhiemvu.tracking import permissions as task_policy
from nhiemvu.tracking.permissions import Action

ANSWERING_ROLES = frozenset({Role.UNIT_LEADER, Role.FOCAL_OFFICER})


def _active(user) -> bool:
    return user.is_authenticated and user.is_active


def urging_scope(user) -> Q:
    """A filter on Urging: those `user` may see."""
    if not _active(user):
        return Q(pk__in=[])
    scope = unit_scope(user)
    if scope is None:
        return Q()
    from nhiemvu.units.models import Unit

    units = Unit.objects.filter(scope).values("pk")
    return Q(unit__in=units) | Q(issuing_unit__in=units)


def can_view_urging(user, urging) -> bool:
    if not _active(user):
        return False
    if is_admin(user):
        return True
    return any(
        a.unit is not None and (urging.unit.is_within(a.unit) or urging.issuing_unit.is_within(a.unit))
        for a in role_assignments(user)
    )


def explanation_scope(user) -> Q:
    """A filter on ExplanationRequest: those whose task `user` sees."""
    from nhiemvu.tracking.models import Task

    if not _active(user):
        return Q(pk__in=[])
    if is_admin(user):
        return Q()
    return Q(task__in=Task.objects.visible_to(user).values("pk"))


def can_view_explanation(user, request) -> bool:
    return task_policy.can(user, Action.VIEW, request.task)


def answerable(user) -> Q:
    """A filter on ExplanationRequest: the requests `user` answers for their unit, answered
    or not (pending() narrows it to what waits for them)."""
    if not _active(user):
        return Q(pk__in=[])
    if is_admin(user):
        return Q()
    scope = Q(pk__in=[])
    for a in role_assignments(user):
        if a.role in ANSWERING_ROLES and a.unit is not None:
            scope |= Q(unit__path__startswith=a.unit.path)
    return scope


def can_answer(user, request) -> bool:
    """May `user` answer `request` for the unit asked (answerable, for one request)?"""
    if not _active(user):
        return False
    if is_admin(user):
        return True
    return any(
        a.role in ANSWERING_ROLES and a.unit is not None and request.unit.is_within(a.unit)
        for a in role_assignments(user)
    )
