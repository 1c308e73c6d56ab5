"""The demo province: Kon Tum as the seeds describe it, with eight years of tasks.

`load_demo()` builds it once and, when it is already there, keeps it (`reset=True`
rebuilds it); a new demo then gets today's reminders (remind_today). Every change goes
through the services every other door calls (tracking.services, units.services,
directives.services) with an explicit moment in the past: the demo's history is what the
system would have recorded, so reports "as of" any past moment work on it. Dates are
relative to the day it runs (the demo always has tasks due soon and overdue); the random
choices come from a fixed seed.

What the demo creates is recorded (ownership.py): it refuses a database holding data of
its own unless `into_existing` says so, and changes or deletes only what it created.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from nhiemvu.demo import data
from nhiemvu.demo.builder import Builder
from nhiemvu.demo.history import DIRECTIVES
from nhiemvu.demo.ownership import Records, delete_demo, recorded, refuse_collisions, refuse_real_data
from nhiemvu.demo.people import SEED, Credential, ensure_users
from nhiemvu.directives.models import Directive
from nhiemvu.reminders import services as reminders
from nhiemvu.reminders.decide import calendar_for
from nhiemvu.tracking.models import Task, TaskEvent
from nhiemvu.units.choices import UnitKind
from nhiemvu.units.models import Unit


@dataclass
class DemoResult:
    created: bool
    credentials: list[Credential]
    counts: dict[str, int] = field(default_factory=dict)


def load_demo(
    *,
    now: datetime | None = None,
    reset: bool = False,
    into_existing: bool = False,
    seed: int = SEED,
    directives: int = DIRECTIVES,
) -> DemoResult:
    """Build the demo province unless it is there (or rebuild it with `reset`), then give
    every demo account a new random password. One transaction: all or nothing. `directives`
    sets the size of the random history (tests load a small demo).

    Raises DemoRefused, having changed nothing, when the database holds data the demo did
    not create and `into_existing` is false (a demo already loaded is kept whatever is
    beside it: only its own accounts get new passwords); when a demo username or unit code
    belongs to real data; or when `reset` would delete rows real data refers to.
    """
    now = now or timezone.now()
    with transaction.atomic():
        exists = recorded(Unit).filter(code=data.PROVINCE_CODE).exists()
        if reset or not exists:
            refuse_collisions()
            if not into_existing:
                refuse_real_data()
        if exists and reset:
            delete_demo()
            exists = False
        if exists:
            records = Records()
            units = {unit.code: unit for unit in recorded(Unit)}
            _users, credentials = ensure_users(units, records)
            records.save()
        else:
            builder = Builder(now=now, seed=seed, directives=directives)
            credentials = builder.build()
            builder.records.save()
        counts = demo_counts()
    if not exists and not into_existing:
        remind_today(now)
    return DemoResult(created=not exists, credentials=credentials, counts=counts)


def remind_today(now: datetime) -> None:
    """Today's reminders of the new demo, as the morning job would run them (the same
    function, reminders.services.run_day), so that a newcomer finds the bell ringing: in-app
    notifications, and mails in the mail folder of the embedded default. Only on a working
    day (none is sent on other days), only on a database of the demo's alone (loaded beside
    real data, its people are reminded by the deployment's own job), and after the demo is
    committed (a mail written cannot be rolled back)."""
    today = timezone.localdate(now)
    if calendar_for(today).is_working_day(today):
        reminders.run_day(today, now=now)


def demo_counts() -> dict[str, int]:
    units = recorded(Unit)
    tasks = recorded(Task)
    return {
        "provinces": units.filter(kind=UnitKind.PROVINCE).count(),
        "units": units.count(),
        "directives": recorded(Directive).count(),
        "tasks": tasks.count(),
        "events": TaskEvent.objects.filter(task__in=tasks).count(),
    }
