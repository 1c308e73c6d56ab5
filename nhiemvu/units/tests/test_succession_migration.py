"""The merges recorded before successions existed (Unit.successor) become successions."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.system  # the migrations run back and forth

BEFORE = [("units", "0001_initial")]
AFTER = [("units", "0002_unit_succession")]


@pytest.mark.django_db(transaction=True)
def test_each_recorded_merge_becomes_the_default_succession_from_the_day_after():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_state = executor.loader.project_state(BEFORE).apps
    Unit = old_state.get_model("units", "Unit")
    commune = Unit.objects.create(code="X", name="UBND xã Đắk Hà", kind="commune", path="x")
    district = Unit.objects.create(
        code="H", name="UBND huyện Đắk Hà", kind="district", path="h", active_until=date(2025, 6, 30),
        successor=commune,
    )  # fmt: skip
    Unit.objects.create(code="S", name="Sở Tư pháp", kind="department", path="s")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    UnitSuccession = executor.loader.project_state(AFTER).apps.get_model("units", "UnitSuccession")
    assert list(
        UnitSuccession.objects.values_list("predecessor_id", "successor_id", "effective_on", "is_default")
    ) == [(district.pk, commune.pk, date(2025, 7, 1), True)]
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
