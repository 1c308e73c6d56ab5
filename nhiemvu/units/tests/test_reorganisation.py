"""Units change: the 2025 reorganisation (domain.md; Resolution 202/2025/QH15).

From 1 July 2025 the district level ended: the open tasks of a district went to the unit
that took it over, while a report of an earlier period still shows the district. Renames
(the Sở Nông nghiệp và Phát triển nông thôn became the Sở Nông nghiệp và Môi trường on
1 March 2025) keep the old name for earlier days.
"""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nhiemvu.accounts.choices import Role
from nhiemvu.reports.services import unit_report
from nhiemvu.tracking import permissions, services
from nhiemvu.tracking.choices import EventKind, EventSource, Lifecycle
from nhiemvu.tracking.models import Task, TaskEvent
from nhiemvu.tracking.permissions import Action
from nhiemvu.units import services as unit_services
from nhiemvu.units.choices import UnitKind
from nhiemvu.units.models import Unit
from tests.factories import UnitFactory, make_task, moment, person

pytestmark = pytest.mark.django_db

MERGED_ON = date(2025, 7, 1)
MERGE_RECORDED = moment(MERGED_ON, 8)
ASSIGNED_ON = date(2025, 3, 3)


@pytest.fixture
def district(province):
    return UnitFactory(name="UBND huyện Đắk Hà", kind=UnitKind.DISTRICT, parent=province)


@pytest.fixture
def commune(province):
    return UnitFactory(name="UBND xã Đắk Hà", kind=UnitKind.COMMUNE, parent=province)


@pytest.fixture
def admin(cast):
    return cast.admin


@pytest.fixture
def district_tasks(province, district):
    """One task of the district in each state, all assigned in the first half of 2025."""
    focal = person(Role.FOCAL_OFFICER, district)
    desk = person(Role.OFFICE_DESK, province)

    def task(content, due_on=date(2025, 9, 30)):
        return make_task(
            lead_unit=district,
            assigning_unit=province,
            assigned_on=ASSIGNED_ON,
            due_on=due_on,
            content=content,
        )

    tasks = {
        "not_started": task("Rà soát quy hoạch sử dụng đất"),
        "in_progress": task("Giải phóng mặt bằng dự án đường tránh"),
        "extension_requested": task("Kiểm kê rừng", due_on=date(2025, 6, 15)),
        "returned": task("Quản lý thị trường"),
        "completed": task("Báo cáo kinh tế - xã hội 6 tháng", due_on=date(2025, 6, 20)),
        "cancelled": task("Tổ chức hội chợ"),
    }
    at = moment(date(2025, 4, 1))
    services.accept(tasks["in_progress"], by=focal, at=at)
    services.request_extension(
        tasks["extension_requested"],
        by=focal,
        at=at,
        proposed=date(2025, 8, 31),
        reason="Chờ sắp xếp đơn vị hành chính",
    )
    services.return_task(tasks["returned"], by=focal, at=at, reason="Thuộc chức năng Sở Công Thương")
    services.complete(
        tasks["completed"],
        by=focal,
        at=moment(date(2025, 6, 18)),
        completed_on=date(2025, 6, 18),
        result_document="Báo cáo 210/BC-UBND",
    )
    services.cancel(tasks["cancelled"], by=desk, at=at, reason="Không còn phù hợp")
    for name, t in tasks.items():
        t.refresh_from_db()
        assert t.lifecycle == name
    return tasks


def frozen_units_and_tasks():
    units = list(Unit.objects.order_by("pk").values())
    tasks = list(Task.objects.order_by("pk").values())
    events = list(TaskEvent.objects.order_by("pk").values_list("pk", flat=True))
    return units, tasks, events


# --- merge_unit ---------------------------------------------------------------------------


