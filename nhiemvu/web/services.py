"""What the dashboard shows, as plain data: every query starts from what the user may see."""

from dataclasses import dataclass
from datetime import date

from nhiemvu.accounts import permissions
from nhiemvu.reports.services import UnitReport, timeliness_counts, unit_report
from nhiemvu.tracking.choices import NOT_COUNTED, TIMELINESS_BADGE, Timeliness
from nhiemvu.tracking.models import Task
from nhiemvu.units.models import Unit
from nhiemvu.web.forms import Period

OVERDUE_PAGE = 50
TIMELINESS_ICON = {
    Timeliness.DONE_ON_TIME: "check2-circle",
    Timeliness.DONE_LATE: "check2-square",
    Timeliness.OPEN_NOT_DUE: "hourglass-split",
    Timeliness.OPEN_NO_DEADLINE: "infinity",
    Timeliness.OPEN_OVERDUE: "exclamation-octagon",
}


@dataclass(frozen=True)
class Card:
    key: str
    label: str
    count: int
    badge: str
    icon: str


def visible_units(user):
    """The units whose tasks `user` follows; None for administrators (no limit)."""
    scope = permissions.unit_scope(user)
    return None if scope is None else Unit.objects.filter(scope)


def timeliness_cards(user, day: date) -> list[Card]:
    """How the user's tasks stand on `day`, one count per timeliness class, in one query.
    Tasks cancelled or returned to the office count against no unit (as in the reports)."""
    counts = (
        Task.objects.visible_to(user).exclude(lifecycle__in=NOT_COUNTED).aggregate(**timeliness_counts(day))
    )
    return [
        Card(
            choice.value,
            choice.label,
            counts[choice.value],
            TIMELINESS_BADGE[choice],
            TIMELINESS_ICON[choice],
        )
        for choice in Timeliness
    ]


def overdue_tasks(user, day: date):
    """The user's open tasks past their due date on `day`, the longest overdue first."""
    return (
        Task.objects.visible_to(user)
        .overdue(as_of=day)
        .select_related("directive", "lead_unit")
        .order_by("due_in_force", "id")
    )


def unit_table(user, period: Period) -> UnitReport:
    """Seed 000 appendix 02 over the tasks the user may see, in the rows of the units they follow."""
    return unit_report(
        date_from=period.date_from,
        date_to=period.date_to,
        as_of=period.as_of,
        tasks=Task.objects.visible_to(user),
        lead_units=visible_units(user),
    )
