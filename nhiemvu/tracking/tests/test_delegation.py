"""Seed 003: the same follow-up one level down, the Director of a Sở → its sub-units.

A Sở that receives a task from the province may pass (part of) it to its sub-units
(đơn vị thuộc, trực thuộc); the parent shows its children's progress (domain.md "Three
levels, one workflow"); the sub-unit answers for the child only (seed 003 art. 7.2, 10.2).
"""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nhiemvu.accounts.choices import Role
from nhiemvu.tracking import permissions, services
from nhiemvu.tracking.choices import EventKind, Lifecycle
from nhiemvu.tracking.models import Task, TaskEvent
from nhiemvu.tracking.permissions import Action
from nhiemvu.tracking.status import TransitionError
from nhiemvu.units.choices import UnitKind
from tests.factories import FieldFactory, UnitFactory, make_task, moment, person

pytestmark = pytest.mark.django_db

ASSIGNED_ON = date(2022, 3, 1)
PARENT_DUE = date(2022, 3, 31)


@pytest.fixture
def forestry(department):
    return UnitFactory(name="Chi cục Kiểm lâm", parent=department, kind=UnitKind.SUB_UNIT)


@pytest.fixture
def planning(department):
    return UnitFactory(name="Phòng Kế hoạch - Tài chính", parent=department, kind=UnitKind.SUB_UNIT)


@pytest.fixture
def other_department(province):
    return UnitFactory(name="Sở Tài nguyên và Môi trường", parent=province)


@pytest.fixture
def director(department):
    return person(Role.UNIT_LEADER, department, username="giam_doc_snn")


@pytest.fixture
def office_of_department(department):
    """Văn phòng Sở: the department's focal officer, who follows up its sub-units (art. 10.1)."""
    return person(Role.FOCAL_OFFICER, department, username="van_phong_snn")


@pytest.fixture
def ranger(forestry):
    return person(Role.FOCAL_OFFICER, forestry, username="daumoi_kiemlam")


@pytest.fixture
def ranger_chief(forestry):
    return person(Role.UNIT_LEADER, forestry, username="chi_cuc_truong")


@pytest.fixture
def parent(province, department):
    return make_task(
        lead_unit=department,
        assigning_unit=province,
        assigned_on=ASSIGNED_ON,
        due_on=PARENT_DUE,
        field=FieldFactory(code="NN", name="Nông nghiệp"),
        content="Triển khai kế hoạch phòng cháy rừng mùa khô",
    )


def delegate(
    parent, to_unit, *, by, due_on=None, content="Tổ chức tuần tra phòng cháy", day=date(2022, 3, 2)
):
    return services.delegate(parent, by=by, at=moment(day), to_unit=to_unit, content=content, due_on=due_on)


# --- to whom and by when --------------------------------------------------------------


def test_the_director_delegates_to_a_sub_unit_seed_003_art_1_2(parent, department, forestry, director):
    child = delegate(parent, forestry, by=director, due_on=date(2022, 3, 25))
    assert child.parent == parent
    assert (child.lead_unit, child.assigning_unit) == (forestry, department)
    assert child.directive == parent.directive and child.field == parent.field
    assert child.due_in_force == date(2022, 3, 25) and child.lifecycle == Lifecycle.NOT_STARTED
    event = child.events.get()
    assert (event.kind, event.actor) == (EventKind.ASSIGNED, director), "the Director is on the record"
    assert list(parent.children.all()) == [child]


@pytest.mark.parametrize(
    "where", ["itself", "a sibling department", "another department's sub-unit", "the province"]
)
def test_delegation_goes_only_to_a_sub_unit_of_the_lead_unit(
    where, parent, province, department, other_department, director
):
    to_unit = {
        "itself": department,
        "a sibling department": other_department,
        "another department's sub-unit": UnitFactory(parent=other_department, kind=UnitKind.SUB_UNIT),
        "the province": province,
    }[where]
    with pytest.raises(ValidationError):
        delegate(parent, to_unit, by=director)
    assert not parent.children.exists()


def test_delegation_reaches_any_level_below_the_lead_unit(parent, forestry, director):
    station = UnitFactory(name="Hạt Kiểm lâm huyện Sa Thầy", parent=forestry, kind=UnitKind.SUB_UNIT)
    assert delegate(parent, station, by=director).lead_unit == station


def test_the_child_is_not_due_after_its_parent(parent, forestry, director):
    with pytest.raises(ValidationError):
        delegate(parent, forestry, by=director, due_on=date(2022, 4, 1))
    assert delegate(parent, forestry, by=director, due_on=PARENT_DUE).due_in_force == PARENT_DUE