def test_open_and_returned_tasks_move_to_the_successor_with_system_events(
    district, commune, admin, district_tasks
):
    moved = unit_services.merge_unit(unit=district, into=commune, on=MERGED_ON, by=admin, at=MERGE_RECORDED)
    assert moved == 4
    expected_after = {
        "not_started": Lifecycle.NOT_STARTED,
        "in_progress": Lifecycle.IN_PROGRESS,
        "extension_requested": Lifecycle.EXTENSION_REQUESTED,
        "returned": Lifecycle.NOT_STARTED,  # given to a unit again
    }
    for name, lifecycle in expected_after.items():
        task = district_tasks[name]
        task.refresh_from_db()
        assert (task.lead_unit, task.lifecycle) == (commune, lifecycle), name
        event = task.events.order_by("recorded_at", "id").last()
        assert (event.kind, event.source, event.actor) == (EventKind.REASSIGNED, EventSource.SYSTEM, admin)
        assert (event.effective_on, event.recorded_at) == (MERGED_ON, MERGE_RECORDED)
        assert event.lead_unit == commune and "UBND huyện Đắk Hà" in event.note
    assert district_tasks["extension_requested"].due_in_force == date(2025, 6, 15), "the due date is kept"


def test_completed_and_cancelled_tasks_stay_with_the_old_unit(district, commune, admin, district_tasks):
    kept = {name: district_tasks[name].events.count() for name in ("completed", "cancelled")}
    unit_services.merge_unit(unit=district, into=commune, on=MERGED_ON, by=admin, at=MERGE_RECORDED)
    for name, events in kept.items():
        task = district_tasks[name]
        task.refresh_from_db()
        assert task.lead_unit == district and task.lifecycle == name
        assert task.events.count() == events, "their history is untouched"


def test_the_old_unit_ends_the_day_before_and_names_its_successor(district, commune, admin):
    unit_services.merge_unit(unit=district, into=commune, on=MERGED_ON, by=admin, at=MERGE_RECORDED)
    assert district.active_until == date(2025, 6, 30), "the caller's copy is refreshed too"
    district.refresh_from_db()
    assert (district.active_until, district.default_successor()) == (date(2025, 6, 30), commune)
    assert [(s.successor, s.effective_on, s.is_default) for s in district.successions.all()] == [
        (commune, MERGED_ON, True)
    ]
    assert list(Unit.objects.active_on(date(2025, 6, 30)).filter(pk=district.pk)) == [district]
    assert not Unit.objects.active_on(MERGED_ON).filter(pk=district.pk).exists()


def test_sub_units_move_under_the_successor_with_their_own_sub_units(district, commune, admin):
    office = UnitFactory(name="Phòng Nông nghiệp huyện Đắk Hà", parent=district, kind=UnitKind.SUB_UNIT)
    team = UnitFactory(name="Tổ công tác", parent=office, kind=UnitKind.SUB_UNIT)
    ended = UnitFactory(
        name="Phòng đã giải thể", parent=district, kind=UnitKind.SUB_UNIT, active_until=date(2024, 12, 31)
    )
    unit_services.merge_unit(unit=district, into=commune, on=MERGED_ON, by=admin, at=MERGE_RECORDED)
    for unit in (office, team, ended):
        unit.refresh_from_db()
    assert office.parent == commune and office.path == commune.path + f"{office.pk:010d}/"
    assert team.path == office.path + f"{team.pk:010d}/"
    assert set(Unit.objects.subtree_of(commune)) == {commune, office, team}
    assert ended.parent == district, "a unit that had already ended stays where it was"


