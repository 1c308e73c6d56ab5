"""Who a user is in the organisation: their roles in units, and what follows from roles
alone (administrators, the units a user follows, who manages the unit tree).

What a user may do to a task is the task policy, in tracking.permissions: accounts does not
know Task's fields.
"""

from functools import lru_cache

from django.db.models import F, Q

from nhiemvu.accounts import directory
from nhiemvu.accounts.choices import Role


def _read_assignments(user_pk: int) -> tuple:
    """A user's role assignments with their units, each with the ids of its fields as
    `field_ids`, in one query (a row per field: Django's prefetch of the fields was a second
    query, 0.6 ms of the process's CPU on PostgreSQL)."""
    from nhiemvu.accounts.models import RoleAssignment  # this module is read before the models

    assignments: dict[int, RoleAssignment] = {}
    rows = (
        RoleAssignment.objects.filter(user_id=user_pk)
        .select_related("unit")
        .annotate(field_pk=F("fields__id"))
        .order_by("pk")
    )
    for row in rows:
        assignment = assignments.setdefault(row.pk, row)
        if not hasattr(assignment, "field_ids"):
            assignment.field_ids = set()
        if row.field_pk is not None:
            assignment.field_ids.add(row.field_pk)
    for assignment in assignments.values():
        assignment.field_ids = frozenset(assignment.field_ids)
    return tuple(assignments.values())


@lru_cache(maxsize=1024)
def _assignments(user_pk: int, stamp: int) -> tuple:
    """A user's role assignments as of the directory's `stamp` (accounts.directory): the same
    objects for every request of the process until the stamp changes; callers only read them."""
    return _read_assignments(user_pk)


def role_assignments(user):
    """The user's role assignments with their units and the ids of their fields (`field_ids`),
    once per request, and from the process's cache while the directory's stamp is the same (the
    assignments' query, 0.4 ms of CPU a request on PostgreSQL, against one plain SELECT)."""
    cached = getattr(user, "_role_assignments", None)
    if cached is None:
        if user.pk is None:
            cached = ()
        else:
            # Read again with them: code that changes a user's roles drops `_role_assignments`.
            stamp = directory.stamp_seen_by(user, again=True)
            cached = _read_assignments(user.pk) if stamp is None else _assignments(user.pk, stamp)
        user._role_assignments = cached
    return cached


def forget_role_assignments() -> None:
    """Empty the process's cache (tests: a rolled-back test's successor may reuse the ids)."""
    _assignments.cache_clear()


def is_admin(user) -> bool:
    return user.is_active and (user.is_superuser or any(a.role == Role.ADMIN for a in role_assignments(user)))


def _subtrees(user, roles=None) -> Q | None:
    """A filter on Unit: the units the user holds a role in (of `roles`, or any) with the units
    below them; None for administrators (no limit), nothing for an inactive or anonymous user."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if is_admin(user):
        return None
    scope = Q(pk__in=[])
    for assignment in role_assignments(user):
        if assignment.unit is not None and (roles is None or assignment.role in roles):
            scope |= Q(path__startswith=assignment.unit.path)
    return scope


def unit_scope(user) -> Q | None:
    """A filter on Unit: the units whose tasks `user` follows, each unit they hold a role in
    with the units below it (what per-unit reports and lists of units show them). None for
    administrators: no limit."""
    return _subtrees(user)


def can_manage_units(user) -> bool:
    """Renaming, merging and splitting units is for administrators."""
    return is_admin(user)


def focal_officer_units(user) -> Q | None:
    """A filter on Unit: the units whose focal officers `user` keeps. Units send their focal
    officer's name, title, phone and e-mail to the office, which keeps the list (seed 004
    art. 4 and art. 12.2): an office desk keeps those of the units below its role's unit;
    administrators every unit (None: no limit)."""
    return _subtrees(user, {Role.OFFICE_DESK})


def keeps_focal_officers(user) -> bool:
    """Whether `user` keeps any unit's focal officers (the page's door)."""
    return is_admin(user) or any(
        a.role == Role.OFFICE_DESK and a.unit is not None for a in role_assignments(user)
    )


def can_keep_focal_officer_of(user, unit) -> bool:
    """focal_officer_units' rule for one unit (units.services checks it on the unit changed)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return is_admin(user) or any(
        a.role == Role.OFFICE_DESK and a.unit is not None and unit.path.startswith(a.unit.path)
        for a in role_assignments(user)
    )
