"""What waits for each persona (tracking.agenda, "việc của tôi"), and the `actionable` filter
it stands on agreeing with `can` for every persona, action and task."""

from datetime import date

import pytest

from nhiemvu.accounts.choices import Role
from nhiemvu.accounts.models import User
from nhiemvu.directives.choices import SourceChannel
from nhiemvu.directives.services import register_directive, visible_directives
from nhiemvu.tracking import services
from nhiemvu.tracking.agenda import Need, agenda, calendar_around, needs
from nhiemvu.tracking.models import Task
from nhiemvu.tracking.permissions import Action, actionable, can
from nhiemvu.units import services as unit_services
from nhiemvu.units.choices import UnitKind
from nhiemvu.workdays.deadlines import (
    classification_deadline,
    latest_due_with_result_late,
    result_record_deadline,
)
from nhiemvu.workdays.services import load_calendar
from tests.factories import DirectiveFactory, UnitFactory, make_task, moment, person

pytestmark = pytest.mark.django_db

ASSIGNED_ON = date(2026, 2, 2)


def ids(queryset) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


@pytest.fixture
def tasks(cast):
    """Tasks across the cast's tree, one assigned by a district that was later merged."""
    province, agri = cast.province, cast.agriculture_department
    led = make_task(lead_unit=agri, assigning_unit=province, assigned_on=ASSIGNED_ON, field=cast.agriculture)
    delegated = services.delegate(
        led,
        by=cast.unit_leader,
        at=moment(ASSIGNED_ON, 9),
        to_unit=cast.forestry,
        content="Phần việc của Chi cục",
    )
    justice = make_task(
        lead_unit=cast.justice_department,
        assigning_unit=province,
        assigned_on=ASSIGNED_ON,
        field=cast.justice,
    )
    unclassified = make_task(
        lead_unit=cast.finance_department, assigning_unit=province, assigned_on=ASSIGNED_ON
    )
    by_district = make_task(
        lead_unit=cast.district_agriculture, assigning_unit=cast.district, assigned_on=ASSIGNED_ON
    )
    return {
        "led": led,
        "delegated": delegated,
        "justice": justice,
        "unclassified": unclassified,
        "by_district": by_district,
    }


def merged_district(cast):
    """UBND huyện Đắk Hà ends on 31/03/2026, merged into a commune (as districts were in
    2025) whose office desk then answers for what the district assigned."""
    commune = UnitFactory(name="UBND xã Đắk Hà", kind=UnitKind.COMMUNE, parent=cast.province, code="KT.XDH")
    unit_services.merge_unit(
        unit=cast.district, into=commune, on=date(2026, 4, 1), by=cast.admin, at=moment(date(2026, 4, 1), 8)
    )
    return commune, person(Role.OFFICE_DESK, commune, username="vp_xa_dakha")


@pytest.mark.parametrize("action", [a for a in Action if a != Action.VIEW])
def test_actionable_lists_exactly_the_tasks_can_allows_for_every_persona(cast, tasks, action):
    _commune, commune_desk = merged_district(cast)
    members = [getattr(cast, name) for name in cast.__dataclass_fields__]
    users = [member for member in members if isinstance(member, User)] + [commune_desk]
    for user in users:
        user = User.objects.get(pk=user.pk)  # roles read afresh after the merge
        every = list(Task.objects.select_related("lead_unit", "assigning_unit"))
        expected = {task.pk for task in every if can(user, action, task)}
        assert ids(Task.objects.filter(actionable(user, action))) == expected, (user.username, action)


def test_the_commune_that_took_over_a_district_decides_on_what_the_district_assigned(cast, tasks):
    _commune, commune_desk = merged_district(cast)
    assert ids(Task.objects.filter(actionable(commune_desk, Action.REASSIGN))) == {tasks["by_district"].pk}


def test_results_are_late_from_the_third_working_day_after_the_due_date_seed_001_across_30_april():
    calendar = calendar_around(date(2026, 5, 1))
    # 30/04 and 01/05/2026 (Thursday, Friday) are holidays, then a weekend.
    assert result_record_deadline(date(2026, 4, 29), calendar) == date(2026, 5, 5)
    assert latest_due_with_result_late(date(2026, 5, 5), calendar) == date(2026, 4, 28)
    # On 06/05, due dates up to Sunday 03/05 are late: 29/04 and the days off after it share
    # the deadline 05/05.
    assert latest_due_with_result_late(date(2026, 5, 6), calendar) == date(2026, 5, 3)


