"""The demo's reset deletes its tasks' events: the emulation figures stored for closed months
(reports.stored_months) go with them (seed 001 §2). Without the cast: the demo's accounts
would collide with it."""

import pytest

from nhiemvu.demo.ownership import delete_demo
from nhiemvu.reports.emulation import emulation_report
from nhiemvu.reports.models import StoredMonth
from nhiemvu.reports.tests.test_stored_months import REQUESTS, request_of
from tests.cast import load_small_demo

pytestmark = pytest.mark.django_db


def test_the_demo_reset_forgets_every_stored_month_seed_001(db):
    """demo.ownership.delete_demo deletes the demo's events (TaskEvent's queryset delete)."""
    load_small_demo(into_existing=True)
    request = request_of(REQUESTS[0])
    emulation_report(**request)
    assert StoredMonth.objects.exists()
    delete_demo()
    assert not StoredMonth.objects.exists()
