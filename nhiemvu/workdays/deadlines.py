"""Deadlines the regulations set, as pure functions of dates and a WorkCalendar.

Seeds are the Kon Tum documents of shared/seeds: seed 001 is letter 1196/UBND-TH (2018)
quoting art. 6.3.b of the regulation of Decision 270/QĐ-UBND; seed 003 the Department of
Agriculture's regulation (2022); seed 004 the provincial regulation on tasks given by the
Government and the Prime Minister (2016).
"""

from datetime import date, timedelta

from nhiemvu.workdays.calendar import WorkCalendar


def classification_deadline(received_on: date, many_units: bool, cal: WorkCalendar) -> date:
    """Last day to classify a directive and pass its tasks on for follow-up.

    Seed 003 art. 6.1.b: "không quá 01 ngày làm việc", 02 working days when the directive
    holds many tasks, involves many units or needs other bodies' opinions. Seed 004
    art. 6.1.b sets the same 1 working day for Government tasks.
    """
    return cal.add_working_days(received_on, 2 if many_units else 1)


def result_record_deadline(due_on: date, cal: WorkCalendar) -> date:
    """Last day to record a task's result: 2 working days after its due date.

    Seed 003 art. 6.3.b and seed 001 (quoting art. 6.3.b of Decision 270/QĐ-UBND): "chậm
    nhất sau thời hạn 02 ngày làm việc" from the due date to complete, submit or report.
    """
    return cal.add_working_days(due_on, 2)


def is_result_recorded_late(due_on: date, recorded_on: date, cal: WorkCalendar) -> bool:
    """Whether a result was recorded after result_record_deadline (seed 001, seed 003 art. 6.3.b)."""
    return recorded_on > result_record_deadline(due_on, cal)


def latest_due_with_result_late(today: date, cal: WorkCalendar) -> date:
    """The latest due date whose result, if not recorded by `today`, is already late: open
    tasks due on or before it are "results not recorded 2 working days after the due date"
    (seed 001, seed 003 art. 6.3.b)."""
    due = today - timedelta(days=1)
    while result_record_deadline(due, cal) >= today:
        due -= timedelta(days=1)
    return due


def monthly_update_deadline(year: int, month: int) -> date:
    """The 19th of the month: units update all their tasks by then.

    Seed 003 art. 20.1: "Chậm nhất vào ngày 19 hàng tháng". A calendar date, not moved
    when it falls on a day off: the regulation names no shift.
    """
    return date(year, month, 19)


def inspection_report_deadline(inspection_end: date, cal: WorkCalendar) -> date:
    """Last day for the head of an inspection to report its results: 5 working days after it ends.

    Seed 003 art. 16.2: "Chậm nhất 05 ngày làm việc sau khi kết thúc kiểm tra".
    """
    return cal.add_working_days(inspection_end, 5)
