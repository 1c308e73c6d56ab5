"""Who keeps the compliance register: the office, which receives the units' reports (seed
003 art. 20.2, seed 004 art. 10.1) and judges them (seed 000 appendix 03). The same rule as
the focal officers' list (seed 004 art. 12.2), which the office keeps too: an office desk
keeps the lines of the units below its role's unit, administrators every unit's."""

from nhiemvu.accounts.permissions import can_keep_focal_officer_of, focal_officer_units, keeps_focal_officers


def kept_units(user):
    """A filter on Unit: the units whose register lines `user` keeps (None: every unit)."""
    return focal_officer_units(user)


def keeps_register(user) -> bool:
    """Whether `user` keeps any unit's line (the register page's door)."""
    return keeps_focal_officers(user)


def can_keep(user, unit) -> bool:
    """kept_units' rule for one unit, which the services check on the unit changed."""
    return can_keep_focal_officer_of(user, unit)
