"""Who sees and does what (tracking.permissions, the task policy, and accounts.permissions,
the roles; domain.md "Who uses it", seed 003 art. 5.1.c-d, 7, 10, seed 004 art. 3-4), for a
fixed cast of personas (style practice 13).

The province assigns a task in agriculture to the Sở Nông nghiệp, the Sở Tài chính and its
budget office coordinating, a tracking officer following it; the Sở delegates part of it to
its Chi cục Kiểm lâm (seed 003). The province also assigns two tasks to the Sở Tư pháp: one
in justice, one without a field.
"""

import copy
from dataclasses import dataclass
from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from nhiemvu.accounts import permissions as roles
from nhiemvu.accounts.choices import Role
from nhiemvu.tracking import permissions, services
from nhiemvu.tracking.models import Task
from nhiemvu.tracking.permissions import Action
from nhiemvu.units.choices import UnitKind
from tests.cast import built_for_the_module
from tests.factories import UnitFactory, UserFactory, make_task, moment, person, with_role

pytestmark = pytest.mark.django_db

ASSIGNED_ON = date(2018, 5, 2)


@dataclass
class World:
    units: dict
    tasks: dict
    people: dict


def build_world(cast) -> World:
    """The shared cast (tests/cast.py), with the budget office under the Sở Tài chính, the
    personas the cast lacks, and the four tasks."""
    province, agri, forestry = cast.province, cast.agriculture_department, cast.forestry
    justice, finance = cast.justice_department, cast.finance_department
    budget = UnitFactory(
        name="Phòng Quản lý ngân sách", parent=finance, kind=UnitKind.SUB_UNIT, code="KT.STC.NS"
    )
    agriculture, justice_field = cast.agriculture, cast.justice

    people = {
        "desk": cast.desk,
        "desk_agriculture": person(
            Role.OFFICE_DESK, province, fields=[agriculture], username="vp_nongnghiep"
        ),
        "leader_agriculture": cast.leader,
        "inspection": cast.inspection,
        "viewer": cast.viewer,
        "agri_leader": cast.unit_leader,
        "agri_focal": cast.focal_officer,
        "agri_specialist": cast.specialist,
        "other_unit_officer": cast.other_officer,
        "coordinating_focal": person(Role.FOCAL_OFFICER, finance, username="daumoi_stc"),
        "sub_unit_officer": person(Role.FOCAL_OFFICER, forestry, username="daumoi_kiemlam"),
        "tracking_officer": person(username="theodoi_vp"),
        "admin": cast.admin,
        "superuser": UserFactory(username="root", is_superuser=True),
        "inactive": person(Role.FOCAL_OFFICER, agri, username="nghi_huu", is_active=False),
        "inactive_superuser": UserFactory(username="root_cu", is_superuser=True, is_active=False),
        "anonymous": AnonymousUser(),
    }
    # The budget office's specialist also coordinates: two coordinating units on one task
    # must not show it twice.
    with_role(people["coordinating_focal"], Role.SPECIALIST, budget)

    led = make_task(
        lead_unit=agri,
        assigning_unit=province,
        assigned_on=ASSIGNED_ON,
        due_on=date(2018, 6, 30),
        field=agriculture,
        coordinating_units=[finance, budget],
        tracking_officer=people["tracking_officer"],
        content="Triển khai kế hoạch phòng, chống dịch tả lợn châu Phi",
    )
    child = services.delegate(
        led,
        by=people["agri_leader"],
        at=moment(date(2018, 5, 3)),
        to_unit=forestry,
        content="Kiểm soát vận chuyển lâm sản qua địa bàn",
        due_on=date(2018, 6, 15),
    )
    other = make_task(
        lead_unit=justice,
        assigning_unit=province,
        assigned_on=ASSIGNED_ON,
        field=justice_field,
        content="Rà soát văn bản quy phạm pháp luật",
    )
    unclassified = make_task(
        lead_unit=justice,
        assigning_unit=province,
        assigned_on=ASSIGNED_ON,
        content="Báo cáo công tác phổ biến pháp luật",
    )
    return World(
        units={
            "province": province,
            "office": cast.office,
            "budget": budget,
            "district": cast.district,
            "district_agri": cast.district_agriculture,
            "agri": agri,
            "forestry": forestry,
            "justice": justice,
            "finance": finance,
        },
        tasks={"led": led, "child": child, "other": other, "unclassified": unclassified},
        people=people,
    )


