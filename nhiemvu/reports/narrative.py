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
"""

from collections import Counter
from dataclasses import dataclass, field, fields
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nhiemvu.dates import format_date
from nhiemvu.reports.delays import UnitCount, completed_after, corrections, late_result_records, per_unit
from nhiemvu.reports.document import Document, Paragraph
from nhiemvu.reports.emulation import extraction_line, moment_text, period_label, unit_table
from nhiemvu.reports.percent import (
    Rate,
    breakdown,
    format_count,
    rate_over_assigned,
    rate_over_due,
    share_text,
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
    # The completion dates matter to the corrections only.
    unrecorded = completed_after(**scope, tasks=tasks, lead_units=lead_units, dates=corrected)
    if corrected:
        for unit_id, was, now in corrections(unrecorded, **scope, tasks=tasks, lead_units=lead_units):
            row = counts.setdefault(unit_id, Counts())
            if was is None:
                row.total += 1
            else:
                setattr(row, was, getattr(row, was) - 1)
            setattr(row, now, getattr(row, now) + 1)
    late = late_result_records(
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
    late_counts = {unit_id: n for (unit_id, _bucket), n in late.items()}
    unrecorded_counts = Counter(then.lead_unit_id for then, _completed_on in unrecorded.values())
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
        completed_unrecorded=len(unrecorded),
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


# The marks seed 002 puts before its items ("-" then "+"), and two more for the deeper levels.
ITEM_MARKS = ("-", "+", "•", "·")


def _item(text: str, level: int) -> Paragraph:
    return Paragraph(f"{ITEM_MARKS[level]} {text}", style="item", level=level)


# Seed 002's lines, in its order: (text, level, breakdown, share of it).
RESULT_LINES = [
    (gettext_lazy("Số nhiệm vụ đã hoàn thành: %(share)s"), 1, "total", 0),
    (
        gettext_lazy("Hoàn thành đúng hạn (bao gồm cả nhiệm vụ hoàn thành không giao hạn): %(share)s %(of)s"),
        2,
        "completed",
        0,
    ),
    (gettext_lazy("Hoàn thành quá hạn: %(share)s %(of)s"), 2, "completed", 1),
    (gettext_lazy("Số nhiệm vụ chưa hoàn thành: %(share)s"), 1, "total", 1),
    (gettext_lazy("Trong hạn: %(share)s %(of)s"), 2, "open", 0),
    (gettext_lazy("Chưa đến hạn: %(share)s %(of)s"), 3, "within_deadline", 0),
    (gettext_lazy("Không giao hạn: %(share)s %(of)s"), 3, "within_deadline", 1),
    (gettext_lazy("Trễ hạn: %(share)s %(of)s"), 2, "open", 1),
]
OF = {
    "total": "",
    "completed": gettext_lazy("tổng số nhiệm vụ đã hoàn thành"),
    "open": gettext_lazy("tổng số nhiệm vụ chưa hoàn thành"),
    "within_deadline": gettext_lazy("số nhiệm vụ trong hạn"),
}


def _results(number: str, p: PeriodFigures, report: NarrativeReport) -> list:
    shares = p.shares()
    blocks = [
        Paragraph(
            _("%(number)s. Kết quả thực hiện nhiệm vụ %(period)s:")
            % {"number": number, "period": period_label(p.date_from, p.date_to)},
            style="heading",
        ),
        _item(
            _(
                "Tổng số nhiệm vụ được giao (từ ngày %(from)s đến ngày %(to)s): %(total)s nhiệm vụ giao "
                "cho %(units)s cơ quan, đơn vị. Trong đó:"
            )
            % {
                "from": format_date(p.date_from),
                "to": format_date(p.date_to),
                "total": format_count(p.totals.total),
                "units": format_count(p.units),
            },
            0,
        ),
        *(
            _item(str(text) % {"share": share_text(*shares[name][index]), "of": OF[name]}, level)
            for text, level, name, index in RESULT_LINES
        ),
    ]
    if report.made_at > report.as_of:
        # Corrected, these tasks are among the completed ones; otherwise among the open ones.
        within, after = (p.completed, 4) if report.corrected else (p.open, len(blocks))
        text = (
            _(
                "Trong số nhiệm vụ đã hoàn thành, hoàn thành đến ngày %(day)s nhưng cập nhật trên hệ thống "
                "sau thời điểm trích xuất (tính đến %(made_at)s): %(share)s %(of)s"
            )
            if report.corrected
            else _(
                "Trong số nhiệm vụ chưa hoàn thành, đã hoàn thành đến ngày %(day)s nhưng cập nhật trên hệ "
                "thống sau thời điểm trích xuất (tính đến %(made_at)s): %(share)s %(of)s"
            )
        )
        part = breakdown([p.completed_unrecorded, within - p.completed_unrecorded])[0]
        line = text % {
            "day": format_date(timezone.localdate(report.as_of)),
            "made_at": moment_text(report.made_at),
            "share": share_text(p.completed_unrecorded, within, part),
            "of": OF["completed" if report.corrected else "open"],
        }
        blocks.insert(after, _item(line, 2))
    return blocks + [_item(rate.text(), 1) for rate in p.rates()]


def _unit_list(text: str, counts: list[UnitCount]) -> list:
    if not counts:
        return [_item(_("%(what)s: không có.") % {"what": text}, 0)]
    summary = _("%(what)s: %(tasks)s nhiệm vụ của %(units)s đơn vị") % {
        "what": text,
        "tasks": format_count(sum(c.count for c in counts)),
        "units": format_count(len(counts)),
    }
    return [_item(summary, 0), unit_table(counts)]


def _shortcomings(number: str, p: PeriodFigures, report: NarrativeReport) -> list:
    late = _(
        "Đơn vị cập nhật kết quả chậm hơn 02 ngày làm việc sau hạn xử lý (Công văn số 1196/UBND-TH ngày "
        "15/5/2018 của UBND tỉnh), tính theo ngày cập nhật trong kỳ"
    )
    blocks = [
        Paragraph(
            _("%(number)s. Trong kỳ %(period)s:")
            % {"number": number, "period": period_label(p.date_from, p.date_to)},
            style="heading",
        ),
        *_unit_list(late, p.late_records),
    ]
    if report.made_at > report.as_of:
        unrecorded = _(
            "Đơn vị đã hoàn thành nhiệm vụ nhưng chưa cập nhật trên hệ thống tại thời điểm trích xuất "
            "(cập nhật sau đó, tính đến %(made_at)s)"
        ) % {"made_at": moment_text(report.made_at)}
        blocks += _unit_list(unrecorded, p.unrecorded)
    return blocks + _unit_list(_("Đơn vị có nhiệm vụ trễ hạn tại thời điểm trích xuất"), p.overdue)


def as_document(report: NarrativeReport, *, letterhead=None, signature=None, recipients=()) -> Document:
    """Seed 002 as a Document: 1. the results of each period, 2. the units behind the
    shortcomings, with a table where the seed names units, the extraction moment, and whether
    the figures were corrected by what was recorded since."""
    first = min(p.date_from for p in report.periods)
    last = max(p.date_to for p in report.periods)
    blocks = [Paragraph(_("1. Kết quả cụ thể:"), style="heading")]
    for index, p in enumerate(report.periods, start=1):
        blocks += _results(f"1.{index}", p, report)
    blocks.append(Paragraph(str(RATES_NOTE) % {"hundred": "100%"}, style="note"))
    blocks.append(Paragraph(_("2. Tồn tại, hạn chế:"), style="heading"))
    for index, p in enumerate(report.periods, start=1):
        blocks += _shortcomings(f"2.{index}", p, report)
    moments = {"as_of": moment_text(report.as_of), "made_at": moment_text(report.made_at)}
    blocks.append(
        Paragraph(str(CORRECTED_NOTE if report.corrected else AS_RECORDED_NOTE) % moments, style="note")
    )
    periods = _(" và ").join(period_label(p.date_from, p.date_to) for p in report.periods)
    heading = [
        _("BÁO CÁO"),
        _("Kết quả thực hiện nhiệm vụ được giao %(periods)s") % {"periods": periods},
        _("(Kỳ báo cáo: Từ ngày %(from)s đến ngày %(to)s)")
        % {"from": format_date(first), "to": format_date(last)},
    ]
    if report.corrected:
        heading.append(_("(Số liệu đã hiệu chỉnh theo ngày hiệu lực)"))
    return Document(
        name=f"bao-cao-nhiem-vu-{first:%Y%m%d}-{last:%Y%m%d}",
        extraction=extraction_line(report.as_of),
        blocks=blocks,
        heading=heading,
        letterhead=letterhead,
        recipients=list(recipients),
        signature=signature,
    )


RATES_NOTE = gettext_lazy(
    "Tỷ lệ hoàn thành trên số nhiệm vụ đã đến hạn: số nhiệm vụ đã hoàn thành trên tổng số nhiệm vụ đã "
    "hoàn thành và nhiệm vụ chưa hoàn thành đã trễ hạn, lấy đến hai chữ số thập phân, không làm tròn lên "
    "(cách tính của Văn phòng Chính phủ); tỷ lệ hoàn thành trên tổng số nhiệm vụ được giao: số nhiệm vụ "
    "đã hoàn thành trên tổng số nhiệm vụ giao trong kỳ. Các tỷ lệ của mỗi nhóm được làm tròn để cộng lại "
    "đúng %(hundred)s."
)
AS_RECORDED_NOTE = gettext_lazy(
    "Số liệu là những gì đã cập nhật trên hệ thống đến %(as_of)s; không hiệu chỉnh theo các cập nhật sau "
    "thời điểm đó."
)
CORRECTED_NOTE = gettext_lazy(
    "Số liệu đã hiệu chỉnh: tình hình nhiệm vụ vào ngày trích xuất (%(as_of)s) theo ngày hiệu lực, tính "
    "cả các cập nhật sau thời điểm đó đến %(made_at)s: nhiệm vụ hoàn thành đến ngày đó (theo ngày của văn "
    "bản kết quả) được tính là đã hoàn thành, nhiệm vụ giao trong kỳ nhưng nhập sau thời điểm đó được "
    "tính theo nội dung giao; việc gia hạn, giao lại, hủy được quyết định sau thời điểm đó không áp dụng."
)
