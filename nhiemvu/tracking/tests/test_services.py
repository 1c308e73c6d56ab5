"""Every change to a task goes through tracking.services (style practice 5) and leaves one
append-only event whose snapshot is the task row's new state (practice 6).

Sources: seed 003 art. 6 (assign, return, update), seed 002 §3 (extensions), seed 001
(recording late), domain.md "Two times on every event".
"""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import model_to_dict

from nhiemvu.accounts.choices import Role
from nhiemvu.tracking import building, services
from nhiemvu.tracking.choices import EventKind, EventSource, Lifecycle, Timeliness
from nhiemvu.tracking.models import Task, TaskEvent
from nhiemvu.tracking.status import TransitionError, timeliness
from nhiemvu.units.choices import UnitKind
from tests.factories import DirectiveFactory, UnitFactory, make_task, moment, person

pytestmark = pytest.mark.django_db

ASSIGNED_ON = date(2018, 5, 2)
DUE = date(2018, 5, 12)


# --- the cast (tests/cast.py) ------------------------------------------------------------


@pytest.fixture
def other_department(cast):
    return cast.justice_department


@pytest.fixture
def agriculture(cast):
    return cast.agriculture


@pytest.fixture
def desk(cast):
    return cast.desk


@pytest.fixture
def leader(cast):
    """The province's vice-chairman for agriculture."""
    return cast.leader


@pytest.fixture
def focal(cast):
    return cast.focal_officer


@pytest.fixture
def specialist(cast):
    return cast.specialist


@pytest.fixture
def outsider(cast):
    """The Sở Tư pháp's focal officer: another unit."""
    return cast.other_officer


@pytest.fixture
def task(province, department, agriculture):
    return make_task(
        lead_unit=department, assigning_unit=province, assigned_on=ASSIGNED_ON, due_on=DUE, field=agriculture
    )


# --- helpers --------------------------------------------------------------------------


def last_event(task):
    return task.events.order_by("recorded_at", "id").last()


def assert_row_is_last_snapshot(task):
    """Practice 6: the cached columns of the task row are the state after its last event."""
    task.refresh_from_db()
    event = last_event(task)
    assert (task.lead_unit_id, task.due_in_force, task.completed_on, task.lifecycle) == (
        event.lead_unit_id,
        event.due_in_force,
        event.completed_on,
        event.lifecycle,
    )
    assert task.state_recorded_at == event.recorded_at
    assert event.superseded_at is None


def frozen(task):
    """Everything a refused change must leave as it was: the row and all its events."""
    row = model_to_dict(Task.objects.get(pk=task.pk), exclude=["coordinating_units"])
    row["state_recorded_at"] = Task.objects.values_list("state_recorded_at", flat=True).get(pk=task.pk)
    events = list(TaskEvent.objects.filter(task=task).order_by("id").values())
    return row, events


# --- every event kind -----------------------------------------------------------------


