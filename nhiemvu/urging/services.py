"""Urging a unit, asking for and giving an explanation: one function each, for every door
(the task page, a job, the CLI). `at` is the moment recorded: the door reads the clock once.

Each checks the permission (tracking.permissions for what is done to tasks,
urging.permissions for the answer) on rows locked or claimed in the transaction that writes,
so a task reassigned or completed meanwhile is refused rather than urged. The records are
the trail: an urging is never changed, an answer is written once. The unit urged is told
(reminders, rule URGED) in the transaction that records the urging.

urge_overdue is the system's monthly urging of the units with overdue tasks (its rule in
urging.scheduled), each urging made through urge.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nhiemvu.reminders import services as reminders
from nhiemvu.reminders.choices import Rule
from nhiemvu.tracking import permissions as task_policy
from nhiemvu.tracking.building import local_moment
from nhiemvu.tracking.choices import ACTIVE_OPEN, Timeliness
from nhiemvu.tracking.models import Task
from nhiemvu.tracking.permissions import Action
from nhiemvu.tracking.status import timeliness
from nhiemvu.units.choices import UnitKind
from nhiemvu.units.models import Unit
from nhiemvu.urging import permissions, scheduled
from nhiemvu.urging.choices import UrgingKind
from nhiemvu.urging.models import ExplanationRequest, Urging
from nhiemvu.workdays.services import load_calendar

# Tasks urged at once: a letter lists the unit's overdue tasks, not thousands of them.
MAX_TASKS = 200


def _required(text: str, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError(message)
    return text


@transaction.atomic
def urge(*, by, at: datetime, unit, tasks, kind: str, text: str, urged_on: date | None = None) -> Urging:
    """`by` urges `unit` about `tasks` (seed 004 art. 3.2, 6.1.d, 7; seed 003 art. 10): each
    one led by that unit, still in its hands (not started, in progress, extension asked) and
    one `by` may urge (tracking.permissions, Action.URGE); all assigned by one unit, which
    issues the urging. `urged_on` is the urging's date (its letter's), not after `at`'s day.
    `by=None` is the system itself (a scheduled job)."""
    at = local_moment(at)
    urged_on = urged_on or at.date()
    text = _required(text, _("Nội dung đôn đốc không được để trống."))
    if kind not in UrgingKind.values:
        raise ValidationError(_("Hình thức đôn đốc không hợp lệ."))
    if urged_on > at.date():
        raise ValidationError(_("Ngày đôn đốc không được sau ngày ghi nhận."))
    pks = {task.pk for task in tasks}
    if not pks:
        raise ValidationError(_("Phải chọn ít nhất một nhiệm vụ để đôn đốc."))
    if len(pks) > MAX_TASKS:
        raise ValidationError(_("Mỗi lần đôn đốc tối đa %(max)d nhiệm vụ.") % {"max": MAX_TASKS})
    locked = list(
        Task.objects.select_for_update().filter(pk__in=pks).select_related("assigning_unit").order_by("pk")
    )
    if len(locked) != len(pks):
        raise ValidationError(_("Có nhiệm vụ không còn tồn tại."))
    for task in locked:
        if by is not None:
            task_policy.require(by, Action.URGE, task)
        if task.lead_unit_id != unit.pk:
            raise ValidationError(
                _("Nhiệm vụ “%(task)s” không do đơn vị được đôn đốc chủ trì.") % {"task": task}
            )
        if task.lifecycle not in ACTIVE_OPEN:
            raise ValidationError(_("Nhiệm vụ “%(task)s” không còn đang thực hiện.") % {"task": task})
        if urged_on < task.assigned_on:
            raise ValidationError(_("Ngày đôn đốc không được trước ngày giao nhiệm vụ."))
    if len({task.assigning_unit_id for task in locked}) > 1:
        raise ValidationError(_("Các nhiệm vụ của một lần đôn đốc phải do cùng một đơn vị giao."))
    urging = Urging.objects.create(
        unit=unit,
        issuing_unit=locked[0].assigning_unit,
        kind=kind,
        text=text,
        urged_on=urged_on,
        recorded_at=at,
        by=by,
    )
    urging.tasks.set(locked)
    _tell_the_unit(urging, len(locked), at)
    return urging


def _tell_the_unit(urging: Urging, count: int, at: datetime) -> None:
    """The unit's leaders and focal officers learn they were urged, with their next digest
    (reminders, rule URGED): decided in the urging's transaction, so neither is without the other."""
    payload = {
        "urging": urging.pk,
        "unit": urging.unit_id,
        "issuer": urging.issuing_unit.name,
        "kind": urging.kind,
        "urged_on": urging.urged_on.isoformat(),
        "count": count,
    }
    reminders.remind_unit(
        urging.unit, rule=Rule.URGED, subject=str(urging.pk), payload=payload, day=at.date(), now=at
    )


