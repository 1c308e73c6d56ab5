"""What the home page shows, as plain data: every query starts from what the user may see."""

from datetime import date

from django.urls import reverse
from django.utils.http import urlencode

from nhiemvu.accounts import permissions
from nhiemvu.tracking.agenda import Need, Section, agenda
from nhiemvu.tracking.choices import Timeliness
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


def need_list_url(section, today) -> str:
    """The task list of exactly the need's tasks, for the needs one filter expresses."""
    day = f"{today:%d/%m/%Y}"
    if section.need == Need.OVERDUE:
        query = {"timeliness": Timeliness.OPEN_OVERDUE, "on": day}
    elif section.need == Need.DUE_SOON:
        query = {"timeliness": Timeliness.OPEN_NOT_DUE, "on": day, "due_from": day, "due_to": section.due_to}
    elif section.need == Need.RESULT_NOT_RECORDED:
        query = {"timeliness": Timeliness.OPEN_OVERDUE, "on": day, "due_to": section.due_to}
    else:
        return ""
    if "due_to" in query:
        query["due_to"] = f"{query['due_to']:%d/%m/%Y}"
    return f"{reverse('tracking:task_list')}?{urlencode(query)}"
