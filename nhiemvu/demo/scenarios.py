"""What happens to a task of the demo's history: each scenario a function that plans its
steps on a Plan (from `accepted`, the day the lead unit would accept it) and returns the
completion date when the task ends completed, else None. History picks them by weight."""

from datetime import date

from django.utils import timezone

from nhiemvu.demo import data
from nhiemvu.tracking import services
from nhiemvu.tracking.permissions import Action
from nhiemvu.units.models import Unit

REASSIGN_NOTE = "Giao lại theo đề nghị chuyển trả."
REJECTION_NOTE = "Đề nghị khẩn trương hoàn thành theo thời hạn đã giao."


def not_started(plan, accepted: date, due: date | None, reassign_to: Unit | None) -> None:
    return None


def returned_pending(plan, accepted, due, reassign_to) -> None:
    """Seed 003: the lead unit sends the task back; the office has not decided yet."""
    b, rng = plan.b, plan.rng
    returned = b.plus(plan.day, rng.randint(1, 3))
    plan.step(returned, services.return_task, Action.RETURN, reason=rng.choice(data.RETURN_REASONS))


def returned_reassigned(plan, accepted, due, reassign_to) -> date | None:
    b, rng = plan.b, plan.rng
    returned = b.plus(plan.day, rng.randint(1, 3))
    plan.step(returned, services.return_task, Action.RETURN, reason=rng.choice(data.RETURN_REASONS))
    again = b.plus(returned, rng.randint(1, 3))
    plan.step(again, services.reassign, Action.REASSIGN, to_unit=reassign_to, note=REASSIGN_NOTE)
    if rng.random() < plan.open_odds:
        return None
    plan.accept(b.plus(again, rng.randint(0, 2)))
    return plan.finish(timezone.localdate(plan.cursor), due, late=False)


def cancelled(plan, accepted, due, reassign_to) -> None:
    b, rng = plan.b, plan.rng
    if rng.random() < 0.5:
        plan.accept(accepted)
    cancelled_on = b.plus(accepted, rng.randint(2, 30))
    plan.step(cancelled_on, services.cancel, Action.CANCEL, reason=rng.choice(data.CANCEL_REASONS))


def still_open(plan, accepted, due, reassign_to) -> None:
    plan.accept(accepted)
    for _ in range(plan.rng.randint(0, 2)):
        plan.progress(plan.b.plus(accepted, plan.rng.randint(2, 25)))


def on_time(plan, accepted, due, reassign_to) -> date:
    plan.accept(accepted)
    return plan.finish(accepted, due, late=False)


def late(plan, accepted, due, reassign_to) -> date:
    plan.accept(accepted)
    return plan.finish(accepted, due, late=True)


def recorded_late(plan, accepted, due, reassign_to) -> date:
    """Completed in time, but recorded days after the due date."""
    b, rng = plan.b, plan.rng
    plan.accept(accepted)
    completed_on = b.plus(accepted, rng.randint(0, max(0, b.cal.count_working_days(accepted, due))))
    return plan.complete(completed_on, b.plus(due, rng.randint(3, 20)))


def reopened(plan, accepted, due, reassign_to) -> date | None:
    b, rng = plan.b, plan.rng
    plan.accept(accepted)
    plan.finish(accepted, due, late=False)
    reopened_on = b.plus(timezone.localdate(plan.cursor), rng.randint(1, 5))
    plan.step(reopened_on, services.reopen, Action.REOPEN, reason=rng.choice(data.REOPEN_REASONS))
    if rng.random() > plan.open_odds:
        return plan.finish(timezone.localdate(plan.cursor), None, late=False)
    plan.progress(b.plus(timezone.localdate(plan.cursor), rng.randint(1, 5)))
    return None


def _ask_extension(plan, accepted, due) -> tuple[date, date]:
    """Asked around the due date, for 10 to 30 working days more: (asked on, proposed)."""
    b, rng = plan.b, plan.rng
    plan.accept(accepted)
    asked = max(accepted, b.minus(due, rng.randint(0, 3)))
    proposed = b.plus(due, rng.randint(10, 30))
    reason = rng.choice(data.EXTENSION_REASONS)
    plan.step(asked, services.request_extension, Action.REQUEST_EXTENSION, proposed=proposed, reason=reason)
    return asked, proposed


def extension_pending(plan, accepted, due, reassign_to) -> None:
    _ask_extension(plan, accepted, due)


def extension_approved(plan, accepted, due, reassign_to) -> date | None:
    asked, proposed = _ask_extension(plan, accepted, due)
    decided = plan.b.plus(asked, plan.rng.randint(1, 5))
    plan.step(
        decided,
        services.decide_extension,
        Action.DECIDE_EXTENSION,
        approve=True,
        new_due=proposed,
        decided_on=decided,
    )
    if plan.rng.random() < plan.open_odds:
        return None
    return plan.finish(decided, proposed, late=plan.rng.random() < 0.2)


def extension_rejected(plan, accepted, due, reassign_to) -> date | None:
    asked, _proposed = _ask_extension(plan, accepted, due)
    decided = plan.b.plus(asked, plan.rng.randint(1, 5))
    plan.step(
        decided,
        services.decide_extension,
        Action.DECIDE_EXTENSION,
        approve=False,
        decided_on=decided,
        note=REJECTION_NOTE,
    )
    if plan.rng.random() < plan.open_odds:
        return None
    return plan.finish(decided, due, late=True)


# Scenario → weight. Tasks assigned more than a year ago are mostly settled.
OLD = {
    on_time: 54,
    late: 13,
    recorded_late: 6,
    extension_approved: 7,
    extension_rejected: 3,
    returned_reassigned: 3,
    cancelled: 3,
    reopened: 3,
    still_open: 1,
}
RECENT = {
    on_time: 26,
    late: 7,
    recorded_late: 4,
    still_open: 20,
    not_started: 9,
    extension_pending: 5,
    extension_approved: 6,
    extension_rejected: 3,
    returned_pending: 3,
    returned_reassigned: 3,
    cancelled: 2,
    reopened: 3,
}
NEEDS_DUE = {late, recorded_late, extension_pending, extension_approved, extension_rejected}
