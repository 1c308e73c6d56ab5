"""Seed 000 appendix 01: the tasks a higher level assigned that are still open, by directive.

"Nhiệm vụ do Chính phủ, Thủ tướng Chính phủ giao … còn tồn đọng phải xử lý hoặc đang trong
thời hạn thực hiện": for each, its number, the directive's number/symbol and date, the task,
the status explanation (the latest progress text) and the due date in force. Like every
report, as the system knew it at a moment: a task completed, updated or extended since is
shown as it stood then.
"""

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from nhiemvu.db import among
from nhiemvu.directives.choices import DirectiveType
from nhiemvu.directives.models import Directive
from nhiemvu.reports.document import (
    Column,
    Document,
    Letterhead,
    Paragraph,
    Row,
    Signature,
    Table,
    figure,
    linked,
)
from nhiemvu.reports.links import day_param, moment_param
from nhiemvu.reports.render import extraction_caption
from nhiemvu.tracking.choices import NOT_COUNTED, EventKind
from nhiemvu.tracking.models import Task, TaskEvent
from nhiemvu.tracking.status import timeliness
from nhiemvu.units.models import Unit

# Seed 000 appendix 01 cites letters as "Văn bản số 1665/VPCP-KSTT": a letter has no type name.
_NO_TYPE_NAME = (DirectiveType.OFFICIAL_LETTER, DirectiveType.OTHER)
# get_doc_type_display() builds and hashes the whole (lazy, translated) choice list per call.
_TYPE_NAMES = dict(DirectiveType.choices)


@dataclass
class OpenTask:
    number: int  # "STT": numbered through the whole table, as the seed does
    task_id: int
    content: str
    status: str  # the newest progress note recorded by the moment
    due_on: date | None  # the due date in force at the moment
    timeliness: str  # open_not_due, open_no_deadline or open_overdue on the moment's day
    lead_unit: str
    assigned_on: date


@dataclass
class DirectiveGroup:
    directive_id: int
    reference: str  # "Quyết định số 985/QĐ-TTg ngày 08/08/2018"
    summary: str
    carried_over: bool  # its tasks were assigned before the period and are still open
    tasks: list[OpenTask] = field(default_factory=list)


@dataclass
class Appendix01:
    date_from: date
    date_to: date
    as_of: datetime
    scope: str  # the unit the tasks were assigned to (and the units below it)
    assigned_by: list[str]  # the assigning units' names
    directives: list[DirectiveGroup] = field(default_factory=list)
    assigner_ids: tuple[int, ...] = ()
    # The task-list filters holding what the report covers (reports.links.list_scope), for
    # the link of its count of tasks carried over on screen; None: no link.
    links_to: dict | None = None

    def carried_over(self) -> int:
        """The tasks listed that were assigned before the period (seed 000 II.2)."""
        return sum(1 for task in self.tasks() if task.assigned_on < self.date_from)

    def tasks(self) -> list[OpenTask]:
        return [task for group in self.directives for task in group.tasks]

    def as_data(self) -> dict:
        """The JSON contract of `nhiemvu report appendix01 --format json`."""
        return {
            "from": self.date_from.isoformat(),
            "to": self.date_to.isoformat(),
            "as_of": timezone.localtime(self.as_of).isoformat(timespec="minutes"),
            "scope": self.scope,
            "assigned_by": self.assigned_by,
            "directives": [
                {
                    **{key: value for key, value in asdict(group).items() if key != "tasks"},
                    "tasks": [
                        {
                            **asdict(task),
                            "due_on": task.due_on.isoformat() if task.due_on else None,
                            "assigned_on": task.assigned_on.isoformat(),
                        }
                        for task in group.tasks
                    ],
                }
                for group in self.directives
            ],
        }


def directive_reference(directive: Directive) -> str:
    """ "Nghị quyết số 125/NQ-CP ngày 08/10/2018", as seed 000 appendix 01 cites directives."""
    kind = (
        pgettext("directive without a type name", "Văn bản")
        if directive.doc_type in _NO_TYPE_NAME
        else str(_TYPE_NAMES.get(directive.doc_type, directive.doc_type))
    )
    return _("%(type)s số %(number)s ngày %(date)s") % {
        "type": kind,
        "number": directive.number_symbol,
        "date": directive.issued_on.strftime("%d/%m/%Y"),
    }