# The Government and the ministries urge through their own system (seed 004 art. 7.1): the
# deployment writes no letter in their name about the tasks they gave the province.
URGED_BY_THEIR_OWN_SYSTEM = (UnitKind.GOVERNMENT, UnitKind.MINISTRY)
FUTURE_DAY = gettext_lazy("Ngày %(day)s chưa đến: chỉ chạy thử (--dry-run) được cho ngày này.")


@dataclass
class SystemUrgings:
    """What urge_overdue decided for a day and what became of each urging it planned."""

    day: date
    urging_day: bool
    units: dict = field(default_factory=dict)  # unit id -> Unit, for the planned pairs
    made: list = field(default_factory=list)  # (PlannedUrging, Urging) written by this run
    existing: list = field(default_factory=list)  # PlannedUrging made before (a run, a worker)
    refused: list = field(default_factory=list)  # (PlannedUrging, reason): a task changed meanwhile
    to_make: list = field(default_factory=list)  # PlannedUrging a dry run would write


def urge_overdue(day: date, *, now: datetime, dry_run: bool = False) -> SystemUrgings:
    """The system's monthly urging (urging.scheduled) for `day`, recorded at `now`: the job and
    `nhiemvu urging run` call it. Each urging goes through urge (by None, the system), with
    its notice to the unit, in a transaction of its own; one made already for the day (an
    earlier run, another worker: the constraint urging_system_once_a_day) is left as it is,
    so running a day twice makes nothing new; one that urge refused (a task completed since
    the overdue tasks were read) is made by the day's next run. A dry run writes nothing. A
    day after `now`'s is refused (ValidationError) unless the run is dry."""
    now = local_moment(now)
    if day > now.date() and not dry_run:
        raise ValidationError(FUTURE_DAY, params={"day": f"{day:%d/%m/%Y}"})
    calendar = load_calendar(day.year - 1, day.year + 1)
    letter_day = settings.URGING_LETTER_DAY
    run = SystemUrgings(day, scheduled.is_urging_day(day, letter_day, calendar))
    if not run.urging_day:
        return run
    active = Unit.objects.active_on(day)
    rows = (
        Task.objects.overdue(as_of=day)
        .filter(assigning_unit__in=active.exclude(kind__in=URGED_BY_THEIR_OWN_SYSTEM), lead_unit__in=active)
        .values_list("pk", "assigning_unit_id", "lead_unit_id", "due_in_force")
    )
    overdue = [scheduled.OverdueTask(*row) for row in rows.iterator(chunk_size=10_000)]
    planned = scheduled.plan(day, overdue, letter_day=letter_day, cal=calendar, limit=MAX_TASKS)
    ids = {p.unit_id for p in planned} | {p.issuing_unit_id for p in planned}
    run.units = Unit.objects.in_bulk(ids)
    done = set(Urging.objects.filter(by__isnull=True, urged_on=day).values_list("unit_id", "issuing_unit_id"))
    for item in planned:
        if (item.unit_id, item.issuing_unit_id) in done:
            run.existing.append(item)
        elif dry_run:
            run.to_make.append(item)
        else:
            _urge_planned(run, item, now)
    return run


