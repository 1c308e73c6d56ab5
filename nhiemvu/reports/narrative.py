"""The narrative report of the office (seed 002): the tasks of a month and of the period to
date, each figure as "x/y nhiệm vụ, chiếm z%", both completion rates, and the units that
recorded results late, left completed tasks unrecorded, or have overdue tasks.

Two moments, both passed in, never read from the clock here:
- `as_of`, the extraction moment ("đến thời điểm 10h00 ngày 03/07/2019"): every figure is
  what the system knew then (reports.services.unit_report), so the same `as_of` gives the
  same figures whenever the report is run;
- `made_at`, when the report is made (the caller's "now", not before `as_of`): it bounds what
  was recorded *after* `as_of` that the report looks at. As recorded (the default), that is one
  list only, the tasks completed by the extraction moment but recorded after it (seed 002 "đã
  hoàn thành nhưng không theo dõi cập nhật"): a report made at its own extraction moment has
  none, and nothing recorded after `as_of` changes any figure. Corrected (`corrected=True`, an
  explicit choice the document states), the figures of the extraction day follow effective
  dates with what was recorded up to `made_at` (reports.delays.corrections).
Either way the same (`as_of`, `made_at`, `corrected`) gives the same report whenever it is run.
The report as a document: reports.narrative_document.
"""

from collections import Counter
from dataclasses import dataclass, field, fields
from datetime import date, datetime

from django.utils import timezone

from nhiemvu.reports.delays import (
    UnitCount,
    completed_after,
    completed_after_by_unit,
    corrections,
    late_result_records,
    per_unit,
)
from nhiemvu.reports.percent import (
    Rate,
    breakdown,
    rate_over_assigned,
    rate_over_due,
)
from nhiemvu.reports.services import Counts, unit_report
from nhiemvu.units.models import Unit
from nhiemvu.workdays.calendar import WorkCalendar


@dataclass
class PeriodFigures:
    """The figures of the tasks assigned within [date_from, date_to]."""

    date_from: date
    date_to: date
    totals: Counts
    units: int  # lead units with tasks counted
    completed_unrecorded: int  # open at as_of, completed by then, recorded after it (by made_at)
    late_records: list[UnitCount] = field(default_factory=list)
    unrecorded: list[UnitCount] = field(default_factory=list)
    overdue: list[UnitCount] = field(default_factory=list)

    @property
    def completed(self) -> int:
        return self.totals.done_on_time + self.totals.done_late

    @property
    def open(self) -> int:
        return self.totals.total - self.completed

    @property
    def within_deadline(self) -> int:
        return self.totals.open_not_due + self.totals.open_no_deadline

    def rates(self) -> list[Rate]:
        return [
            rate_over_due(completed=self.completed, open_overdue=self.totals.open_overdue),
            rate_over_assigned(completed=self.completed, total=self.totals.total),
        ]

    def shares(self) -> dict[str, tuple]:
        """Every level of the breakdown: name → ((part, whole, percent), …), each summing to 100 %."""
        t = self.totals
        levels = {
            "total": [self.completed, self.open],
            "completed": [t.done_on_time, t.done_late],
            "open": [self.within_deadline, t.open_overdue],
            "within_deadline": [t.open_not_due, t.open_no_deadline],
        }
        return {
            name: tuple(
                (part, sum(parts), percent) for part, percent in zip(parts, breakdown(parts), strict=True)
            )
            for name, parts in levels.items()
        }


COUNT_FIELDS = [f.name for f in fields(Counts)]


@dataclass
class NarrativeReport:
    as_of: datetime
    made_at: datetime
    periods: list[PeriodFigures]
    corrected: bool = False
    # The task-list filters holding what the report covers (reports.links.list_scope), for the
    # links of its figures on screen; None: no links.
    links_to: dict | None = None


def narrative_report(
    *,
    periods: list[tuple[date, date]],
    as_of: datetime,
    made_at: datetime,
    tasks=None,
    lead_units=None,
    calendar: WorkCalendar | None = None,
    corrected: bool = False,
) -> NarrativeReport:
    """Seed 002 for each of `periods` (the month, then the period to date), as the system knew
    it at `as_of`. `tasks` and `lead_units` limit the scope as in unit_report; `calendar`: as
    reports.delays.late_result_records needs it (loaded when not given).

    `corrected`: the figures on the day of `as_of` by effective dates, with what was recorded
    after it up to `made_at` (`corrections`); the document says so."""
    if made_at < as_of:
        raise ValueError(f"made_at {made_at} is before as_of {as_of}")
    figures = [
        period_figures(
            date_from=first,
            date_to=last,
            as_of=as_of,
            made_at=made_at,
            tasks=tasks,
            lead_units=lead_units,
            calendar=calendar,
            corrected=corrected,
        )
        for first, last in periods
    ]
    return NarrativeReport(as_of=as_of, made_at=made_at, periods=figures, corrected=corrected)


