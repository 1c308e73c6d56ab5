"""Importing the same file twice creates nothing new; --dry-run changes nothing (the issue)."""

from datetime import date

import pytest

from nhiemvu.directives.models import Directive
from nhiemvu.importing.errors import ImportRejected
from nhiemvu.importing.services import import_tasks
from nhiemvu.importing.tests.conftest import TODAY, row
from nhiemvu.tracking.models import Task, TaskEvent
from nhiemvu.units.models import Unit
from tests.factories import DirectiveFactory, make_task

pytestmark = pytest.mark.django_db


def everything() -> tuple[int, int, int, int, int]:
    return (
        Directive.objects.count(),
        Task.objects.count(),
        TaskEvent.objects.count(),
        Task.coordinating_units.through.objects.count(),
        Unit.objects.count(),
    )


@pytest.fixture
def file(units, write_file):
    return write_file(
        [
            row(content="Một", coordinating="Sở Tài chính", completed_on="20/05/2019"),
            row(content="Hai", lead="Sở Tư pháp", due_on="30/06/2019"),
            row(number_symbol="15/CT-UBND", content="Ba", lead="Đơn vị mới"),
        ]
    )


def test_a_second_import_of_the_same_file_creates_nothing(file):
    first = import_tasks(file, today=TODAY, create_units=True)
    assert (first.tasks_created, first.tasks_skipped, len(first.units_created)) == (3, 0, 1)
    counts = everything()

    second = import_tasks(file, today=TODAY, create_units=True)
    assert (second.tasks_created, second.tasks_skipped) == (0, 3)
    assert (second.directives_created, second.units_created) == ([], [])
    assert everything() == counts


def test_a_task_differing_only_in_spacing_and_case_of_its_content_is_the_same_task(units, write_file):
    import_tasks(write_file([row(content="Rà soát  thủ tục")], name="a"), today=TODAY)
    again = import_tasks(write_file([row(content=" rà soát thủ TỤC ")], name="b"), today=TODAY)
    assert (again.tasks_created, again.tasks_skipped) == (0, 1)


def test_a_task_entered_by_hand_is_not_imported_again(units, write_file):
    directive = DirectiveFactory(number_symbol="1196/UBND-TH", issued_on=date(2019, 5, 10))
    make_task(
        directive=directive,
        lead_unit=units["noi_vu"],
        assigning_unit=units["province"],
        assigned_on=date(2019, 5, 10),
        content="Rà soát thủ tục",
    )
    result = import_tasks(write_file([row(content="Rà soát thủ tục"), row(content="Mới")]), today=TODAY)
    assert (result.tasks_created, result.tasks_skipped) == (1, 1)


def test_identical_rows_within_one_file_count_once(units, write_file):
    result = import_tasks(write_file([row(), row(content="Khác"), row()]), today=TODAY)
    assert (result.tasks_created, result.duplicate_rows, Task.objects.count()) == (2, 1, 2)
    assert any("tính một lần: 1" in line for line in result.summary_lines())


def test_dry_run_changes_nothing_and_tells_what_would_be_created(file):
    before = everything()
    result = import_tasks(file, today=TODAY, create_units=True, dry_run=True)
    assert everything() == before
    assert result.dry_run and result.tasks_created == 3 and result.events_created == 4
    assert result.directives_created == ["1196/UBND-TH ngày 10/05/2019", "15/CT-UBND ngày 10/05/2019"]
    assert result.units_created == ["Đơn vị mới (IMP-DON-VI-MOI)"]
    lines = result.summary_lines()
    assert lines[0].startswith("Chạy thử") and "Nhiệm vụ sẽ tạo: 3 / Tasks that would be created: 3" in lines


def test_dry_run_after_an_import_counts_the_skipped(file):
    import_tasks(file, today=TODAY, create_units=True)
    result = import_tasks(file, today=TODAY, create_units=True, dry_run=True)
    assert (result.tasks_created, result.tasks_skipped, result.units_created) == (0, 3, [])


def test_a_directive_created_meanwhile_by_another_import_rejects_ours_cleanly(units, write_file, monkeypatch):
    """The check runs outside the write transaction: another import may commit in between.
    The re-check inside the transaction catches it, and nothing of ours is written."""
    from nhiemvu.importing import services

    checked = services.make_plan

    def plan_then_race(*args, **kwargs):
        plan = checked(*args, **kwargs)
        DirectiveFactory(number_symbol="1196/UBND-TH", issued_on=date(2019, 5, 10))
        return plan

    monkeypatch.setattr(services, "make_plan", plan_then_race)
    with pytest.raises(ImportRejected, match="Dữ liệu vừa bị thay đổi trong lúc nhập"):
        import_tasks(write_file([row()]), today=TODAY)
    assert (Directive.objects.count(), Task.objects.count()) == (1, 0)  # the other import's only
