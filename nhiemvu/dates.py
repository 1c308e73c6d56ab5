"""Reading dates as Vietnamese offices write them (dd/mm/yyyy), and ISO dates."""

from datetime import date, datetime
from functools import lru_cache

from django.utils import timezone

# Dates before this are typing mistakes ("01/01/0018"), for every door: the CLI, the web and
# the import (and year 1 overflows when converted to UTC).
EARLIEST_DATE = date(1900, 1, 1)

# The one list of date input formats: every form and the admin (through the project formats
# module, FORMAT_MODULE_PATH), the CLI and the import (through parse_date). The day first, as
# Vietnamese offices write it (Decree 30/2020 appendix I: "ngày 27 tháng 12 năm 2018" is written
# 27/12/2018); `%d` and `%m` also take one digit (1/12/2026); ISO for machines and <input type=date>.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d"]
# A moment (a report "as of 15h30 on 27/12/2018"): a date of that list and the time, or ISO
# (the links the pages write to the second).
MOMENT_INPUT_FORMATS = [f"{day} {time}" for day in DATE_INPUT_FORMATS for time in ("%H:%M:%S", "%H:%M")] + [
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
]
# Shown everywhere: 27/12/2018 (Django's date filter syntax, for DATE_FORMAT).
DATE_DISPLAY_FORMAT = "d/m/Y"


def parse_date(text: str) -> date:
    """`27/12/2018`, `1/12/2026`, `27.12.2018` or `2018-12-27`; raises ValueError otherwise.

    Only ASCII digits: Arabic-Indic or full-width digits look like a date to Python but are
    not what a clerk typed on purpose.
    """
    text = text.strip()
    day = _parse_ascii(text) if text.isascii() else None
    if day is None:
        raise ValueError(text)
    return day


@lru_cache(maxsize=4096)  # an import file has thousands of date cells, a few hundred distinct days
def _parse_ascii(text: str) -> date | None:
    for date_format in DATE_INPUT_FORMATS:
        try:
            return datetime.strptime(text, date_format).date()
        except ValueError:
            continue
    return None


def parse_moment(text: str) -> datetime:
    """`2018-12-27T15:30` in the configured time zone (Asia/Ho_Chi_Minh)."""
    moment = datetime.strptime(text.strip(), "%Y-%m-%dT%H:%M")
    return timezone.make_aware(moment)


def format_date(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def start_of_day(day: date) -> datetime:
    """Midnight at the start of `day`, local time: when imported history counts as recorded."""
    return timezone.make_aware(datetime(day.year, day.month, day.day))
