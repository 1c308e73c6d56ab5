"""A step of the demo's history: a moment and the service function that plays it.

Every step calls the function every other door calls (tracking.services, units.services),
with an explicit moment in the past; the step carries the function itself.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from nhiemvu.tracking import services
from nhiemvu.tracking.permissions import Action
from nhiemvu.units import services as unit_services
from nhiemvu.units.models import Unit


@dataclass
class Step:
    """Played in the order of `sort_key`: by moment, then as planned. `key` names the task it
    acts on (or creates)."""

    at: datetime
    order: int
    key: object = field(compare=False)

    def sort_key(self) -> tuple[datetime, int]:
        return (self.at, self.order)

    def play(self, player) -> None:
        raise NotImplementedError


@dataclass
class TaskStep(Step):
    """A change to a planned task by a user holding `permission` (or the system)."""

    service: Callable = field(compare=False, default=None)
    permission: Action = field(compare=False, default=None)
    kwargs: dict = field(compare=False, default_factory=dict)

    def play(self, player) -> None:
        task = player.tasks[self.key]
        self.service(task, by=player.actor(self.permission, task), at=self.at, **self.kwargs)


@dataclass
class AssignStep(Step):
    """A new task (seed 003 art. 4): the provincial office assigns on the province's behalf."""

    kwargs: dict = field(compare=False, default_factory=dict)

    def play(self, player) -> None:
        player.tasks[self.key] = services.assign_task(
            by=player.assigner(self.kwargs["assigning_unit"]), at=self.at, **self.kwargs
        )


@dataclass
class DelegateStep(Step):
    """A lead unit passes part of its task to a sub-unit (seed 003)."""

    parent: object = field(compare=False, default=None)
    kwargs: dict = field(compare=False, default_factory=dict)

    def play(self, player) -> None:
        parent = player.tasks[self.parent]
        player.tasks[self.key] = services.delegate(
            parent, by=player.actor(Action.DELEGATE, parent), at=self.at, **self.kwargs
        )


@dataclass
class MergeStep(Step):
    """A unit ends, merged into another (the 2025 reorganisation); its open tasks move."""

    unit: Unit = field(compare=False, default=None)
    into: Unit = field(compare=False, default=None)
    on: date = field(compare=False, default=None)

    def play(self, player) -> None:
        unit_services.merge_unit(unit=self.unit, into=self.into, on=self.on, by=None, at=self.at)
        for task in player.tasks.values():
            if task.lead_unit_id == self.unit.pk:
                task.refresh_from_db()
