"""What the home page shows, as plain data: every query starts from what the user may see."""

from datetime import date

from nhiemvu.accounts import permissions
from nhiemvu.tracking.agenda import Section, agenda
from nhiemvu.units.models import Unit
from nhiemvu.web.counts import cached, data_version, scope_key


def visible_units(user):
    """The units whose tasks `user` follows; None for administrators (no limit)."""
    scope = permissions.unit_scope(user)
    return None if scope is None else Unit.objects.filter(scope)


def my_work(user, day: date, version: tuple | None = None) -> list[Section]:
    """ "Việc của tôi" (tracking.agenda) for `day`, cached as the dashboard's counts are
    (web.counts): seven counts over a national scope take over a second at a million tasks."""
    version = version or data_version()
    return cached(("agenda", scope_key(user), day.isoformat(), version), lambda: agenda(user, today=day))
