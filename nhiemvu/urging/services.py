"""Urging a unit, asking for and giving an explanation: one function each, for every door
(the task page, a job, the CLI). `at` is the moment recorded: the door reads the clock once.

Each checks the permission (tracking.permissions for what is done to tasks,
urging.permissions for the answer) on rows locked or claimed in the transaction that writes,
so a task reassigned or completed meanwhile is refused rather than urged. The records are
the trail: an urging is never changed, an answer is written once.
"""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from nhiemvu.tracking import permissions as task_policy
from nhiemvu.tracking.building import local_moment
from nhiemvu.tracking.choices import ACTIVE_OPEN, Timeliness
from nhiemvu.tracking.models import Task
from nhiemvu.tracking.permissions import Action
from nhiemvu.tracking.status import timeliness
from nhiemvu.urging import permissions
from nhiemvu.urging.choices import UrgingKind
from nhiemvu.urging.models import ExplanationRequest, Urging

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
    return urging


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