def period_figures(
    *, date_from, date_to, as_of, made_at, tasks=None, lead_units=None, calendar=None, corrected=False
) -> PeriodFigures:
    """One period of the report: unit_report's counts (moved by the corrections when corrected),
    the results recorded late in the period, the completions recorded after `as_of`, and the
    units with overdue tasks, in tree order with their names at the period's end."""
    report = unit_report(
        date_from=date_from, date_to=date_to, as_of=as_of, tasks=tasks, lead_units=lead_units
    )
    label_day = min(date_to, timezone.localdate(as_of))
    # The report's own rows (UnitRow is a Counts), moved in place when corrected.
    counts: dict[int, Counts] = {row.unit_id: row for row in report.rows}
    scope = {"date_from": date_from, "date_to": date_to, "as_of": as_of, "made_at": made_at}
    if corrected:  # the tasks one by one, with their completion dates, for the corrections
        unrecorded = completed_after(**scope, tasks=tasks, lead_units=lead_units)
        unrecorded_counts = Counter(then.lead_unit_id for then, _completed_on in unrecorded.values())
        for _task_id, unit_id, was, now in corrections(
            unrecorded, **scope, tasks=tasks, lead_units=lead_units
        ):
            row = counts.setdefault(unit_id, Counts())
            if was is None:
                row.total += 1
            else:
                setattr(row, was, getattr(row, was) - 1)
            setattr(row, now, getattr(row, now) + 1)
    else:  # counted per unit in the database
        unrecorded_counts = completed_after_by_unit(**scope, tasks=tasks, lead_units=lead_units)
    [late_counts] = late_result_records(
        recorded_from=date_from,
        recorded_to=date_to,
        as_of=made_at if corrected else as_of,
        tasks=tasks,
        lead_units=lead_units,
        calendar=calendar,
        buckets=[date_from],  # per unit over the whole period
    )
    totals = (
        Counts(*(sum(getattr(c, name) for c in counts.values()) for name in COUNT_FIELDS))
        if corrected
        else report.totals  # the rows' own sums
    )
    # unit_report's rows name its units in tree order on the same day; the tree is walked
    # again only when a list shows a unit without tasks counted in the period.
    names = [(row.unit_id, row.unit) for row in report.rows]
    shown = {*counts, *late_counts, *unrecorded_counts}
    if not shown.issubset(row.unit_id for row in report.rows):
        names = Unit.objects.labels_in_tree_order(shown, label_day)
    return PeriodFigures(
        date_from=date_from,
        date_to=date_to,
        totals=totals,
        units=len(counts),
        completed_unrecorded=sum(unrecorded_counts.values()),
        late_records=per_unit(late_counts, names=names),
        unrecorded=per_unit(unrecorded_counts, names=names),
        overdue=[
            UnitCount(pk, name, counts[pk].open_overdue)
            for pk, name in names
            if pk in counts and counts[pk].open_overdue
        ],
    )


def as_data(report: NarrativeReport) -> dict:
    """The JSON of the report: every figure, every share, both rates."""

    def units(counts: list[UnitCount]) -> list[dict]:
        return [{"unit": c.unit, "unit_id": c.unit_id, "count": c.count} for c in counts]

    return {
        "as_of": timezone.localtime(report.as_of).isoformat(timespec="minutes"),
        "made_at": timezone.localtime(report.made_at).isoformat(timespec="minutes"),
        "corrected": report.corrected,
        "periods": [
            {
                "from": p.date_from.isoformat(),
                "to": p.date_to.isoformat(),
                "units": p.units,
                "totals": p.totals.as_dict(),
                "completed_unrecorded": p.completed_unrecorded,
                "shares": {
                    name: [{"part": part, "whole": whole, "percent": str(pc)} for part, whole, pc in level]
                    for name, level in p.shares().items()
                },
                "rates": [rate.as_data() for rate in p.rates()],
                "late_records": units(p.late_records),
                "unrecorded": units(p.unrecorded),
                "overdue": units(p.overdue),
            }
            for p in report.periods
        ],
    }
