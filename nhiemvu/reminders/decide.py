"""Deciding a day's reminders: who is reminded of what, and writing it to the outbox.

Each working day (rules.is_reminder_day), one digest to each unit's leader and focal
officer (roles unit_leader and focal_officer, or the account of a unit's FocalOfficer; a
FocalOfficer without an account by e-mail, reminders.focal_officers) and one to each office
desk. What the digest lists is the home page's needs
(tracking.agenda.needs, the same querysets, so a reminder and "việc của tôi" never
disagree), narrowed where the reminder is about lateness:

- unit leaders and focal officers: new tasks not accepted within the acceptance limit
  (rules.latest_assigned_late_to_accept), overdue tasks, tasks due within
  REMINDER_DUE_SOON_WORKING_DAYS, results not recorded 2 working days after the due date
  (seed 001, seed 003 art. 6.3.b); the monthly update before the 19th (seed 003 art.
  20.1) and the periodic reports' deadlines (seed 004 art. 10.1, seed 003 art. 20.2);
- office desks: directives received and not assigned past the 1 working day (seed 003
  art. 6.1.b, seed 004 art. 6.1.b), extension requests waiting for a leader's decision on
  the tasks their unit assigned, returned tasks waiting to be reassigned.

Most recipients are a single unit's leader or focal officer: their lists are computed for
all units at once (reminders.unit_lists, checked against agenda.needs by
tests/test_unit_lists.py); the others are decided one by one through agenda.needs.

The decision and the outbox rows it writes are one transaction; the rows are inserted
(reminders.outbox) ignoring those already there (OutboxMessage's unique key), so deciding a day again, by
hand or by a second worker, adds nothing.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from nhiemvu.accounts.choices import Role
from nhiemvu.accounts.models import RoleAssignment
from nhiemvu.directives.models import Directive
from nhiemvu.reminders import focal_officers, outbox, rules, unit_lists
from nhiemvu.reminders.choices import Rule
from nhiemvu.reminders.models import OutboxMessage
from nhiemvu.tracking.agenda import Need, conditions, latest_due_dates, needs
from nhiemvu.tracking.choices import Lifecycle
from nhiemvu.tracking.models import Task
from nhiemvu.tracking.permissions import Action, actionable
from nhiemvu.units.models import FocalOfficer
from nhiemvu.workdays.calendar import WorkCalendar
from nhiemvu.workdays.deadlines import classification_deadline
from nhiemvu.workdays.services import load_calendar

UNIT_ROLES = frozenset({Role.UNIT_LEADER, Role.FOCAL_OFFICER})
OFFICE_ROLES = frozenset({Role.OFFICE_DESK})
UNIT_TASK_RULES = (Rule.TO_ACCEPT, Rule.OVERDUE, Rule.DUE_SOON, Rule.RESULT_NOT_RECORDED)
OFFICE_TASK_RULES = (Rule.EXTENSION_WAITING, Rule.RETURNED_TO_REASSIGN)


@dataclass
class Reminder:
    """One thing to remind one user, or one focal officer without an account, of on the day
    (an outbox row per channel)."""

    recipient: object
    rule: Rule
    subject: str
    payload: dict


@dataclass
class DayDecision:
    day: date
    working_day: bool
    reminders: list[Reminder] = field(default_factory=list)
    rows: list[OutboxMessage] = field(default_factory=list)
    written: int = 0  # rows new in the outbox (the others were there already)


def calendar_for(day: date) -> WorkCalendar:
    """The year before `day` to the year after: report deadlines of January are reminded in
    December."""
    return load_calendar(day.year - 1, day.year + 1)


def decide_day(day: date, *, now: datetime, calendar: WorkCalendar, write: bool = True) -> DayDecision:
    """The reminders of `day` and their outbox rows, written unless `write` is False (a dry
    run: `rows` then says what would be written and `written` how many are new)."""
    if not rules.is_reminder_day(day, calendar):
        return DayDecision(day, working_day=False)
    with transaction.atomic():
        decision = DayDecision(day, working_day=True)
        today = _Day(day, calendar)
        recipients = _recipients(day)
        by_unit = _single_unit_performers(recipients)
        officers = focal_officers.to_mail(day, unit_roles=UNIT_ROLES)
        units = {*by_unit.values(), *(officer.unit_id for officer in officers)}
        lists = today.unit_lists(units) if units else {}
        for user, roles in recipients.items():
            if user in by_unit:
                decision.reminders += today.unit_reminders(user, by_unit[user], lists)
            else:
                decision.reminders += today.reminders_of(user, roles)
        for officer in officers:
            decision.reminders += today.unit_reminders(officer, officer.unit_id, lists)
        decision.rows = outbox.rows_for(decision.reminders, day, now)
        existing = outbox.existing_keys(day)
        decision.written = sum(1 for row in decision.rows if outbox.key(row) not in existing)
        if write:
            outbox.insert_new(decision.rows)
    return decision


def _recipients(day: date) -> dict:
    """Active users holding a unit or office role in a unit active on `day`, with those
    roles; a unit's FocalOfficer with an account counts as its focal officer."""
    recipients = defaultdict(set)
    assignments = RoleAssignment.objects.filter(
        role__in=UNIT_ROLES | OFFICE_ROLES, user__is_active=True
    ).select_related("user", "unit")
    for assignment in assignments.order_by("user_id"):
        if assignment.unit.is_active_on(day):
            recipients[assignment.user].add(assignment.role)
    officers = FocalOfficer.objects.filter(user__is_active=True).select_related("user", "unit")
    for officer in officers:
        if officer.unit.is_active_on(day):
            recipients[officer.user].add(Role.FOCAL_OFFICER)
    return recipients


