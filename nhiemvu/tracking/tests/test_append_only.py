"""Task events are the audit trail: nothing is overwritten or lost (the issue, "Task events")."""

import importlib
from datetime import date

import pytest
from django.apps import apps as django_apps

from nhiemvu.tracking import services
from nhiemvu.tracking.models import TaskEvent
from tests.factories import UnitFactory, make_task, moment

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    province = UnitFactory(kind="province")
    task = make_task(
        lead_unit=UnitFactory(parent=province), assigning_unit=province, assigned_on=date(2018, 5, 2)
    )
    return task.events.get()


def test_an_event_cannot_be_changed(event):
    event.note = "sửa lại"
    with pytest.raises(ValueError, match="append-only"):
        event.save()


def test_an_event_cannot_be_deleted(event):
    with pytest.raises(ValueError, match="append-only"):
        event.delete()
    assert event.task.events.count() == 1


def test_each_event_is_superseded_when_the_next_is_recorded(event):
    """An event's snapshot is the task's state from its recorded_at until the next event's."""
    task = event.task
    accepted = services.accept(task, by=None, at=moment(date(2018, 5, 3)))
    same_moment = services.update_progress(task, by=None, at=moment(date(2018, 5, 3)), note="Họp triển khai")
    history = list(task.events.order_by("recorded_at", "id").values_list("recorded_at", "superseded_at"))
    assert history == [
        (event.recorded_at, accepted.recorded_at),
        (accepted.recorded_at, same_moment.recorded_at),
        (same_moment.recorded_at, None),
    ]


def test_the_migration_fills_superseded_at_from_the_history(event):
    """tracking 0004 fills superseded_at for events recorded before it existed."""
    task = event.task
    services.accept(task, by=None, at=moment(date(2018, 5, 3)))
    services.update_progress(task, by=None, at=moment(date(2018, 5, 3)), note="Họp triển khai")
    services.complete(
        task, by=None, at=moment(date(2018, 5, 9)), completed_on=date(2018, 5, 8), result_document="BC"
    )
    expected = list(TaskEvent.objects.order_by("id").values_list("id", "superseded_at"))
    TaskEvent.objects.update(superseded_at=None)

    migration = importlib.import_module("nhiemvu.tracking.migrations.0004_event_superseded_at")
    migration.fill_superseded_at(django_apps, schema_editor=None)

    assert list(TaskEvent.objects.order_by("id").values_list("id", "superseded_at")) == expected
