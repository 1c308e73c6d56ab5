"""What waits for a user on a day ("việc của tôi"): the tasks each role has to act on or
chase, with the time left in working days.

The same function of (user, day) for every door: the home page shows it, the daily
reminders send it (reminders.decide). Each need cites its rule (docs/regulations.md):

- new tasks to accept: what the office passed on (seed 003 art. 6.1.a), for the lead unit;
- overdue, and due within `soon` working days (3 unless asked): domain.md "Status";
- results not recorded 2 working days after the due date (seed 001, seed 003 art. 6.3.b);
- extension requests to decide: the leaders adjust the due date (seed 002 §3);
- returned tasks to reassign: the office of the assigning unit (seed 003 art. 6.2, seed 004
  art. 6.2.b);
- directives received and not yet assigned: the office classifies and passes them on within
  1 working day, 2 for a directive of many tasks or units (seed 003 art. 6.1.b, seed 004 art.
  6.1.b; workdays.deadlines.classification_deadline); counted here against the 1 day, since
  how many units a directive involves is known only once it is assigned. Every desk of the
  receiving unit's office sees them (Directive.receiving_unit), not only the one that entered
  them.

Every list starts from the permission service: the tasks the user sees
(`task_scope`) or may act on (`actionable`), as `can` decides for one task.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from nhiemvu.accounts.permissions import is_admin, role_assignments
from nhiemvu.directives.models import Directive
from nhiemvu.directives.services import visible_directives
from nhiemvu.tracking.choices import Lifecycle
from nhiemvu.tracking.models import Task
from nhiemvu.tracking.permissions import Action, actionable, can_assign_from, task_scope
from nhiemvu.workdays.calendar import WorkCalendar
from nhiemvu.workdays.deadlines import classification_deadline, latest_due_with_result_late
from nhiemvu.workdays.services import load_calendar

DUE_SOON_WORKING_DAYS = 3


class Need(models.TextChoices):
    TO_ACCEPT = "to_accept", _("Nhiệm vụ mới chờ tiếp nhận")
    OVERDUE = "overdue", _("Nhiệm vụ trễ hạn")
    DUE_SOON = "due_soon", _("Sắp đến hạn")
    RESULT_NOT_RECORDED = "result_not_recorded", _("Quá 02 ngày làm việc sau hạn chưa báo cáo kết quả")
    EXTENSION_TO_DECIDE = "extension_to_decide", _("Đề nghị gia hạn chờ quyết định")
    RETURNED_TO_REASSIGN = "returned_to_reassign", _("Nhiệm vụ bị chuyển trả chờ giao lại")
    DIRECTIVE_TO_ASSIGN = "directive_to_assign", _("Văn bản đã nhận chưa giao nhiệm vụ")


@dataclass
class Section:
    need: Need
    count: int
    # The first tasks (directives for DIRECTIVE_TO_ASSIGN), most urgent first, each with
    # `working_days`: left until its deadline (0 on the day), or negative, late by that many
    # (`days_late`, for display).
    items: list = field(default_factory=list)
    # The latest due date the need covers (DUE_SOON, RESULT_NOT_RECORDED): what a link to the
    # task list of the same tasks filters on.
    due_to: date | None = None


def calendar_around(day: date) -> WorkCalendar:
    """The working-day calendar of the year before `day` to the year after it."""
    return load_calendar(day.year - 1, day.year + 1)


def needs(
    user, *, today: date, calendar: WorkCalendar, soon: int = DUE_SOON_WORKING_DAYS
) -> dict[Need, QuerySet]:
    """Each need as a queryset of tasks, most urgent first: the rule (`conditions`) narrowed to
    what the user sees (`task_scope`) or may act on (`actionable`)."""
    rules = conditions(today=today, calendar=calendar, soon=soon)
    visible = task_scope(user)
    return {
        Need.TO_ACCEPT: rules[Need.TO_ACCEPT].filter(actionable(user, Action.ACCEPT)),
        Need.OVERDUE: rules[Need.OVERDUE].filter(visible),
        Need.DUE_SOON: rules[Need.DUE_SOON].filter(visible),
        Need.RESULT_NOT_RECORDED: rules[Need.RESULT_NOT_RECORDED].filter(visible),
        Need.EXTENSION_TO_DECIDE: rules[Need.EXTENSION_TO_DECIDE].filter(
            actionable(user, Action.DECIDE_EXTENSION)
        ),
        Need.RETURNED_TO_REASSIGN: rules[Need.RETURNED_TO_REASSIGN].filter(actionable(user, Action.REASSIGN)),
        Need.DIRECTIVE_TO_ASSIGN: _directives_to_assign(user),
    }


def conditions(
    *, today: date, calendar: WorkCalendar, soon: int = DUE_SOON_WORKING_DAYS
) -> dict[Need, QuerySet]:
    """The rule of each task need over all tasks, whoever they wait on, most urgent first:
    `needs` narrows them to one user, the daily reminders to many units at once."""
    due_to = latest_due_dates(today=today, calendar=calendar, soon=soon)
    return {
        Need.TO_ACCEPT: Task.objects.filter(lifecycle=Lifecycle.NOT_STARTED).order_by("assigned_on", "id"),
        Need.OVERDUE: Task.objects.overdue(as_of=today).order_by("due_in_force", "id"),
        Need.DUE_SOON: Task.objects.active_open()
        .filter(completed_on__isnull=True, due_in_force__gte=today, due_in_force__lte=due_to[Need.DUE_SOON])
        .order_by("due_in_force", "id"),
        Need.RESULT_NOT_RECORDED: Task.objects.overdue(as_of=today)
        .filter(due_in_force__lte=due_to[Need.RESULT_NOT_RECORDED])
        .order_by("due_in_force", "id"),
        Need.EXTENSION_TO_DECIDE: Task.objects.filter(lifecycle=Lifecycle.EXTENSION_REQUESTED).order_by(
            "state_recorded_at", "id"
        ),
        Need.RETURNED_TO_REASSIGN: Task.objects.filter(lifecycle=Lifecycle.RETURNED).order_by(
            "state_recorded_at", "id"
        ),
    }


def latest_due_dates(
    *, today: date, calendar: WorkCalendar, soon: int = DUE_SOON_WORKING_DAYS
) -> dict[Need, date]:
    """The latest due date of the tasks due soon (`soon` working days ahead) and of those whose
    result is already late (seed 001)."""
    return {
        Need.DUE_SOON: calendar.add_working_days(today, soon),
        Need.RESULT_NOT_RECORDED: latest_due_with_result_late(today, calendar),
    }


def _directives_to_assign(user) -> QuerySet:
    """Directives received by a unit whose office the user assigns for (can_assign_from) and
    without any task yet, whichever desk entered them; among those the user may see
    (visible_directives shows a unit's people what it received). Administrators: all."""
    waiting = (
        visible_directives(user)
        .filter(received_on__isnull=False)
        .exclude(Exists(Task.objects.filter(directive=OuterRef("pk"))))
        .select_related("receiving_unit")
        .order_by("received_on", "id")
    )
    if is_admin(user):
        return waiting
    units = [a.unit_id for a in role_assignments(user) if a.unit and can_assign_from(user, a.unit)]
    if not units:
        return Directive.objects.none()  # nobody here assigns: no directive waits on them
    # History the receiving unit could not be recovered for waits on the desk that entered it.
    return waiting.filter(Q(receiving_unit__in=units) | Q(receiving_unit__isnull=True, created_by=user))


def agenda(
    user,
    *,
    today: date,
    calendar: WorkCalendar | None = None,
    soon: int = DUE_SOON_WORKING_DAYS,
    limit: int = 5,
) -> list[Section]:
    """The user's needs with their counts and first `limit` tasks; needs with nothing waiting
    are left out. Two queries per need."""
    calendar = calendar or calendar_around(today)
    due_to = latest_due_dates(today=today, calendar=calendar, soon=soon)
    sections = []
    for need, tasks in needs(user, today=today, calendar=calendar, soon=soon).items():
        count = tasks.count()
        if not count:
            continue
        if need != Need.DIRECTIVE_TO_ASSIGN:
            tasks = tasks.select_related("directive", "lead_unit")
        sections.append(Section(need, count, list(tasks[:limit]), due_to.get(need)))
    # Tasks overdue for years need the calendar of those years to count their working days.
    earliest = min(
        (_deadline_day(item) for s in sections for item in s.items if _deadline_day(item)), default=today
    )
    if earliest.year < calendar.first_year:
        calendar = load_calendar(earliest.year, calendar.last_year)
    for section in sections:
        for item in section.items:
            deadline = _deadline_day(item)
            if isinstance(item, Directive):
                deadline = classification_deadline(item.received_on, many_units=False, cal=calendar)
            _mark(item, _working_days_left(deadline, today, calendar))
    return sections


def _deadline_day(item) -> date | None:
    """The day an item's working days are counted from: a task's due date in force, the day
    a directive was received."""
    return item.received_on if isinstance(item, Directive) else item.due_in_force


def _mark(item, working_days: int | None) -> None:
    item.working_days = working_days
    item.days_late = -working_days if working_days is not None and working_days < 0 else 0


def _working_days_left(due: date | None, today: date, calendar: WorkCalendar) -> int | None:
    if due is None:
        return None
    if due >= today:
        return calendar.count_working_days(today, due)
    return -calendar.count_working_days(due, today)
