"""The working-day calendar of state bodies: a pure module, no ORM and no clock.

Officials work Monday to Friday. The days off come in three layers, each winning over the
one before: the Labour Code holidays as the pinned `holidays` library computes them for
Vietnam (Tết and Hùng Kings' day from the lunar calendar, compensation days, the extra
National Day day, and its table of government day swaps); the official days shipped with
the package (official_days.py: every day off and make-up day of the years it covers, with
its legal basis), which correct the library where it is wrong (2/1/2026 off and 10/1/2026
worked, Công văn 12729/VPCP-KGVX); and the admin's corrections (`DayOverride`).

A calendar covers whole years, `first_year` to `last_year`. A question whose answer
depends on a day outside them raises ValueError instead of guessing, because a deadline
computed without next year's Tết would be silently wrong: load the years you need, with a
year of margin when deadlines can run past 31 December.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import holidays

from nhiemvu.workdays.choices import OverrideKind


def is_weekend(day: date) -> bool:
    """Saturday or Sunday."""
    return day.weekday() >= 5


@dataclass(frozen=True)
class WorkCalendar:
    """Which days are worked, from 1 January of `first_year` to 31 December of `last_year`.

    `days_off` holds weekday dates that are not worked (public holidays, compensation days,
    official extra days off); `makeup_days` holds weekend dates that are worked (official day
    swaps). Every other weekday is worked and every other weekend day is not.
    """

    days_off: frozenset[date]
    makeup_days: frozenset[date]
    first_year: int
    last_year: int
    # Every working day of the covered years in order, so that adding and counting working
    # days are a binary search rather than a walk over the dates.
    _working_days: tuple[date, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.first_year > self.last_year:
            raise ValueError(f"first_year {self.first_year} is after last_year {self.last_year}")
        misplaced = sorted(
            [d for d in self.days_off if is_weekend(d) or not self._covers(d)]
            + [d for d in self.makeup_days if not is_weekend(d) or not self._covers(d)]
        )
        if misplaced:
            raise ValueError(
                f"days_off must be weekdays and makeup_days weekend days, all within "
                f"{self.first_year}-{self.last_year}; misplaced: {', '.join(map(str, misplaced))}"
            )
        first, last = date(self.first_year, 1, 1), date(self.last_year, 12, 31)
        days = (first + timedelta(days=n) for n in range((last - first).days + 1))
        object.__setattr__(self, "_working_days", tuple(d for d in days if self._is_worked(d)))

    def is_working_day(self, day: date) -> bool:
        self._require_covered(day)
        return self._is_worked(day)

    def add_working_days(self, start: date, count: int) -> date:
        """The `count`-th working day after `start`, `start` itself not counted; `start` if `count` is 0.

        `start` need not be a working day: 1 working day after a Saturday is the Monday.
        """
        if count < 0:
            raise ValueError(f"count must be 0 or more, not {count}")
        self._require_covered(start)
        if count == 0:
            return start
        index = bisect_right(self._working_days, start) + count - 1
        if index >= len(self._working_days):
            raise ValueError(
                f"{count} working days after {start} falls after the working-day calendar, which ends "
                f"with {self.last_year}; load a calendar that covers {self.last_year + 1}"
            )
        return self._working_days[index]

    def count_working_days(self, start: date, end: date) -> int:
        """The number of working days d with start < d <= end; 0 when `end` is not after `start`."""
        if end <= start:
            return 0
        self._require_covered(start)
        self._require_covered(end)
        return bisect_right(self._working_days, end) - bisect_right(self._working_days, start)

    def _covers(self, day: date) -> bool:
        return self.first_year <= day.year <= self.last_year

    def _require_covered(self, day: date) -> None:
        if not self._covers(day):
            raise ValueError(
                f"{day} is outside the working-day calendar ({self.first_year}-{self.last_year}); "
                f"load a calendar that covers {day.year}"
            )

    def _is_worked(self, day: date) -> bool:
        return day in self.makeup_days or not (is_weekend(day) or day in self.days_off)


def build_calendar(
    years: Iterable[int],
    *,
    official: Iterable[tuple[date, str]] = (),
    corrections: Iterable[tuple[date, str]] = (),
) -> WorkCalendar:
    """The calendar of every year from min(years) to max(years): library, then official, then corrections.

    `official` (the shipped official days, official_days.official_pairs) and `corrections`
    (the admin's) are (date, kind) pairs, kind an `OverrideKind` value. Official days win
    over the library and corrections over both: a "day_off" makes the date not worked, a
    "working_day" makes it worked. Pairs outside the years are ignored.
    """
    years = list(years)
    if not years:
        raise ValueError("build_calendar needs at least one year")
    first_year, last_year = min(years), max(years)
    library_days_off, library_makeup_days = _library_days(first_year, last_year)
    days_off, makeup_days = set(library_days_off), set(library_makeup_days)
    for layer in (official, corrections):
        for day, kind in layer:
            if first_year <= day.year <= last_year:
                _apply(day, OverrideKind(kind), days_off, makeup_days)
    return WorkCalendar(frozenset(days_off), frozenset(makeup_days), first_year, last_year)


def _apply(day: date, kind: OverrideKind, days_off: set[date], makeup_days: set[date]) -> None:
    if kind == OverrideKind.DAY_OFF:
        makeup_days.discard(day)
        if not is_weekend(day):
            days_off.add(day)
    else:
        days_off.discard(day)
        if is_weekend(day):
            makeup_days.add(day)


@lru_cache(maxsize=32)
def _library_days(first_year: int, last_year: int) -> tuple[frozenset[date], frozenset[date]]:
    """Weekday holidays and make-up weekend days of the pinned `holidays` release.

    Cached per process: the answer depends only on the library version (a few years take
    ~15 ms to compute), while the official days and corrections are applied on every build.
    """
    library = holidays.country_holidays("VN", years=range(first_year, last_year + 1), language="vi")
    days_off = frozenset(d for d in library if first_year <= d.year <= last_year and not is_weekend(d))
    # weekend_workdays also lists swaps of years that were not asked for.
    makeup_days = frozenset(d for d in library.weekend_workdays if first_year <= d.year <= last_year)
    return days_off, makeup_days