def test_the_lead_units_focal_officer_sees_new_overdue_due_soon_and_unrecorded_tasks(cast):
    agri, province = cast.agriculture_department, cast.province
    today = date(2026, 3, 10)  # a Tuesday

    def task(due, **extra):
        return make_task(
            lead_unit=agri, assigning_unit=province, assigned_on=ASSIGNED_ON, due_on=due, **extra
        )

    new = task(date(2026, 3, 31))
    due_thursday_before = task(date(2026, 3, 5))  # result late from Tuesday 10/03
    due_friday_before = task(date(2026, 3, 6))  # overdue, result late only from Wednesday 11/03
    due_friday = task(date(2026, 3, 13))  # 3 working days left
    due_next_monday = task(date(2026, 3, 16))  # 4: not "soon"
    for accepted in (due_thursday_before, due_friday_before, due_friday, due_next_monday):
        services.accept(accepted, by=cast.focal_officer, at=moment(date(2026, 2, 3), 9))

    found = {
        need: ids(queryset)
        for need, queryset in needs(cast.focal_officer, today=today, calendar=calendar_around(today)).items()
    }
    assert found[Need.TO_ACCEPT] == {new.pk}
    assert found[Need.OVERDUE] == {due_thursday_before.pk, due_friday_before.pk}
    assert found[Need.RESULT_NOT_RECORDED] == {due_thursday_before.pk}
    assert found[Need.DUE_SOON] == {due_friday.pk}
    assert found[Need.EXTENSION_TO_DECIDE] == found[Need.RETURNED_TO_REASSIGN] == set()

    sections = {section.need: section for section in agenda(cast.focal_officer, today=today)}
    assert [t.working_days for t in sections[Need.OVERDUE].items] == [-3, -2]
    assert [t.working_days for t in sections[Need.DUE_SOON].items] == [3]


def test_the_leader_decides_extensions_and_the_office_reassigns_returns_seed_002_seed_003_art_6_2(cast):
    agri, province = cast.agriculture_department, cast.province
    asked = make_task(
        lead_unit=agri,
        assigning_unit=province,
        assigned_on=ASSIGNED_ON,
        due_on=date(2026, 3, 6),
        field=cast.agriculture,
    )
    services.request_extension(
        asked,
        by=cast.focal_officer,
        at=moment(date(2026, 3, 2), 9),
        proposed=date(2026, 3, 20),
        reason="Chờ số liệu",
    )
    returned = make_task(lead_unit=cast.justice_department, assigning_unit=province, assigned_on=ASSIGNED_ON)
    services.return_task(
        returned, by=cast.other_officer, at=moment(date(2026, 2, 3), 9), reason="Không thuộc chức năng của Sở"
    )
    today = date(2026, 3, 10)
    calendar = calendar_around(today)

    def waiting(user, need):
        return ids(needs(user, today=today, calendar=calendar)[need])

    assert waiting(cast.leader, Need.EXTENSION_TO_DECIDE) == {asked.pk}
    assert waiting(cast.desk, Need.EXTENSION_TO_DECIDE) == set()
    assert waiting(cast.desk, Need.RETURNED_TO_REASSIGN) == {returned.pk}
    assert waiting(cast.focal_officer, Need.RETURNED_TO_REASSIGN) == set()
    assert waiting(cast.other_officer, Need.RETURNED_TO_REASSIGN) == set()


def test_the_agenda_leaves_out_what_has_nothing_waiting_and_costs_two_queries_a_need(
    cast, django_assert_max_num_queries
):
    make_task(
        lead_unit=cast.agriculture_department,
        assigning_unit=cast.province,
        assigned_on=ASSIGNED_ON,
        due_on=date(2026, 3, 31),
    )
    today = date(2026, 3, 10)
    calendar = calendar_around(today)
    with django_assert_max_num_queries(2 * len(Need) + 4):
        sections = agenda(cast.focal_officer, today=today, calendar=calendar)
    assert [section.need for section in sections] == [Need.TO_ACCEPT]
    assert sections[0].count == 1


def received(cast, received_on: date, *, by=None, unit=None, number="1196/UBND-TH"):
    """A directive the office of `unit` (the province) received and `by` (the desk) entered,
    through the entry form's service."""
    return register_directive(
        by=by or cast.desk,
        on_behalf_of=unit or cast.province,
        number_symbol=number,
        issuer="Văn phòng Chính phủ",
        issued_on=received_on,
        received_on=received_on,
        summary="V/v triển khai nhiệm vụ",
        channel=SourceChannel.EOFFICE,
    )


def directives_waiting(user, today: date) -> list:
    calendar = calendar_around(today)
    sections = agenda(user, today=today, calendar=calendar)
    return next((s.items for s in sections if s.need == Need.DIRECTIVE_TO_ASSIGN), [])