@pytest.fixture(scope="module")
def _module_world(_module_cast, django_db_blocker):
    yield from built_for_the_module(lambda: build_world(_module_cast), django_db_blocker)


@pytest.fixture
def world(_module_world, db) -> World:
    """The world built once for the module; each test gets its own copy, rolled back after it."""
    return copy.deepcopy(_module_world)


# --- what each persona sees -----------------------------------------------------------

ALL = {"led", "child", "other", "unclassified"}
SEES = {
    "desk": ALL,
    "desk_agriculture": {"led", "child"},
    "leader_agriculture": {"led", "child"},
    "inspection": ALL,
    "viewer": ALL,
    "agri_leader": {"led", "child"},
    "agri_focal": {"led", "child"},
    "agri_specialist": {"led", "child"},
    "other_unit_officer": {"other", "unclassified"},
    "coordinating_focal": {"led"},
    "sub_unit_officer": {"child"},
    "tracking_officer": {"led"},
    "admin": ALL,
    "superuser": ALL,
    "inactive": set(),
    "inactive_superuser": set(),
    "anonymous": set(),
}


def names_of(world, tasks):
    by_pk = {task.pk: name for name, task in world.tasks.items()}
    return [by_pk[task.pk] for task in tasks]


@pytest.mark.parametrize("who", list(SEES))
def test_what_each_persona_sees(who, world):
    user = world.people[who]
    visible = Task.objects.visible_to(user)
    names = names_of(world, visible)
    assert set(names) == SEES[who]
    assert len(names) == len(set(names)), "no task twice"
    assert visible.count() == visible.distinct().count() == len(SEES[who])


@pytest.mark.parametrize("who", list(SEES))
def test_can_view_agrees_with_visible_to(who, world):
    user = world.people[who]
    for name, task in world.tasks.items():
        assert permissions.can(user, Action.VIEW, task) == (name in SEES[who]), name


def test_the_coordination_join_does_not_duplicate_rows(world):
    """A task coordinated by two units of one subtree, seen by a user holding roles in both,
    counts once — also when the list is further filtered through the coordinating units."""
    user = world.people["coordinating_focal"]
    visible = Task.objects.visible_to(user)
    assert visible.count() == visible.distinct().count() == 1
    joined = visible.filter(coordinating_units__path__startswith=world.units["finance"].path)
    assert joined.distinct().count() == 1
    desk_view = Task.objects.visible_to(world.people["desk"])
    assert desk_view.count() == desk_view.distinct().count() == len(ALL)


# --- what each persona may do -----------------------------------------------------------

LEAD_SIDE = {
    Action.ACCEPT,
    Action.UPDATE_PROGRESS,
    Action.REQUEST_EXTENSION,
    Action.RETURN,
    Action.COMPLETE,
    Action.DELEGATE,
}
ASSIGNING_SIDE = {Action.REASSIGN, Action.CANCEL, Action.REOPEN}
ACTIONS = [action for action in Action if action not in (Action.VIEW, Action.ASSIGN)]
# Nobody reports for a coordinating unit on a task that has none (the delegated one).
WITHOUT_COORDINATION = set(ACTIONS) - {Action.CONTRIBUTE}

# On the task the province assigned to the Sở Nông nghiệp.
MAY_ON_LED = {
    "desk": ASSIGNING_SIDE | {Action.URGE},
    "desk_agriculture": ASSIGNING_SIDE | {Action.URGE},
    "leader_agriculture": {Action.DECIDE_EXTENSION, Action.URGE, Action.REQUEST_EXPLANATION},
    "inspection": {Action.URGE},
    "viewer": set(),
    "agri_leader": LEAD_SIDE,
    "agri_focal": LEAD_SIDE,
    "agri_specialist": {Action.UPDATE_PROGRESS},
    "other_unit_officer": set(),
    "coordinating_focal": {Action.CONTRIBUTE},
    "sub_unit_officer": set(),
    "tracking_officer": set(),
    "admin": set(ACTIONS),
    "superuser": set(ACTIONS),
    "inactive": set(),
    "inactive_superuser": set(),
    "anonymous": set(),
}

