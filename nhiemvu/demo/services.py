"""The demo province: Kon Tum as the seeds describe it, with eight years of tasks.

`load_demo()` builds it once and, when it is already there, keeps it (`reset=True`
rebuilds it). Every change to a task goes through tracking.services with an explicit
moment in the past: the demo's history is what the system would have recorded, so reports
"as of" any past moment work on it. The tasks are planned first, each with its own
timeline, then played in the order of their moments, so that a task delegated to a
sub-unit, or moved by the 2025 merge of a district, sees the others' changes as they
happened. Steps planned after `now` are not played: a recent task stays open, as it would.

Dates are relative to the day it runs (the demo always has tasks due soon and overdue);
the random choices come from a fixed seed.
"""

import itertools
import random
import secrets
import string
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from nhiemvu.accounts.choices import Role
from nhiemvu.accounts.models import RoleAssignment, User
from nhiemvu.demo import data
from nhiemvu.directives.choices import Secrecy, SourceChannel
from nhiemvu.directives.models import Directive, SecretEntry
from nhiemvu.directives.services import register_directive
from nhiemvu.tracking import permissions, services
from nhiemvu.tracking.models import Task, TaskEvent, TaskEventAttachment
from nhiemvu.tracking.permissions import Action
from nhiemvu.units import services as unit_services
from nhiemvu.units.choices import UnitKind
from nhiemvu.units.models import Field, FocalOfficer, Unit
from nhiemvu.workdays.choices import OverrideKind
from nhiemvu.workdays.models import DayOverride
from nhiemvu.workdays.services import load_calendar

SEED = 20180319  # Decision 270/QĐ-UBND of 19/3/2018, the regulation the seeds follow
FIRST_DAY = date(2018, 1, 2)
DIRECTIVES = 300
PASSWORD_ALPHABET = "".join(c for c in string.ascii_letters + string.digits if c not in "lIO0o1")


@dataclass(frozen=True)
class Credential:
    username: str
    role: str
    unit: str
    password: str


@dataclass
class DemoResult:
    created: bool
    credentials: list[Credential]
    counts: dict[str, int] = field(default_factory=dict)


def load_demo(*, now: datetime | None = None, reset: bool = False, seed: int = SEED) -> DemoResult:
    """Build the demo province unless it is there (or rebuild it with `reset`), then give
    every demo user a new random password. One transaction: all or nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        exists = Unit.objects.filter(code=data.PROVINCE_CODE).exists()
        if exists and reset:
            delete_demo()
            exists = False
        if exists:
            units = {unit.code: unit for unit in Unit.objects.filter(code__startswith=data.PROVINCE_CODE)}
            _users, credentials = _ensure_users(units)
        else:
            credentials = _Builder(now=now, seed=seed).build()
        counts = demo_counts()
    return DemoResult(created=not exists, credentials=credentials, counts=counts)


def demo_units():
    """The demo's units: the tree under its "Chính phủ"."""
    root = Unit.objects.filter(code=data.ROOT_CODE).first()
    return Unit.objects.subtree_of(root) if root else Unit.objects.none()


def demo_counts() -> dict[str, int]:
    units = demo_units()
    tasks = Task.objects.filter(lead_unit__in=units)
    return {
        "provinces": units.filter(kind=UnitKind.PROVINCE).count(),
        "units": units.count(),
        "directives": Directive.objects.filter(issuer_unit__in=units).count(),
        "tasks": tasks.count(),
        "events": TaskEvent.objects.filter(task__in=tasks).count(),
    }


def delete_demo() -> None:
    """Remove the demo's units and everything that refers to them. Users are kept (other
    rows may name them) and get their roles again on the next load."""
    units = demo_units()
    unit_filter = (
        Q(lead_unit__in=units)
        | Q(assigning_unit__in=units)
        | Q(tracking_desk__in=units)
        | Q(directive__issuer_unit__in=units)
    )
    task_ids = list(Task.objects.filter(unit_filter).values_list("pk", flat=True))
    events = TaskEvent.objects.filter(Q(task_id__in=task_ids) | Q(lead_unit__in=units))
    TaskEventAttachment.objects.filter(event__in=events).delete()
    events.delete()
    Task.objects.filter(pk__in=task_ids).update(parent=None)
    Task.objects.filter(pk__in=task_ids).delete()
    Directive.objects.filter(issuer_unit__in=units).delete()
    SecretEntry.objects.filter(lead_unit__in=units).delete()
    RoleAssignment.objects.filter(unit__in=units).delete()
    unit_ids = list(units.values_list("pk", flat=True))
    Unit.objects.filter(pk__in=unit_ids).update(parent=None, successor=None)
    Unit.objects.filter(pk__in=unit_ids).delete()


