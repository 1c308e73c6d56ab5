"""Writing a checked plan: units, directives, tasks, coordinating links and events, each
bulk-created in one short transaction (the caller's).

History semantics (domain.md, "Two times on every event"): imported rows have no separate
recording time, so each event counts as recorded at the start of its own effective day.
Tasks are built by tracking.building.build_task and their events by build_history, the
functions behind assign_task and complete: an imported task is what those services make.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from nhiemvu.dates import start_of_day
from nhiemvu.directives.models import Directive
from nhiemvu.importing.errors import ImportRejected, Issue
from nhiemvu.importing.plan import Plan, load_existing
from nhiemvu.importing.resolution import NewUnit
from nhiemvu.importing.rows import RowData
from nhiemvu.messages import Message
from nhiemvu.tracking.building import build_history, build_task, task_fingerprint, write_state
from nhiemvu.tracking.choices import EventKind, EventSource
from nhiemvu.tracking.models import Task, TaskEvent
from nhiemvu.tracking.status import Change, apply
from nhiemvu.units.choices import UnitKind
from nhiemvu.units.models import Unit

BATCH_SIZE = 1000  # rows per INSERT of bulk_create
MAX_RESULT_DOCUMENT = TaskEvent._meta.get_field("result_document").max_length
CHANGED_MEANWHILE = _(
    "dữ liệu vừa bị thay đổi trong lúc nhập (một lần nhập khác?); chưa nhập gì, hãy chạy lại"
)


def changed_meanwhile() -> ImportRejected:
    return ImportRejected([Issue(Message(CHANGED_MEANWHILE))])


def recheck(plan: Plan) -> None:
    """Inside the write transaction: what the plan found absent is still absent (another
    import may have written between the check and now)."""
    symbols = sorted(
        {directive.key[0] for directive in plan.directives} | {t.directive.key[0] for t in plan.tasks}
    )
    directives, fingerprints = load_existing(symbols)
    if any(directive.key in directives for directive in plan.directives):
        raise changed_meanwhile()
    for task in plan.tasks:
        existing = task.directive.existing
        if existing is not None and isinstance(task.lead_unit, Unit):
            fingerprint = task_fingerprint(
                lead_unit_id=task.lead_unit.pk, assigned_on=task.data.assigned_on, content=task.data.content
            )
            if (existing.pk, fingerprint) in fingerprints:
                raise changed_meanwhile()


def result_document_of(data: RowData, source_name: str) -> tuple[str, str]:
    """(result document, event note) of an imported completion: the "Ghi chú" text, or a
    fixed mention of the file; a note too long for the field goes whole into the note."""
    if not data.note:
        mention = _("Nhập từ tệp %(name)s") % {"name": source_name} if source_name else _("Nhập từ tệp")
        return mention[:MAX_RESULT_DOCUMENT], ""
    if len(data.note) <= MAX_RESULT_DOCUMENT:
        return data.note, ""
    return data.note[: MAX_RESULT_DOCUMENT - 1] + "…", data.note


def write(plan: Plan, *, by, source_name: str) -> None:
    """Create everything the plan holds; the caller wraps this in one transaction."""
    for new in plan.new_units:
        # One by one: Unit.save() computes the materialised path from the new id.
        new.unit = Unit(code=new.code, name=new.name, kind=UnitKind.OTHER, parent=new.parent)
        new.unit.save()
    Directive.objects.bulk_create([p.built for p in plan.directives], batch_size=BATCH_SIZE)

    def unit_of(unit: Unit | NewUnit) -> Unit:
        return unit if isinstance(unit, Unit) else unit.unit

    tasks: list[Task] = []
    steps: list[tuple[list, list[Unit]]] = []  # per task: its (state, change, details) and coordinating units
    issues: list[Issue] = []
    for task_plan in plan.tasks:
        data = task_plan.data
        coordinating = [unit_of(unit) for unit in task_plan.coordinating_units]
        try:
            task, state, assigned = build_task(
                directive=task_plan.directive.directive,
                at=start_of_day(data.assigned_on),
                content=data.content,
                lead_unit=unit_of(task_plan.lead_unit),
                assigning_unit=task_plan.assigning_unit,
                assigned_on=data.assigned_on,
                due_on=data.due_on,
                coordinating_units=coordinating,
                note=data.note,
            )
        except ValidationError as error:  # the plan checked the same rules: a safety net
            issues += [Issue(Message(text), row=data.row) for text in error.messages]
            continue
        task_steps = [(state, assigned, {})]
        if data.completed_on:
            completed = Change(
                EventKind.COMPLETED,
                effective_on=data.completed_on,
                recorded_at=start_of_day(data.completed_on),
                assigned_on=data.assigned_on,
            )
            state = apply(state, completed)
            write_state(task, state, completed)
            document, note = result_document_of(data, source_name)
            task_steps.append((state, completed, {"result_document": document, "note": note}))
        tasks.append(task)
        steps.append((task_steps, coordinating))
    if issues:
        raise ImportRejected(issues)
    Task.objects.bulk_create(tasks, batch_size=BATCH_SIZE)

    through = Task.coordinating_units.through
    through.objects.bulk_create(
        [
            through(task_id=task.pk, unit_id=unit.pk)
            for task, (_steps, coordinating) in zip(tasks, steps, strict=True)
            for unit in coordinating
        ],
        batch_size=BATCH_SIZE,
    )
    TaskEvent.objects.bulk_create(
        [
            event
            for task, (task_steps, _coordinating) in zip(tasks, steps, strict=True)
            for event in build_history(task, task_steps, by=by, source=EventSource.IMPORT)
        ],
        batch_size=BATCH_SIZE,
    )
