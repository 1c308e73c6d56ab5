"""The task list's search column: lower case and without diacritics, written by the one door
that builds tasks and filled for the tasks that were there before it (migration 0006)."""

import importlib
from datetime import date

import pytest
from django.apps import apps

from nhiemvu.text import search_key
from nhiemvu.tracking.models import Task
from tests.factories import DirectiveFactory, make_task

pytestmark = pytest.mark.django_db

migration = importlib.import_module("nhiemvu.tracking.migrations.0006_task_search_text")


def test_search_key_drops_case_and_diacritics_including_d_with_stroke():
    assert search_key("  Đôn đốc   KẾ HOẠCH\u200b phòng, chống ") == "don doc ke hoach phong, chong"


def test_a_new_task_carries_its_content_and_directive_number(cast):
    task = make_task(
        lead_unit=cast.agriculture_department,
        assigning_unit=cast.province,
        assigned_on=date(2025, 3, 3),
        content="Rà soát Kế hoạch",
        directive=DirectiveFactory(number_symbol="1196/UBND-TH", issued_on=date(2025, 3, 1)),
    )
    assert task.search_text == "1196/ubnd-th ra soat ke hoach"


def test_the_migration_fills_the_tasks_that_were_there_before(cast):
    task = make_task(
        lead_unit=cast.agriculture_department,
        assigning_unit=cast.province,
        assigned_on=date(2025, 3, 3),
        content="Điều tra rừng",
    )
    Task.objects.update(search_text="")
    migration.fill_search_text(apps, None)
    task.refresh_from_db()
    assert task.search_text == search_key(f"{task.directive.number_symbol} Điều tra rừng")
