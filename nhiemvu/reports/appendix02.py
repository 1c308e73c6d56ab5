"""Seed 000 appendix 02 as a document, and its variants.

The per-unit table (reports.services.unit_report) with its two-level header and totals, and:

- by coordinating unit: each task counted for every unit that coordinates it, rather than for
  its lead unit (seed 003 art. 10.2.b: coordinating units answer for their part);
- rolled up: the units below a chosen unit summed into its children, so that a department's
  row holds its sub-units' tasks and a district's its communes';
- "open within deadline" split into not yet due and without a due date (the seed prints them
  as one column, "Trong hạn").

The counting rule and the "as of a moment" semantics are unit_report's: the same
timeliness_counts over counts_by, task rows and the event snapshots in force at the moment.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nhiemvu.reports.document import Column, Document, Letterhead, Paragraph, Row, Signature, Table
from nhiemvu.reports.periods import period_of
from nhiemvu.reports.render import extraction_caption
from nhiemvu.reports.services import Counts, UnitRow, counts_by, unit_report, unit_rows
from nhiemvu.tracking.models import Task
from nhiemvu.units.models import PATH_STEP, Unit

LEAD, COORDINATING = "lead", "coordinating"


@dataclass
class Appendix02:
    date_from: date
    date_to: date
    as_of: datetime
    counted_by: str = LEAD  # LEAD or COORDINATING
    rolled_up_under: str | None = None  # the unit whose children are the rows
    rolled_up_under_id: int | None = None
    split_no_deadline: bool = False
    assigned_by: str | None = None
    rows: list[UnitRow] = field(default_factory=list)
    totals: Counts = field(default_factory=Counts)

    def as_data(self) -> dict:
        """The JSON contract of `nhiemvu report appendix02 --format json`: every class, and the
        seed's "Trong hạn" (not yet due and without a due date) as `open_within_deadline`."""

        def figures(counts: Counts) -> dict:
            return {**counts.as_dict(), "open_within_deadline": counts.open_not_due + counts.open_no_deadline}

        return {
            "from": self.date_from.isoformat(),
            "to": self.date_to.isoformat(),
            "as_of": timezone.localtime(self.as_of).isoformat(timespec="minutes"),
            "counted_by": self.counted_by,
            "rolled_up_under": self.rolled_up_under,
            "assigned_by": self.assigned_by,
            "rows": [{"unit": row.unit, **figures(row)} for row in self.rows],
            "totals": figures(self.totals),
        }