def _urge_planned(run: SystemUrgings, item, now: datetime) -> None:
    unit, issuer = run.units[item.unit_id], run.units[item.issuing_unit_id]
    text = scheduled.default_text(
        unit=unit.name, issuer=issuer.name, day=run.day, overdue=item.overdue, listed=len(item.task_ids)
    )
    try:
        with transaction.atomic():
            urging = urge(
                by=None,
                at=now,
                unit=unit,
                tasks=[Task(pk=pk) for pk in item.task_ids],  # urge reads and locks them itself
                kind=UrgingKind.REMINDER,
                text=text,
                urged_on=run.day,
            )
    except IntegrityError:  # another worker made it since `done` was read
        run.existing.append(item)
    except ValidationError as refusal:  # a task completed or moved since the overdue were read
        run.refused.append((item, " ".join(refusal.messages)))
    else:
        run.made.append((item, urging))


def is_overdue(task, day: date) -> bool:
    """Open in the lead unit's hands and past its due date in force on `day` (tracking.status)."""
    return (
        task.lifecycle in ACTIVE_OPEN
        and timeliness(due=task.due_in_force, completed=task.completed_on, as_of=day)
        == Timeliness.OPEN_OVERDUE
    )


def request_explanation(*, by, at: datetime, task, question: str) -> ExplanationRequest:
    """A leader asks the lead unit to explain why `task` is overdue (seed 004 art. 5.1.e, 9.3;
    seed 003 art. 19.2). Only an overdue task, one question at a time."""
    at = local_moment(at)
    question = _required(question, _("Nội dung yêu cầu giải trình không được để trống."))
    with transaction.atomic():
        locked = Task.objects.select_for_update().get(pk=task.pk)
        if by is not None:
            task_policy.require(by, Action.REQUEST_EXPLANATION, locked)
        if not is_overdue(locked, at.date()):
            raise ValidationError(_("Chỉ yêu cầu giải trình nhiệm vụ đang trễ hạn."))
        if locked.explanation_requests.pending().exists():
            raise ValidationError(_("Nhiệm vụ đang có yêu cầu giải trình chưa được trả lời."))
        try:
            with transaction.atomic():  # the constraint settles a race the check above missed
                return ExplanationRequest.objects.create(
                    task=locked,
                    unit_id=locked.lead_unit_id,
                    question=question,
                    requested_by=by,
                    requested_at=at,
                )
        except IntegrityError:
            raise ValidationError(_("Nhiệm vụ đang có yêu cầu giải trình chưa được trả lời.")) from None


def answer_explanation(request: ExplanationRequest, *, by, at: datetime, answer: str) -> ExplanationRequest:
    """The unit asked gives its explanation, once (urging.permissions.can_answer)."""
    at = local_moment(at)
    answer = _required(answer, _("Nội dung giải trình không được để trống."))
    request = ExplanationRequest.objects.select_related("unit", "task").get(pk=request.pk)
    if by is not None and not permissions.can_answer(by, request):
        raise PermissionDenied(_("Bạn không có quyền giải trình thay đơn vị này."))
    if at < request.requested_at:
        raise ValidationError(_("Thời điểm giải trình không được trước thời điểm yêu cầu."))
    # Claimed by a conditional update: of two answers posted at once, one is written.
    claimed = ExplanationRequest.objects.filter(pk=request.pk, answered_at__isnull=True).update(
        answer=answer, answered_by=by, answered_at=at
    )
    if not claimed:
        raise ValidationError(_("Yêu cầu này đã được giải trình."))
    request.refresh_from_db()
    return request


def urgeable_tasks(user, unit):
    """The tasks of `unit` that `user` may urge it about now: led by it, in its hands."""
    return (
        Task.objects.filter(lead_unit=unit, lifecycle__in=ACTIVE_OPEN)
        .filter(task_policy.actionable(user, Action.URGE))
        .select_related("directive")
    )