def appendix01(
    *,
    scope: Unit,
    date_from: date,
    date_to: date,
    as_of: datetime,
    assigned_by=None,
    tasks=None,
    carried_over: bool = True,
) -> Appendix01:
    """The tasks that `assigned_by` (by default every unit above `scope`: the Government and
    the Prime Minister for a province) assigned to `scope` or a unit below it within
    [date_from, date_to] and that were open at `as_of`, as the system knew them then; with
    `carried_over`, also those assigned earlier and still open (seed 000 II.2 counts "02
    nhiệm vụ giao trong năm 2017" with 2018's). Cancelled and returned tasks are not listed.

    Directives come in the order of their first task's assignment, those of the period
    first; `tasks` limits what is listed (what a user may see).
    """
    day = timezone.localdate(as_of)
    if assigned_by is None:  # the units above the scope, which its path names
        assigners = set(_ancestor_ids(scope))
        ancestors = assigners
    else:
        assigned_by = list(assigned_by)
        assigners = {unit.pk for unit in assigned_by}
        ancestors = {ancestor for unit in assigned_by for ancestor in _ancestor_ids(unit)}
    candidates = (Task.objects.all() if tasks is None else tasks).filter(
        assigning_unit__in=assigners,
        assigned_on__lte=date_to,
        **({} if carried_over else {"assigned_on__gte": date_from}),
    )
    rows = sorted(_open_at(candidates, scope, as_of), key=_listing_order)
    then_day = min(date_to, day)
    named = {row[1] for row in rows} | {scope.pk}
    # One walk when both name days agree (a report to date): assigners need their ancestors
    # read to come in tree order.
    labels = Unit.objects.filter(pk__in=named | assigners | ancestors).labels_in_tree_order(
        named | assigners if then_day == day else named, then_day
    )
    names = dict(labels)
    if then_day == day:
        assigner_names = [name for pk, name in labels if pk in assigners]
    else:
        assigner_names = [
            name
            for _pk, name in Unit.objects.filter(pk__in=assigners | ancestors).labels_in_tree_order(
                assigners, day
            )
        ]

    groups: dict[int, DirectiveGroup] = {}
    for task_id, lead_unit_id, due_in_force, content, assigned_on, directive_id, *directive, note in rows:
        group = groups.get(directive_id)
        if group is None:
            doc_type, number_symbol, issued_on, summary = directive
            group = groups[directive_id] = DirectiveGroup(
                directive_id=directive_id,
                reference=directive_reference(
                    Directive(doc_type=doc_type, number_symbol=number_symbol, issued_on=issued_on)
                ),
                summary=summary,
                carried_over=assigned_on < date_from,
            )
        group.tasks.append(
            OpenTask(
                number=0,
                task_id=task_id,
                content=content,
                status=note or "",
                due_on=due_in_force,
                timeliness=str(timeliness(due=due_in_force, completed=None, as_of=day)),
                lead_unit=names.get(lead_unit_id, ""),
                assigned_on=assigned_on,
            )
        )
    ordered = sorted(groups.values(), key=lambda group: group.carried_over)  # stable: keeps the order
    for number, task in enumerate((task for group in ordered for task in group.tasks), start=1):
        task.number = number
    return Appendix01(
        date_from=date_from,
        date_to=date_to,
        as_of=as_of,
        scope=names.get(scope.pk, scope.name),
        assigned_by=assigner_names,
        directives=ordered,
        assigner_ids=tuple(sorted(assigners)),
    )


def _carried_over_list(report: Appendix01) -> dict | None:
    """The task list of the tasks carried over: those the assigners gave the scope's units
    before the period, open at the moment, as known then (`_open_at`'s rule)."""
    if report.links_to is None:
        return None
    return report.links_to | {
        "assigner": ",".join(str(pk) for pk in report.assigner_ids),
        "assigned_to": day_param(report.date_from - timedelta(days=1)),
        "as_of": moment_param(report.as_of),
        "timeliness": "open",
    }


def _ancestor_ids(unit: Unit) -> list[int]:
    """The units above `unit`, read from its materialised path."""
    return [int(step) for step in unit.path.strip("/").split("/")[:-1]]


_LISTED = (
    "content",
    "assigned_on",
    "directive_id",
    "directive__doc_type",
    "directive__number_symbol",
    "directive__issued_on",
    "directive__summary",
)