def _single_unit_performers(recipients) -> dict:
    """{user: unit id} of the recipients whose whole scope is one unit's performing side: every
    role of theirs a unit leader's or focal officer's in the same unit, not an administrator,
    and no task's tracking officer. Their lists come from unit_lists, a few statements for
    all of them; the others' from agenda.needs, one by one."""
    assignments = defaultdict(set)
    for user_id, role, unit_id in RoleAssignment.objects.values_list("user_id", "role", "unit_id"):
        assignments[user_id].add((role, unit_id))
    officers = set(
        Task.objects.filter(tracking_officer__isnull=False).values_list("tracking_officer_id", flat=True)
    )
    single = {}
    for user in recipients:
        held = assignments.get(user.pk, set())
        units = {unit_id for _, unit_id in held}
        if (
            len(units) == 1
            and all(role in UNIT_ROLES for role, _ in held)
            and not user.is_superuser
            and user.pk not in officers
        ):
            single[user] = units.pop()
    return single


class _Day:
    """What the rules say for one day, computed once for all its recipients."""

    def __init__(self, day: date, calendar: WorkCalendar):
        self.day, self.calendar = day, calendar
        self.limit = settings.REMINDER_ITEMS_PER_RULE
        soon = settings.REMINDER_DUE_SOON_WORKING_DAYS
        latest = latest_due_dates(today=day, calendar=calendar, soon=soon)
        self.due_to = {
            Rule.DUE_SOON: latest[Need.DUE_SOON],
            Rule.RESULT_NOT_RECORDED: latest[Need.RESULT_NOT_RECORDED],
        }
        self.late_to_accept = rules.latest_assigned_late_to_accept(
            day, settings.REMINDER_ACCEPT_WORKING_DAYS, calendar
        )
        self.conditions = conditions(today=day, calendar=calendar, soon=soon)
        self.dated = _date_reminders(day, calendar)
        self.counter = _WorkingDays(calendar)
        self._items = {}

    def unit_task_rules(self) -> dict:
        """The unit side's task rules: {rule: (queryset of the rule alone, coordinated counts)}."""
        return {
            Rule.TO_ACCEPT: (
                self.conditions[Need.TO_ACCEPT].filter(assigned_on__lte=self.late_to_accept),
                False,
            ),
            Rule.OVERDUE: (self.conditions[Need.OVERDUE], True),
            Rule.DUE_SOON: (self.conditions[Need.DUE_SOON], True),
            Rule.RESULT_NOT_RECORDED: (self.conditions[Need.RESULT_NOT_RECORDED], True),
        }

    def reminders_of(self, user, roles) -> list:
        """One recipient's reminders through agenda.needs (the home page's lists)."""
        lists = needs(
            user, today=self.day, calendar=self.calendar, soon=settings.REMINDER_DUE_SOON_WORKING_DAYS
        )
        task_lists = {}
        if roles & UNIT_ROLES:
            task_lists[Rule.TO_ACCEPT] = lists[Need.TO_ACCEPT].filter(assigned_on__lte=self.late_to_accept)
            task_lists[Rule.OVERDUE] = lists[Need.OVERDUE]
            task_lists[Rule.DUE_SOON] = lists[Need.DUE_SOON]
            task_lists[Rule.RESULT_NOT_RECORDED] = lists[Need.RESULT_NOT_RECORDED]
        if roles & OFFICE_ROLES:
            task_lists[Rule.EXTENSION_WAITING] = extensions_waiting(user)
            task_lists[Rule.RETURNED_TO_REASSIGN] = lists[Need.RETURNED_TO_REASSIGN]
        reminders = []
        for rule, tasks in task_lists.items():
            count = tasks.count()
            if count:
                items = [
                    self.task_item(task)
                    for task in tasks.select_related("directive", "lead_unit")[: self.limit]
                ]
                reminders.append(self._reminder(user, rule, count, items))
        if roles & OFFICE_ROLES:
            received_by = rules.latest_received_late_to_assign(self.day, self.calendar)
            directives = lists[Need.DIRECTIVE_TO_ASSIGN].filter(received_on__lte=received_by)
            count = directives.count()
            if count:
                items = [self.counter.directive_item(d, self.day) for d in directives[: self.limit]]
                reminders.append(self._reminder(user, Rule.DIRECTIVE_TO_ASSIGN, count, items))
        if roles & UNIT_ROLES:
            reminders += [Reminder(user, rule, subject, payload) for rule, subject, payload in self.dated]
        return reminders

    def unit_lists(self, unit_ids) -> dict:
        """{rule: {unit id: (count, first task ids)}} for the units' leaders and focal officers,
        and the items of every task listed, fetched in a few queries."""
        lists = {
            rule: unit_lists.first_tasks(queryset, coordinated=coordinated, limit=self.limit)
            for rule, (queryset, coordinated) in self.unit_task_rules().items()
        }
        wanted = {
            task_id
            for by_unit in lists.values()
            for unit_id, (_, ids) in by_unit.items()
            if unit_id in unit_ids
            for task_id in ids
        }
        wanted -= self._items.keys()
        ordered = sorted(wanted)
        columns = (
            "pk",
            "content",
            "directive__number_symbol",
            "lead_unit__short_name",
            "lead_unit__name",
            "due_in_force",
        )
        for start in range(0, len(ordered), 2000):
            # Plain values: model instances of tens of thousands of tasks cost seconds.
            for values in Task.objects.filter(pk__in=ordered[start : start + 2000]).values_list(*columns):
                self._items[values[0]] = self.counter.item(*values, self.day)
        return lists

    def unit_reminders(self, recipient, unit_id, lists) -> list:
        """The digest of a unit's leader and focal officer (a user, or a FocalOfficer)."""
        reminders = []
        for rule, by_unit in lists.items():
            count, ids = by_unit.get(unit_id, (0, []))
            if count:
                items = [self._items[task_id] for task_id in ids]
                reminders.append(self._reminder(recipient, rule, count, items))
        reminders += [Reminder(recipient, rule, subject, payload) for rule, subject, payload in self.dated]
        return reminders

    def task_item(self, task) -> dict:
        if task.pk not in self._items:
            self._items[task.pk] = self.counter.task_item(task, self.day)
        return self._items[task.pk]

    def _reminder(self, user, rule, count, items) -> Reminder:
        payload = {"count": count, "items": items}
        if rule in self.due_to:
            payload["due_to"] = self.due_to[rule].isoformat()
        return Reminder(user, rule, "", payload)