def test_every_event_kind_keeps_the_row_equal_to_the_last_snapshot_practice_6(
    task, province, department, other_department, desk, leader, focal, specialist
):
    other_focal = person(Role.FOCAL_OFFICER, other_department)
    finance = UnitFactory(parent=province, name="Sở Tài chính 2", code="KT.STC2")
    task.coordinating_units.add(finance)
    steps = [
        (EventKind.ACCEPTED, lambda: services.accept(task, by=focal, at=moment(date(2018, 5, 3)))),
        (
            EventKind.CONTRIBUTED,
            lambda: services.contribute(
                task,
                by=person(Role.FOCAL_OFFICER, finance),
                at=moment(date(2018, 5, 3), 15),
                unit=finance,
                note="Đã thẩm định kinh phí",
            ),
        ),
        (
            EventKind.PROGRESS,
            lambda: services.update_progress(
                task, by=specialist, at=moment(date(2018, 5, 4)), note="Đã dự thảo kế hoạch", percent=30
            ),
        ),
        (
            EventKind.EXTENSION_REQUESTED,
            lambda: services.request_extension(
                task,
                by=focal,
                at=moment(date(2018, 5, 7)),
                proposed=date(2018, 6, 30),
                reason="Chờ Bộ hướng dẫn",
            ),
        ),
        (
            EventKind.EXTENSION_REJECTED,
            lambda: services.decide_extension(
                task, by=leader, at=moment(date(2018, 5, 8)), approve=False, note="Giữ nguyên thời hạn"
            ),
        ),
        (
            EventKind.EXTENSION_REQUESTED,
            lambda: services.request_extension(
                task,
                by=focal,
                at=moment(date(2018, 5, 9)),
                proposed=date(2018, 6, 15),
                reason="Chờ ý kiến các sở",
            ),
        ),
        (
            EventKind.EXTENSION_APPROVED,
            lambda: services.decide_extension(task, by=leader, at=moment(date(2018, 5, 10)), approve=True),
        ),
        (
            EventKind.RETURNED,
            lambda: services.return_task(
                task, by=focal, at=moment(date(2018, 5, 11)), reason="Không thuộc chức năng của Sở"
            ),
        ),
        (
            EventKind.REASSIGNED,
            lambda: services.reassign(
                task, by=desk, at=moment(date(2018, 5, 14)), to_unit=other_department, note="Giao Sở Tư pháp"
            ),
        ),
        (EventKind.ACCEPTED, lambda: services.accept(task, by=other_focal, at=moment(date(2018, 5, 15)))),
        (
            EventKind.COMPLETED,
            lambda: services.complete(
                task,
                by=other_focal,
                at=moment(date(2018, 6, 1)),
                completed_on=date(2018, 5, 31),
                result_document="Báo cáo 141/BC-STP",
            ),
        ),
        (
            EventKind.REOPENED,
            lambda: services.reopen(
                task, by=desk, at=moment(date(2018, 6, 2)), reason="Báo cáo chưa đủ nội dung"
            ),
        ),
        (
            EventKind.CANCELLED,
            lambda: services.cancel(
                task, by=desk, at=moment(date(2018, 6, 5)), reason="UBND tỉnh thu hồi văn bản"
            ),
        ),
    ]
    assert_row_is_last_snapshot(task)
    for kind, step in steps:
        event = step()
        assert event.kind == kind
        assert last_event(task) == event
        assert_row_is_last_snapshot(task)

    kinds = set(task.events.values_list("kind", flat=True))
    assert kinds == set(EventKind), "every kind of event went through a service"
    task.refresh_from_db()
    assert task.lifecycle == Lifecycle.CANCELLED and task.lead_unit == other_department
    assert task.due_in_force == date(2018, 6, 15)


def without_superseded_at(events):
    return [{key: value for key, value in event.items() if key != "superseded_at"} for event in events]


def test_events_are_append_only_practice_6(task, focal, specialist, leader):
    """No event is ever changed: after each change, the earlier events are as they were but
    for the derived superseded_at, set once to the next event's recorded time."""
    history = frozen(task)[1]
    changes = [
        lambda: services.accept(task, by=focal, at=moment(date(2018, 5, 3))),
        lambda: services.update_progress(
            task, by=specialist, at=moment(date(2018, 5, 4)), note="Họp triển khai"
        ),
        lambda: services.request_extension(
            task, by=focal, at=moment(date(2018, 5, 7)), proposed=date(2018, 6, 30), reason="Chờ hướng dẫn"
        ),
        lambda: services.decide_extension(task, by=leader, at=moment(date(2018, 5, 8)), approve=True),
        lambda: services.complete(
            task, by=focal, at=moment(date(2018, 6, 20)), completed_on=date(2018, 6, 18), result_document="KH"
        ),
    ]
    for change in changes:
        new = change()
        events = frozen(task)[1]
        assert without_superseded_at(events[: len(history)]) == without_superseded_at(history)
        assert events[: len(history) - 1] == history[:-1]
        assert [e["id"] for e in events] == [e["id"] for e in history] + [new.pk]
        assert [e["superseded_at"] for e in events] == [e["recorded_at"] for e in events[1:]] + [None]
        history = events
    assert task.events.count() == 1 + len(changes)