def test_a_directive_received_without_tasks_waits_for_the_office_one_working_day_seed_003_art_6_1_b(cast):
    directive = received(cast, date(2026, 2, 13))  # received on the Friday before Tết 2026
    assigned = received(cast, date(2026, 2, 13), number="1197/UBND-TH")
    make_task(
        directive=assigned,
        lead_unit=cast.agriculture_department,
        assigning_unit=cast.province,
        assigned_on=date(2026, 2, 13),
    )
    today = date(2026, 2, 24)
    calendar = calendar_around(today)
    # Tết 2026 is 16/02-20/02 between two weekends: 1 working day after Friday 13/02 is Monday
    # 23/02, so on Tuesday 24/02 the directive is one working day late.
    assert classification_deadline(date(2026, 2, 13), many_units=False, cal=calendar) == date(2026, 2, 23)
    assert directives_waiting(cast.desk, today) == [directive]
    assert directives_waiting(cast.desk, today)[0].working_days == -1
    assert not needs(cast.focal_officer, today=today, calendar=calendar)[Need.DIRECTIVE_TO_ASSIGN].exists()


def test_received_on_the_friday_before_national_day_it_is_due_the_thursday_after_seed_003_art_6_1_b(cast):
    directive = received(cast, date(2026, 8, 28))
    # Monday 31/08 (swapped for Saturday 22/08), 01/09 and 02/09/2026 are days off: the one
    # working day the office has is Thursday 03/09.
    for day_off_or_received in (date(2026, 8, 28), date(2026, 8, 31), date(2026, 9, 2)):
        assert [d.working_days for d in directives_waiting(cast.desk, day_off_or_received)] == [1]
    assert [d.working_days for d in directives_waiting(cast.desk, date(2026, 9, 3))] == [0]
    [late] = directives_waiting(cast.desk, date(2026, 9, 4))
    assert late == directive and late.days_late == 1
    # Without its tasks, how many units it involves is not known: the 1-day rule, not the 2-day.
    calendar = calendar_around(date(2026, 9, 4))
    assert classification_deadline(date(2026, 8, 28), many_units=True, cal=calendar) == date(2026, 9, 4)


def test_every_desk_of_the_receiving_office_sees_it_whoever_entered_it_and_no_other_office(cast):
    other_desk = person(Role.OFFICE_DESK, cast.province, username="vp_nongnghiep", fields=[cast.agriculture])
    directive = received(cast, date(2026, 3, 2))
    sub_unit_letter = received(
        cast, date(2026, 3, 2), by=cast.unit_leader, unit=cast.agriculture_department, number="15/SNN-VP"
    )
    neighbour = UnitFactory(name="UBND tỉnh Gia Lai", kind=UnitKind.PROVINCE, code="GL")
    neighbour_desk = person(Role.OFFICE_DESK, neighbour, username="vp_gialai")
    theirs = received(cast, date(2026, 3, 2), by=neighbour_desk, unit=neighbour, number="20/UBND-TH")
    # History whose receiving unit could not be recovered waits on the desk that entered it.
    unattributed = DirectiveFactory(
        created_by=other_desk, issued_on=date(2026, 3, 2), received_on=date(2026, 3, 2)
    )
    today = date(2026, 3, 3)
    assert directives_waiting(other_desk, today) == [
        directive,
        unattributed,
    ]  # the first entered by cast.desk
    assert directives_waiting(cast.desk, today) == [directive]
    assert directives_waiting(neighbour_desk, today) == [theirs]
    # The Sở NN's own office (its leader, its focal officer) answers for what the Sở received.
    assert directives_waiting(cast.focal_officer, today) == [sub_unit_letter]
    assert directives_waiting(cast.leader, today) == []  # leaders decide, the office assigns
    assert directive not in visible_directives(neighbour_desk)
    assert theirs not in visible_directives(cast.desk) and theirs not in visible_directives(other_desk)


def test_a_task_overdue_for_years_counts_its_working_days_late_across_them(cast):
    task = make_task(
        lead_unit=cast.agriculture_department,
        assigning_unit=cast.province,
        assigned_on=date(2019, 3, 1),
        due_on=date(2019, 3, 29),
    )
    today = date(2026, 3, 10)
    [overdue] = [s for s in agenda(cast.focal_officer, today=today) if s.need == Need.OVERDUE]
    wide = load_calendar(2019, 2027)
    assert overdue.items == [task]
    assert overdue.items[0].working_days == -wide.count_working_days(date(2019, 3, 29), today)
