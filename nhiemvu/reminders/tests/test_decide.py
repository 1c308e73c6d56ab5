"""Who is reminded of what on a day (reminders.decide), and the outbox it writes once."""

from datetime import date

import pytest

from nhiemvu.reminders.choices import Channel, Rule
from nhiemvu.reminders.decide import calendar_for, decide_day
from nhiemvu.reminders.models import OutboxMessage, ReminderPreference
from nhiemvu.reminders.tests.conftest import HOLIDAY, TUESDAY, WEDNESDAY
from tests.factories import moment

pytestmark = pytest.mark.django_db


def decide(day, **options):
    return decide_day(day, now=moment(day, 6), calendar=calendar_for(day), **options)


def reminded(decision) -> set:
    return {(r.recipient.username, r.rule) for r in decision.reminders}


def task_ids(decision, username, rule) -> set:
    (reminder,) = [r for r in decision.reminders if (r.recipient.username, r.rule) == (username, rule)]
    return {item["task"] for item in reminder.payload["items"]}


def test_nothing_is_decided_on_a_holiday(week):
    decision = decide(HOLIDAY)
    assert not decision.working_day
    assert decision.reminders == []
    assert not OutboxMessage.objects.exists()


def test_unit_leader_and_focal_officer_each_get_their_units_overdue_and_due_soon_tasks(week):
    decision = decide(TUESDAY)
    for username in ("giamdoc_snn", "daumoi_snn"):
        assert week.due_on_holiday.pk in task_ids(decision, username, Rule.OVERDUE)
        assert task_ids(decision, username, Rule.DUE_SOON) == {week.due_soon.pk}
    # The specialist is not reminded; the justice department has nothing late or near.
    assert not {name for name, _ in reminded(decision)} & {"chuyenvien_snn", "daumoi_stp"}


def test_a_result_due_on_a_holiday_is_late_two_working_days_after_it_seed_001_seed_003_art_6_3_b(week):
    # Due Thursday 30 April (a holiday): its 2 working days are Monday 4 and Tuesday 5 May.
    assert ("daumoi_snn", Rule.RESULT_NOT_RECORDED) not in reminded(decide(TUESDAY))
    assert task_ids(decide(WEDNESDAY), "daumoi_snn", Rule.RESULT_NOT_RECORDED) == {week.due_on_holiday.pk}


def test_a_new_task_is_reminded_once_the_acceptance_limit_has_passed(week, settings):
    # Assigned Wednesday 29 April; 2 working days (the default): Monday 4 and Tuesday 5 May.
    assert ("giamdoc_snn", Rule.TO_ACCEPT) not in reminded(decide(TUESDAY))
    assert task_ids(decide(WEDNESDAY), "giamdoc_snn", Rule.TO_ACCEPT) == {week.new.pk}
    settings.REMINDER_ACCEPT_WORKING_DAYS = 1
    assert task_ids(decide(TUESDAY, write=False), "giamdoc_snn", Rule.TO_ACCEPT) == {week.new.pk}


def test_the_office_gets_directives_late_to_assign_extensions_waiting_and_returned_tasks(week):
    # Received Monday 4 May: the 1 working day is Tuesday 5 (seed 003 art. 6.1.b).
    assert ("vp_tonghop", Rule.DIRECTIVE_TO_ASSIGN) not in reminded(decide(TUESDAY))
    decision = decide(WEDNESDAY)
    (directives,) = [r for r in decision.reminders if r.rule == Rule.DIRECTIVE_TO_ASSIGN]
    assert directives.recipient.username == "vp_tonghop"
    assert [item["number_symbol"] for item in directives.payload["items"]] == ["1196/UBND-TH"]
    assert directives.payload["items"][0]["working_days"] == -1
    assert not directives.payload["items"][0]["past_two_days"]
    assert task_ids(decision, "vp_tonghop", Rule.EXTENSION_WAITING) == {week.extension.pk}
    assert task_ids(decision, "vp_tonghop", Rule.RETURNED_TO_REASSIGN) == {week.returned.pk}
    # The desk is not sent the units' own lists.
    assert ("vp_tonghop", Rule.OVERDUE) not in reminded(decision)


def test_one_row_per_recipient_rule_day_and_channel_with_the_channels_each_can_receive(week, people):
    people.focal_officer.email = ""
    people.focal_officer.save(update_fields=["email"])
    ReminderPreference.objects.create(user=people.unit_leader, in_app=False)
    decide(TUESDAY)
    rows = OutboxMessage.objects.filter(rule=Rule.OVERDUE)
    assert {(r.recipient.username, r.channel) for r in rows} == {
        ("giamdoc_snn", Channel.EMAIL),
        ("daumoi_snn", Channel.IN_APP),
    }


def test_deciding_a_day_twice_writes_nothing_new(week):
    first = decide(WEDNESDAY)
    count = OutboxMessage.objects.count()
    assert first.written == count > 0
    again = decide(WEDNESDAY)
    assert again.written == 0
    assert OutboxMessage.objects.count() == count


def test_a_dry_run_says_what_it_would_write_and_writes_nothing(week):
    decision = decide(WEDNESDAY, write=False)
    assert decision.written == len(decision.rows) > 0
    assert not OutboxMessage.objects.exists()


def test_the_monthly_update_and_report_deadlines_reach_every_unit_even_with_nothing_late(people, settings):
    # 19 May 2026 is a Tuesday: 3 working days before is Thursday 14; 20 March 2026 (a Friday)
    # is reminded 5 working days before, on Friday 13 March (seed 004 art. 10.1).
    may = decide(date(2026, 5, 14))
    assert {(r.recipient.username, r.subject) for r in may.reminders if r.rule == Rule.MONTHLY_UPDATE} == {
        ("giamdoc_snn", "2026-05"),
        ("daumoi_snn", "2026-05"),
        ("daumoi_stp", "2026-05"),
    }
    march = decide(date(2026, 3, 13))
    assert {r.subject for r in march.reminders if r.rule == Rule.REPORT_DEADLINE} == {"government:2026-03-20"}
    settings.REMINDER_REPORT_DATES = {"government": "13/04", "department": "10/06"}
    assert not [r for r in decide(date(2026, 3, 13), write=False).reminders if r.rule == Rule.REPORT_DEADLINE]


def test_the_digest_time_of_the_recipient_is_when_its_rows_may_go(week, people):
    from datetime import time

    ReminderPreference.objects.create(user=people.desk, digest_time=time(14, 30))
    decide(WEDNESDAY)
    desk_rows = OutboxMessage.objects.filter(recipient=people.desk)
    assert {r.next_attempt_at for r in desk_rows} == {moment(WEDNESDAY, 14, 30)}
    assert {r.next_attempt_at for r in OutboxMessage.objects.exclude(recipient=people.desk)} == {
        moment(WEDNESDAY, 7)
    }
