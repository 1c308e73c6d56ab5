"""The SQL report and the pure status engine classify every task the same way.

Random histories go through the services; the expected figures come from
tracking.status.state_as_of + timeliness on the same changes, replayed in Python.
"""

from collections import Counter
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from nhiemvu.reports.services import unit_report
from nhiemvu.tracking import services
from nhiemvu.tracking.choices import NOT_COUNTED, EventKind
from nhiemvu.tracking.status import Change, TransitionError, state_as_of, timeliness
from tests.factories import UnitFactory, make_task, moment

START = date(2018, 3, 1)
ACTIONS = [
    "accept",
    "progress",
    "extend",
    "approve",
    "reject",
    "complete",
    "reopen",
    "return",
    "reassign",
    "cancel",
]

step = st.tuples(st.sampled_from(ACTIONS), st.integers(0, 20), st.integers(0, 10))
history = st.tuples(
    st.integers(0, 60),  # assigned, days after START
    st.one_of(st.none(), st.integers(0, 40)),  # due, days after assignment
    st.integers(0, 1),  # lead unit
    st.lists(step, max_size=5),
)


class ReportAgreesWithStatusEngine(TestCase):
    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        histories=st.lists(history, min_size=1, max_size=5),
        probes=st.lists(st.integers(0, 150), min_size=1, max_size=4),
    )
    def test_every_task_is_classified_as_the_status_engine_says(self, histories, probes):
        province = UnitFactory(kind="province")
        units = [UnitFactory(parent=province), UnitFactory(parent=province)]
        recorded: dict[int, list[Change]] = {}
        for assigned_offset, due_offset, lead, steps in histories:
            assigned_on = START + timedelta(days=assigned_offset)
            due_on = None if due_offset is None else assigned_on + timedelta(days=due_offset)
            task = make_task(
                lead_unit=units[lead], assigning_unit=province, assigned_on=assigned_on, due_on=due_on
            )
            at = moment(assigned_on, 8)
            changes = [
                Change(EventKind.ASSIGNED, assigned_on, at, lead_unit_id=units[lead].pk, due_on=due_on)
            ]
            for action, gap, lag in steps:
                at = at + timedelta(days=gap, minutes=1)
                effective = max(assigned_on, at.date() - timedelta(days=lag))
                try:
                    changes.append(self._do(task, action, at, effective, units))
                except (TransitionError, ValidationError):
                    continue
            recorded[task.pk] = changes

        for probe in probes:
            when = moment(START + timedelta(days=probe), 12)
            expected: dict[int, Counter] = {}
            for changes in recorded.values():
                state = state_as_of(changes, when)
                if state is None or state.lifecycle in NOT_COUNTED:
                    continue
                klass = timeliness(due=state.due_in_force, completed=state.completed_on, as_of=when.date())
                expected.setdefault(state.lead_unit_id, Counter())[klass.value] += 1
            report = unit_report(date_from=date(2018, 1, 1), date_to=date(2018, 12, 31), as_of=when)
            actual = {
                row.unit_id: Counter({k: v for k, v in row.as_dict().items() if k != "total" and v})
                for row in report.rows
            }
            self.assertEqual(actual, expected)

    @staticmethod
    def _do(task, action, at, effective, units) -> Change:
        task.refresh_from_db()
        match action:
            case "accept":
                services.accept(task, by=None, at=at)
                return Change(EventKind.ACCEPTED, at.date(), at)
            case "progress":
                services.update_progress(task, by=None, at=at, note="Đang triển khai", percent=50)
                return Change(EventKind.PROGRESS, at.date(), at, percent=50)
            case "extend":
                proposed = (task.due_in_force or at.date()) + timedelta(days=15)
                services.request_extension(task, by=None, at=at, proposed=proposed, reason="Chờ hướng dẫn")
                return Change(EventKind.EXTENSION_REQUESTED, at.date(), at, due_on=proposed)
            case "approve":
                new_due = (task.due_in_force or at.date()) + timedelta(days=10)
                services.decide_extension(task, by=None, at=at, approve=True, new_due=new_due)
                return Change(EventKind.EXTENSION_APPROVED, at.date(), at, due_on=new_due)
            case "reject":
                services.decide_extension(task, by=None, at=at, approve=False)
                return Change(EventKind.EXTENSION_REJECTED, at.date(), at)
            case "complete":
                services.complete(task, by=None, at=at, completed_on=effective, result_document="Báo cáo")
                return Change(EventKind.COMPLETED, effective, at)
            case "reopen":
                services.reopen(task, by=None, at=at, reason="Kết quả chưa đạt")
                return Change(EventKind.REOPENED, at.date(), at)
            case "return":
                services.return_task(task, by=None, at=at, reason="Không thuộc chức năng")
                return Change(EventKind.RETURNED, at.date(), at)
            case "reassign":
                target = units[1] if task.lead_unit_id == units[0].pk else units[0]
                services.reassign(task, by=None, at=at, to_unit=target)
                return Change(EventKind.REASSIGNED, at.date(), at, lead_unit_id=target.pk)
            case "cancel":
                services.cancel(task, by=None, at=at, reason="Không còn phù hợp")
                return Change(EventKind.CANCELLED, at.date(), at)
        raise AssertionError(action)