def appendix02(
    *,
    date_from: date,
    date_to: date,
    as_of: datetime,
    tasks=None,
    units=None,
    assigned_by: Unit | None = None,
    counted_by: str = LEAD,
    rolled_up_under: Unit | None = None,
    split_no_deadline: bool = False,
) -> Appendix02:
    """Seed 000 appendix 02 for the tasks assigned within [date_from, date_to], as the system
    knew them at `as_of`.

    `tasks` limits the tasks counted (what a user may see), `assigned_by` to those one unit
    assigned, `units` the rows. `counted_by=COORDINATING` counts each task for each of its
    coordinating units (as they are now: the relation keeps no history), so a task with two
    coordinating units is in two rows and the totals count task–unit pairs. `rolled_up_under`
    makes a row of each child of that unit holding its whole subtree, and one of the unit
    itself for the tasks it leads; tasks outside its subtree are not counted. Rolling up
    coordinating units is not offered: a task coordinated by two units of one branch would
    count twice in its row.
    """
    if counted_by not in (LEAD, COORDINATING):
        raise ValueError(f"counted_by must be {LEAD!r} or {COORDINATING!r}, not {counted_by!r}")
    if counted_by == COORDINATING and rolled_up_under is not None:
        raise ValidationError(
            gettext_lazy("Bảng theo cơ quan phối hợp không gộp được đơn vị trực thuộc."), code="rollup"
        )
    if assigned_by is not None:
        tasks = (Task.objects.all() if tasks is None else tasks).filter(assigning_unit=assigned_by)
    report = Appendix02(
        date_from=date_from,
        date_to=date_to,
        as_of=as_of,
        counted_by=counted_by,
        rolled_up_under=rolled_up_under.name if rolled_up_under is not None else None,
        rolled_up_under_id=rolled_up_under.pk if rolled_up_under is not None else None,
        split_no_deadline=split_no_deadline,
        assigned_by=assigned_by.name if assigned_by is not None else None,
    )
    if counted_by == LEAD and rolled_up_under is None:
        table = unit_report(date_from=date_from, date_to=date_to, as_of=as_of, tasks=tasks, lead_units=units)
        report.rows, report.totals = table.rows, table.totals
        return report

    period = {"date_from": date_from, "date_to": date_to, "as_of": as_of, "tasks": tasks}
    if counted_by == COORDINATING:
        sums = counts_by(_coordinating_unit, **period)
        sums.pop(None, None)  # tasks without a coordinating unit
    else:
        subtree = Unit.objects.subtree_of(rolled_up_under)
        sums = _rolled_up(
            counts_by(lambda assigned: F("lead_unit_id"), lead_units=subtree, **period), rolled_up_under
        )
    if units is not None:
        allowed = {unit.pk for unit in units}
        sums = {unit_id: values for unit_id, values in sums.items() if unit_id in allowed}
    day = min(date_to, timezone.localdate(as_of))
    report.rows, report.totals = unit_rows(sums, Unit.objects.labels_in_tree_order(sums, day))
    return report


def _coordinating_unit(assigned: str) -> F:
    """counts_by's group for the coordinating units: `assigned` names the assignment date on
    the task ("assigned_on") or through an event ("task__assigned_on")."""
    return F(assigned.removesuffix("assigned_on") + "coordinating_units")


def _rolled_up(sums: dict, parent: Unit) -> dict:
    """Per-lead-unit sums added up per child of `parent` (a unit's materialised path starts
    with its ancestors': the child is the path's first step below the parent's), the
    parent's own tasks staying its own."""
    branch_length = len(parent.path) + PATH_STEP + 1
    paths = dict(Unit.objects.filter(pk__in=list(sums)).values_list("pk", "path"))
    rolled: dict[int, tuple] = {}
    for unit_id, values in sums.items():
        branch = paths[unit_id][:branch_length]
        key = int(branch.strip("/").rsplit("/", 1)[-1])
        previous = rolled.get(key)
        rolled[key] = (
            values if previous is None else tuple(a + b for a, b in zip(previous, values, strict=True))
        )
    return rolled


def _columns(report: Appendix02) -> list[Column]:
    done, open_ = _("Đã hoàn thành"), _("Chưa hoàn thành")
    unit_title = _("Cơ quan phối hợp") if report.counted_by == COORDINATING else _("Cơ quan được giao")
    within = (
        [Column(_("Chưa đến hạn"), "int", 10, open_), Column(_("Không có hạn"), "int", 10, open_)]
        if report.split_no_deadline
        else [Column(_("Trong hạn"), "int", 10, open_)]
    )
    return [
        Column(_("TT"), "int", 5),
        Column(unit_title, "text", 40),
        Column(_("Tổng số nhiệm vụ giao"), "int", 12),
        Column(_("Đúng hạn"), "int", 10, done),
        Column(_("Quá hạn"), "int", 10, done),
        *within,
        Column(_("Trễ hạn"), "int", 10, open_),
    ]


def _cells(counts: Counts, split: bool) -> list[int]:
    within = (
        [counts.open_not_due, counts.open_no_deadline]
        if split
        else [counts.open_not_due + counts.open_no_deadline]
    )
    return [counts.total, counts.done_on_time, counts.done_late, *within, counts.open_overdue]