def test_the_successor_takes_over_coordination_of_open_tasks(province, district, commune, admin):
    department = UnitFactory(name="Sở Tài nguyên và Môi trường", parent=province)
    open_task = make_task(
        lead_unit=department, assigning_unit=province, assigned_on=ASSIGNED_ON, coordinating_units=[district]
    )
    done_task = make_task(
        lead_unit=department, assigning_unit=province, assigned_on=ASSIGNED_ON, coordinating_units=[district]
    )
    services.complete(
        done_task, by=None, at=moment(date(2025, 5, 5)), completed_on=date(2025, 5, 5), result_document="BC"
    )
    led_by_successor = make_task(
        lead_unit=commune, assigning_unit=province, assigned_on=ASSIGNED_ON, coordinating_units=[district]
    )
    unit_services.merge_unit(unit=district, into=commune, on=MERGED_ON, by=admin, at=MERGE_RECORDED)
    assert list(open_task.coordinating_units.all()) == [commune]
    assert list(done_task.coordinating_units.all()) == [district], "the past is kept"
    assert list(led_by_successor.coordinating_units.all()) == [], "it leads, it does not also coordinate"


def test_a_task_assigned_to_the_old_unit_moves_from_its_own_assignment_date(
    province, district, commune, admin
):
    """Recorded late: the district got a task dated after its end (kept, not hidden)."""
    late = make_task(lead_unit=district, assigning_unit=province, assigned_on=date(2025, 6, 30))
    unit_services.merge_unit(unit=district, into=commune, on=date(2025, 6, 20), by=admin, at=MERGE_RECORDED)
    assert late.events.order_by("id").last().effective_on == date(2025, 6, 30)


def test_after_a_merge_the_successors_officers_act_on_the_moved_tasks(
    district, commune, admin, district_tasks
):
    """The commune's officers see and act on the tasks they took over; the old district's
    officers still see what the district did."""
    commune_focal = person(Role.FOCAL_OFFICER, commune)
    district_focal = person(Role.FOCAL_OFFICER, district)
    unit_services.merge_unit(unit=district, into=commune, on=MERGED_ON, by=admin, at=MERGE_RECORDED)
    assert Task.objects.visible_to(commune_focal).count() == 4
    assert set(Task.objects.visible_to(district_focal)) == {
        district_tasks["completed"],
        district_tasks["cancelled"],
    }
    services.accept(district_tasks["not_started"], by=commune_focal, at=moment(MERGED_ON, 10))
    with pytest.raises(PermissionDenied):
        services.update_progress(
            district_tasks["in_progress"],
            by=district_focal,
            at=moment(MERGED_ON, 11),
            note="Cập nhật sau sáp nhập",
        )