# --- the due date in force ------------------------------------------------------------


def test_the_due_date_in_force_changes_only_by_an_approved_extension_seed_002_s3(
    task, focal, specialist, leader
):
    services.accept(task, by=focal, at=moment(date(2018, 5, 3)))
    services.update_progress(
        task, by=specialist, at=moment(date(2018, 5, 4)), note="Đang tổng hợp", percent=50
    )
    services.request_extension(
        task,
        by=focal,
        at=moment(date(2018, 5, 7)),
        proposed=date(2018, 6, 30),
        reason="Chờ số liệu của các huyện",
    )
    assert task.due_in_force == DUE, "asking is not granting"
    services.decide_extension(
        task, by=leader, at=moment(date(2018, 5, 8)), approve=False, note="Không đồng ý"
    )
    assert task.due_in_force == DUE
    services.request_extension(
        task,
        by=focal,
        at=moment(date(2018, 5, 9)),
        proposed=date(2018, 6, 30),
        reason="Chờ số liệu của các huyện",
    )
    services.decide_extension(
        task, by=leader, at=moment(date(2018, 5, 10)), approve=True, new_due=date(2018, 6, 15)
    )
    assert task.due_in_force == date(2018, 6, 15), "the leader may grant less than asked"
    assert task.due_on == DUE, "the original due date is kept"


def test_approval_without_a_date_grants_the_proposed_one(task, focal, leader):
    services.request_extension(
        task, by=focal, at=moment(date(2018, 5, 7)), proposed=date(2018, 6, 30), reason="Chờ hướng dẫn"
    )
    event = services.decide_extension(task, by=leader, at=moment(date(2018, 5, 8)), approve=True)
    assert event.due_in_force == task.due_in_force == date(2018, 6, 30)


def test_approving_when_no_extension_was_asked_is_an_invalid_transition(task, leader):
    before = frozen(task)
    with pytest.raises(TransitionError):
        services.decide_extension(task, by=leader, at=moment(date(2018, 5, 8)), approve=True)
    assert frozen(task) == before


def test_extension_must_propose_a_date_after_the_due_date_in_force(task, focal):
    before = frozen(task)
    with pytest.raises(TransitionError):
        services.request_extension(
            task, by=focal, at=moment(date(2018, 5, 7)), proposed=DUE, reason="Xin thêm"
        )
    assert frozen(task) == before


# --- effective date against recording time ------------------------------------------


def test_completed_on_the_due_date_is_on_time(task, focal):
    services.complete(
        task, by=focal, at=moment(DUE, 16), completed_on=DUE, result_document="Báo cáo 141/BC-SNN"
    )
    assert (
        timeliness(due=task.due_in_force, completed=task.completed_on, as_of=DUE) == Timeliness.DONE_ON_TIME
    )


def test_completed_on_time_recorded_late_is_still_on_time_by_its_effective_date_seed_001(task, focal):
    """Domain.md: completed on 10/5, due 12/5, recorded on 20/5: on time; the late recording
    is its own fault (seed 001), kept as the completion's recording moment."""
    recorded = moment(date(2018, 5, 20), 10)
    event = services.complete(
        task, by=focal, at=recorded, completed_on=date(2018, 5, 10), result_document="Công văn 250/SNN-KH"
    )
    assert (event.effective_on, event.recorded_at) == (date(2018, 5, 10), recorded)
    assert task.completed_on == date(2018, 5, 10) and task.completion_recorded_at == recorded
    assert timeliness(due=task.due_in_force, completed=task.completed_on, as_of=date(2018, 5, 25)) == (
        Timeliness.DONE_ON_TIME
    )


