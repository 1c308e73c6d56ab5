"""Who a user is in the organisation: their roles in units, and what follows from roles
alone (administrators, the units a user follows, who manages the unit tree).

What a user may do to a task is the task policy, in tracking.permissions: accounts does not
know Task's fields.
"""

from django.db.models import Q

from nhiemvu.accounts.choices import Role


def role_assignments(user):
    """The user's role assignments with their units and fields, read once per request."""
    cached = getattr(user, "_role_assignments", None)
    if cached is None:
        cached = list(user.roles.select_related("unit").prefetch_related("fields"))
        user._role_assignments = cached
    return cached


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