# --- people ---------------------------------------------------------------------------


def new_password() -> str:
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(12))


def _person(rng: random.Random) -> tuple[str, str]:
    """(surname, middle and given name), e.g. ("Nguyễn", "Văn An")."""
    return rng.choice(data.SURNAMES), f"{rng.choice(data.MIDDLE_NAMES)} {rng.choice(data.GIVEN_NAMES)}"


def _ascii(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if c.isascii() and c.isalnum()).lower()


def _phone(rng: random.Random) -> str:
    return f"0260 3{rng.randint(100, 999)} {rng.randint(100, 999)}"


def _ensure_users(units: dict[str, Unit]) -> tuple[dict[str, User], list[Credential]]:
    """One user per role, with a fresh password each time (the demo prints them)."""
    users, credentials = {}, []
    for username, role, unit_code, field_codes, title, superuser in data.USERS:
        rng = random.Random(f"{SEED}:{username}")  # noqa: S311 - same names on every run, not a secret
        surname, given = _person(rng)
        user, _created = User.objects.get_or_create(username=username)
        user.last_name, user.first_name, user.title = surname, given, title
        user.email = f"{username}@{data.EMAIL_DOMAIN}"
        user.phone = _phone(rng)
        user.is_active, user.is_staff, user.is_superuser = True, superuser, superuser
        password = new_password()
        user.set_password(password)
        user.save()
        user.roles.all().delete()
        unit = units[unit_code] if unit_code else None
        assignment = RoleAssignment.objects.create(user=user, role=role, unit=unit)
        assignment.fields.set(Field.objects.filter(code__in=field_codes))
        user.__dict__.pop("_role_assignments", None)
        users[username] = user
        credentials.append(Credential(username, str(Role(role).label), unit.name if unit else "—", password))
    return users, credentials


# --- the builder ------------------------------------------------------------------------


@dataclass(order=True)
class _Step:
    at: datetime
    order: int
    key: object = field(compare=False)
    action: str = field(compare=False)
    kwargs: dict = field(compare=False, default_factory=dict)


# Step action → (tracking.services function, the permission its actor needs).
_SERVICE = {
    "accept": (services.accept, Action.ACCEPT),
    "update_progress": (services.update_progress, Action.UPDATE_PROGRESS),
    "request_extension": (services.request_extension, Action.REQUEST_EXTENSION),
    "decide_extension": (services.decide_extension, Action.DECIDE_EXTENSION),
    "return_task": (services.return_task, Action.RETURN),
    "reassign": (services.reassign, Action.REASSIGN),
    "complete": (services.complete, Action.COMPLETE),
    "reopen": (services.reopen, Action.REOPEN),
    "cancel": (services.cancel, Action.CANCEL),
}
# Who acts, when allowed: the demo users first; otherwise the system (by=None).
_CANDIDATES = {
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
}

_ASSIGNER_SIDE = {Action.DECIDE_EXTENSION, Action.REASSIGN, Action.REOPEN, Action.CANCEL}

_OLD = {  # assigned more than a year ago: mostly settled
    "on_time": 54,
    "late": 13,
    "recorded_late": 6,
    "ext_approved": 7,
    "ext_rejected": 3,
    "returned_reassigned": 3,
    "cancelled": 3,
    "reopened": 3,
    "open": 1,
}
_RECENT = {
    "on_time": 26,
    "late": 7,
    "recorded_late": 4,
    "open": 20,
    "not_started": 9,
    "ext_pending": 5,
    "ext_approved": 6,
    "ext_rejected": 3,
    "returned_pending": 3,
    "returned_reassigned": 3,
    "cancelled": 2,
    "reopened": 3,
}
_NEEDS_DUE = {"late", "recorded_late", "ext_pending", "ext_approved", "ext_rejected"}