def test_completed_the_day_after_the_due_date_is_late(task, focal):
    services.complete(
        task,
        by=focal,
        at=moment(date(2018, 5, 14)),
        completed_on=date(2018, 5, 13),
        result_document="Báo cáo 150/BC-SNN",
    )
    assert timeliness(due=task.due_in_force, completed=task.completed_on, as_of=date(2018, 5, 14)) == (
        Timeliness.DONE_LATE
    )


def test_a_completion_cannot_take_effect_after_it_is_recorded(task, focal):
    """What is recorded has happened: a future completion date would make "as of" reports lie."""
    before = frozen(task)
    with pytest.raises(TransitionError):
        services.complete(
            task, by=focal, at=moment(date(2018, 5, 10)), completed_on=date(2018, 5, 11), result_document="BC"
        )
    assert frozen(task) == before


def test_a_moment_given_in_utc_counts_by_the_local_day(task, focal):
    """06:30 on 10/5 in Vietnam is 23:30 on 9/5 UTC (what PostgreSQL hands back): a
    completion dated 10/5 recorded then has already happened."""
    at_utc = datetime(2018, 5, 9, 23, 30, tzinfo=UTC)
    event = services.complete(task, by=focal, at=at_utc, completed_on=date(2018, 5, 10), result_document="BC")
    assert event.effective_on == date(2018, 5, 10)
    accepted_late = make_task(
        lead_unit=task.lead_unit, assigning_unit=task.assigning_unit, assigned_on=ASSIGNED_ON
    )
    event = services.accept(accepted_late, by=focal, at=at_utc)
    assert event.effective_on == date(2018, 5, 10), "the effective day defaults to the local day"


def test_a_change_recorded_before_the_last_one_is_refused(task, focal, specialist):
    services.accept(task, by=focal, at=moment(date(2018, 5, 5), 10))
    before = frozen(task)
    with pytest.raises(TransitionError):
        services.update_progress(task, by=specialist, at=moment(date(2018, 5, 5), 9), note="Ghi bù")
    assert frozen(task) == before


def test_two_changes_at_the_same_moment_keep_their_order(task, focal, specialist):
    same = moment(date(2018, 5, 5), 10)
    services.accept(task, by=focal, at=same)
    services.update_progress(task, by=specialist, at=same, note="Cập nhật cùng lúc", percent=10)
    assert list(task.events.values_list("kind", flat=True)) == [
        EventKind.ASSIGNED,
        EventKind.ACCEPTED,
        EventKind.PROGRESS,
    ]
    assert_row_is_last_snapshot(task)


# --- invalid transitions change nothing ---------------------------------------------


def _completed(task, cast):
    services.complete(
        task,
        by=cast.focal,
        at=moment(date(2018, 5, 10)),
        completed_on=date(2018, 5, 10),
        result_document="BC",
    )


def _cancelled(task, cast):
    services.cancel(task, by=cast.desk, at=moment(date(2018, 5, 10)), reason="Thu hồi")


INVALID = {
    "accept twice": (
        lambda t, c: services.accept(t, by=c.focal, at=moment(date(2018, 5, 3))),
        lambda t, c: services.accept(t, by=c.focal, at=moment(date(2018, 5, 11))),
    ),
    "complete a completed task": (
        _completed,
        lambda t, c: services.complete(
            t, by=c.focal, at=moment(date(2018, 5, 11)), completed_on=date(2018, 5, 11), result_document="BC"
        ),
    ),
    "update a completed task": (
        _completed,
        lambda t, c: services.update_progress(t, by=c.focal, at=moment(date(2018, 5, 11)), note="Bổ sung"),
    ),
    "return a completed task": (
        _completed,
        lambda t, c: services.return_task(
            t, by=c.focal, at=moment(date(2018, 5, 11)), reason="Không thuộc chức năng"
        ),
    ),
    "cancel a completed task": (
        _completed,
        lambda t, c: services.cancel(t, by=c.desk, at=moment(date(2018, 5, 11)), reason="Thu hồi"),
    ),
    "reopen an open task": (
        lambda t, c: None,
        lambda t, c: services.reopen(t, by=c.desk, at=moment(date(2018, 5, 11)), reason="Mở lại"),
    ),
    "complete a cancelled task": (
        _cancelled,
        lambda t, c: services.complete(
            t, by=c.focal, at=moment(date(2018, 5, 11)), completed_on=date(2018, 5, 11), result_document="BC"
        ),
    ),
    "ask an extension twice": (
        lambda t, c: services.request_extension(
            t, by=c.focal, at=moment(date(2018, 5, 7)), proposed=date(2018, 6, 30), reason="Chờ"
        ),
        lambda t, c: services.request_extension(
            t, by=c.focal, at=moment(date(2018, 5, 8)), proposed=date(2018, 7, 30), reason="Chờ thêm"
        ),
    ),
    "reject when nothing was asked": (
        lambda t, c: None,
        lambda t, c: services.decide_extension(t, by=c.leader, at=moment(date(2018, 5, 11)), approve=False),
    ),
    "reassign to the lead unit itself": (
        lambda t, c: None,
        lambda t, c: services.reassign(t, by=c.desk, at=moment(date(2018, 5, 11)), to_unit=t.lead_unit),
    ),
}