def extensions_waiting(user):
    """Extension requests waiting for a decision, on the tasks the desk's unit assigned: the
    leaders decide (seed 002 §3, permissions' DECIDE_EXTENSION); the office follows and urges
    (seed 004 art. 6.1.d), over the tasks it may reassign (actionable REASSIGN)."""
    return Task.objects.filter(
        actionable(user, Action.REASSIGN), lifecycle=Lifecycle.EXTENSION_REQUESTED
    ).order_by("state_recorded_at", "id")


def _date_reminders(day, calendar) -> list[tuple[Rule, str, dict]]:
    """(rule, subject, payload) of the day's date reminders, the same for every unit's people:
    the monthly update (seed 003 art. 20.1) and the periodic reports (seed 004 art. 10.1, seed
    003 art. 20.2)."""
    dated = []
    monthly = rules.monthly_update_due(day, settings.REMINDER_MONTHLY_LEAD_WORKING_DAYS, calendar)
    if monthly:
        dated.append((Rule.MONTHLY_UPDATE, f"{monthly:%Y-%m}", {"deadline": monthly.isoformat()}))
    for report in rules.report_deadlines_due(
        day, report_dates(), settings.REMINDER_REPORT_LEAD_WORKING_DAYS, calendar
    ):
        payload = {"deadline": report.deadline.isoformat(), "report": report.kind.value}
        dated.append((Rule.REPORT_DEADLINE, report.subject, payload))
    return dated


