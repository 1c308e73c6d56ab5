"""A unit split into several (wards divided in the 2025 reorganisation, domain.md "Units
change"; Resolution 202/2025/QH15), and tasks reopened after their unit ended."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nhiemvu.accounts.choices import Role
from nhiemvu.reports.services import unit_report
from nhiemvu.tracking import permissions, services
from nhiemvu.tracking.choices import EventKind, EventSource, Lifecycle
from nhiemvu.tracking.permissions import Action
from nhiemvu.units import services as unit_services
from nhiemvu.units.choices import UnitKind
from nhiemvu.units.models import Unit
from tests.factories import UnitFactory, make_task, moment, person

pytestmark = pytest.mark.django_db

SPLIT_ON = date(2025, 7, 1)
RECORDED = moment(SPLIT_ON, 8)
ASSIGNED_ON = date(2025, 3, 3)


@pytest.fixture
def admin(cast):
    return cast.admin


@pytest.fixture
def ward(province):
    return UnitFactory(name="UBND phường Quyết Thắng", kind=UnitKind.COMMUNE, parent=province)


@pytest.fixture
def north(province):
    return UnitFactory(name="UBND phường Kon Tum", kind=UnitKind.COMMUNE, parent=province)


@pytest.fixture
def south(province):
    return UnitFactory(name="UBND phường Đăk Cấm", kind=UnitKind.COMMUNE, parent=province)


def open_task(lead_unit, province, **extra):
    return make_task(lead_unit=lead_unit, assigning_unit=province, assigned_on=ASSIGNED_ON, **extra)


def completed_task(lead_unit, province):
    task = open_task(lead_unit, province, due_on=date(2025, 5, 30))
    services.complete(
        task, by=None, at=moment(date(2025, 5, 20)), completed_on=date(2025, 5, 20), result_document="BC 12"
    )
    return task


# --- split_unit ---------------------------------------------------------------------------


def test_a_split_with_a_default_gives_the_open_tasks_and_sub_units_to_the_default(
    province, ward, north, south, admin
):
    task = open_task(ward, province)
    office = UnitFactory(name="Bộ phận một cửa", parent=ward, kind=UnitKind.SUB_UNIT)
    moved = unit_services.split_unit(
        unit=ward, into=[north, south], default=south, on=SPLIT_ON, by=admin, at=RECORDED
    )
    assert moved == 1
    task.refresh_from_db()
    office.refresh_from_db()
    assert task.lead_unit == south and office.parent == south
    event = task.events.order_by("id").last()
    assert (event.kind, event.source, event.effective_on) == (
        EventKind.REASSIGNED,
        EventSource.SYSTEM,
        SPLIT_ON,
    )
    assert ward.active_until == date(2025, 6, 30)
    assert {(s.successor, s.is_default, s.effective_on) for s in ward.successions.all()} == {
        (north, False, SPLIT_ON),
        (south, True, SPLIT_ON),
    }
    assert list(unit_services.tasks_awaiting_successor()) == []


def test_a_split_without_a_default_leaves_the_open_tasks_listed_for_the_office(
    province, ward, north, south, admin
):
    task = open_task(ward, province)
    done = completed_task(ward, province)
    assert unit_services.split_unit(unit=ward, into=[north, south], on=SPLIT_ON, by=admin, at=RECORDED) == 0
    task.refresh_from_db()
    assert task.lead_unit == ward and task.lifecycle == Lifecycle.NOT_STARTED
    assert list(unit_services.tasks_awaiting_successor()) == [task], "the completed task is not listed"
    assert done not in unit_services.tasks_awaiting_successor()

    desk = person(Role.OFFICE_DESK, province)
    services.reassign(task, by=desk, at=moment(SPLIT_ON, 10), to_unit=north, note="Địa bàn phường Kon Tum")
    assert list(unit_services.tasks_awaiting_successor()) == []


def test_a_unit_with_sub_units_is_not_split_without_a_default(province, ward, north, south, admin):
    UnitFactory(name="Bộ phận một cửa", parent=ward, kind=UnitKind.SUB_UNIT)
    with pytest.raises(ValidationError):
        unit_services.split_unit(unit=ward, into=[north, south], on=SPLIT_ON, by=admin, at=RECORDED)
    ward.refresh_from_db()
    assert ward.active_until is None and not ward.successions.exists()


@pytest.mark.parametrize("case", ["one successor", "default not among them", "into itself"])
def test_a_split_is_refused_when_it_is_not_one(case, province, ward, north, south, admin):
    into, default = {
        "one successor": ([north, north], None),
        "default not among them": ([north, south], province),
        "into itself": ([north, ward], None),
    }[case]
    with pytest.raises(ValidationError):
        unit_services.split_unit(unit=ward, into=into, default=default, on=SPLIT_ON, by=admin, at=RECORDED)
    ward.refresh_from_db()
    assert ward.active_until is None and not ward.successions.exists()


def test_only_an_administrator_splits(province, ward, north, south):
    with pytest.raises(PermissionDenied):
        unit_services.split_unit(
            unit=ward, into=[north, south], on=SPLIT_ON, by=person(Role.OFFICE_DESK, province), at=RECORDED
        )
    assert not ward.successions.exists()


def test_a_report_of_before_the_split_shows_the_old_ward_after_it_the_new_ones(
    province, ward, north, south, admin
):
    open_task(ward, province)
    completed_task(ward, province)
    period = {"date_from": date(2025, 1, 1), "date_to": date(2025, 12, 31)}

    def rows(as_of):
        return {row.unit: row.as_dict()["total"] for row in unit_report(**period, as_of=as_of).rows}

    before = moment(date(2025, 6, 30), 17)
    sent = rows(before)
    unit_services.split_unit(
        unit=ward, into=[north, south], default=south, on=SPLIT_ON, by=admin, at=RECORDED
    )
    assert rows(before) == sent == {"UBND phường Quyết Thắng": 2}
    assert rows(moment(date(2025, 7, 2))) == {"UBND phường Quyết Thắng": 1, "UBND phường Đăk Cấm": 1}
    assert [name for _pk, name in Unit.objects.labels_in_tree_order({ward.pk}, date(2025, 6, 30))] == [
        "UBND phường Quyết Thắng"
    ]
    assert ward in Unit.objects.active_on(date(2025, 6, 30))
    assert ward not in Unit.objects.active_on(SPLIT_ON)


# --- reopen after the unit ended ----------------------------------------------------------


def test_a_task_of_a_merged_unit_reopened_later_goes_to_its_successor(province, ward, north, admin):
    task = completed_task(ward, province)
    unit_services.merge_unit(unit=ward, into=north, on=SPLIT_ON, by=admin, at=RECORDED)
    task.refresh_from_db()
    assert task.lead_unit == ward, "a completed task stays with the unit that did it"

    desk = person(Role.OFFICE_DESK, province)
    services.reopen(task, by=desk, at=moment(date(2025, 8, 4)), reason="Kết quả chưa đạt")
    assert (task.lead_unit, task.lifecycle) == (north, Lifecycle.IN_PROGRESS)
    reopened, reassigned = task.events.order_by("-id")[:2][::-1]
    assert reopened.kind == EventKind.REOPENED and reopened.lead_unit == ward
    assert (reassigned.kind, reassigned.source, reassigned.actor) == (
        EventKind.REASSIGNED,
        EventSource.SYSTEM,
        desk,
    )
    assert reassigned.lead_unit == north and "UBND phường Quyết Thắng" in reassigned.note


def test_a_task_reopened_after_two_merges_goes_to_the_last_successor(province, ward, north, south, admin):
    task = completed_task(ward, province)
    unit_services.merge_unit(unit=ward, into=north, on=SPLIT_ON, by=admin, at=RECORDED)
    unit_services.merge_unit(
        unit=north, into=south, on=date(2026, 1, 1), by=admin, at=moment(date(2026, 1, 1))
    )
    services.reopen(task, by=admin, at=moment(date(2026, 2, 2)), reason="Kết quả chưa đạt")
    assert task.lead_unit == south


def test_a_task_of_a_split_unit_reopens_on_the_default_successor(province, ward, north, south, admin):
    task = completed_task(ward, province)
    unit_services.split_unit(
        unit=ward, into=[north, south], default=north, on=SPLIT_ON, by=admin, at=RECORDED
    )
    services.reopen(task, by=admin, at=moment(date(2025, 8, 4)), reason="Kết quả chưa đạt")
    assert task.lead_unit == north


def test_without_a_default_a_reopened_task_waits_for_the_office(province, ward, north, south, admin):
    task = completed_task(ward, province)
    unit_services.split_unit(unit=ward, into=[north, south], on=SPLIT_ON, by=admin, at=RECORDED)
    services.reopen(task, by=admin, at=moment(date(2025, 8, 4)), reason="Kết quả chưa đạt")
    assert (task.lead_unit, task.lifecycle) == (ward, Lifecycle.IN_PROGRESS)
    assert list(unit_services.tasks_awaiting_successor()) == [task]


def test_a_task_reopened_while_its_unit_is_active_stays_there(province, ward, admin):
    task = completed_task(ward, province)
    services.reopen(task, by=admin, at=moment(date(2025, 6, 4)), reason="Kết quả chưa đạt")
    assert task.lead_unit == ward
    assert task.events.order_by("-id").first().kind == EventKind.REOPENED


# --- who answers for what an ended unit assigned -----------------------------------------


def test_every_successor_of_a_split_without_default_answers_for_what_it_delegated(
    province, ward, north, south, admin
):
    office = UnitFactory(name="Bộ phận một cửa", parent=province, kind=UnitKind.SUB_UNIT)
    part = make_task(lead_unit=office, assigning_unit=ward, assigned_on=ASSIGNED_ON)
    north_leader, south_leader = person(Role.UNIT_LEADER, north), person(Role.UNIT_LEADER, south)
    assert not permissions.can(north_leader, Action.CANCEL, part)
    unit_services.split_unit(unit=ward, into=[north, south], on=SPLIT_ON, by=admin, at=RECORDED)
    assert permissions.can(north_leader, Action.CANCEL, part)
    assert permissions.can(south_leader, Action.CANCEL, part)


def test_only_the_default_successor_answers_when_there_is_one(province, ward, north, south, admin):
    office = UnitFactory(name="Bộ phận một cửa", parent=province, kind=UnitKind.SUB_UNIT)
    part = make_task(lead_unit=office, assigning_unit=ward, assigned_on=ASSIGNED_ON)
    unit_services.split_unit(
        unit=ward, into=[north, south], default=south, on=SPLIT_ON, by=admin, at=RECORDED
    )
    assert permissions.can(person(Role.UNIT_LEADER, south), Action.CANCEL, part)
    assert not permissions.can(person(Role.UNIT_LEADER, north), Action.CANCEL, part)