def _open_at(candidates, scope: Unit, as_of: datetime):
    """Those of `candidates` open at `as_of`, not cancelled or returned, led by `scope` or a
    unit below it, as the system knew them then (known_at and snapshots_at in one
    statement): (id, lead unit and due date in force then, the _LISTED columns, the
    newest progress note recorded by then).

    Two parts rather than known_at's OR, each driven by its index: a task unchanged since
    the moment is judged on its row; one changed since on the event in force then, read
    for the candidates changed since only (at "now" both ranges are empty).
    """
    in_scope = among("lead_unit", Unit.objects.subtree_of(scope).values("pk"))
    open_ = Q(completed_on__isnull=True) & ~Q(lifecycle__in=NOT_COUNTED) & in_scope
    unchanged = candidates.filter(open_, state_recorded_at__lte=as_of)
    changed_since = candidates.filter(state_recorded_at__gt=as_of, assignment_recorded_at__lte=as_of)
    changed = TaskEvent.objects.filter(
        open_,
        among("task", changed_since.values("pk")),
        recorded_at__lte=as_of,
        superseded_at__gt=as_of,
    )
    return (
        unchanged.annotate(progress_note=_latest_progress("pk", as_of))
        .values_list("pk", "lead_unit_id", "due_in_force", *_LISTED, "progress_note")
        .order_by()
        .union(
            changed.annotate(progress_note=_latest_progress("task_id", as_of))
            .values_list(
                "task_id", "lead_unit_id", "due_in_force", *(f"task__{c}" for c in _LISTED), "progress_note"
            )
            .order_by(),
            all=True,
        )
    )


def _listing_order(row) -> tuple:
    """By assignment date, then directive (date issued, id), then task id: each directive's
    group where its first task falls."""
    task_id, _lead, _due, _content, assigned_on, directive_id, _type, _number, issued_on, *_rest = row
    return (assigned_on, issued_on, directive_id, task_id)


def _latest_progress(task: str, as_of: datetime) -> Subquery:
    """The task's newest progress note recorded by `as_of` (seed 004 art. 5.1.e: what was
    done, what is proposed, why it is late): the status explanation of the appendix."""
    return Subquery(
        TaskEvent.objects.filter(task=OuterRef(task), kind=EventKind.PROGRESS, recorded_at__lte=as_of)
        .exclude(note="")
        .order_by("-recorded_at", "-id")
        .values("note")[:1]
    )


def as_document(
    report: Appendix01,
    *,
    letterhead: Letterhead | None = None,
    signature: Signature | None = None,
    recipients=(),
) -> Document:
    """Seed 000 appendix 01 as a document: its title lines, one group row per directive
    (its number/symbol, date and summary), then its tasks; landscape, as the seed prints it."""
    table = Table(
        columns=[
            Column(_("STT"), "int", width=6),
            Column(_("Trích yếu hoặc nhiệm vụ theo dõi"), width=60),
            Column(_("Diễn giải trạng thái"), width=42),
            Column(_("Hạn xử lý"), "date", width=12),
        ]
    )
    for group in report.directives:
        table.rows.append(Row([f"{group.reference}: {group.summary}"], role="group"))
        table.rows.extend(
            Row([task.number, task.content, task.status, task.due_on], links=(None, {"task": task.task_id}))
            for task in group.tasks
        )
    blocks: list = [table]
    carried = report.carried_over()
    if carried:
        note = linked(
            _("Kể cả %(count)s nhiệm vụ giao trước ngày %(from)s còn tồn đọng."),
            {"count": figure(str(carried), _carried_over_list(report)), "from": day_param(report.date_from)},
        )
        blocks.append(Paragraph.of(note, style="note"))
    assigners = ", ".join(report.assigned_by) or report.scope
    return Document(
        name="phu-luc-01",
        extraction=extraction_caption(report),
        blocks=blocks,
        heading=[
            _("PHỤ LỤC 01"),
            _("NHIỆM VỤ DO %(assigners)s GIAO") % {"assigners": assigners.upper()},
            _("CÒN TỒN ĐỌNG PHẢI XỬ LÝ HOẶC ĐANG TRONG THỜI HẠN THỰC HIỆN"),
        ],
        letterhead=letterhead,
        signature=signature,
        recipients=list(recipients),
        landscape=True,
    )