def test_a_child_without_its_own_due_date_takes_the_parents(parent, forestry, director):
    assert delegate(parent, forestry, by=director).due_in_force == PARENT_DUE


def test_the_child_follows_the_parents_extended_due_date(parent, forestry, director, province):
    leader = person(Role.LEADER, province)
    services.request_extension(
        parent, by=director, at=moment(date(2022, 3, 20)), proposed=date(2022, 4, 30), reason="Chờ kinh phí"
    )
    services.decide_extension(parent, by=leader, at=moment(date(2022, 3, 21)), approve=True)
    child = delegate(parent, forestry, by=director, due_on=date(2022, 4, 15), day=date(2022, 3, 22))
    assert child.due_in_force == date(2022, 4, 15)


def test_a_child_of_a_task_without_due_date_may_have_any(province, department, forestry, director):
    open_ended = make_task(lead_unit=department, assigning_unit=province, assigned_on=ASSIGNED_ON)
    assert delegate(open_ended, forestry, by=director, due_on=date(2023, 1, 1)).due_in_force == date(
        2023, 1, 1
    )


def test_a_child_is_not_assigned_before_its_parent(parent, forestry, director):
    with pytest.raises(ValidationError):
        services.delegate(
            parent,
            by=director,
            at=moment(date(2022, 3, 2)),
            to_unit=forestry,
            content="Sớm hơn",
            assigned_on=date(2022, 2, 28),
        )
    assert not parent.children.exists()


@pytest.mark.parametrize("end", ["completed", "cancelled", "returned"])
def test_only_an_open_task_is_delegated(end, parent, forestry, director, province):
    desk = person(Role.OFFICE_DESK, province)
    at = moment(date(2022, 3, 2))
    if end == "completed":
        services.complete(parent, by=director, at=at, completed_on=date(2022, 3, 2), result_document="BC")
    elif end == "cancelled":
        services.cancel(parent, by=desk, at=at, reason="Thu hồi")
    else:
        services.return_task(parent, by=director, at=at, reason="Không thuộc chức năng")
    with pytest.raises(TransitionError):
        delegate(parent, forestry, by=director, day=date(2022, 3, 3))
    assert not parent.children.exists()


def test_a_refused_delegation_leaves_no_task_and_no_event(parent, forestry, director):
    tasks, events = Task.objects.count(), TaskEvent.objects.count()
    with pytest.raises(ValidationError):
        delegate(parent, forestry, by=director, content="   ")
    assert (Task.objects.count(), TaskEvent.objects.count()) == (tasks, events)


# --- who delegates --------------------------------------------------------------------


def test_the_department_side_delegates_the_sub_unit_does_not(
    parent, forestry, planning, director, office_of_department, ranger, ranger_chief
):
    assert delegate(parent, forestry, by=office_of_department).lead_unit == forestry
    for sub_unit_person in (ranger, ranger_chief):
        with pytest.raises(PermissionDenied):
            delegate(parent, planning, by=sub_unit_person, content="Giao ngang")
    specialist = person(Role.SPECIALIST, parent.lead_unit)
    with pytest.raises(PermissionDenied):
        delegate(parent, planning, by=specialist, content="Chuyên viên giao")
    assert parent.children.count() == 1


# --- the parent shows its children's progress ----------------------------------------


def test_the_parent_shows_its_childrens_progress(parent, forestry, planning, director, ranger):
    assert services.children_progress(parent) == {"total": 0, "completed": 0}
    patrol = delegate(parent, forestry, by=director, content="Tuần tra phòng cháy")
    budget = delegate(parent, planning, by=director, content="Bố trí kinh phí")
    dropped = delegate(parent, planning, by=director, content="Mua sắm thiết bị")
    assert services.children_progress(parent) == {"total": 3, "completed": 0}

    services.complete(
        patrol,
        by=ranger,
        at=moment(date(2022, 3, 20)),
        completed_on=date(2022, 3, 19),
        result_document="Báo cáo 45/BC-KL",
    )
    services.cancel(dropped, by=director, at=moment(date(2022, 3, 20)), reason="Đã có thiết bị")
    assert services.children_progress(parent) == {"total": 2, "completed": 1}, (
        "a cancelled child does not count"
    )
    assert budget.lifecycle == Lifecycle.NOT_STARTED
    assert parent.lifecycle == Lifecycle.NOT_STARTED, "children do not complete the parent by themselves"


# --- the sub-unit acts on the child, not on the parent --------------------------------


