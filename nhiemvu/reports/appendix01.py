"""Seed 000 appendix 01: the tasks a higher level assigned that are still open, by directive.

"Nhiệm vụ do Chính phủ, Thủ tướng Chính phủ giao … còn tồn đọng phải xử lý hoặc đang trong
thời hạn thực hiện": for each, its number, the directive's number/symbol and date, the task,
the status explanation (the latest progress text) and the due date in force. Like every
report, as the system knew it at a moment: a task completed, updated or extended since is
shown as it stood then.
"""

from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from nhiemvu.db import among
from nhiemvu.directives.choices import DirectiveType
from nhiemvu.directives.models import Directive
from nhiemvu.reports.document import Column, Document, Letterhead, Paragraph, Row, Signature, Table
from nhiemvu.reports.render import extraction_caption
from nhiemvu.reports.services import changed_after
from nhiemvu.tracking.choices import NOT_COUNTED, EventKind
from nhiemvu.tracking.models import Task, TaskEvent
from nhiemvu.tracking.status import timeliness
from nhiemvu.units.models import Unit

# Seed 000 appendix 01 cites letters as "Văn bản số 1665/VPCP-KSTT": a letter has no type name.
_NO_TYPE_NAME = (DirectiveType.OFFICIAL_LETTER, DirectiveType.OTHER)


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
        else directive.get_doc_type_display()
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
    if assigned_by is None:
        assigned_by = list(Unit.objects.filter(pk__in=_ancestor_ids(scope)))
    assigned_by = list(assigned_by)
    candidates = (Task.objects.all() if tasks is None else tasks).filter(
        assigning_unit__in=assigned_by,
        assigned_on__lte=date_to,
        **({} if carried_over else {"assigned_on__gte": date_from}),
    )
    then = _open_at(candidates, scope, as_of)
    rows = list(
        Task.objects.filter(pk__in=list(then))
        .select_related("directive")
        .only(
            "content",
            "assigned_on",
            "directive__doc_type",
            "directive__number_symbol",
            "directive__issued_on",
            "directive__summary",
        )
        .order_by("assigned_on", "directive__issued_on", "directive_id", "id")
    )
    notes = _latest_progress(rows, as_of)
    named = {lead_unit_id for lead_unit_id, _due in then.values()} | {scope.pk}
    names = dict(Unit.objects.filter(pk__in=named).labels_in_tree_order(named, min(date_to, day)))

    groups: dict[int, DirectiveGroup] = {}
    for task in rows:
        lead_unit_id, due_in_force = then[task.pk]
        group = groups.get(task.directive_id)
        if group is None:
            group = groups[task.directive_id] = DirectiveGroup(
                directive_id=task.directive_id,
                reference=directive_reference(task.directive),
                summary=task.directive.summary,
                carried_over=task.assigned_on < date_from,
            )
        group.tasks.append(
            OpenTask(
                number=0,
                task_id=task.pk,
                content=task.content,
                status=notes.get(task.pk, ""),
                due_on=due_in_force,
                timeliness=str(timeliness(due=due_in_force, completed=None, as_of=day)),
                lead_unit=names.get(lead_unit_id, ""),
                assigned_on=task.assigned_on,
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
        assigned_by=_names_in_tree_order(assigned_by, day),
        directives=ordered,
    )


def _ancestor_ids(unit: Unit) -> list[int]:
    """The units above `unit`, read from its materialised path."""
    return [int(step) for step in unit.path.strip("/").split("/")[:-1]]


def _open_at(candidates, scope: Unit, as_of: datetime) -> dict[int, tuple[int, date | None]]:
    """(lead unit, due date in force) at `as_of` of those of `candidates` then open, not
    cancelled or returned, and led by `scope` or a unit below it, by task id: what
    known_at and snapshots_at tell, in two index-driven parts rather than one OR.

    A task unchanged since the moment is judged on its row (task_open_by_assigner finds the
    open ones of an assigning unit); one changed since on the event in force then, read
    for the assigning unit's tasks changed since only."""
    in_scope = among("lead_unit", Unit.objects.subtree_of(scope).values("pk"))
    open_ = Q(completed_on__isnull=True) & ~Q(lifecycle__in=NOT_COUNTED) & in_scope
    changed_since = changed_after(as_of)
    unchanged = candidates.filter(open_)
    if changed_since:
        unchanged = unchanged.filter(state_recorded_at__lte=as_of)
    parts = [unchanged.values_list("pk", "lead_unit_id", "due_in_force")]
    if changed_since:
        changed = candidates.filter(state_recorded_at__gt=as_of, assignment_recorded_at__lte=as_of)
        parts.append(
            TaskEvent.objects.filter(
                open_, task__in=changed.values("pk"), recorded_at__lte=as_of, superseded_at__gt=as_of
            ).values_list("task_id", "lead_unit_id", "due_in_force")
        )
    first, *others = [part.order_by() for part in parts]
    return {
        task_id: (lead_unit_id, due)
        for task_id, lead_unit_id, due in (first.union(*others, all=True) if others else first)
    }


def _names_in_tree_order(units, day: date) -> list[str]:
    """The names of `units` on `day`, in tree order: only they and their ancestors are read."""
    wanted = {unit.pk for unit in units}
    read = wanted | {ancestor for unit in units for ancestor in _ancestor_ids(unit)}
    return [name for _pk, name in Unit.objects.filter(pk__in=read).labels_in_tree_order(wanted, day)]


def _latest_progress(rows, as_of: datetime) -> dict[int, str]:
    """Each task's newest progress note recorded by `as_of` (seed 004 art. 5.1.e: what was
    done, what is proposed, why it is late): the status explanation of the appendix."""
    notes: dict[int, str] = {}
    events = (
        TaskEvent.objects.filter(
            task__in=[task.pk for task in rows], kind=EventKind.PROGRESS, recorded_at__lte=as_of
        )
        .exclude(note="")
        .order_by("task_id", "-recorded_at", "-id")
        .values_list("task_id", "note")
    )
    for task_id, note in events:
        notes.setdefault(task_id, note)
    return notes


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
        table.rows.extend(Row([task.number, task.content, task.status, task.due_on]) for task in group.tasks)
    blocks: list = [table]
    carried = sum(len(group.tasks) for group in report.directives if group.carried_over)
    if carried:
        blocks.append(
            Paragraph(
                _("Kể cả %(count)d nhiệm vụ giao trước ngày %(from)s còn tồn đọng.")
                % {"count": carried, "from": report.date_from.strftime("%d/%m/%Y")},
                style="note",
            )
        )
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