REFUSED = {
    "into itself": lambda district, commune, sub_unit: {"unit": district, "into": district},
    "into its own sub-unit": lambda district, commune, sub_unit: {"unit": district, "into": sub_unit},
    "into a unit that has ended": lambda district, commune, sub_unit: {
        "unit": district,
        "into": UnitFactory(name="UBND xã cũ", kind=UnitKind.COMMUNE, active_until=date(2025, 6, 30)),
    },
    "a unit that has already ended": lambda district, commune, sub_unit: {
        "unit": UnitFactory(name="UBND huyện đã nhập", kind=UnitKind.DISTRICT, active_until=date(2020, 1, 1)),
        "into": commune,
    },
    "recorded before it takes effect": lambda district, commune, sub_unit: {
        "unit": district,
        "into": commune,
        "at": moment(date(2025, 6, 30)),
    },
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_wrong_merge_is_refused_and_changes_nothing(case, district, commune, admin, district_tasks):
    sub_unit = UnitFactory(name="Phòng Tài chính - Kế hoạch", parent=district, kind=UnitKind.SUB_UNIT)
    arguments = {
        "on": MERGED_ON,
        "by": admin,
        "at": MERGE_RECORDED,
        **REFUSED[case](district, commune, sub_unit),
    }
    before = frozen_units_and_tasks()
    with pytest.raises(ValidationError):
        unit_services.merge_unit(**arguments)
    assert frozen_units_and_tasks() == before


def test_only_an_administrator_merges(district, commune, province, district_tasks):
    before = frozen_units_and_tasks()
    for user in (person(Role.OFFICE_DESK, province), person(Role.UNIT_LEADER, district)):
        with pytest.raises(PermissionDenied):
            unit_services.merge_unit(unit=district, into=commune, on=MERGED_ON, by=user, at=MERGE_RECORDED)
    assert frozen_units_and_tasks() == before


def test_merging_a_sub_unit_into_its_parent_is_allowed(province, district, admin):
    office = UnitFactory(name="Phòng Kinh tế - Hạ tầng", parent=district, kind=UnitKind.SUB_UNIT)
    task = make_task(lead_unit=office, assigning_unit=district, assigned_on=ASSIGNED_ON)
    assert (
        unit_services.merge_unit(unit=office, into=district, on=MERGED_ON, by=admin, at=MERGE_RECORDED) == 1
    )
    task.refresh_from_db()
    assert task.lead_unit == district


# --- reports before and after -------------------------------------------------------------


def rows(as_of, **period):
    report = unit_report(
        date_from=period.get("date_from", date(2025, 1, 1)),
        date_to=period.get("date_to", date(2025, 6, 30)),
        as_of=as_of,
    )
    return {row.unit: row.as_dict() for row in report.rows}


def test_a_report_as_of_before_the_merge_shows_the_old_unit_domain_2025(
    district, commune, admin, district_tasks
):
    before_merge = moment(date(2025, 6, 30), 17)
    sent = rows(before_merge)
    unit_services.merge_unit(unit=district, into=commune, on=MERGED_ON, by=admin, at=MERGE_RECORDED)

    assert rows(before_merge) == sent, "a report already sent is reproduced exactly"
    assert set(sent) == {"UBND huyện Đắk Hà"}
    assert sent["UBND huyện Đắk Hà"]["total"] == 4, "returned and cancelled are not counted"
    assert sent["UBND huyện Đắk Hà"]["done_on_time"] == 1

    now = rows(moment(date(2025, 7, 2)))
    assert set(now) == {"UBND huyện Đắk Hà", "UBND xã Đắk Hà"}
    assert now["UBND xã Đắk Hà"]["total"] == 4, "the open tasks and the returned one, given again"
    assert now["UBND huyện Đắk Hà"] == {**now["UBND huyện Đắk Hà"], "total": 1, "done_on_time": 1}


# --- rename_unit ----------------------------------------------------------------------------


def name_on(unit, day):
    [(_pk, name)] = Unit.objects.labels_in_tree_order({unit.pk}, day)
    return name


@pytest.fixture
def agriculture(province):
    return UnitFactory(name="Sở Nông nghiệp và Phát triển nông thôn", parent=province)


def test_name_on_gives_the_old_name_before_a_rename_and_the_new_after(agriculture, admin):
    unit_services.rename_unit(
        unit=agriculture, new_name="Sở Nông nghiệp  và Môi trường ", on=date(2025, 3, 1), by=admin
    )
    agriculture.refresh_from_db()
    assert agriculture.name == "Sở Nông nghiệp và Môi trường"
    assert name_on(agriculture, date(2018, 12, 27)) == "Sở Nông nghiệp và Phát triển nông thôn"
    assert name_on(agriculture, date(2025, 2, 28)) == "Sở Nông nghiệp và Phát triển nông thôn"
    assert name_on(agriculture, date(2025, 3, 1)) == "Sở Nông nghiệp và Môi trường"


def test_several_renames_keep_each_name_for_its_days(agriculture, admin):
    unit_services.rename_unit(unit=agriculture, new_name="Sở Nông nghiệp", on=date(2020, 1, 1), by=admin)
    unit_services.rename_unit(
        unit=agriculture, new_name="Sở Nông nghiệp và Môi trường", on=date(2025, 3, 1), by=admin
    )
    assert [
        name_on(agriculture, day)
        for day in (date(2019, 12, 31), date(2020, 1, 1), date(2025, 2, 28), date(2025, 3, 1))
    ] == [
        "Sở Nông nghiệp và Phát triển nông thôn",
        "Sở Nông nghiệp",
        "Sở Nông nghiệp",
        "Sở Nông nghiệp và Môi trường",
    ]


@pytest.mark.parametrize(
    "new_name, on",
    [
        ("", date(2025, 3, 1)),
        ("   ", date(2025, 3, 1)),
        ("Sở Nông nghiệp và Phát triển nông thôn", date(2025, 3, 1)),
    ],
)
def test_a_rename_needs_a_new_name(new_name, on, agriculture, admin):
    with pytest.raises(ValidationError):
        unit_services.rename_unit(unit=agriculture, new_name=new_name, on=on, by=admin)
    assert not agriculture.former_names.exists()


def test_renames_are_kept_in_order(agriculture, admin):
    unit_services.rename_unit(
        unit=agriculture, new_name="Sở Nông nghiệp và Môi trường", on=date(2025, 3, 1), by=admin
    )
    for on in (date(2025, 3, 1), date(2024, 1, 1)):
        with pytest.raises(ValidationError):
            unit_services.rename_unit(unit=agriculture, new_name="Tên khác", on=on, by=admin)
    assert agriculture.former_names.count() == 1


def test_only_an_administrator_renames(agriculture, province):
    with pytest.raises(PermissionDenied):
        unit_services.rename_unit(
            unit=agriculture, new_name="Tên mới", on=date(2025, 3, 1), by=person(Role.OFFICE_DESK, province)
        )
    agriculture.refresh_from_db()
    assert agriculture.name == "Sở Nông nghiệp và Phát triển nông thôn"


def test_a_report_of_2018_shows_the_2018_name(agriculture, province, admin):
    make_task(
        lead_unit=agriculture, assigning_unit=province, assigned_on=date(2018, 5, 2), due_on=date(2018, 5, 12)
    )
    unit_services.rename_unit(
        unit=agriculture, new_name="Sở Nông nghiệp và Môi trường", on=date(2025, 3, 1), by=admin
    )
    of_2018 = rows(moment(date(2018, 12, 27), 15, 30), date_from=date(2018, 1, 1), date_to=date(2018, 12, 31))
    assert set(of_2018) == {"Sở Nông nghiệp và Phát triển nông thôn"}


def test_the_successor_answers_for_what_the_old_unit_delegated(province, district, commune, admin):
    """The district gave part of a task to its agriculture office; after the merge the office
    sits under the commune, whose leader now decides on that part."""
    office = UnitFactory(name="Phòng Nông nghiệp huyện Đắk Hà", parent=district, kind=UnitKind.SUB_UNIT)
    district_leader = person(Role.UNIT_LEADER, district)
    parent = make_task(
        lead_unit=district, assigning_unit=province, assigned_on=ASSIGNED_ON, due_on=date(2025, 9, 30)
    )
    part = services.delegate(
        parent, by=district_leader, at=moment(date(2025, 3, 4)), to_unit=office, content="Thống kê diện tích"
    )
    commune_leader = person(Role.UNIT_LEADER, commune)
    other_commune_leader = person(Role.UNIT_LEADER, UnitFactory(kind=UnitKind.COMMUNE, parent=province))
    assert not permissions.can(commune_leader, Action.DECIDE_EXTENSION, part)

    unit_services.merge_unit(unit=district, into=commune, on=MERGED_ON, by=admin, at=MERGE_RECORDED)
    part.refresh_from_db()
    assert part.assigning_unit == district, "who assigned it is history"
    for action in (Action.DECIDE_EXTENSION, Action.CANCEL, Action.REASSIGN):
        assert permissions.can(commune_leader, action, part), action
        assert not permissions.can(other_commune_leader, action, part), action
    services.cancel(part, by=commune_leader, at=moment(MERGED_ON, 9), reason="Đã thống kê theo xã mới")
    assert part.lifecycle == Lifecycle.CANCELLED