# On the part the Sở delegated to its Chi cục Kiểm lâm: the Sở is now the assigning side,
# and still acts for its sub-unit; the province's office and leaders only follow it.
MAY_ON_CHILD = {
    "desk": set(),
    "desk_agriculture": set(),
    "leader_agriculture": set(),
    "inspection": set(),
    "viewer": set(),
    "agri_leader": LEAD_SIDE
    | ASSIGNING_SIDE
    | {Action.DECIDE_EXTENSION, Action.URGE, Action.REQUEST_EXPLANATION},
    "agri_focal": LEAD_SIDE | ASSIGNING_SIDE | {Action.URGE},
    "agri_specialist": {Action.UPDATE_PROGRESS},
    "other_unit_officer": set(),
    "coordinating_focal": set(),
    "sub_unit_officer": LEAD_SIDE,
    "tracking_officer": set(),
    "admin": WITHOUT_COORDINATION,
    "superuser": WITHOUT_COORDINATION,
    "inactive": set(),
    "inactive_superuser": set(),
    "anonymous": set(),
}

# On the justice task: a desk and a leader limited to agriculture do nothing to it.
MAY_ON_OTHER = {
    "desk": ASSIGNING_SIDE | {Action.URGE},
    "desk_agriculture": set(),
    "leader_agriculture": set(),
    "other_unit_officer": LEAD_SIDE,
    "agri_focal": set(),
}


@pytest.mark.parametrize("who", list(MAY_ON_LED))
def test_what_each_persona_may_do_on_the_task_the_province_assigned(who, world):
    user = world.people[who]
    allowed = {action for action in ACTIONS if permissions.can(user, action, world.tasks["led"])}
    assert allowed == MAY_ON_LED[who]


@pytest.mark.parametrize("who", list(MAY_ON_CHILD))
def test_what_each_persona_may_do_on_the_delegated_task_seed_003(who, world):
    user = world.people[who]
    allowed = {action for action in ACTIONS if permissions.can(user, action, world.tasks["child"])}
    assert allowed == MAY_ON_CHILD[who]


@pytest.mark.parametrize("who", list(MAY_ON_OTHER))
def test_fields_limit_what_desks_and_leaders_may_do(who, world):
    user = world.people[who]
    allowed = {action for action in ACTIONS if permissions.can(user, action, world.tasks["other"])}
    assert allowed == MAY_ON_OTHER[who]


def test_only_the_lead_unit_side_accepts_and_completes(world):
    may = {
        who
        for who, user in world.people.items()
        if permissions.can(user, Action.COMPLETE, world.tasks["led"])
    }
    assert may == {"agri_leader", "agri_focal", "admin", "superuser"}


def test_the_office_the_inspection_team_and_leaders_urge_seed_004_art_3_seed_000_i_1(world):
    may = {
        who for who, user in world.people.items() if permissions.can(user, Action.URGE, world.tasks["led"])
    }
    assert may == {"desk", "desk_agriculture", "leader_agriculture", "inspection", "admin", "superuser"}


def test_only_leaders_ask_for_an_explanation_seed_004_art_5_1_e(world):
    may = {
        who
        for who, user in world.people.items()
        if permissions.can(user, Action.REQUEST_EXPLANATION, world.tasks["led"])
    }
    assert may == {"leader_agriculture", "admin", "superuser"}


def test_only_leaders_decide_extensions(world):
    may = {
        who
        for who, user in world.people.items()
        if permissions.can(user, Action.DECIDE_EXTENSION, world.tasks["led"])
    }
    assert may == {"leader_agriculture", "admin", "superuser"}


def test_a_specialist_only_updates_progress(world):
    user = world.people["agri_specialist"]
    for name in ("led", "child"):
        allowed = {action for action in ACTIONS if permissions.can(user, action, world.tasks[name])}
        assert allowed == {Action.UPDATE_PROGRESS}


def test_only_a_coordinating_units_members_report_for_it_seed_003_art_10_2_b(world):
    """Neither the lead unit's side nor the office reports a coordinating unit's part."""
    may = {
        who
        for who, user in world.people.items()
        if permissions.can(user, Action.CONTRIBUTE, world.tasks["led"])
    }
    assert may == {"coordinating_focal", "admin", "superuser"}


CONTRIBUTES_FOR = {
    # The Sở Tài chính's focal officer reports for it and for its budget office below it.
    "coordinating_focal": {"finance", "budget"},
    "budget_specialist": {"budget"},  # not for the Sở above the office
    "finance_leader": {"finance", "budget"},
    "agri_focal": set(),
    "desk": set(),
    "admin": {"finance", "budget"},
}


