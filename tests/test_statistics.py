"""SQLite gets planner statistics after migrate, after an import and nightly."""

from datetime import datetime

import pytest
from django.db import connection

from nhiemvu import statistics
from nhiemvu.tracking.jobs import refresh_statistics

pytestmark = pytest.mark.django_db


def test_refresh_analyses_sqlite_and_leaves_postgresql_to_autovacuum():
    refreshed = statistics.refresh()
    assert refreshed == (connection.vendor == "sqlite")
    if refreshed:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
            assert cursor.fetchone()[0] == 1


def test_the_nightly_job_runs_at_half_past_one_vietnam_time():
    from huey.contrib.djhuey import HUEY

    def is_due(utc_moment):
        return any(isinstance(task, refresh_statistics.task_class) for task in HUEY.read_periodic(utc_moment))

    assert is_due(datetime(2026, 11, 22, 18, 30))
    assert not is_due(datetime(2026, 11, 22, 1, 30))
    refresh_statistics.call_local()
