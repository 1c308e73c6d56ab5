"""Report periods: a month, a quarter, a half year, a year, any range, and the period to date.

Each deployment chooses how a period's days are counted (settings.REPORT_PERIOD_CUTOFF):

- "calendar": a month is the calendar month, a year runs from 1 January to 31 December;
- "decree09": Decree 09/2019/NĐ-CP art. 12, the cut-off of periodic reports: a month runs
  from the 15th of the month before to the 14th of the month itself (12.1); a quarter from
  the 15th of the month before it to the 14th of its last month (12.2); the first half year
  from 15 December of the year before to 14 June, the second from 15 June to 14 December
  (12.3); a year from 15 December of the year before to 14 December (12.4).

Calendar periods stay available whatever the setting: pass `cutoff=CALENDAR`.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as lazy

from nhiemvu.dates import EARLIEST_DATE, format_date
from nhiemvu.text import normalise_text

CALENDAR = "calendar"
DECREE_09 = "decree09"
CUTOFFS = (CALENDAR, DECREE_09)
CUTOFF_DAY = 15  # Decree 09/2019/NĐ-CP art. 12: from the 15th of the month before to the 14th

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
LATEST_YEAR = 9998  # a year's last day under any cut-off stays a valid date


@dataclass(frozen=True)
class Period:
    """[date_from, date_to], both days included, with what it is called in a report.

    `kind` is "month", "quarter", "half", "year", "to_date" (the first `number` months of a
    year) or "range"; `number` the month (1–12), quarter (1–4), half (1–2) or months to date;
    `in_year` the year the period belongs to (under "decree09", December's 15th to 31st
    belong to the next year's periods).
    """

    date_from: date
    date_to: date
    kind: str = "range"
    number: int | None = None
    in_year: int | None = None
    cutoff: str = CALENDAR

    @classmethod
    def month(cls, year: int, month: int, *, cutoff: str | None = None) -> "Period":
        return _months(year, month, month, kind="month", number=month, cutoff=cutoff)

    @classmethod
    def quarter(cls, year: int, quarter: int, *, cutoff: str | None = None) -> "Period":
        return _months(year, 3 * quarter - 2, 3 * quarter, kind="quarter", number=quarter, cutoff=cutoff)

    @classmethod
    def half(cls, year: int, half: int, *, cutoff: str | None = None) -> "Period":
        return _months(year, 6 * half - 5, 6 * half, kind="half", number=half, cutoff=cutoff)

    @classmethod
    def year(cls, year: int, *, cutoff: str | None = None) -> "Period":
        return _months(year, 1, 12, kind="year", number=None, cutoff=cutoff)

    @classmethod
    def range(cls, date_from: date, date_to: date) -> "Period":
        if date_from > date_to:
            raise ValidationError(lazy("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc."), code="order")
        return cls(date_from, date_to)

    @classmethod
    def up_to(cls, day: date, *, cutoff: str | None = None) -> "Period":
        """From the start of the year (under `cutoff`) to `day`: the period to date."""
        cutoff = cutoff or default_cutoff()
        start = _months(_year_of(day, cutoff), 1, 1, kind="month", number=1, cutoff=cutoff).date_from
        return cls(start, day, cutoff=cutoff)

    def to_date(self) -> "Period":
        """From the start of the period's year to its end, under the same cut-off: what
        seed 002 reports next to its month ("tháng 6/2019 và 6 tháng đầu năm 2019")."""
        if self.kind == "range":
            return Period.up_to(self.date_to, cutoff=self.cutoff)
        months_per_number = {"month": 1, "to_date": 1, "quarter": 3, "half": 6}
        last_month = 12 if self.kind == "year" else months_per_number[self.kind] * self.number
        if last_month == 6:
            return Period.half(self.in_year, 1, cutoff=self.cutoff)
        if last_month == 12:
            return Period.year(self.in_year, cutoff=self.cutoff)
        return _months(self.in_year, 1, last_month, kind="to_date", number=last_month, cutoff=self.cutoff)

    @property
    def label(self) -> str:
        """ "tháng 6/2019", "quý II/2019", "6 tháng đầu năm 2019", "năm 2019",
        "5 tháng đầu năm 2019", "từ 01/01/2019 đến 30/06/2019"."""
        year = self.in_year
        match self.kind:
            case "month":
                return _("tháng %(month)d/%(year)d") % {"month": self.number, "year": year}
            case "quarter":
                roman = next(text for text, value in ROMAN.items() if value == self.number)
                return _("quý %(quarter)s/%(year)d") % {"quarter": roman, "year": year}
            case "half":
                text = _("6 tháng đầu năm %(year)d") if self.number == 1 else _("6 tháng cuối năm %(year)d")
                return text % {"year": year}
            case "year":
                return _("năm %(year)d") % {"year": year}
            case "to_date":
                return _("%(months)d tháng đầu năm %(year)d") % {"months": self.number, "year": year}
        return self.span

    @property
    def span(self) -> str:
        """ "từ 15/05/2019 đến 14/06/2019": the days a report counts, whatever it is called."""
        return _("từ %(from)s đến %(to)s") % {
            "from": format_date(self.date_from),
            "to": format_date(self.date_to),
        }

    def as_data(self) -> dict:
        return {
            "kind": self.kind,
            "label": self.label,
            "from": self.date_from.isoformat(),
            "to": self.date_to.isoformat(),
            "cutoff": self.cutoff,
        }


def period_of(date_from: date, date_to: date) -> Period:
    """The named period (year, half, quarter, month) that [date_from, date_to] is, under the
    deployment's cut-off or the other one, else the range: what a report's title calls it."""
    preferred = default_cutoff()
    for cutoff in (preferred, *(other for other in CUTOFFS if other != preferred)):
        year = _year_of(date_to, cutoff)
        candidates = [
            Period.year(year, cutoff=cutoff),
            *(Period.half(year, half, cutoff=cutoff) for half in (1, 2)),
            *(Period.quarter(year, quarter, cutoff=cutoff) for quarter in range(1, 5)),
            *(Period.month(year, month, cutoff=cutoff) for month in range(1, 13)),
        ]
        for period in candidates:
            if (period.date_from, period.date_to) == (date_from, date_to):
                return period
    return Period.range(date_from, date_to)


def default_cutoff() -> str:
    return settings.REPORT_PERIOD_CUTOFF


def _months(year: int, first: int, last: int, *, kind: str, number: int | None, cutoff: str | None) -> Period:
    """Months `first`..`last` of `year` under `cutoff` (Decree 09/2019 art. 12: from the 15th
    of the month before the first to the 14th of the last)."""
    cutoff = cutoff or default_cutoff()
    if cutoff not in CUTOFFS:
        raise ValueError(f"unknown report period cut-off {cutoff!r}")
    if cutoff == CALENDAR:
        after_last = date(year + 1, 1, 1) if last == 12 else date(year, last + 1, 1)
        return Period(date(year, first, 1), after_last - timedelta(days=1), kind, number, year, cutoff)
    start = date(year - 1, 12, CUTOFF_DAY) if first == 1 else date(year, first - 1, CUTOFF_DAY)
    return Period(start, date(year, last, CUTOFF_DAY - 1), kind, number, year, cutoff)


def _year_of(day: date, cutoff: str) -> int:
    """The year whose periods hold `day` (under "decree09", 15–31 December is next year's)."""
    if cutoff == DECREE_09 and day >= date(day.year, 12, CUTOFF_DAY):
        return day.year + 1
    return day.year


# What the CLI and the web accept: "6/2019", "T6/2019", "Q2/2019", "II/2019", "quý II/2019",
# "H1/2019", "2019"; case, spaces and "tháng"/"quý"/"năm" before the number do not matter.
# ASCII digits only, as nhiemvu.dates reads dates.
_MONTH = re.compile(r"(?:tháng|t)? ?([0-9]{1,2}) ?/ ?([0-9]{4})")
_QUARTER = re.compile(r"(?:(?:quý|q) ?([0-9])|(?:quý ?)?([ivx]+)) ?/ ?([0-9]{4})")
_HALF = re.compile(r"h ?([0-9]) ?/ ?([0-9]{4})")
_YEAR = re.compile(r"(?:năm ?)?([0-9]{4})")

FORMS = lazy("tháng (6/2019), quý (Q2/2019 hoặc II/2019), 6 tháng (H1/2019, H2/2019) hoặc năm (2019)")


def parse_period(text: str, *, cutoff: str | None = None) -> Period:
    """The period `text` names, or a ValidationError saying in Vietnamese what is accepted."""
    cleaned = normalise_text(text).lower()
    if match := _MONTH.fullmatch(cleaned):
        number, year = int(match[1]), _year(match[2], text)
        if not 1 <= number <= 12:
            raise _invalid(lazy("Tháng phải từ 1 đến 12: “%(text)s”."), text)
        return Period.month(year, number, cutoff=cutoff)
    if match := _QUARTER.fullmatch(cleaned):
        number = int(match[1]) if match[1] else ROMAN.get(match[2].upper(), 0)
        year = _year(match[3], text)
        if not 1 <= number <= 4:
            raise _invalid(lazy("Quý phải từ 1 đến 4 (I đến IV): “%(text)s”."), text)
        return Period.quarter(year, number, cutoff=cutoff)
    if match := _HALF.fullmatch(cleaned):
        number, year = int(match[1]), _year(match[2], text)
        if number not in (1, 2):
            raise _invalid(lazy("6 tháng là H1 (đầu năm) hoặc H2 (cuối năm): “%(text)s”."), text)
        return Period.half(year, number, cutoff=cutoff)
    if match := _YEAR.fullmatch(cleaned):
        return Period.year(_year(match[1], text), cutoff=cutoff)
    raise ValidationError(
        lazy("Không hiểu kỳ báo cáo “%(text)s”: dùng %(forms)s."),
        code="period",
        params={"text": text, "forms": FORMS},
    )


def _year(digits: str, text: str) -> int:
    year = int(digits)
    if not EARLIEST_DATE.year < year <= LATEST_YEAR:
        raise _invalid(lazy("Năm không hợp lệ: “%(text)s”."), text)
    return year


def _invalid(message, text: str) -> ValidationError:
    return ValidationError(message, code="period", params={"text": text})