class Cast:
    def __init__(self, **people):
        self.__dict__.update(people)


@pytest.mark.parametrize("case", list(INVALID), ids=list(INVALID))
def test_an_invalid_transition_raises_and_changes_nothing(case, task, focal, desk, leader):
    cast = Cast(focal=focal, desk=desk, leader=leader)
    prepare, attempt = INVALID[case]
    prepare(task, cast)
    before = frozen(task)
    with pytest.raises(TransitionError):
        attempt(task, cast)
    assert frozen(task) == before


def test_extension_of_a_task_without_due_date_is_refused(province, department, focal):
    no_deadline = make_task(lead_unit=department, assigning_unit=province, assigned_on=ASSIGNED_ON)
    before = frozen(no_deadline)
    with pytest.raises(TransitionError):
        services.request_extension(
            no_deadline,
            by=focal,
            at=moment(date(2018, 5, 7)),
            proposed=date(2018, 6, 30),
            reason="Xin gia hạn",
        )
    assert frozen(no_deadline) == before


# --- reasons are required -------------------------------------------------------------

EMPTY_REASON = {
    "return without reason": lambda t, c: services.return_task(
        t, by=c.focal, at=moment(date(2018, 5, 5)), reason="  "
    ),
    "extension without reason": lambda t, c: services.request_extension(
        t, by=c.focal, at=moment(date(2018, 5, 5)), proposed=date(2018, 6, 30), reason=""
    ),
    "progress without content": lambda t, c: services.update_progress(
        t, by=c.focal, at=moment(date(2018, 5, 5)), note="\n\t", percent=20
    ),
    "completion without result document": lambda t, c: services.complete(
        t, by=c.focal, at=moment(date(2018, 5, 5)), completed_on=date(2018, 5, 5), result_document=" "
    ),
    "cancel without reason": lambda t, c: services.cancel(
        t, by=c.desk, at=moment(date(2018, 5, 5)), reason=""
    ),
    "reopen without reason": lambda t, c: services.reopen(
        t, by=c.desk, at=moment(date(2018, 5, 5)), reason=""
    ),
}


@pytest.mark.parametrize("case", list(EMPTY_REASON), ids=list(EMPTY_REASON))
def test_an_empty_reason_is_a_validation_error_seed_003_art_6_2(case, task, focal, desk):
    cast = Cast(focal=focal, desk=desk)
    before = frozen(task)
    with pytest.raises(ValidationError):
        EMPTY_REASON[case](task, cast)
    assert frozen(task) == before


def test_progress_percent_is_between_0_and_100(task, focal):
    before = frozen(task)
    with pytest.raises(ValidationError):
        services.update_progress(
            task, by=focal, at=moment(date(2018, 5, 5)), note="Vượt tiến độ", percent=101
        )
    assert frozen(task) == before


