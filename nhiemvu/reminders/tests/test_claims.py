"""Once per day and channel whatever the workers do: claims taken by one worker only, a
killed worker's claim taken over after the lease, a worker killed mid-send never repeated
by itself; two workers racing: test_race.py."""

from datetime import timedelta

import pytest

from nhiemvu.reminders import channels, services
from nhiemvu.reminders.choices import Channel, OutboxState
from nhiemvu.reminders.decide import calendar_for, decide_day
from nhiemvu.reminders.delivery import (
    Group,
    claim,
    deliver_claimed,
    deliver_pending,
    lease,
    mark_sending,
    uncertain,
)
from nhiemvu.reminders.models import Notification, OutboxMessage
from nhiemvu.reminders.tests.conftest import ADDRESSES, WEDNESDAY
from tests.factories import moment

MORNING = moment(WEDNESDAY, 7, 5)
FOCAL = ADDRESSES["focal_officer"]


def decided():
    decide_day(WEDNESDAY, now=MORNING, calendar=calendar_for(WEDNESDAY))


def focal_officer_mail_group(people):
    return Group(people.focal_officer.pk, None, WEDNESDAY, Channel.EMAIL)


@pytest.mark.django_db
def test_a_claim_is_taken_by_one_worker_only(week, inbox, people):
    decided()
    first = claim(focal_officer_mail_group(people), now=MORNING)
    assert first is not None
    assert claim(focal_officer_mail_group(people), now=MORNING) is None
    assert deliver_claimed(first, now=MORNING).messages == 1
    assert inbox.recipients() == [FOCAL]


@pytest.mark.django_db
def test_a_worker_killed_after_claiming_is_taken_over_after_the_lease_and_sends_nothing_if_it_wakes(
    week, inbox, people
):
    decided()
    dead = claim(focal_officer_mail_group(people), now=MORNING)
    deliver_pending(now=MORNING + lease() - timedelta(seconds=1))
    assert FOCAL not in inbox.recipients()  # still held by the dead worker
    deliver_pending(now=MORNING + lease() + timedelta(seconds=1))
    assert inbox.recipients().count(FOCAL) == 1
    assert deliver_claimed(dead, now=MORNING + lease() * 2).messages == 0  # it was only asleep
    assert inbox.recipients().count(FOCAL) == 1


@pytest.mark.django_db
def test_a_worker_killed_mid_send_is_never_repeated_by_itself_and_the_office_sees_it(week, inbox, people):
    decided()
    token = claim(focal_officer_mail_group(people), now=MORNING)
    rows = mark_sending(token, OutboxMessage.objects.filter(claim_token=token).values_list("pk", flat=True))
    channels.send_email(people.focal_officer, WEDNESDAY, rows, None)  # the server has it; then SIGKILL
    later = MORNING + lease() + timedelta(hours=1)
    deliver_pending(now=later)
    assert inbox.recipients().count(FOCAL) == 1
    assert set(uncertain(later)) == set(rows)
    assert {row.state for row in uncertain(later)} == {OutboxState.SENDING}
    # The recipient says it never came: the office resends, and it goes once more.
    services.resend(rows, by=people.desk, now=later)
    deliver_pending(now=later)
    assert inbox.recipients().count(FOCAL) == 2
    assert not uncertain(later).exists()
    # Both sends carried the same Message-ID, by which a mailbox can tell the resend.
    assert len({m["Message-ID"] for rcpt, m in inbox.messages if FOCAL in rcpt}) == 1


@pytest.mark.django_db
def test_in_app_rows_taken_over_after_the_lease_do_not_notify_twice(week, inbox, people):
    decided()
    group = Group(people.focal_officer.pk, None, WEDNESDAY, Channel.IN_APP)
    dead = claim(group, now=MORNING)
    deliver_pending(now=MORNING + lease() + timedelta(seconds=1))
    count = Notification.objects.filter(recipient=people.focal_officer).count()
    assert count > 0
    assert deliver_claimed(dead, now=MORNING + lease() * 2).messages == 0
    assert Notification.objects.filter(recipient=people.focal_officer).count() == count