class _Builder:
    def __init__(self, *, now: datetime, seed: int):
        self.now = now
        self.today = timezone.localdate(now)
        self.rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not a secret
        self.steps: list[_Step] = []
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
        self.users, credentials = _ensure_users(self.units)
        self._focal_officers()
        self._secret_entries()
        self._plan_directives()
        self._plan_government_tasks()
        self._plan_showcase()
        merge_at = self._plan_reorganisation()
        self._play(merge_at)
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
            self.fields[field_code], _created = Field.objects.get_or_create(
                code=field_code, defaults={"name": field_name}
            )
        self.districts = [u[0] for u in data.UNITS if u[3] == UnitKind.DISTRICT]
        self.departments = [u[0] for u in data.UNITS if u[3] == UnitKind.DEPARTMENT]

    def _focal_officers(self) -> None:
        for unit_code, _name, _short, kind, *_rest in [
            *data.UNITS,
            (data.COMMUNE[0], "", "", UnitKind.COMMUNE),
        ]:
            unit = self.units[unit_code]
            surname, given = _person(self.rng)
            user = self.users["daumoi.snn"] if unit_code == data.AGRICULTURE_CODE else None
            if user is not None:
                surname, given = user.last_name, user.first_name
            FocalOfficer.objects.create(
                unit=unit,
                full_name=f"{surname} {given}",
                title=user.title if user else self.rng.choice(data.FOCAL_TITLES[kind]),
                phone=_phone(self.rng),
                email=f"{_ascii(given.split()[-1] + surname)}.{_ascii(unit_code.split('.')[-1])}@{data.EMAIL_DOMAIN}",
                user=user,
            )

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

    # -- directives
    def _number(self, year: int, series: str, day: date, per_day: float) -> int:
        """A register number that grows through the year, as the office's register does."""
        day_of_year = day.timetuple().tm_yday
        number = max(
            self.numbers.get((year, series), 0) + 1, int(day_of_year * per_day) + self.rng.randint(0, 3)
        )
        self.numbers[(year, series)] = number
        return number

    def _directive(
        self, *, day: date, doc: str, summary: str, field_code: str, government: bool = False
    ) -> Directive:
        if government:
            issuer, unit, channel = (
                "Văn phòng Chính phủ",
                self.units[data.ROOT_CODE],
                SourceChannel.GOVERNMENT,
            )
            symbol = "TB-VPCP" if doc == "TB" else "VPCP-KSTT"
            number = self._number(day.year, symbol, day, 1.2 if doc == "TB" else 30)
        else:
            unit, channel = self.units[data.PROVINCE_CODE], SourceChannel.EOFFICE
            if self.rng.random() < 0.1:
                channel = SourceChannel.PAPER
            if doc == "CV":
                issuer, symbol = "UBND tỉnh Kon Tum", f"UBND-{self.desk_code(field_code)}"
                number = self._number(day.year, "CV", day, 12)
            else:
                issuer = (
                    "Chủ tịch UBND tỉnh"
                    if doc in ("CT", "CĐ") or self.rng.random() < 0.3
                    else "UBND tỉnh Kon Tum"
                )
                symbol = f"{doc}-UBND"
                number = self._number(
                    day.year, doc, day, {"QĐ": 5.5, "KH": 0.9, "TB": 1, "CT": 0.03, "CĐ": 0.05}[doc]
                )
        number_symbol = f"{number}/{symbol}"
        issued_on = day - timedelta(days=self.rng.choice([0, 0, 1, 2, 3]))
        issued_on = max(issued_on, FIRST_DAY)
        received_on = (
            issued_on + timedelta(days=self.rng.randint(0, (day - issued_on).days))
            if government
            else issued_on
        )
        surname, given = _person(self.rng)
        return register_directive(
            by=self.users["vanphong"],
            on_behalf_of=self.units[data.PROVINCE_CODE],
            number_symbol=number_symbol,
            issuer=issuer,
            issuer_unit=unit,
            issued_on=issued_on,
            received_on=received_on,
            summary=summary,
            signer=f"{surname} {given}",
            channel=channel,
        )

    def desk_code(self, field_code: str) -> str:
        return self.desk_by_field[field_code].code.rsplit(".", 1)[-1]

    def _active_districts(self, day: date) -> list[str]:
        merged = day >= date(*data.MERGED_ON)
        codes = [c for c in self.districts if not (merged and c == data.MERGED_CODE)]
        return [*codes, data.COMMUNE[0]] if merged else codes

    def _leads(self, spec: str, day: date) -> list[tuple[str, str | None]]:
        """(lead unit code, sub-unit to delegate to) for a topic's lead spec."""
        if spec == "*H":
            districts = self._active_districts(day)
            weights = [self.weights[c] for c in districts]
            chosen = {
                self.rng.choices(districts, weights)[0] for _ in range(self.rng.choice([1, 1, 1, 2, 3]))
            }
            return [(code, None) for code in sorted(chosen)]
        if spec == "*D":
            weights = [self.weights[c] for c in self.departments]
            return [(self.rng.choices(self.departments, weights)[0], None)]
        code, _arrow, sub = spec.partition("→")
        return [(f"{data.PROVINCE_CODE}.{code}", f"{data.AGRICULTURE_CODE}.{sub}" if sub else None)]

    def _directive_days(self) -> list[date]:
        """Most in past years; a third in the last year, a tenth in the last two months."""
        year_ago, weeks_ago = self.today - timedelta(days=365), self.today - timedelta(days=60)
        days = []
        for _ in range(DIRECTIVES):
            draw = self.rng.random()
            first, last = (
                (weeks_ago, self.today)
                if draw < 0.1
                else (year_ago, weeks_ago)
                if draw < 0.33
                else (FIRST_DAY, year_ago)
            )
            day = first + timedelta(days=self.rng.randint(0, (last - first).days))
            day = self.working(day)
            if day > self.today:
                day = self.minus(self.today, 1)
            days.append(day)
        return sorted(days)

    def _plan_directives(self) -> None:
        for day in self._directive_days():
            field_code, doc, summary, templates = self.rng.choice(data.TOPICS)
            context = {"year": day.year, "next_year": day.year + 1}
            directive = self._directive(
                day=day, doc=doc, summary=summary.format(**context), field_code=field_code
            )
            count = min(len(templates), self.rng.choice([1, 2, 2, 3, 3, 4]))
            chosen = sorted(self.rng.sample(range(len(templates)), count))
            seen = set()
            for index in chosen:
                content, spec = templates[index]
                for lead_code, sub_code in self._leads(spec, day):
                    if (lead_code, content) in seen:
                        continue
                    seen.add((lead_code, content))
                    self._plan_task(
                        directive=directive,
                        day=day,
                        content=content.format(**context),
                        lead_code=lead_code,
                        sub_code=sub_code,
                        field_code=field_code,
                    )

    def _due(self, day: date) -> date | None:
        if self.rng.random() < 0.25:
            return None
        return self.plus(day, self.rng.choice([5, 10, 10, 15, 20, 20, 30, 45, 60]))

    def _plan_task(self, *, directive, day, content, lead_code, sub_code, field_code) -> None:
        due = self._due(day)
        weights = _OLD if (self.today - day).days > 365 else _RECENT
        scenario = self.rng.choices(list(weights), list(weights.values()))[0]
        if scenario in _NEEDS_DUE and due is None:
            scenario = "on_time"
        if sub_code is not None and self.rng.random() < 0.4:
            scenario = "delegated"  # seed 003: the Department passes it on to a sub-unit
        others = [c for c in self.departments if c != lead_code]
        coordinating = self.rng.sample(others, self.rng.choice([0, 0, 0, 1, 2]))
        plan = _Plan(self, day)
        plan.assign(
            directive=directive,
            content=content,
            lead_unit=self.units[lead_code],
            assigning_unit=self.units[data.PROVINCE_CODE],
            assigned_on=day,
            due_on=due,
            coordinating_units=[self.units[c] for c in coordinating],
            field=self.fields[field_code],
            is_key=self.rng.random() < 0.1,
            tracking_desk=self.desk_by_field[field_code],
            tracking_officer=self.users["vanphong"] if field_code == "TH" else None,
        )
        if scenario == "delegated":
            plan.accept(self.plus(day, self.rng.randint(0, 2)))
            helpers = [
                c for c in (f"{data.AGRICULTURE_CODE}.VPS", f"{data.AGRICULTURE_CODE}.KHTC") if c != sub_code
            ]
            self._delegation(plan, due, [sub_code, *self.rng.sample(helpers, self.rng.choice([0, 1]))])
        else:
            plan.script(scenario, due, reassign_to=self.units[self.rng.choice(others)])

    def _delegation(self, plan: "_Plan", due: date | None, sub_codes: list[str]) -> None:
        """The Department's focal officer passes parts of its task to sub-units; the
        Department completes its task once they have completed theirs."""
        when = self.plus(plan.day, self.rng.randint(0, 2))
        ends = []
        for sub_code in sub_codes:
            child_due = None if due is None else max(when, self.minus(due, self.rng.randint(1, 4)))
            child = plan.delegate(
                when,
                to_unit=self.units[sub_code],
                due_on=child_due,
                content=f"Tham mưu Sở thực hiện: {plan.content[0].lower()}{plan.content[1:]}",
            )
            scenario = self.rng.choices(["on_time", "late", "open"], [7, 2, 10 * plan.open_odds])[0]
            if scenario == "late" and child_due is None:
                scenario = "on_time"
            ends.append(child.script(scenario, child_due))
        if all(end is not None for end in ends):
            plan.cursor = max([plan.cursor, *(child.cursor for child in plan.children)])
            finished = max(ends)
            completed_on = self.plus(finished, self.rng.randint(0, 2))
            plan.complete(completed_on, self.plus(completed_on, self.rng.randint(0, 1)))

    def _plan_government_tasks(self) -> None:
        """Seed 004: tasks the Government gives the province, which the province passes on."""
        recent = self.today - timedelta(days=365)
        for index in range(len(data.GOVERNMENT_TOPICS) * 3):
            field_code, doc, summary, content, leads = data.GOVERNMENT_TOPICS[
                index % len(data.GOVERNMENT_TOPICS)
            ]
            first, last = (recent, self.today) if index % 3 == 2 else (FIRST_DAY, recent)
            day = self.working(first + timedelta(days=self.rng.randint(0, (last - first).days)))
            if day > self.today:
                day = self.minus(self.today, 1)
            directive = self._directive(
                day=day, doc=doc, summary=summary, field_code=field_code, government=True
            )
            content = content.format(year=day.year, plus2=day.year + 2)
            due = self.plus(day, self.rng.choice([20, 40, 60]))
            plan = _Plan(self, day)
            plan.assign(
                directive=directive,
                content=content,
                lead_unit=self.units[data.PROVINCE_CODE],
                assigning_unit=self.units[data.ROOT_CODE],
                assigned_on=day,
                due_on=due,
                field=self.fields[field_code],
                tracking_desk=self.desk_by_field[field_code],
            )
            plan.accept(self.plus(day, 1))
            when = self.plus(day, self.rng.randint(1, 2))
            ends = []
            for lead in leads:
                child = plan.delegate(
                    when,
                    to_unit=self.units[f"{data.PROVINCE_CODE}.{lead}"],
                    due_on=self.minus(due, 5),
                    content=f"Tham mưu UBND tỉnh: {content[0].lower()}{content[1:]}",
                )
                ends.append(
                    child.script(self.rng.choices(["on_time", "late"], [4, 1])[0], self.minus(due, 5))
                )
            plan.cursor = max(child.cursor for child in plan.children)
            completed_on = self.plus(max(ends), 2)
            plan.complete(
                completed_on, completed_on, document=f"Báo cáo số {self.rng.randint(20, 400)}/BC-UBND"
            )

    def _plan_showcase(self) -> None:
        """A few recent tasks of the Department of Agriculture (and others) in every state,
        whatever day the demo is loaded: due soon, overdue, awaiting an extension, returned…"""
        rel, snn, units = self.rel, data.AGRICULTURE_CODE, self.units
        cases = [
            # (lead, content, assigned, due, steps)
            (snn, "Báo cáo tình hình sâu bệnh hại cây cà phê, đề xuất biện pháp phòng trừ", -2, 3, []),
            (
                snn,
                "Xây dựng kế hoạch trồng rừng thay thế năm {next_year}",
                -10,
                5,
                [("accept", -9), ("progress", -3)],
            ),
            (
                snn,
                "Tổng hợp kết quả thực hiện tiêu chí nông thôn mới; báo cáo Ban Chỉ đạo tỉnh",
                -30,
                -8,
                [("accept", -28), ("progress", -10)],
            ),
            (
                snn,
                "Rà soát quy hoạch ba loại rừng, đề xuất điều chỉnh",
                -25,
                -1,
                [("accept", -24), ("request", -2, 15)],
            ),
            (snn, "Thẩm định hồ sơ thành lập hợp tác xã dịch vụ thương mại", -6, 10, [("return", -4)]),
            (
                snn,
                "Kiểm tra công tác tiêm phòng vắc xin lở mồm long móng đợt 2",
                -20,
                -5,
                [("accept", -19), ("complete", -7, -7)],
            ),
            (
                snn,
                "Báo cáo thiệt hại do hạn hán vụ Đông Xuân",
                -30,
                -15,
                [("accept", -29), ("complete", -10, -9)],
            ),
            (
                snn,
                "Đánh giá hiệu quả mô hình trồng sâm Ngọc Linh dưới tán rừng",
                -40,
                -20,
                [("accept", -39), ("complete", -21, -12)],
            ),
            (snn, "Tổ chức hội thảo phát triển cây dược liệu", -15, 20, [("cancel", -5)]),
            (
                snn,
                "Hoàn thiện đề án phát triển chăn nuôi bò thịt chất lượng cao",
                -30,
                10,
                [("accept", -29), ("complete", -12, -12), ("reopen", -8), ("progress", -2)],
            ),
            (
                snn,
                "Kiểm tra, xử lý vi phạm lâm luật tại Khu bảo tồn thiên nhiên Ngọc Linh",
                -20,
                8,
                [
                    ("accept", -19),
                    ("delegate", -18, "CCKL", 4, [("accept", -17), ("complete", -3, -3)]),
                    ("delegate", -18, "CCTL", 6, [("accept", -16), ("progress", -2)]),
                ],
            ),
            (snn, "Theo dõi diễn biến giá nông sản, báo cáo định kỳ", -12, None, [("accept", -11)]),
            (
                snn,
                "Xây dựng phương án phòng, chống thiên tai năm {year}",
                -30,
                -10,
                [("accept", -29), ("request", -12, 10), ("approve", -9)],
            ),
            (
                snn,
                "Báo cáo tiến độ giải ngân vốn Chương trình mục tiêu quốc gia giảm nghèo bền vững",
                -30,
                -5,
                [("accept", -29), ("request", -7, 15), ("reject", -4)],
            ),
            (
                snn,
                "Xử lý kiến nghị của doanh nghiệp về thuê đất trồng rừng",
                -20,
                15,
                [("return", -14), ("reassign", -12, "KONTUM.STNMT"), ("accept", -10)],
            ),
            ("KONTUM.SKHDT", "Tổng hợp báo cáo kinh tế - xã hội tháng", -8, 2, [("accept", -7)]),
            ("KONTUM.STC", "Thẩm định dự toán bổ sung kinh phí phòng, chống dịch", -4, 1, []),
            (
                "KONTUM.TPKT",
                "Giải quyết kiến nghị cử tri về chỉnh trang đô thị",
                -9,
                4,
                [("accept", -8), ("progress", -1)],
            ),
        ]
        summary = "V/v triển khai nhiệm vụ trọng tâm trong lĩnh vực {field}"
        for lead, content, assigned, due, steps in cases:
            day = rel(assigned)
            field_code = self.unit_field[lead]
            context = {"year": day.year, "next_year": day.year + 1}
            directive = self._directive(
                day=day,
                doc="CV",
                field_code=field_code,
                summary=summary.format(field=self.fields[field_code].name.lower()),
            )
            plan = _Plan(self, day)
            plan.assign(
                directive=directive,
                content=content.format(**context),
                lead_unit=units[lead],
                assigning_unit=units[data.PROVINCE_CODE],
                assigned_on=day,
                due_on=None if due is None else rel(due),
                field=self.fields[field_code],
                tracking_desk=self.desk_by_field[field_code],
            )
            plan.run(steps)

    def _plan_reorganisation(self) -> datetime | None:
        """The district ends on 1/7/2025: two of its tasks are still open then and go to the
        new commune, which completes one of them."""
        merged_on = date(*data.MERGED_ON)
        if self.today <= merged_on:
            return None
        day = self.working(date(2025, 6, 5))
        directive = self._directive(
            day=day,
            doc="CV",
            field_code="NC",
            summary="V/v chuẩn bị sắp xếp đơn vị hành chính cấp xã, kết thúc hoạt động của chính quyền cấp huyện",
        )
        common = {
            "directive": directive,
            "lead_unit": self.units[data.MERGED_CODE],
            "assigned_on": day,
            "assigning_unit": self.units[data.PROVINCE_CODE],
            "field": self.fields["NC"],
            "tracking_desk": self.desk_by_field["NC"],
        }
        handover = _Plan(self, day)
        handover.assign(
            content="Rà soát, bàn giao hồ sơ, tài liệu đang giải quyết cho chính quyền cấp xã mới",
            due_on=date(2025, 7, 31),
            **common,
        )
        handover.accept(self.plus(day, 1))
        handover.progress(self.plus(day, 10))
        handover.cursor = timezone.make_aware(datetime.combine(merged_on, time(8)))
        completed_on = date(2025, 7, 25)
        handover.complete(completed_on, completed_on, document="Báo cáo số 12/BC-UBND")
        voters = _Plan(self, day)
        voters.assign(
            content="Tổng hợp kiến nghị của cử tri chưa giải quyết, chuyển cấp xã tiếp tục theo dõi",
            due_on=None,
            **common,
        )
        return timezone.make_aware(datetime.combine(merged_on, time(7, 30)))

    # -- playing the plans
    def add(self, at: datetime, key, action: str, **kwargs) -> None:
        self.steps.append(_Step(at, next(self.order), key, action, kwargs))

    def _actor(self, action: Action, task: Task):
        """A demo user allowed to act, else the system. Most tasks concern no demo user: those
        are told apart without a query."""
        if action in _ASSIGNER_SIDE:
            if task.assigning_unit_id not in self.demo_assigners:
                return None
        elif task.lead_unit_id not in self.agriculture_ids:
            return None
        for username in _CANDIDATES.get(action, ()):
            if permissions.can(self.users[username], action, task):
                return self.users[username]
        return None

    def _play(self, merge_at: datetime | None) -> None:
        agriculture = self.units[data.AGRICULTURE_CODE]
        self.agriculture_ids = set(Unit.objects.subtree_of(agriculture).values_list("pk", flat=True))
        self.demo_assigners = {self.units[data.PROVINCE_CODE].pk, agriculture.pk}
        if merge_at is not None:
            self.add(merge_at, None, "merge")
        for step in sorted(self.steps):
            if step.at > self.now:
                continue
            if step.action == "assign":
                self.tasks[step.key] = services.assign_task(
                    by=self.users["vanphong"]
                    if step.kwargs["assigning_unit"].code == data.PROVINCE_CODE
                    else None,
                    at=step.at,
                    **step.kwargs,
                )
            elif step.action == "delegate":
                parent_key, kwargs = (
                    step.kwargs["parent"],
                    {k: v for k, v in step.kwargs.items() if k != "parent"},
                )
                parent = self.tasks[parent_key]
                self.tasks[step.key] = services.delegate(
                    parent, by=self._actor(Action.DELEGATE, parent), at=step.at, **kwargs
                )
            elif step.action == "merge":
                merged, into = self.units[data.MERGED_CODE], self.units[data.COMMUNE[0]]
                unit_services.merge_unit(
                    unit=merged, into=into, on=date(*data.MERGED_ON), by=None, at=step.at
                )
                for task in self.tasks.values():
                    if task.lead_unit_id == merged.pk:
                        task.refresh_from_db()
            else:
                function, action = _SERVICE[step.action]
                task = self.tasks[step.key]
                function(task, by=self._actor(action, task), at=step.at, **step.kwargs)


