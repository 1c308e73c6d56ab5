"""Workers running the monthly urging at the same moment: each urging made once.

Transactional (the workers are threads with their own connections, which see only committed
rows), so the cast is built here, not borrowed from the module fixture. On SQLite the race
is the one step test_system.py plays out (the second insert meets the constraint).
"""

import threading
from datetime import date

import pytest
from django.db import connection

from nhiemvu.reminders.choices import Rule
from nhiemvu.reminders.models import OutboxMessage
from nhiemvu.urging import services
from nhiemvu.urging.models import Urging
from tests.cast import build_cast
from tests.factories import make_task, moment

URGING_DAY = date(2026, 5, 20)


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite's in-memory test database, shared between threads, refuses a second writer "
    "(table locked) instead of waiting",
)
@pytest.mark.django_db(transaction=True)
def test_workers_racing_over_the_day_make_each_urging_once():
    cast = build_cast()
    for unit in (cast.agriculture_department, cast.justice_department, cast.finance_department):
        make_task(
            lead_unit=unit,
            assigning_unit=cast.province,
            assigned_on=date(2026, 3, 2),
            due_on=date(2026, 4, 30),
        )
    runs, errors = race(workers=4)
    assert errors == []
    assert Urging.objects.count() == 3
    assert sum(len(run.made) for run in runs) == 3
    assert all(len(run.made) + len(run.existing) == 3 for run in runs)
    told = OutboxMessage.objects.filter(rule=Rule.URGED)
    assert told.count() == told.values("recipient", "subject", "channel").distinct().count() > 0


def race(*, workers: int):
    start = threading.Barrier(workers)
    runs, errors = [], []

    def worker():
        try:
            start.wait()
            runs.append(services.urge_overdue(URGING_DAY, now=moment(URGING_DAY, 6, 45)))
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return runs, errors
