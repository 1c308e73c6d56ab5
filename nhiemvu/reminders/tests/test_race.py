"""Two or more workers delivering the same outbox at the same moment: each message once.

Transactional tests (the workers are threads with their own connections, which see only
committed rows), so the shared cast is built here, not borrowed from the module fixture.
"""

import threading

import pytest
from django.db import connection

from nhiemvu.reminders.choices import Channel, OutboxState
from nhiemvu.reminders.decide import calendar_for, decide_day
from nhiemvu.reminders.delivery import deliver_pending
from nhiemvu.reminders.models import Notification, OutboxMessage
from nhiemvu.reminders.tests.conftest import ADDRESSES, WEDNESDAY, make_week, with_addresses
from tests.cast import build_cast
from tests.factories import moment

MORNING = moment(WEDNESDAY, 7, 5)


def decided():
    decide_day(WEDNESDAY, now=MORNING, calendar=calendar_for(WEDNESDAY))


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite's in-memory test database, shared between threads, refuses a second writer "
    "(table locked) instead of waiting; on SQLite the workers race as processes on a file "
    "database: test_worker_processes.py",
)
@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_over_the_outbox_send_each_message_once(inbox):
    week_of_committed_rows()
    expected = sorted(ADDRESSES[p] for p in ("unit_leader", "focal_officer", "desk"))
    race(workers=4)
    assert inbox.recipients() == expected
    assert not OutboxMessage.objects.exclude(state=OutboxState.SENT).exists()
    notified = Notification.objects.values_list("outbox_id", flat=True)
    assert len(notified) == len(set(notified)) == OutboxMessage.objects.filter(channel=Channel.IN_APP).count()


def week_of_committed_rows():
    make_week(with_addresses(build_cast()))
    decided()


def race(*, workers: int):
    start = threading.Barrier(workers)
    errors = []

    def worker():
        try:
            start.wait()
            deliver_pending(now=MORNING)
        except Exception as error:  # noqa: BLE001 - reported by the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
