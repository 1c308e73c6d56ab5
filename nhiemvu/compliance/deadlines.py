"""When a unit's periodic report is due, and where a unit stands with it at a moment.

Seed 003 art. 20.2: the department's report on the province's tasks is due on 10 June for
the half year and 10 December for the year; seed 004 art. 10.1 sets 20 June and 20 November
for the Government's tasks. Deployments choose (settings HALF_YEAR_REPORT_DUE and
YEAR_REPORT_DUE, dd/mm); a report sent on the due day is on time. Pure functions of dates.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from nhiemvu.compliance.choices import PeriodicReport, Timeliness

_SETTINGS = {PeriodicReport.HALF_YEAR: "HALF_YEAR_REPORT_DUE", PeriodicReport.YEAR: "YEAR_REPORT_DUE"}


def _day_of_year(name: str) -> tuple[int, int]:
    text = getattr(settings, name)
    try:
        day, month = (int(part) for part in text.split("/"))
        date(2000, month, day)  # a leap year: 29/02 would be accepted, and then fail in 2001
        if (day, month) == (29, 2):
            raise ValueError
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a day of the year as dd/mm, not {text!r}") from None
    return day, month


def due_date(report: str, year: int) -> date:
    """The last day on which `report` of `year` is on time."""
    day, month = _day_of_year(_SETTINGS[report])
    return date(year, month, day)


def timeliness(*, sent_on: date | None, due: date, today: date) -> Timeliness:
    """On time if sent by the due day, late after it; not sent: not yet due until the due day
    has passed, then missing."""
    if sent_on is not None:
        return Timeliness.ON_TIME if sent_on <= due else Timeliness.LATE
    return Timeliness.MISSING if today > due else Timeliness.NOT_YET_DUE
