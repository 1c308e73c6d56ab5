"""The system's own urging (đôn đốc) of the units whose tasks are overdue: on which day,
which units, about which tasks, and what it says. Pure functions of dates, a WorkCalendar
and the tasks' plain data: no ORM, no clock (urging.services.urge_overdue runs them).

Why and when. The office follows and urges the units on the tasks they were assigned
(seed 003 art. 8.2, 10.1.a; seed 004 art. 3.2, 6.1.d), through the tracking software first
among its means (seed 003 art. 9.1, seed 004 art. 7.1), and a reminder (nhắc nhở) is the
first of its measures (seed 000 I.1: "nhắc nhở, đôn đốc"). The units update every task by
the 19th of each month (seed 003 art. 20.1: "Chậm nhất vào ngày 19 hàng tháng"), so what is
still open past its due date after that day is overdue indeed, not merely not updated yet
(seed 002 2.2). Hence, once a month, on the first working day on or after the deployment's
letter day (settings.URGING_LETTER_DAY; default the 20th, the first day after the monthly
update), every unit that leads overdue tasks receives from each unit that assigned some
of them one "nhắc nhở" whose letter (urging.letter) lists them, the longest overdue first,
at most `limit` (urging.services.MAX_TASKS). Only on working days (workdays.calendar): a
letter day on a weekend, a holiday or a swapped day off moves to the next working day.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from nhiemvu.workdays.calendar import WorkCalendar


@dataclass(frozen=True)
class OverdueTask:
    """What the rule needs of an open task past its due date in force."""

    pk: int
    issuing_unit_id: int  # the unit that assigned it (Task.assigning_unit)
    unit_id: int  # its lead unit
    due: date


@dataclass(frozen=True)
class PlannedUrging:
    """One system urging: `issuing_unit_id` urges `unit_id` about `task_ids` (the longest
    overdue first), `overdue` being how many of its tasks are overdue in all."""

    issuing_unit_id: int
    unit_id: int
    task_ids: tuple[int, ...]
    overdue: int


def first_working_day_from(day: date, cal: WorkCalendar) -> date:
    """`day` if it is worked, else the working day after it."""
    while not cal.is_working_day(day):
        day += timedelta(days=1)
    return day


def _month_before(day: date) -> tuple[int, int]:
    return (day.year - 1, 12) if day.month == 1 else (day.year, day.month - 1)


def is_urging_day(day: date, letter_day: int, cal: WorkCalendar) -> bool:
    """Whether `day` is the first working day on or after the `letter_day`-th of its month
    (or of the month before, when the holidays after a late letter day run into the next
    month). `letter_day` 0: never. The calendar must cover the month before."""
    if not letter_day or not cal.is_working_day(day):
        return False
    months = [(day.year, day.month), _month_before(day)]
    return any(first_working_day_from(date(year, month, letter_day), cal) == day for year, month in months)


def plan(
    day: date, overdue: Iterable[OverdueTask], *, letter_day: int, cal: WorkCalendar, limit: int
) -> list[PlannedUrging]:
    """The urgings the system makes on `day`: none unless it is the month's urging day; else
    one per (issuing unit, lead unit) pair with tasks overdue on `day` (due before it), naming
    the `limit` longest overdue of them (the earliest due date first, then the oldest task).
    A unit's tasks assigned by itself are its own to follow (seed 003 art. 10.2.a): no
    letter from a unit to itself."""
    if not is_urging_day(day, letter_day, cal):
        return []
    pairs = defaultdict(list)
    for task in overdue:
        if task.due < day and task.issuing_unit_id != task.unit_id:
            pairs[task.issuing_unit_id, task.unit_id].append(task)
    planned = []
    for (issuing_unit_id, unit_id), tasks in sorted(pairs.items()):
        tasks.sort(key=lambda task: (task.due, task.pk))
        ids = tuple(task.pk for task in tasks[:limit])
        planned.append(PlannedUrging(issuing_unit_id, unit_id, ids, len(tasks)))
    return planned


def default_text(*, unit: str, issuer: str, day: date, overdue: int, listed: int) -> str:
    """What the system's urging says (the letter adds its table of tasks and what the unit is
    asked to do). Vietnamese: the record and its letter are the official text."""
    text = (
        f"Theo dõi trên hệ thống, đến ngày {day:%d/%m/%Y} {unit} còn {overdue} nhiệm vụ do {issuer} "
        "giao đã quá thời hạn xử lý nhưng chưa hoàn thành."
    )
    if listed < overdue:
        text += f" Danh sách dưới đây gồm {listed} nhiệm vụ trễ hạn lâu nhất."
    return text + "\nNhắc nhở định kỳ hằng tháng, do hệ thống theo dõi nhiệm vụ lập tự động."
