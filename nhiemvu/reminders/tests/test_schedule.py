"""When the jobs run: the day's decision each hour of the working day from 07:00
Asia/Ho_Chi_Minh, so that a worker down at 07:00 still sends the day's reminders that day."""

from datetime import datetime

import pytest

from nhiemvu.reminders.jobs import deliver_waiting_reminders, run_todays_reminders

# huey reads its crontabs in UTC: 07:00 in Vietnam is 00:00 UTC.


@pytest.mark.parametrize(("hour_utc", "runs"), [(23, False), (0, True), (1, True), (9, True), (10, False)])
def test_the_days_decision_runs_each_hour_from_seven_to_four_local_time(hour_utc, runs):
    assert run_todays_reminders.s().validate_datetime(datetime(2026, 12, 7, hour_utc, 0)) is runs
    assert not run_todays_reminders.s().validate_datetime(datetime(2026, 12, 7, 1, 30))


def test_waiting_reminders_are_delivered_every_five_minutes():
    assert deliver_waiting_reminders.s().validate_datetime(datetime(2026, 12, 7, 3, 5))
    assert not deliver_waiting_reminders.s().validate_datetime(datetime(2026, 12, 7, 3, 7))
