"""When the reminders are due: pure functions of dates, a WorkCalendar and the settings'
numbers, without the ORM and without a clock (the caller passes the day).

What each reminder lists comes from tracking.agenda (the home page's needs, one door per
rule); this module says on which days they go out and which tasks are already late to
accept, which directives late to assign, which deadlines near.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from nhiemvu.reminders.choices import ReportKind
from nhiemvu.workdays.calendar import WorkCalendar
from nhiemvu.workdays.deadlines import classification_deadline, monthly_update_deadline


def is_reminder_day(day: date, cal: WorkCalendar) -> bool:
    """Reminders go out on working days only: never on a weekend, a holiday, nor a weekday
    given off in a swap; a swapped Saturday that is worked is a reminder day (the calendar's
    make-up days, workdays/calendar.py)."""
    return cal.is_working_day(day)


def latest_day_past(today: date, deadline_of, cal: WorkCalendar) -> date:
    """The latest start day whose deadline (`deadline_of(start, cal)`) is already past on `today`.

    Deadlines grow with their start day, so everything that started on or before the day
    returned is late today and everything after it is not.
    """
    start = today - timedelta(days=1)
    while deadline_of(start, cal) >= today:
        start -= timedelta(days=1)
    return start


def latest_assigned_late_to_accept(today: date, limit: int, cal: WorkCalendar) -> date:
    """New tasks assigned on or before this day and still not accepted are late to accept.

    Neither the seeds nor the code set a time for the lead unit to accept a task (seed 003
    art. 6.1.a and seed 004 art. 6.2.a say only that it receives it); `limit` working days
    is the deployment's choice (settings.REMINDER_ACCEPT_WORKING_DAYS).
    """
    return latest_day_past(today, lambda start, c: c.add_working_days(start, limit), cal)


def latest_received_late_to_assign(today: date, cal: WorkCalendar) -> date:
    """Directives received on or before this day and still without tasks are past the
    office's 1 working day (seed 003 art. 6.1.b, seed 004 art. 6.1.b). A directive of many
    tasks or units has 2 (workdays.deadlines.classification_deadline); how many units it
    involves is known only once it is assigned, so the reminder counts against the 1 day and
    says which of them are also past the 2."""
    return latest_day_past(today, lambda start, c: classification_deadline(start, False, c), cal)


def reminder_day(deadline: date, lead: int, cal: WorkCalendar) -> date:
    """The `lead`-th working day before `deadline` (the deadline itself not counted), the day
    its reminder goes out; with `lead` 0, the last working day on or before it."""
    day, counted = deadline, 0
    if lead == 0:
        while not cal.is_working_day(day):
            day -= timedelta(days=1)
        return day
    while counted < lead:
        day -= timedelta(days=1)
        if cal.is_working_day(day):
            counted += 1
    return day


def monthly_update_due(today: date, lead: int, cal: WorkCalendar) -> date | None:
    """The 19th whose reminder goes out `today`, if any.

    Seed 003 art. 20.1: units update every task "chậm nhất vào ngày 19 hàng tháng"
    (workdays.deadlines.monthly_update_deadline). The reminder goes out `lead` working days
    before it (settings.REMINDER_MONTHLY_LEAD_WORKING_DAYS), earlier when the 19th falls on a
    day off, so each month has exactly one reminder day.
    """
    for year, month in _this_and_next_month(today):
        deadline = monthly_update_deadline(year, month)
        if reminder_day(deadline, lead, cal) == today:
            return deadline
    return None


@dataclass(frozen=True)
class ReportDeadline:
    kind: ReportKind
    deadline: date

    @property
    def subject(self) -> str:
        """The outbox subject: one reminder per report and deadline."""
        return f"{self.kind}:{self.deadline.isoformat()}"


def report_deadlines_due(
    today: date, dates: Mapping[str, Iterable[tuple[int, int]]], lead: int, cal: WorkCalendar
) -> list[ReportDeadline]:
    """The periodic report deadlines whose reminder goes out `today`, `lead` working days
    before each (settings.REMINDER_REPORT_LEAD_WORKING_DAYS). `dates` maps a ReportKind to
    its (day, month) pairs (settings.REMINDER_REPORT_DATES, whose defaults are seed 004 art.
    10.1 for the Government's tasks and seed 003 art. 20.2 for a department's report)."""
    due = []
    for kind, pairs in dates.items():
        for day_of_month, month in pairs:
            for year in (today.year, today.year + 1):
                deadline = date(year, month, day_of_month)
                if deadline > today and reminder_day(deadline, lead, cal) == today:
                    due.append(ReportDeadline(ReportKind(kind), deadline))
    return sorted(due, key=lambda d: (d.deadline, d.kind))


def parse_report_dates(text: str) -> tuple[tuple[int, int], ...]:
    """ "20/03,20/06" → ((20, 3), (20, 6)): how a deployment writes a report's dates in the
    environment. Raises ValueError on anything else."""
    pairs = []
    for item in text.split(","):
        day_text, _, month_text = item.strip().partition("/")
        pair = (int(day_text), int(month_text))
        date(2028, pair[1], pair[0])  # a leap year: 29/02 is a day; 31/04 is not
        pairs.append(pair)
    return tuple(pairs)


def _this_and_next_month(today: date) -> list[tuple[int, int]]:
    following = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
    return [(today.year, today.month), following]