def report_dates() -> dict:
    """settings.REMINDER_REPORT_DATES parsed, or ImproperlyConfigured naming the bad value."""
    parsed = {}
    for kind, text in settings.REMINDER_REPORT_DATES.items():
        try:
            parsed[kind] = rules.parse_report_dates(text)
        except ValueError:
            names = (
                "HALF_YEAR_REPORT_DUE, YEAR_REPORT_DUE"
                if kind == "department"
                else "REMINDER_REPORT_DATES_GOVERNMENT"
            )
            raise ImproperlyConfigured(f"{names}: DD/MM dates separated by commas, not {text!r}") from None
    return parsed


class _WorkingDays:
    """Working days left or late for the digest's items, with a calendar reaching back as
    far as the oldest overdue task (loaded once per run)."""

    def __init__(self, calendar: WorkCalendar):
        self.calendar = calendar

    def cover(self, day: date) -> None:
        if day.year < self.calendar.first_year:
            self.calendar = load_calendar(day.year, self.calendar.last_year)

    def between(self, deadline: date, day: date) -> int:
        """Working days from `day` to `deadline`; negative when the deadline is past."""
        self.cover(deadline)
        if deadline >= day:
            return self.calendar.count_working_days(day, deadline)
        return -self.calendar.count_working_days(deadline, day)

    def task_item(self, task: Task, day: date) -> dict:
        values = (task.pk, task.content, task.directive.number_symbol, task.lead_unit.short_name)
        return self.item(*values, task.lead_unit.name, task.due_in_force, day)

    def item(self, pk, content, number_symbol, unit_short_name, unit_name, due, day) -> dict:
        return {
            "task": pk,
            "content": content[:300],
            "directive": number_symbol,
            "lead_unit": unit_short_name or unit_name,
            "due": due.isoformat() if due else None,
            "working_days": self.between(due, day) if due else None,
        }

    def directive_item(self, directive: Directive, day: date) -> dict:
        self.cover(directive.received_on)
        one_day = classification_deadline(directive.received_on, False, self.calendar)
        two_days = classification_deadline(directive.received_on, True, self.calendar)
        return {
            "directive": directive.pk,
            "number_symbol": directive.number_symbol,
            "summary": directive.summary[:300],
            "received_on": directive.received_on.isoformat(),
            "working_days": self.between(one_day, day),
            "past_two_days": two_days < day,
        }
