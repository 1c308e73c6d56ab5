"""The timeline of one task: the steps planned for it, at increasing moments.

A scenario ("completed late", "extension approved"…) is a sequence of steps; each step
carries the tracking.services function that plays it (see steps.py).
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from nhiemvu.demo import data
from nhiemvu.demo.steps import AssignStep, DelegateStep, TaskStep
from nhiemvu.tracking import services
from nhiemvu.tracking.permissions import Action
from nhiemvu.units.models import Unit


class Plan:
    """The timeline of one task: steps at increasing moments from its assignment on."""

    def __init__(self, builder, day: date, parent: "Plan | None" = None):
        self.b, self.rng, self.day = builder, builder.rng, day
        self.key = next(builder.task_keys)
        self.cursor: datetime | None = parent.cursor if parent else None
        self.children: list[Plan] = []
        self.content = ""
        # Old tasks are mostly settled: few stay open (and overdue) for years.
        self.open_odds = 0.35 if (builder.today - day).days <= 365 else 0.05

    def moment(self, day: date) -> datetime:
        """A moment in office hours on `day`, after this task's previous step."""
        at = timezone.make_aware(
            datetime.combine(day, time(self.rng.randint(7, 16), self.rng.randint(0, 59)))
        )
        if self.cursor is not None and at <= self.cursor:
            at = self.cursor + timedelta(minutes=self.rng.randint(5, 90))
        self.cursor = at
        return at

    def step(self, day: date, service, permission: Action, **kwargs) -> datetime:
        """`service` (a tracking.services function) acts on this task on `day`, by a user
        holding `permission` when the demo has one, else by the system."""
        at = self.moment(day)
        self.b.add(
            TaskStep(at, self.b.next_order(), self.key, service=service, permission=permission, kwargs=kwargs)
        )
        return at

    def assign(self, **kwargs) -> None:
        self.content = kwargs["content"]
        self.b.add(AssignStep(self.moment(self.day), self.b.next_order(), self.key, kwargs=kwargs))

    def accept(self, day: date) -> None:
        self.step(day, services.accept, Action.ACCEPT)

    def progress(self, day: date) -> None:
        self.step(
            day,
            services.update_progress,
            Action.UPDATE_PROGRESS,
            note=self.rng.choice(data.PROGRESS_NOTES),
            percent=self.rng.choice([None, 20, 30, 50, 70, 80]),
        )

    def complete(self, completed_on: date, recorded_on: date, document: str | None = None) -> date:
        recorded_on = max(recorded_on, completed_on)
        if self.cursor is not None:
            recorded_on = max(recorded_on, timezone.localdate(self.cursor))
        number = self.rng.randint(10, 3500)
        document = document or self.rng.choice([f"Báo cáo số {number}/BC", f"Công văn số {number}/CV"])
        self.step(
            recorded_on,
            services.complete,
            Action.COMPLETE,
            completed_on=completed_on,
            result_document=f"{document} ngày {completed_on:%d/%m/%Y}",
        )
        return completed_on

    def delegate(self, day: date, *, to_unit: Unit, due_on: date | None, content: str) -> "Plan":
        child = Plan(self.b, day, parent=self)
        child.content = content
        at = self.moment(day)
        self.b.add(
            DelegateStep(
                at,
                self.b.next_order(),
                child.key,
                parent=self.key,
                kwargs={"to_unit": to_unit, "due_on": due_on, "content": content, "assigned_on": day},
            )
        )
        child.cursor = at
        self.children.append(child)
        return child

    def script(self, scenario, due: date | None, reassign_to: Unit | None = None) -> date | None:
        """Plan the steps of `scenario` (a function of scenarios.py); the completion date
        when it ends completed."""
        accepted = self.b.plus(self.day, self.rng.choice([0, 1, 1, 2, 3]))
        return scenario(self, accepted, due, reassign_to)

    def finish(self, start: date, due: date | None, *, late: bool) -> date:
        """Progress, then completion: by the due date (or late), recorded within 2 working days."""
        b, rng = self.b, self.rng
        if late and due is not None:
            completed_on = b.plus(max(due, start), rng.randint(1, 25))
        elif due is not None and due >= start:
            completed_on = b.plus(start, rng.randint(0, b.cal.count_working_days(start, due)))
        else:
            completed_on = b.plus(start, rng.randint(3, 40))
        if rng.random() < 0.5 and completed_on > start:
            self.progress(b.plus(start, rng.randint(0, b.cal.count_working_days(start, completed_on))))
        return self.complete(completed_on, b.plus(completed_on, rng.choice([0, 0, 0, 1, 2])))
