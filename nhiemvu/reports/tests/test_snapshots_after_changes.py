"""The closed months' snapshot (reports.snapshots) plus what changed since gives the figures
counted live, whatever is done today: random histories recorded before the snapshot's moment,
then random actions recorded now (completions, cancellations, reassignments, reopenings,
extensions, tasks of closed months entered today), and the next reports are the reports
counted live (seed 001 §2)."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from nhiemvu.reports.emulation import emulation_report
from nhiemvu.reports.models import ClosedMonthsSnapshot
from nhiemvu.reports.snapshots import snapshot_moment
from nhiemvu.reports.tests.test_snapshots import months_ago
from nhiemvu.tracking import services
from nhiemvu.tracking.status import TransitionError
from tests.cast import build_cast
from tests.factories import make_task, moment

ACTIONS = ("complete", "cancel", "reassign", "reopen", "extend", "enter")


class TodaysChangesOverTheSnapshot(HypothesisTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = build_cast()

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        history=st.lists(
            st.tuples(
                st.integers(0, 3),  # lead unit
                st.integers(0, 80),  # assigned, days after the first of three months ago
                # due, days after the assignment, or days from today (come due since the snapshot)
                st.one_of(st.integers(0, 60), st.tuples(st.just("today"), st.integers(-3, 2))),
                st.one_of(st.none(), st.integers(-5, 20)),  # completed, days after the due date
            ),
            min_size=1,
            max_size=8,
        ),
        today=st.lists(
            st.tuples(
                st.sampled_from(ACTIONS),
                st.integers(0, 7),  # which task (modulo their number)
                st.integers(0, 3),  # a unit
                st.integers(-40, 40),  # a day, from today
            ),
            max_size=6,
        ),
    )
    def test_the_snapshot_and_todays_changes_give_the_live_figures_seed_001(self, history, today):
        cast = self.cast
        units = [cast.agriculture_department, cast.forestry, cast.justice_department, cast.district]
        start, day = months_ago(3), timezone.localdate()
        # Recorded up to the day before yesterday: all before the snapshot's moment.
        before = snapshot_moment(timezone.now()) - timedelta(days=1)
        tasks = []
        for unit, assigned, due, completed in history:
            assigned_on = start + timedelta(days=assigned)
            if assigned_on >= timezone.localdate(before):
                continue
            due_on = (
                day + timedelta(days=due[1]) if isinstance(due, tuple) else assigned_on + timedelta(days=due)
            )
            task = make_task(
                lead_unit=units[unit],
                assigning_unit=cast.province,
                assigned_on=assigned_on,
                due_on=max(assigned_on, due_on),
                at=moment(assigned_on),
            )
            tasks.append(task)
            if completed is not None:
                completed_on = max(assigned_on, task.due_on + timedelta(days=completed))
                if completed_on < timezone.localdate(before):
                    services.complete(
                        task, by=None, at=before, completed_on=completed_on, result_document="Báo cáo"
                    )
        requests = [
            {"date_from": start, "date_to": day},
            {"date_from": start, "date_to": months_ago(1) - timedelta(days=1)},
        ]
        for request in requests:
            emulation_report(**request, as_of=timezone.now())  # keeps the snapshots
        assert ClosedMonthsSnapshot.objects.exists()

        for action, which, unit, offset in today:
            if tasks:
                self.act(action, tasks[which % len(tasks)], units[unit], day + timedelta(days=offset), tasks)

        for request in requests:
            as_of = timezone.now()
            assert emulation_report(**request, as_of=as_of) == emulation_report(
                **request, as_of=as_of, stored=False
            )

    def act(self, action, task, unit, some_day, tasks):
        """One action recorded now; one the task's state refuses changes nothing."""
        now, today = timezone.now(), timezone.localdate()
        task.refresh_from_db()
        try:
            if action == "complete":
                completed_on = min(today, max(task.assigned_on, some_day))
                services.complete(task, by=None, at=now, completed_on=completed_on, result_document="Báo cáo")
            elif action == "cancel":
                services.cancel(task, by=None, at=now, reason="Không còn phù hợp")
            elif action == "reassign":
                services.reassign(task, by=None, at=now, to_unit=unit)
            elif action == "reopen":
                services.reopen(task, by=None, at=now, reason="Chưa đạt yêu cầu")
            elif action == "extend":
                new_due = max(task.assigned_on, some_day)
                services.request_extension(
                    task, by=None, at=now, proposed=new_due, reason="Cần thêm thời gian"
                )
                services.decide_extension(task, by=None, at=now, approve=True, new_due=new_due)
            else:  # a task of a closed month entered today
                assigned_on = max(months_ago(3), min(months_ago(1) - timedelta(days=1), some_day))
                tasks.append(
                    make_task(
                        lead_unit=unit,
                        assigning_unit=self.cast.province,
                        assigned_on=assigned_on,
                        due_on=assigned_on + timedelta(days=10),
                        at=now,
                    )
                )
        except (ValidationError, PermissionDenied, TransitionError):
            pass
