"""The builder of the demo province: its units, people, calendar and register, then the
history of its tasks, played in the order of their moments.

The tasks are planned first (history.py, showcase.py), each with its own timeline, then
played in the order of their moments, so that a task delegated to a sub-unit, or moved by
the 2025 merge of a district, sees the others' changes as they happened. Steps planned after
`now` are not played: a recent task stays open, as it would. The compliance register
(register.py) is written last, over the units as the merge left them.
"""

import itertools
import random
from datetime import date, datetime, timedelta

from django.utils import timezone

from nhiemvu.demo import data
from nhiemvu.demo.history import DIRECTIVES, FIRST_DAY, plan_directives, plan_government_tasks
from nhiemvu.demo.ownership import Records
from nhiemvu.demo.people import Credential, ascii_word, ensure_users, person, phone
from nhiemvu.demo.register import record_register
from nhiemvu.demo.showcase import plan_reorganisation, plan_showcase
from nhiemvu.demo.steps import MergeStep, Step
from nhiemvu.directives.choices import Secrecy
from nhiemvu.directives.models import SecretEntry
from nhiemvu.tracking import permissions
from nhiemvu.tracking.models import Task
from nhiemvu.tracking.permissions import Action
from nhiemvu.units import services as unit_services
from nhiemvu.units.choices import UnitKind
from nhiemvu.units.models import Field, FocalOfficer, Unit
from nhiemvu.workdays.choices import OverrideKind
from nhiemvu.workdays.models import DayOverride
from nhiemvu.workdays.services import load_calendar

# Who acts, when allowed: the demo users first; otherwise the system (by=None).
CANDIDATES = {
    Action.ACCEPT: ("daumoi.snn", "giamdoc.snn"),
    Action.UPDATE_PROGRESS: ("kiemlam", "daumoi.snn"),
    Action.REQUEST_EXTENSION: ("daumoi.snn",),
    Action.RETURN: ("daumoi.snn",),
    Action.COMPLETE: ("daumoi.snn", "giamdoc.snn"),
    Action.DELEGATE: ("daumoi.snn",),
    Action.DECIDE_EXTENSION: ("lanhdao", "giamdoc.snn"),
    Action.REASSIGN: ("vanphong", "daumoi.snn"),
    Action.REOPEN: ("vanphong", "daumoi.snn"),
    Action.CANCEL: ("vanphong", "daumoi.snn"),
    Action.CONTRIBUTE: ("daumoi.snn",),
}
ASSIGNER_SIDE = {Action.DECIDE_EXTENSION, Action.REASSIGN, Action.REOPEN, Action.CANCEL}