@pytest.mark.parametrize("who", list(CONTRIBUTES_FOR))
def test_each_member_reports_for_the_coordinating_units_of_their_subtree(who, world):
    world.people["budget_specialist"] = person(Role.SPECIALIST, world.units["budget"], username="cv_ngansach")
    world.people["finance_leader"] = person(Role.UNIT_LEADER, world.units["finance"], username="gd_stc")
    user, task = world.people[who], world.tasks["led"]
    names = {unit.pk: name for name, unit in world.units.items()}
    assert {names[unit.pk] for unit in permissions.contributing_units(user, task)} == CONTRIBUTES_FOR[who]
    for name in ("finance", "budget", "agri"):
        assert permissions.can(user, Action.CONTRIBUTE, task, unit=world.units[name]) == (
            name in CONTRIBUTES_FOR[who]
        ), name


def test_can_takes_the_action_as_plain_text(world):
    """A view or the API may pass "accept" rather than Action.ACCEPT."""
    assert permissions.can(world.people["agri_focal"], "accept", world.tasks["led"])
    assert not permissions.can(world.people["agri_specialist"], "complete", world.tasks["led"])
    with pytest.raises(ValueError):
        permissions.can(world.people["agri_focal"], "approve_everything", world.tasks["led"])


def test_require_raises_permission_denied_with_the_action_named(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied, match="hủy"):
        permissions.require(world.people["agri_focal"], Action.CANCEL, world.tasks["led"])
    permissions.require(world.people["desk"], Action.CANCEL, world.tasks["led"])


# --- who may assign -----------------------------------------------------------------------

ASSIGN_FROM = {
    # (who, assigning unit, lead unit): allowed
    ("desk", "province", "agri"): True,
    ("desk", "province", "forestry"): True,
    ("desk", "agri", "forestry"): False,  # not on behalf of a Sở
    ("desk_agriculture", "province", "justice"): True,  # no task yet: fields do not apply
    ("leader_agriculture", "province", "agri"): False,  # leaders decide, the office assigns
    ("inspection", "province", "agri"): False,
    ("viewer", "province", "agri"): False,
    ("agri_leader", "agri", "forestry"): True,
    ("agri_focal", "agri", "forestry"): True,
    ("agri_focal", "agri", "justice"): False,  # a Sở does not assign to another Sở
    ("agri_focal", "province", "agri"): False,
    ("agri_specialist", "agri", "forestry"): False,
    ("sub_unit_officer", "agri", "forestry"): False,
    ("admin", "province", "agri"): True,
    ("inactive", "agri", "forestry"): False,
    ("anonymous", "province", "agri"): False,
}


@pytest.mark.parametrize("case", list(ASSIGN_FROM), ids=["-".join(case) for case in ASSIGN_FROM])
def test_who_may_assign_on_behalf_of_which_unit_seed_003_art_6_1(case, world):
    who, assigning, lead = case
    user = world.people[who]
    assert (
        permissions.can_assign_from(user, world.units[assigning], lead_unit=world.units[lead])
        == ASSIGN_FROM[case]
    )


def test_units_are_managed_by_administrators_only(world):
    may = {who for who, user in world.people.items() if roles.can_manage_units(user)}
    assert may == {"admin", "superuser"}


def test_visible_to_reads_the_roles_in_a_bounded_number_of_queries(world, django_assert_max_num_queries):
    """Practice 13: the scope is one query however many roles and tasks."""
    user = world.people["coordinating_focal"]
    user.__dict__.pop("_role_assignments", None)
    with django_assert_max_num_queries(3):
        list(Task.objects.visible_to(user))


UNITS_FOLLOWED = {
    "desk": {
        "province",
        "office",
        "agri",
        "forestry",
        "justice",
        "finance",
        "budget",
        "district",
        "district_agri",
    },
    "agri_focal": {"agri", "forestry"},
    "coordinating_focal": {"finance", "budget"},
    "sub_unit_officer": {"forestry"},
    "tracking_officer": set(),
    "inactive": set(),
    "anonymous": set(),
}


@pytest.mark.parametrize("who", list(UNITS_FOLLOWED))
def test_unit_scope_is_each_role_unit_with_the_units_below_it(who, world):
    from nhiemvu.units.models import Unit

    scope = roles.unit_scope(world.people[who])
    names = {unit.pk: name for name, unit in world.units.items()}
    assert {names[pk] for pk in Unit.objects.filter(scope).values_list("pk", flat=True)} == UNITS_FOLLOWED[
        who
    ]


def test_unit_scope_does_not_limit_administrators(world):
    assert roles.unit_scope(world.people["admin"]) is None
    assert roles.unit_scope(world.people["inactive_superuser"]) is not None
