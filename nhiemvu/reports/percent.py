"""Percentages as the reports print them: breakdowns that add up, and the two completion rates.

Seed 002's figures do not add up (128 + 201 + 12 ≠ 342; 189/531 printed as 33 %, which is
36 %): each share rounded on its own can leave a breakdown at 99 or 101 %. Here a breakdown
is rounded with the largest remainder method, so its shares always sum to exactly 100 %.

The completion rate has two definitions in use, and a report labels the one it prints:
- over the tasks that have come due, as the Government Office states it ("đã hoàn thành
  16.051/16.274 nhiệm vụ đến hạn, đạt 98,62%"): truncated, never rounded up, so that a rate
  of 99.996 % is not printed as 100 % while a task is still overdue;
- over all the tasks assigned, as seed 002 does (189/531).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nhiemvu.reports.document import Linked, figure, linked

HUNDRED = Decimal(100)
RATE_DECIMALS = 2  # 98,62%, as the Government Office prints its rate


def breakdown(counts: list[int], *, decimals: int = 0) -> list[Decimal]:
    """Each count's share of their sum in percent, to `decimals` places, summing to exactly
    100 (largest remainder method: every share is rounded down, and the units of the last
    place still missing go to the largest remainders, the earlier share first on a tie).

    A breakdown of nothing (all counts 0) is all zeros: there is no 100 % to share."""
    if any(count < 0 for count in counts):
        raise ValueError(f"counts must not be negative: {counts}")
    total = sum(counts)
    if total == 0:
        return [Decimal(0).scaleb(-decimals)] * len(counts)
    places = 100 * 10**decimals  # the whole in units of the last place
    floors, remainders = zip(*(divmod(count * places, total) for count in counts), strict=True)
    missing = places - sum(floors)
    largest = sorted(range(len(counts)), key=lambda i: -remainders[i])[:missing]
    return [Decimal(floor + (i in largest)).scaleb(-decimals) for i, floor in enumerate(floors)]


def truncated_percent(part: int, whole: int, *, decimals: int = RATE_DECIMALS) -> Decimal | None:
    """part/whole in percent, cut (not rounded) to `decimals` places: 16,051/16,274 is 98.62
    (98.6297…). None when `whole` is 0: no rate, rather than a made-up 0 or 100 %."""
    if whole == 0:
        return None
    return Decimal(truncated_places(part, whole, decimals=decimals)).scaleb(-decimals)


def truncated_places(part: int, whole: int, *, decimals: int = RATE_DECIMALS) -> int:
    """truncated_percent in units of its last place (98.62 % is 9862): an int, which sorts
    and compares faster than a Decimal. `whole` must not be 0."""
    return part * 100 * 10**decimals // whole


def format_count(count: int) -> str:
    """16.051: Vietnamese writes a dot between thousands."""
    return f"{count:,}".replace(",", ".")


def format_percent(value: Decimal | None) -> str:
    """98,62%: the decimal comma; "—" when there is no rate."""
    if value is None:
        return "—"
    return f"{value}%".replace(".", ",")


def share_text(part: int, whole: int, percent: Decimal | None) -> str:
    """ "189/531 nhiệm vụ, chiếm 36%": how seed 002 states each figure of a breakdown."""
    return linked_share(part, whole, percent).text


def linked_share(part: int, whole: int, percent: Decimal | None, links: tuple = (None, None)) -> Linked:
    """share_text, the part and the whole linked to the lists of their tasks (`links`), the
    percentage to its numerator's, the part's."""
    return linked(
        _("%(part)s/%(whole)s nhiệm vụ, chiếm %(percent)s"),
        {
            "part": figure(format_count(part), links[0]),
            "whole": figure(format_count(whole), links[1]),
            "percent": figure(format_percent(percent), links[0] if percent is not None else None),
        },
    )


@dataclass(frozen=True)
class Rate:
    """A completion rate with the definition it follows, so no figure is printed unlabelled."""

    definition: str  # RATE_OVER_DUE or RATE_OVER_ASSIGNED
    completed: int
    base: int
    percent: Decimal | None

    @property
    def label(self) -> str:
        return str(RATE_LABELS[self.definition])

    def text(self) -> str:
        """ "Tỷ lệ hoàn thành trên số nhiệm vụ đã đến hạn: 16.051/16.274 nhiệm vụ, đạt 98,62%"."""
        return self.linked().text

    def linked(self, links: tuple = (None, None)) -> Linked:
        """text(), the completed and the base linked to the lists of their tasks (`links`), the
        rate to its numerator's, the completed."""
        return linked(
            _("%(label)s: %(part)s/%(whole)s nhiệm vụ, đạt %(percent)s"),
            {
                "label": self.label,
                "part": figure(format_count(self.completed), links[0]),
                "whole": figure(format_count(self.base), links[1]),
                "percent": figure(
                    format_percent(self.percent), links[0] if self.percent is not None else None
                ),
            },
        )

    def as_data(self) -> dict:
        return {
            "definition": self.definition,
            "label": self.label,
            "completed": self.completed,
            "base": self.base,
            "percent": None if self.percent is None else str(self.percent),
        }


RATE_OVER_DUE = "over_due"
RATE_OVER_ASSIGNED = "over_assigned"
RATE_LABELS = {
    RATE_OVER_DUE: gettext_lazy("Tỷ lệ hoàn thành trên số nhiệm vụ đã đến hạn"),
    RATE_OVER_ASSIGNED: gettext_lazy("Tỷ lệ hoàn thành trên tổng số nhiệm vụ được giao"),
}


def rate_over_due(*, completed: int, open_overdue: int) -> Rate:
    """The Government Office's rate: completed over the tasks that have come due, that is the
    completed ones (whatever their due date) and the open ones past their due date; the open
    tasks still within their deadline or without one are not yet due and left out. Truncated."""
    base = completed + open_overdue
    return Rate(RATE_OVER_DUE, completed, base, truncated_percent(completed, base))


def rate_over_assigned(*, completed: int, total: int) -> Rate:
    """Seed 002's rate: completed over every task assigned in the period (189/531). Truncated
    too, so that both rates of one report follow the same rule."""
    return Rate(RATE_OVER_ASSIGNED, completed, total, truncated_percent(completed, total))


def as_float(value: Decimal | None) -> float | None:
    """A percentage for a table cell (Column kind "percent", 0–100)."""
    return None if value is None else float(value)