# --- permissions ----------------------------------------------------------------------

WRONG_USER = {
    "another unit accepts": ("outsider", lambda t, u: services.accept(t, by=u, at=moment(date(2018, 5, 5)))),
    "another unit completes": (
        "outsider",
        lambda t, u: services.complete(
            t, by=u, at=moment(date(2018, 5, 5)), completed_on=date(2018, 5, 5), result_document="BC"
        ),
    ),
    "a specialist completes": (
        "specialist",
        lambda t, u: services.complete(
            t, by=u, at=moment(date(2018, 5, 5)), completed_on=date(2018, 5, 5), result_document="BC"
        ),
    ),
    "a specialist asks an extension": (
        "specialist",
        lambda t, u: services.request_extension(
            t, by=u, at=moment(date(2018, 5, 5)), proposed=date(2018, 6, 1), reason="Chờ"
        ),
    ),
    "the office desk completes": (
        "desk",
        lambda t, u: services.complete(
            t, by=u, at=moment(date(2018, 5, 5)), completed_on=date(2018, 5, 5), result_document="BC"
        ),
    ),
    "the lead unit cancels": (
        "focal",
        lambda t, u: services.cancel(t, by=u, at=moment(date(2018, 5, 5)), reason="Không làm"),
    ),
    "the lead unit reassigns": (
        "focal",
        lambda t, u: services.reassign(t, by=u, at=moment(date(2018, 5, 5)), to_unit=t.assigning_unit),
    ),
    "another unit updates progress": (
        "outsider",
        lambda t, u: services.update_progress(t, by=u, at=moment(date(2018, 5, 5)), note="Cập nhật"),
    ),
}


@pytest.mark.parametrize("case", list(WRONG_USER), ids=list(WRONG_USER))
def test_the_wrong_user_is_denied_and_nothing_changes(case, task, request):
    who, attempt = WRONG_USER[case]
    user = request.getfixturevalue(who)
    before = frozen(task)
    with pytest.raises(PermissionDenied):
        attempt(task, user)
    assert frozen(task) == before


def test_only_leaders_decide_an_extension_seed_003_art_6_3(task, focal, desk, leader):
    services.request_extension(
        task, by=focal, at=moment(date(2018, 5, 7)), proposed=date(2018, 6, 30), reason="Chờ hướng dẫn"
    )
    for not_a_leader in (focal, desk):
        before = frozen(task)
        with pytest.raises(PermissionDenied):
            services.decide_extension(task, by=not_a_leader, at=moment(date(2018, 5, 8)), approve=True)
        assert frozen(task) == before
    services.decide_extension(task, by=leader, at=moment(date(2018, 5, 8)), approve=True)
    assert task.due_in_force == date(2018, 6, 30)


def test_permission_is_checked_on_the_current_row_not_a_stale_copy(task, focal, desk, other_department):
    """The Sở's officer read the task before the office gave it to another unit: it is no
    longer theirs to complete."""
    stale = Task.objects.get(pk=task.pk)
    services.reassign(task, by=desk, at=moment(date(2018, 5, 4)), to_unit=other_department, note="Giao lại")
    before = frozen(task)
    with pytest.raises(PermissionDenied):
        services.complete(
            stale, by=focal, at=moment(date(2018, 5, 5)), completed_on=date(2018, 5, 5), result_document="BC"
        )
    assert frozen(task) == before


def test_an_inactive_user_is_denied(task, department):
    gone = person(Role.FOCAL_OFFICER, department, is_active=False)
    with pytest.raises(PermissionDenied):
        services.accept(task, by=gone, at=moment(date(2018, 5, 5)))
    assert task.events.count() == 1


# --- assign_task ----------------------------------------------------------------------