def test_the_sub_unit_acts_on_the_child_seed_003_art_7_2(parent, forestry, director, ranger, ranger_chief):
    child = delegate(parent, forestry, by=director, due_on=date(2022, 3, 25))
    services.accept(child, by=ranger, at=moment(date(2022, 3, 3)))
    services.update_progress(
        child, by=ranger, at=moment(date(2022, 3, 10)), note="Đã tuần tra 3 tiểu khu", percent=40
    )
    services.request_extension(
        child, by=ranger_chief, at=moment(date(2022, 3, 11)), proposed=date(2022, 3, 28), reason="Mưa lớn"
    )
    services.decide_extension(child, by=director, at=moment(date(2022, 3, 12)), approve=True)
    services.complete(
        child,
        by=ranger,
        at=moment(date(2022, 3, 28)),
        completed_on=date(2022, 3, 27),
        result_document="Báo cáo 51/BC-KL",
    )
    assert child.lifecycle == Lifecycle.COMPLETED and child.due_in_force == date(2022, 3, 28)
    assert parent.events.count() == 1, "nothing happened to the parent"


PARENT_ACTIONS = {
    "accept": lambda t, u: services.accept(t, by=u, at=moment(date(2022, 3, 3))),
    "update progress": lambda t, u: services.update_progress(
        t, by=u, at=moment(date(2022, 3, 3)), note="Cập nhật"
    ),
    "ask an extension": lambda t, u: services.request_extension(
        t, by=u, at=moment(date(2022, 3, 3)), proposed=date(2022, 4, 30), reason="Chờ"
    ),
    "return": lambda t, u: services.return_task(t, by=u, at=moment(date(2022, 3, 3)), reason="Không thuộc"),
    "complete": lambda t, u: services.complete(
        t, by=u, at=moment(date(2022, 3, 3)), completed_on=date(2022, 3, 3), result_document="BC"
    ),
}


@pytest.mark.parametrize("action", list(PARENT_ACTIONS))
def test_the_sub_unit_cannot_act_on_the_parent(action, parent, forestry, director, ranger, ranger_chief):
    delegate(parent, forestry, by=director)
    for sub_unit_person in (ranger, ranger_chief):
        with pytest.raises(PermissionDenied):
            PARENT_ACTIONS[action](parent, sub_unit_person)
    assert parent.events.count() == 1


def test_the_delegating_side_decides_on_the_child_not_the_sub_unit(
    parent, forestry, director, office_of_department, ranger, ranger_chief
):
    child = delegate(parent, forestry, by=director)
    for action in (Action.DECIDE_EXTENSION, Action.REASSIGN, Action.CANCEL, Action.REOPEN):
        assert not permissions.can(ranger, action, child), action
        assert not permissions.can(ranger_chief, action, child), action
    assert permissions.can(director, Action.DECIDE_EXTENSION, child)
    assert not permissions.can(office_of_department, Action.DECIDE_EXTENSION, child), "leaders decide"
    assert permissions.can(office_of_department, Action.CANCEL, child)
    assert permissions.can(office_of_department, Action.REASSIGN, child)


def test_the_sub_unit_sees_the_child_not_the_parent(
    parent, forestry, planning, director, ranger, office_of_department
):
    patrol = delegate(parent, forestry, by=director)
    budget = delegate(parent, planning, by=director, content="Bố trí kinh phí")
    assert list(Task.objects.visible_to(ranger)) == [patrol]
    assert set(Task.objects.visible_to(office_of_department)) == {parent, patrol, budget}


def test_the_sub_unit_passes_its_part_further_down_and_the_department_may_too(
    parent, forestry, director, ranger
):
    """Three levels, one workflow (domain.md): the Chi cục gives part of its child to a Hạt;
    the Sở, acting for its sub-units (seed 003 art. 6.3.a), may do the same."""
    station = UnitFactory(name="Hạt Kiểm lâm huyện Sa Thầy", parent=forestry, kind=UnitKind.SUB_UNIT)
    child = delegate(parent, forestry, by=director, due_on=date(2022, 3, 25))
    grandchild = delegate(child, station, by=ranger, content="Tuần tra tiểu khu 12", due_on=date(2022, 3, 20))
    assert (grandchild.parent, grandchild.assigning_unit, grandchild.events.get().actor) == (
        child,
        forestry,
        ranger,
    )
    by_department = delegate(child, station, by=director, content="Tuần tra tiểu khu 14")
    assert by_department.due_in_force == date(2022, 3, 25)
    assert services.children_progress(child) == {"total": 2, "completed": 0}
    assert services.children_progress(parent) == {"total": 1, "completed": 0}, "children, not grandchildren"
