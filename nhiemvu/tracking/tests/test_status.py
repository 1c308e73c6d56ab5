"""The status engine at its boundaries (domain.md "Status"; seed 003 art. 5.1.e)."""

from datetime import date, datetime, timedelta, timezone

import pytest

from nhiemvu.tracking.choices import EventKind, Lifecycle, Timeliness
from nhiemvu.tracking.status import Change, TaskState, TransitionError, apply, state_as_of, timeliness

DUE = date(2018, 5, 12)
UTC7 = timezone(timedelta(hours=7))


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC7)


def test_open_task_is_not_yet_due_on_its_due_date():
    assert timeliness(due=DUE, completed=None, as_of=DUE) == Timeliness.OPEN_NOT_DUE


def test_open_task_is_overdue_from_the_day_after_its_due_date():
    assert timeliness(due=DUE, completed=None, as_of=DUE + timedelta(days=1)) == Timeliness.OPEN_OVERDUE


def test_completed_on_the_due_date_is_on_time():
    assert timeliness(due=DUE, completed=DUE, as_of=date(2018, 6, 1)) == Timeliness.DONE_ON_TIME


def test_completed_the_day_after_the_due_date_is_late():
    assert (
        timeliness(due=DUE, completed=DUE + timedelta(days=1), as_of=date(2018, 6, 1)) == Timeliness.DONE_LATE
    )


def test_completed_without_due_date_counts_as_on_time():
    assert timeliness(due=None, completed=date(2018, 5, 1), as_of=date(2018, 6, 1)) == Timeliness.DONE_ON_TIME


def test_open_without_due_date():
    assert timeliness(due=None, completed=None, as_of=date(2030, 1, 1)) == Timeliness.OPEN_NO_DEADLINE


def test_completion_dated_after_the_moment_asked_is_not_yet_applied():
    assert timeliness(due=DUE, completed=DUE, as_of=DUE - timedelta(days=1)) == Timeliness.OPEN_NOT_DUE


def _assigned(day=date(2018, 5, 2), due=DUE, unit=1):
    return Change(EventKind.ASSIGNED, effective_on=day, recorded_at=at(day), lead_unit_id=unit, due_on=due)


def test_timeliness_compares_effective_dates_not_recording_time():
    """Domain.md: completed on 10/5 against a due date of 12/5 is on time even if recorded on 20/5."""
    state = apply(
        apply(None, _assigned()), Change(EventKind.COMPLETED, date(2018, 5, 10), at(date(2018, 5, 20)))
    )
    assert state.completed_on == date(2018, 5, 10)
    assert timeliness(due=state.due_in_force, completed=state.completed_on, as_of=date(2018, 5, 25)) == (
        Timeliness.DONE_ON_TIME
    )


def test_state_as_of_ignores_what_was_recorded_later():
    """Seed 002: completed but not recorded shows as open (overdue) until it is recorded."""
    changes = [_assigned(), Change(EventKind.COMPLETED, date(2018, 5, 10), at(date(2018, 5, 20)))]
    before = state_as_of(changes, at(date(2018, 5, 15)))
    after = state_as_of(changes, at(date(2018, 5, 21)))
    assert before.lifecycle == Lifecycle.NOT_STARTED and before.completed_on is None
    assert after.lifecycle == Lifecycle.COMPLETED


def test_extension_changes_the_due_date_in_force_only_when_approved():
    state = apply(None, _assigned())
    requested = apply(state, Change(EventKind.EXTENSION_REQUESTED, DUE, at(DUE), due_on=date(2018, 6, 30)))
    assert requested.due_in_force == DUE and requested.lifecycle == Lifecycle.EXTENSION_REQUESTED
    approved = apply(
        requested, Change(EventKind.EXTENSION_APPROVED, DUE, at(DUE, 15), due_on=date(2018, 6, 30))
    )
    assert approved.due_in_force == date(2018, 6, 30) and approved.lifecycle == Lifecycle.IN_PROGRESS


def test_rejected_extension_keeps_the_due_date():
    requested = apply(
        apply(None, _assigned()), Change(EventKind.EXTENSION_REQUESTED, DUE, at(DUE), due_on=date(2018, 7, 1))
    )
    rejected = apply(requested, Change(EventKind.EXTENSION_REJECTED, DUE, at(DUE, 16)))
    assert rejected.due_in_force == DUE and rejected.lifecycle == Lifecycle.IN_PROGRESS


def test_extension_must_propose_a_later_date():
    with pytest.raises(TransitionError):
        apply(apply(None, _assigned()), Change(EventKind.EXTENSION_REQUESTED, DUE, at(DUE), due_on=DUE))


def test_task_without_due_date_cannot_ask_for_extension():
    with pytest.raises(TransitionError):
        apply(
            apply(None, _assigned(due=None)), Change(EventKind.EXTENSION_REQUESTED, DUE, at(DUE), due_on=DUE)
        )


def test_completion_cannot_be_dated_in_the_future_of_its_recording():
    with pytest.raises(TransitionError):
        apply(apply(None, _assigned()), Change(EventKind.COMPLETED, date(2018, 5, 11), at(date(2018, 5, 10))))


def test_completion_cannot_precede_assignment():
    with pytest.raises(TransitionError):
        apply(
            apply(None, _assigned()),
            Change(EventKind.COMPLETED, date(2018, 5, 1), at(date(2018, 5, 3)), assigned_on=date(2018, 5, 2)),
        )


def test_due_date_cannot_precede_assignment():
    with pytest.raises(TransitionError):
        apply(None, _assigned(due=date(2018, 5, 1)))


def test_completed_task_cannot_be_completed_again_but_can_be_reopened():
    done = apply(
        apply(None, _assigned()), Change(EventKind.COMPLETED, date(2018, 5, 10), at(date(2018, 5, 10)))
    )
    with pytest.raises(TransitionError):
        apply(done, Change(EventKind.COMPLETED, date(2018, 5, 11), at(date(2018, 5, 11))))
    reopened = apply(done, Change(EventKind.REOPENED, date(2018, 5, 11), at(date(2018, 5, 11))))
    assert reopened.completed_on is None and reopened.lifecycle == Lifecycle.IN_PROGRESS


def test_returned_task_goes_to_the_new_unit_when_reassigned():
    returned = apply(
        apply(None, _assigned()), Change(EventKind.RETURNED, date(2018, 5, 3), at(date(2018, 5, 3)))
    )
    assert returned.lifecycle == Lifecycle.RETURNED
    moved = apply(
        returned, Change(EventKind.REASSIGNED, date(2018, 5, 4), at(date(2018, 5, 4)), lead_unit_id=2)
    )
    assert moved == TaskState(2, DUE, None, Lifecycle.NOT_STARTED)


def test_cancelled_task_accepts_no_more_updates():
    cancelled = apply(
        apply(None, _assigned()), Change(EventKind.CANCELLED, date(2018, 5, 3), at(date(2018, 5, 3)))
    )
    with pytest.raises(TransitionError):
        apply(cancelled, Change(EventKind.PROGRESS, date(2018, 5, 4), at(date(2018, 5, 4)), percent=50))