def test_assign_task_records_who_assigned_and_when(province, department, desk):
    directive = DirectiveFactory(number_symbol="1196/UBND-TH", issued_on=date(2018, 5, 15))
    at = moment(date(2018, 5, 15), 14)
    task = services.assign_task(
        directive=directive,
        by=desk,
        at=at,
        content="Kiểm tra việc cập nhật phần mềm",
        lead_unit=department,
        assigning_unit=province,
        assigned_on=date(2018, 5, 15),
        due_on=date(2018, 6, 15),
    )
    event = task.events.get()
    assert (event.kind, event.actor, event.source, event.effective_on, event.recorded_at) == (
        EventKind.ASSIGNED,
        desk,
        EventSource.APP,
        date(2018, 5, 15),
        at,
    )
    assert task.lifecycle == Lifecycle.NOT_STARTED and task.due_in_force == task.due_on == date(2018, 6, 15)
    assert task.assignment_recorded_at == task.state_recorded_at == at
    assert_row_is_last_snapshot(task)


def test_assign_task_refuses_the_same_task_twice_in_a_directive(province, department, other_department, desk):
    """The same directive, lead unit, date and content is the same task (same fingerprint),
    whatever the spacing or case."""
    directive = DirectiveFactory()
    common = {
        "directive": directive,
        "by": desk,
        "at": moment(ASSIGNED_ON),
        "assigning_unit": province,
        "assigned_on": ASSIGNED_ON,
    }
    services.assign_task(content="Rà soát  quy chế nội bộ", lead_unit=department, **common)
    with pytest.raises(ValidationError):
        services.assign_task(content="  rà soát quy chế   NỘI BỘ ", lead_unit=department, **common)
    assert Task.objects.filter(directive=directive).count() == 1
    services.assign_task(content="Rà soát quy chế nội bộ", lead_unit=other_department, **common)
    assert Task.objects.filter(directive=directive).count() == 2, "another lead unit: another task"


def test_fingerprint_ignores_spacing_and_case_only():
    same = building.task_fingerprint(lead_unit_id=1, assigned_on=ASSIGNED_ON, content="Báo cáo  kết quả")
    assert same == building.task_fingerprint(
        lead_unit_id=1, assigned_on=ASSIGNED_ON, content=" báo cáo KẾT QUẢ "
    )
    assert same != building.task_fingerprint(
        lead_unit_id=2, assigned_on=ASSIGNED_ON, content="Báo cáo kết quả"
    )
    assert same != building.task_fingerprint(lead_unit_id=1, assigned_on=DUE, content="Báo cáo kết quả")


def test_assign_task_refuses_a_lead_unit_that_also_coordinates_seed_003_art_5_1_c(
    province, department, other_department, desk
):
    with pytest.raises(ValidationError):
        services.assign_task(
            directive=DirectiveFactory(),
            by=desk,
            at=moment(ASSIGNED_ON),
            content="Phối hợp với chính mình",
            lead_unit=department,
            assigning_unit=province,
            assigned_on=ASSIGNED_ON,
            coordinating_units=[other_department, department],
        )
    assert not Task.objects.exists() and not TaskEvent.objects.exists()


def test_assign_task_refuses_empty_content(province, department, desk):
    with pytest.raises(ValidationError):
        services.assign_task(
            directive=DirectiveFactory(),
            by=desk,
            at=moment(ASSIGNED_ON),
            content=" \n",
            lead_unit=department,
            assigning_unit=province,
            assigned_on=ASSIGNED_ON,
        )
    assert not Task.objects.exists()


def test_assign_task_refuses_a_due_date_before_the_assignment(province, department, desk):
    with pytest.raises(TransitionError):
        services.assign_task(
            directive=DirectiveFactory(),
            by=desk,
            at=moment(ASSIGNED_ON),
            content="Hạn lùi",
            lead_unit=department,
            assigning_unit=province,
            assigned_on=ASSIGNED_ON,
            due_on=ASSIGNED_ON - timedelta(days=1),
        )
    assert not Task.objects.exists()


