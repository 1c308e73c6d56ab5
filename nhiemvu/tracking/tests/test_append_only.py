"""Task events are the audit trail: nothing is overwritten or lost (the issue, "Task events")."""

from datetime import date

import pytest

from tests.factories import UnitFactory, make_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    province = UnitFactory(kind="province")
    task = make_task(lead_unit=UnitFactory(parent=province), assigning_unit=province, assigned_on=date(2018, 5, 2))
    return task.events.get()


def test_an_event_cannot_be_changed(event):
    event.note = "sửa lại"
    with pytest.raises(ValueError, match="append-only"):
        event.save()


def test_an_event_cannot_be_deleted(event):
    with pytest.raises(ValueError, match="append-only"):
        event.delete()
    assert event.task.events.count() == 1
