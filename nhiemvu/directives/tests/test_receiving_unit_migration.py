"""Directives recorded before they had a receiving unit get the one that is known
(directives migration 0007): the unit that assigned their tasks, else the one unit the
desk that entered them assigns for; else none, rather than a guess."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from nhiemvu.accounts.choices import Role
from nhiemvu.directives.models import Directive
from nhiemvu.units.choices import UnitKind
from tests.factories import DirectiveFactory, UnitFactory, make_task, person, with_role

pytestmark = pytest.mark.system  # the migrations run back and forth

BEFORE = [("directives", "0005_received_not_before_issued_message")]
AFTER = [("directives", "0007_fill_receiving_unit")]
DAY = date(2026, 3, 2)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_the_receiving_unit_of_recorded_directives_is_what_their_tasks_or_desk_tell():
    province = UnitFactory(name="UBND tỉnh Kon Tum", kind=UnitKind.PROVINCE, code="KT")
    department = UnitFactory(name="Sở Tư pháp", parent=province, code="KT.STP")
    desk = person(Role.OFFICE_DESK, province, username="vp_tonghop")
    in_two_units = person(Role.OFFICE_DESK, province, username="vp_kiemnhiem")
    with_role(in_two_units, Role.UNIT_LEADER, department)
    assigned = DirectiveFactory(issued_on=DAY, received_on=DAY, created_by=in_two_units)
    make_task(directive=assigned, lead_unit=department, assigning_unit=province, assigned_on=DAY)
    by_the_desk = DirectiveFactory(issued_on=DAY, received_on=DAY, created_by=desk)
    by_a_desk_of_two_units = DirectiveFactory(issued_on=DAY, received_on=DAY, created_by=in_two_units)
    by_the_system = DirectiveFactory(issued_on=DAY, received_on=DAY)

    migrate(BEFORE)
    migrate(AFTER)
    receiving = dict(Directive.objects.values_list("pk", "receiving_unit"))
    assert receiving == {
        assigned.pk: province.pk,
        by_the_desk.pk: province.pk,
        by_a_desk_of_two_units.pk: None,
        by_the_system.pk: None,
    }
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
