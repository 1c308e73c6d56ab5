"""Reading dates as Vietnamese offices write them (dd/mm/yyyy), and ISO dates."""

import re
from datetime import date, datetime

from django.utils import timezone

# Dates before this are typing mistakes ("01/01/0018"), for every door: the CLI, the web and
# the import (and year 1 overflows when converted to UTC).
EARLIEST_DATE = date(1900, 1, 1)

_VN_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_date(text: str) -> date:
    """`27/12/2018` or `2018-12-27`; raises ValueError otherwise."""
    text = text.strip()
    if match := _VN_DATE.match(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := _ISO_DATE.match(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise ValueError(text)
    return date(year, month, day)


def parse_moment(text: str) -> datetime:
    """`2018-12-27T15:30` in the configured time zone (Asia/Ho_Chi_Minh)."""
    moment = datetime.strptime(text.strip(), "%Y-%m-%dT%H:%M")
    return timezone.make_aware(moment)


def format_date(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def start_of_day(day: date) -> datetime:
    """Midnight at the start of `day`, local time: when imported history counts as recorded."""
    return timezone.make_aware(datetime(day.year, day.month, day.day))