class _Plan:
    """The timeline of one task: steps at increasing moments from its assignment on."""

    def __init__(self, builder: _Builder, day: date, parent: "_Plan | None" = None):
        self.b, self.rng, self.day = builder, builder.rng, day
        self.key = next(builder.task_keys)
        self.cursor: datetime | None = parent.cursor if parent else None
        self.children: list[_Plan] = []
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

    def step(self, day: date, action: str, **kwargs) -> datetime:
        at = self.moment(day)
        self.b.add(at, self.key, action, **kwargs)
        return at

    def assign(self, **kwargs) -> None:
        self.content = kwargs["content"]
        self.step(self.day, "assign", **kwargs)

    def accept(self, day: date) -> None:
        self.step(day, "accept")

    def progress(self, day: date) -> None:
        self.step(
            day,
            "update_progress",
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
            "complete",
            completed_on=completed_on,
            result_document=f"{document} ngày {completed_on:%d/%m/%Y}",
        )
        return completed_on

    def delegate(self, day: date, *, to_unit: Unit, due_on: date | None, content: str) -> "_Plan":
        child = _Plan(self.b, day, parent=self)
        child.content = content
        at = self.moment(day)
        self.b.add(
            at,
            child.key,
            "delegate",
            parent=self.key,
            to_unit=to_unit,
            due_on=due_on,
            content=content,
            assigned_on=day,
        )
        child.cursor = at
        self.children.append(child)
        return child

    def run(self, steps) -> None:
        """Explicit steps, days counted in working days from today (negative: before)."""
        rel = self.b.rel
        children_end = None
        for name, when, *args in steps:
            day = rel(when)
            if name != "delegate" and children_end is not None:
                self.cursor, children_end = max(self.cursor, children_end), None
            if name == "accept":
                self.accept(day)
            elif name == "progress":
                self.progress(day)
            elif name == "complete":
                self.complete(rel(when), rel(args[0]))
            elif name == "request":
                self.step(day, "request_extension", proposed=rel(args[0]), reason=data.EXTENSION_REASONS[0])
            elif name == "approve":
                self.step(day, "decide_extension", approve=True, decided_on=day)
            elif name == "reject":
                self.step(
                    day,
                    "decide_extension",
                    approve=False,
                    decided_on=day,
                    note="Đề nghị khẩn trương hoàn thành theo thời hạn đã giao.",
                )
            elif name == "return":
                self.step(day, "return_task", reason=data.RETURN_REASONS[0])
            elif name == "reassign":
                self.step(
                    day, "reassign", to_unit=self.b.units[args[0]], note="Giao lại theo đề nghị chuyển trả."
                )
            elif name == "cancel":
                self.step(day, "cancel", reason=data.CANCEL_REASONS[0])
            elif name == "reopen":
                self.step(day, "reopen", reason=data.REOPEN_REASONS[0])
            elif name == "delegate":
                sub, due, child_steps = args
                child = self.delegate(
                    day,
                    to_unit=self.b.units[f"{data.AGRICULTURE_CODE}.{sub}"],
                    due_on=rel(due),
                    content=f"Tham mưu Sở thực hiện: {self.content[0].lower()}{self.content[1:]}",
                )
                child.run(child_steps)
                children_end = max(children_end or child.cursor, child.cursor)
        if children_end is not None:
            self.cursor = max(self.cursor, children_end)

    def script(self, scenario: str, due: date | None, reassign_to: Unit | None = None) -> date | None:
        """Plan the steps of `scenario`; the completion date when it ends completed."""
        b, rng, day = self.b, self.rng, self.day
        accepted = b.plus(day, rng.choice([0, 1, 1, 2, 3]))
        if scenario == "not_started":
            return None
        if scenario == "returned_pending":
            self.step(b.plus(day, rng.randint(1, 3)), "return_task", reason=rng.choice(data.RETURN_REASONS))
            return None
        if scenario == "returned_reassigned":
            returned = b.plus(day, rng.randint(1, 3))
            self.step(returned, "return_task", reason=rng.choice(data.RETURN_REASONS))
            again = b.plus(returned, rng.randint(1, 3))
            self.step(again, "reassign", to_unit=reassign_to, note="Giao lại theo đề nghị chuyển trả.")
            if rng.random() < self.open_odds:
                return None
            self.accept(b.plus(again, rng.randint(0, 2)))
            return self._finish(timezone.localdate(self.cursor), due, late=False)
        if scenario == "cancelled":
            if rng.random() < 0.5:
                self.accept(accepted)
            self.step(b.plus(accepted, rng.randint(2, 30)), "cancel", reason=rng.choice(data.CANCEL_REASONS))
            return None
        self.accept(accepted)
        if scenario == "open":
            for _ in range(rng.randint(0, 2)):
                self.progress(b.plus(accepted, rng.randint(2, 25)))
            return None
        if scenario == "on_time":
            return self._finish(accepted, due, late=False)
        if scenario == "late":
            return self._finish(accepted, due, late=True)
        if scenario == "recorded_late":
            completed_on = b.plus(accepted, rng.randint(0, max(0, b.cal.count_working_days(accepted, due))))
            return self.complete(completed_on, b.plus(due, rng.randint(3, 20)))
        if scenario == "reopened":
            self._finish(accepted, due, late=False)
            self.step(
                b.plus(timezone.localdate(self.cursor), rng.randint(1, 5)),
                "reopen",
                reason=rng.choice(data.REOPEN_REASONS),
            )
            if rng.random() > self.open_odds:
                return self._finish(timezone.localdate(self.cursor), None, late=False)
            self.progress(b.plus(timezone.localdate(self.cursor), rng.randint(1, 5)))
            return None
        # Extensions: asked around the due date, for 10 to 30 working days more.
        asked = max(accepted, b.minus(due, rng.randint(0, 3)))
        proposed = b.plus(due, rng.randint(10, 30))
        self.step(asked, "request_extension", proposed=proposed, reason=rng.choice(data.EXTENSION_REASONS))
        if scenario == "ext_pending":
            return None
        decided = b.plus(asked, rng.randint(1, 5))
        if scenario == "ext_approved":
            self.step(decided, "decide_extension", approve=True, new_due=proposed, decided_on=decided)
            if rng.random() < self.open_odds:
                return None
            return self._finish(decided, proposed, late=rng.random() < 0.2)
        self.step(
            decided,
            "decide_extension",
            approve=False,
            decided_on=decided,
            note="Đề nghị khẩn trương hoàn thành theo thời hạn đã giao.",
        )
        if rng.random() < self.open_odds:
            return None
        return self._finish(decided, due, late=True)

    def _finish(self, start: date, due: date | None, *, late: bool) -> date:
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
