"""The lists of every unit at once (reminders.unit_lists) agree with each recipient's own
(tracking.agenda.needs, the home page): the same counts, the same first tasks in the same
order, through sub-units, coordination and ties, on the days around a holiday."""

from datetime import date

import pytest

from nhiemvu.accounts.choices import Role
from nhiemvu.reminders.decide import _Day, _recipients, _single_unit_performers, calendar_for
from nhiemvu.reminders.tests.conftest import TUESDAY, WEDNESDAY
from tests.factories import make_task, person, with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(week, people):
    """More tasks around the week's: led by a sub-unit, coordinated across units, three
    overdue on the same day (more than the two items a list keeps here)."""
    cast = people
    province, agri = cast.province, cast.agriculture_department

    def task(lead, due, **extra):
        return make_task(
            lead_unit=lead, assigning_unit=province, assigned_on=date(2026, 4, 1), due_on=due, **extra
        )

    task(cast.forestry, date(2026, 4, 29))
    task(cast.justice_department, date(2026, 4, 28), coordinating_units=[agri])
    task(agri, date(2026, 5, 7), coordinating_units=[cast.forestry])
    for _ in range(3):
        task(agri, date(2026, 4, 27))
    task(cast.district_agriculture, date(2026, 5, 8), coordinating_units=[cast.justice_department])
    person(Role.UNIT_LEADER, cast.district, username="chutich_dakha")
    person(Role.FOCAL_OFFICER, cast.forestry, username="daumoi_kiemlam")
    return cast


@pytest.mark.parametrize("day", [TUESDAY, WEDNESDAY, date(2026, 5, 14)])
def test_each_unit_recipients_reminders_are_the_same_by_unit_lists_and_by_their_agenda(tree, settings, day):
    settings.REMINDER_ITEMS_PER_RULE = 2
    today = _Day(day, calendar_for(day))
    recipients = _recipients(day)
    by_unit = _single_unit_performers(recipients)
    assert {user.username for user in by_unit} == {
        "giamdoc_snn",
        "daumoi_snn",
        "daumoi_stp",
        "chutich_dakha",
        "daumoi_kiemlam",
    }
    lists = today.unit_lists(set(by_unit.values()))
    compared = 0
    for user, unit_id in by_unit.items():
        together = {(r.rule, r.subject): r.payload for r in today.unit_reminders(user, unit_id, lists)}
        alone = {(r.rule, r.subject): r.payload for r in today.reminders_of(user, recipients[user])}
        assert together == alone, user.username
        compared += sum(p.get("count", 0) for p in alone.values())
    assert compared > 10  # the lists were not all empty


def test_recipients_with_more_than_one_units_side_are_decided_alone(tree):
    with_role(tree.unit_leader, Role.SPECIALIST, tree.justice_department)
    with_role(tree.other_officer, Role.OFFICE_DESK, tree.province)
    by_unit = _single_unit_performers(_recipients(WEDNESDAY))
    assert not {"giamdoc_snn", "daumoi_stp"} & {user.username for user in by_unit}
    assert "daumoi_snn" in {user.username for user in by_unit}


def test_a_tracking_officer_is_decided_alone(tree):
    make_task(
        lead_unit=tree.finance_department,
        assigning_unit=tree.province,
        assigned_on=date(2026, 4, 1),
        due_on=date(2026, 4, 2),
        tracking_officer=tree.focal_officer,
    )
    assert "daumoi_snn" not in {user.username for user in _single_unit_performers(_recipients(WEDNESDAY))}
