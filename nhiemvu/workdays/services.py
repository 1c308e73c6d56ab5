"""Loading the working-day calendar from the library and the DayOverride table."""

from datetime import date

from nhiemvu.workdays.calendar import WorkCalendar, build_calendar
from nhiemvu.workdays.models import DayOverride


def load_calendar(first_year: int, last_year: int) -> WorkCalendar:
    """The calendar of first_year to last_year with the current overrides: one query.

    Overrides are read on every call, so a change in the admin applies to the next load in
    every process; only the library's part is cached (calendar._library_days). Load once per
    request or job and reuse the calendar for all its tasks.
    """
    overrides = DayOverride.objects.filter(
        date__range=(date(first_year, 1, 1), date(last_year, 12, 31))
    ).values_list("date", "kind")
    return build_calendar(range(first_year, last_year + 1), overrides)