def test_only_the_assigning_side_assigns_and_only_within_its_units(
    province, department, other_department, focal
):
    """The Sở's focal officer may assign to the Sở's own sub-units, never to another Sở, nor
    on behalf of the province."""
    sub_unit = UnitFactory(name="Chi cục Kiểm lâm", parent=department, kind=UnitKind.SUB_UNIT)
    common = {
        "directive": DirectiveFactory(),
        "by": focal,
        "at": moment(ASSIGNED_ON),
        "assigned_on": ASSIGNED_ON,
    }
    with pytest.raises(PermissionDenied):
        services.assign_task(
            content="Giao sở khác", lead_unit=other_department, assigning_unit=department, **common
        )
    with pytest.raises(PermissionDenied):
        services.assign_task(
            content="Giao thay tỉnh", lead_unit=department, assigning_unit=province, **common
        )
    assert not Task.objects.exists()
    task = services.assign_task(
        content="Giao chi cục", lead_unit=sub_unit, assigning_unit=department, **common
    )
    assert task.events.get().actor == focal


def test_assign_task_refuses_a_unit_that_no_longer_exists_on_the_assignment_date(province, desk):
    """Domain.md, 2025 reorganisation: the district level ended on 1/7/2025."""
    district = UnitFactory(
        name="UBND huyện Đắk Hà", kind=UnitKind.DISTRICT, parent=province, active_until=date(2025, 6, 30)
    )
    common = {"by": desk, "assigning_unit": province, "lead_unit": district, "content": "Rà soát đất đai"}
    with pytest.raises(ValidationError):
        services.assign_task(
            directive=DirectiveFactory(), at=moment(date(2025, 7, 2)), assigned_on=date(2025, 7, 2), **common
        )
    old = services.assign_task(
        directive=DirectiveFactory(), at=moment(date(2018, 5, 2)), assigned_on=date(2018, 5, 2), **common
    )
    assert old.lead_unit == district, "history of 2018 still has its district"


# --- return and reassignment ----------------------------------------------------------


def test_a_returned_task_reassigned_starts_again_with_the_new_unit_seed_003_art_6_2(
    task, focal, desk, other_department
):
    services.accept(task, by=focal, at=moment(date(2018, 5, 3)))
    services.return_task(task, by=focal, at=moment(date(2018, 5, 4)), reason="Thuộc chức năng Sở Tư pháp")
    assert task.lifecycle == Lifecycle.RETURNED and task.lead_unit_id != other_department.pk
    event = services.reassign(task, by=desk, at=moment(date(2018, 5, 7)), to_unit=other_department)
    assert task.lifecycle == Lifecycle.NOT_STARTED and task.lead_unit == other_department
    assert event.lead_unit == other_department
    assert_row_is_last_snapshot(task)


def test_reassigning_to_a_coordinating_unit_makes_it_lead_and_no_longer_coordinate(
    province, department, other_department, desk
):
    task = make_task(
        lead_unit=department,
        assigning_unit=province,
        assigned_on=ASSIGNED_ON,
        coordinating_units=[other_department],
    )
    services.reassign(task, by=desk, at=moment(date(2018, 5, 7)), to_unit=other_department)
    assert task.lead_unit == other_department
    assert list(task.coordinating_units.all()) == []


def test_reassigning_to_a_unit_that_has_ended_is_refused(task, desk, province):
    ended = UnitFactory(
        name="UBND huyện Sa Thầy", kind=UnitKind.DISTRICT, parent=province, active_until=date(2018, 5, 1)
    )
    before = frozen(task)
    with pytest.raises(ValidationError):
        services.reassign(task, by=desk, at=moment(date(2018, 5, 7)), to_unit=ended)
    assert frozen(task) == before


def test_reopening_clears_the_completion(task, focal, desk):
    services.complete(
        task, by=focal, at=moment(date(2018, 5, 10)), completed_on=date(2018, 5, 10), result_document="BC"
    )
    services.reopen(task, by=desk, at=moment(date(2018, 5, 11)), reason="Kết quả chưa đạt yêu cầu")
    assert task.completed_on is None and task.completion_recorded_at is None
    assert task.lifecycle == Lifecycle.IN_PROGRESS