def row_filters(report: Appendix02, unit_id: int | None, timeliness: str) -> dict | None:
    """The task list (tracking.filters.TaskFilterSet) that lists the tasks of one figure: the
    row's unit (with its sub-units when rolled up; as a coordinating unit when counted so),
    the period, the moment, the timeliness class (`counted`: the row's total). None where no
    list gives exactly the figure: the list has no assigner filter, and the totals by
    coordinating unit count task-unit pairs."""
    if report.assigned_by or (unit_id is None and report.counted_by == COORDINATING):
        return None
    filters = {
        "assigned_from": f"{report.date_from:%d/%m/%Y}",
        "assigned_to": f"{report.date_to:%d/%m/%Y}",
        "as_of": f"{timezone.localtime(report.as_of):%d/%m/%Y %H:%M}",
    }
    if unit_id is None and report.rolled_up_under_id is not None:
        filters |= {"unit": report.rolled_up_under_id, "subunits": "1"}  # its subtree alone is counted
    if unit_id is not None:
        filters["unit"] = unit_id
        if report.rolled_up_under_id is not None and unit_id != report.rolled_up_under_id:
            filters["subunits"] = "1"
        if report.counted_by == COORDINATING:
            filters["role"] = "coordinating"
    return filters | {"timeliness": timeliness}


def _links(report: Appendix02, unit_id: int | None) -> tuple:
    """Per cell of a row, its list; the seed's "Trong hạn" joins two classes (not yet due and
    without a due date: reports.services.TIMELINESS_GROUPS)."""
    within = ["open_not_due", "open_no_deadline"] if report.split_no_deadline else ["open_within_deadline"]
    classes = ["counted", "done_on_time", "done_late", *within, "open_overdue"]
    return (None, None, *(row_filters(report, unit_id, name) for name in classes))


def title(report: Appendix02) -> str:
    """Seed 000: "Kết quả thực hiện nhiệm vụ do Chủ tịch UBND tỉnh, UBND tỉnh giao các ngành,
    cơ quan, địa phương thực hiện trong năm 2018"."""
    period = period_of(report.date_from, report.date_to)
    when = period.label if period.kind == "range" else _("trong %(period)s") % {"period": period.label}
    if report.assigned_by:
        return _("Kết quả thực hiện nhiệm vụ do %(assigner)s giao các cơ quan, đơn vị %(when)s") % {
            "assigner": report.assigned_by,
            "when": when,
        }
    return _("Kết quả thực hiện nhiệm vụ giao các cơ quan, đơn vị %(when)s") % {"when": when}


def as_document(
    report: Appendix02,
    *,
    letterhead: Letterhead | None = None,
    signature: Signature | None = None,
    recipients=(),
) -> Document:
    """Seed 000 appendix 02: TT, the unit, the total, completed (on time, late), not completed
    (within the deadline, overdue) under their group headers, and the totals row."""
    split = report.split_no_deadline
    table = Table(columns=_columns(report))
    table.rows.extend(
        Row([number, row.unit, *_cells(row, split)], links=_links(report, row.unit_id))
        for number, row in enumerate(report.rows, start=1)
    )
    table.rows.append(
        Row([None, _("Tổng số"), *_cells(report.totals, split)], role="total", links=_links(report, None))
    )
    notes = []
    if report.counted_by == COORDINATING:
        notes.append(_("Mỗi nhiệm vụ được tính cho từng cơ quan phối hợp thực hiện."))
    if report.rolled_up_under:
        notes.append(
            _("Số liệu của mỗi cơ quan gồm cả các đơn vị trực thuộc (cấp dưới của %(unit)s).")
            % {"unit": report.rolled_up_under}
        )
    return Document(
        name="phu-luc-02",
        extraction=extraction_caption(report),
        blocks=[table, *(Paragraph(note, style="note") for note in notes)],
        heading=[_("PHỤ LỤC 02"), title(report)],
        letterhead=letterhead,
        signature=signature,
        recipients=list(recipients),
    )
