"""A report does not store the months while a writer of past events is in flight, whose
uncommitted events its counts cannot see (reports.stored_months' advisory lock, PostgreSQL;
SQLite serialises every writing transaction): seed 001 §2's figures stay those of the
events recorded by each month's end."""

import threading
from datetime import date

import pytest
from django.db import connection, transaction

from nhiemvu.reports.emulation import emulation_report
from nhiemvu.reports.models import StoredMonth
from nhiemvu.reports.tests.test_stored_months import REQUESTS, YEAR, history, request_of
from tests.cast import build_cast
from tests.factories import make_task, moment


@pytest.mark.django_db(transaction=True)
def test_a_report_stores_nothing_while_a_writer_of_past_events_is_in_flight_seed_001():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite: a writing transaction holds the whole database; no lock to test")
    cast = build_cast()
    history(cast)
    written, release = threading.Event(), threading.Event()

    def writer():
        try:
            with transaction.atomic():
                make_task(
                    lead_unit=cast.justice_department,
                    assigning_unit=cast.province,
                    assigned_on=date(YEAR, 3, 2),
                    due_on=date(YEAR, 3, 6),
                    at=moment(date(YEAR, 3, 2)),
                )
                written.set()
                release.wait(30)
        finally:
            connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert written.wait(30)
        request = request_of(REQUESTS[0])
        in_flight = emulation_report(**request)
        assert not StoredMonth.objects.exists()
    finally:
        release.set()
        thread.join()
    request = request_of(REQUESTS[0])
    stored = emulation_report(**request)
    assert StoredMonth.objects.exists()
    assert stored == emulation_report(**request, stored=False)
    assert stored.months != in_flight.months  # the task entered late counts once committed