class Builder:
    """Builds the whole demo in the current transaction; `records` holds what it created."""

    def __init__(self, *, now: datetime, seed: int, directives: int = DIRECTIVES):
        self.now = now
        self.today = timezone.localdate(now)
        self.rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not a secret
        self.directive_count = directives
        self.records = Records()
        self.steps: list[Step] = []
        self.order = itertools.count()
        self.tasks: dict[object, Task] = {}
        self.task_keys = itertools.count()
        self.numbers: dict[tuple[int, str], int] = {}

    # -- dates
    def working(self, day: date) -> date:
        """`day` if worked, else the next working day."""
        return day if self.cal.is_working_day(day) else self.cal.add_working_days(day, 1)

    def plus(self, day: date, count: int) -> date:
        return self.cal.add_working_days(day, count) if count >= 0 else self.minus(day, -count)

    def minus(self, day: date, count: int) -> date:
        while count > 0:
            day -= timedelta(days=1)
            if self.cal.is_working_day(day):
                count -= 1
        return day

    def rel(self, count: int) -> date:
        """`count` working days after today (before it when negative)."""
        return self.plus(self.today, count)

    # -- the whole build
    def build(self) -> list[Credential]:
        self._calendar_overrides()
        self.cal = load_calendar(FIRST_DAY.year - 1, self.today.year + 2)
        self._units()
        self.users, credentials = ensure_users(self.units, self.records)
        self._focal_officers()
        self._secret_entries()
        plan_directives(self)
        plan_government_tasks(self)
        plan_showcase(self)
        merge_at = plan_reorganisation(self)
        self._play(merge_at)
        record_register(self)
        if self.today > date(*data.RENAMED_ON):
            unit_services.rename_unit(
                unit=self.units[data.RENAMED_CODE],
                new_name=data.RENAMED_TO,
                on=date(*data.RENAMED_ON),
                by=None,
            )
        return credentials

    def _calendar_overrides(self) -> None:
        """One extra day off (a Friday of March) and the Saturday worked for it a week later."""
        year = self.today.year
        friday = date(year, 3, 8) + timedelta(days=(4 - date(year, 3, 8).weekday()) % 7)
        basis = f"Thông báo số 15/TB-UBND ngày 20/02/{year} của UBND tỉnh Kon Tum (dữ liệu mẫu)"
        for day, kind, name in (
            (friday, OverrideKind.DAY_OFF, "Nghỉ thêm, hoán đổi ngày làm việc (dữ liệu mẫu)"),
            (friday + timedelta(days=8), OverrideKind.WORKING_DAY, "Làm bù cho ngày nghỉ thêm (dữ liệu mẫu)"),
        ):
            if not DayOverride.objects.filter(date=day).exists():
                override = DayOverride(date=day, kind=kind, name=name, legal_basis=basis)
                override.full_clean()
                override.save()
                self.records.add(override)

    def _units(self) -> None:
        root = Unit.objects.create(code=data.ROOT_CODE, name=data.ROOT_NAME, kind=UnitKind.GOVERNMENT)
        province = Unit.objects.create(
            code=data.PROVINCE_CODE,
            name=data.PROVINCE_NAME,
            short_name="UBND tỉnh",
            kind=UnitKind.PROVINCE,
            parent=root,
        )
        self.units = {data.ROOT_CODE: root, data.PROVINCE_CODE: province}
        self.unit_field = {}
        self.weights = {}
        # Reports list units by sort_order across the tree: the 30 units in the order of
        # appendix 02 (100, 200, …), each unit's sub-units right after it (1101, 1102, …).
        for order, (code, name, short, kind, field_code, weight) in enumerate(data.UNITS, start=1):
            self.units[code] = Unit.objects.create(
                code=code,
                name=name,
                short_name=short,
                kind=kind,
                parent=province,
                scored_for_reform=True,
                sort_order=order * 100,
            )
            self.unit_field[code], self.weights[code] = field_code, weight
        office = self.units[data.OFFICE_CODE]
        self.desk_by_field = {}
        for order, (suffix, name, field_codes) in enumerate(data.DESKS, start=1):
            desk = Unit.objects.create(
                code=f"{data.OFFICE_CODE}.{suffix}",
                name=name,
                kind=UnitKind.DESK,
                parent=office,
                sort_order=office.sort_order + order,
            )
            self.units[desk.code] = desk
            self.desk_by_field.update(dict.fromkeys(field_codes, desk))
        agriculture = self.units[data.AGRICULTURE_CODE]
        for order, (suffix, name, kind) in enumerate(data.AGRICULTURE_SUB_UNITS, start=1):
            sub = Unit.objects.create(
                code=f"{data.AGRICULTURE_CODE}.{suffix}",
                name=name,
                kind=kind,
                parent=agriculture,
                sort_order=agriculture.sort_order + order,
            )
            self.units[sub.code] = sub
        code, name, short = data.COMMUNE
        merged = self.units[data.MERGED_CODE]
        self.units[code] = Unit.objects.create(
            code=code,
            name=name,
            short_name=short,
            kind=UnitKind.COMMUNE,
            parent=province,
            scored_for_reform=True,
            sort_order=merged.sort_order + 50,
            active_from=date(*data.MERGED_ON),
        )
        self.unit_field[code], self.weights[code] = "TH", self.weights[data.MERGED_CODE]
        self.fields = {}
        for field_code, field_name in data.FIELDS:
            self.fields[field_code], created = Field.objects.get_or_create(
                code=field_code, defaults={"name": field_name}
            )
            if created:
                self.records.add(self.fields[field_code])
        self.records.add(*self.units.values())
        self.districts = [u[0] for u in data.UNITS if u[3] == UnitKind.DISTRICT]
        self.departments = [u[0] for u in data.UNITS if u[3] == UnitKind.DEPARTMENT]

    def _focal_officers(self) -> None:
        for unit_code, _name, _short, kind, *_rest in [
            *data.UNITS,
            (data.COMMUNE[0], "", "", UnitKind.COMMUNE),
        ]:
            unit = self.units[unit_code]
            surname, given = person(self.rng)
            user = self.users["daumoi.snn"] if unit_code == data.AGRICULTURE_CODE else None
            if user is not None:
                surname, given = user.last_name, user.first_name
            officer = FocalOfficer.objects.create(
                unit=unit,
                full_name=f"{surname} {given}",
                title=user.title if user else self.rng.choice(data.FOCAL_TITLES[kind]),
                phone=phone(self.rng),
                email=f"{ascii_word(given.split()[-1] + surname)}.{ascii_word(unit_code.split('.')[-1])}@{data.EMAIL_DOMAIN}",
                user=user,
            )
            self.records.add(officer)

    def _secret_entries(self) -> None:
        """Seed 003 art. 5.2: secret documents get a register line, never their content."""
        readers = [self.users["lanhdao"], self.users["tokiemtra"]]
        for secrecy, number, lead, ago, due_in in (
            (Secrecy.SECRET, "12/KH-UBND", "KONTUM.SNV", 40, 20),
            (Secrecy.TOP_SECRET, "03/CT-UBND", "KONTUM.TTT", 15, 30),
        ):
            issued = self.rel(-ago)
            entry = SecretEntry(
                secrecy=secrecy,
                number_symbol=number,
                issued_on=issued,
                lead_unit=self.units[lead],
                due_on=self.plus(issued, due_in),
            )
            entry.full_clean(exclude=["allowed_users"])
            entry.save()
            entry.allowed_users.set(readers)
            self.records.add(entry)

    # -- playing the plans
    def next_order(self) -> int:
        return next(self.order)

    def add(self, step: Step) -> None:
        self.steps.append(step)

    def assigner(self, assigning_unit: Unit):
        """The provincial office's clerk assigns the province's tasks; the system the others."""
        return self.users["vanphong"] if assigning_unit.code == data.PROVINCE_CODE else None

    def actor(self, action: Action, task: Task):
        """A demo user allowed to act, else the system. Most tasks concern no demo user: those
        are told apart without a query."""
        if action in ASSIGNER_SIDE:
            if task.assigning_unit_id not in self.demo_assigners:
                return None
        elif action != Action.CONTRIBUTE and task.lead_unit_id not in self.agriculture_ids:
            return None  # a contribution is the coordinating unit's, whoever leads
        for username in CANDIDATES.get(action, ()):
            if permissions.can(self.users[username], action, task):
                return self.users[username]
        return None

    def _play(self, merge_at: datetime | None) -> None:
        agriculture = self.units[data.AGRICULTURE_CODE]
        self.agriculture_ids = set(Unit.objects.subtree_of(agriculture).values_list("pk", flat=True))
        self.demo_assigners = {self.units[data.PROVINCE_CODE].pk, agriculture.pk}
        if merge_at is not None:
            self.add(
                MergeStep(
                    merge_at,
                    self.next_order(),
                    None,
                    unit=self.units[data.MERGED_CODE],
                    into=self.units[data.COMMUNE[0]],
                    on=date(*data.MERGED_ON),
                )
            )
        for step in sorted(self.steps, key=Step.sort_key):
            if step.at <= self.now:
                step.play(self)
        self.records.add(*self.tasks.values())
