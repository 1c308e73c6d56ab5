"""One door per rule: an imported directive and task are what register_directive, assign_task
and complete make of the same data (same normalised fields, same events)."""

from datetime import date

import pytest

from nhiemvu.dates import start_of_day
from nhiemvu.directives.choices import SourceChannel
from nhiemvu.directives.models import Directive
from nhiemvu.directives.services import register_directive
from nhiemvu.importing.columns import BASE_COLUMNS
from nhiemvu.importing.services import import_tasks
from nhiemvu.importing.tests.conftest import TODAY, row
from nhiemvu.tracking.choices import EventSource
from nhiemvu.tracking.models import Task, TaskEvent
from nhiemvu.tracking.services import assign_task, complete

pytestmark = pytest.mark.django_db

DIRECTIVE_FIELDS = (
    "doc_type",
    "number_symbol",
    "issuer",
    "issuer_unit_id",
    "receiving_unit_id",
    "issued_on",
    "summary",
    "channel",
)
TASK_FIELDS = (
    "content",
    "assigning_unit_id",
    "lead_unit_id",
    "note",
    "assigned_on",
    "due_on",
    "due_in_force",
    "completed_on",
    "lifecycle",
    "percent",
    "assignment_recorded_at",
    "state_recorded_at",
    "completion_recorded_at",
    "fingerprint",
)
EVENT_FIELDS = (
    "kind",
    "effective_on",
    "recorded_at",
    "superseded_at",
    "lead_unit_id",
    "due_in_force",
    "completed_on",
    "lifecycle",
    "percent",
    "result_document",
    "note",
)


def snapshot():
    directive = Directive.objects.get()
    task = Task.objects.get()
    return (
        {name: getattr(directive, name) for name in DIRECTIVE_FIELDS},
        {name: getattr(task, name) for name in TASK_FIELDS},
        sorted(unit.pk for unit in task.coordinating_units.all()),
        [
            {name: getattr(event, name) for name in EVENT_FIELDS}
            for event in task.events.order_by("recorded_at")
        ],
    )


def test_an_imported_task_equals_one_made_by_the_services(units):
    issuer, content = "UBND  tỉnh   Kon Tum", "Rà soát  kỷ luật,\nkỷ cương hành chính"
    directive = register_directive(
        by=None,
        on_behalf_of=units["province"],
        number_symbol="1196/ubnd-th",
        issuer=issuer,
        issued_on=date(2019, 5, 10),
        summary="V/v triển khai",
        channel=SourceChannel.IMPORT,
        issuer_unit=units["province"],
    )
    task = assign_task(
        directive=directive,
        by=None,
        at=start_of_day(date(2019, 5, 11)),
        content=content,
        lead_unit=units["noi_vu"],
        assigning_unit=units["province"],
        assigned_on=date(2019, 5, 11),
        due_on=date(2019, 5, 31),
        coordinating_units=[units["tai_chinh"]],
        note="141/BC-SNV",
        source=EventSource.IMPORT,
    )
    complete(
        task,
        by=None,
        at=start_of_day(date(2019, 5, 28)),
        completed_on=date(2019, 5, 28),
        result_document="141/BC-SNV",
    )
    by_services = snapshot()
    TaskEvent.objects.all().delete()
    Task.objects.all().delete()
    Directive.objects.all().delete()

    values = {
        "number_symbol": "1196/ubnd-th",
        "issuer": issuer,
        "summary": "V/v triển khai",
        "content": content,
        "coordinating": "Sở Tài chính",
        "assigned_on": "11/05/2019",
        "due_on": "31/05/2019",
        "completed_on": "28/05/2019",
        "note": "141/BC-SNV",
    }
    import_tasks([BASE_COLUMNS, row(**values)], today=TODAY)
    assert snapshot() == by_services
    assert Directive.objects.get().issuer == "UBND tỉnh Kon Tum"
