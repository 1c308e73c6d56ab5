"""Which rows the demo created (DemoRecord), and the rules that follow from it.

The demo loads into a database that holds nothing else, unless told to load beside real
data; it never changes an account it did not create (a real "quantri" keeps its password
and rights); and `--reset` deletes recorded rows only, refusing when real data refers to
them (every foreign key to them protects).
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, ProtectedError, QuerySet, RestrictedError
from django.utils.translation import gettext_lazy as _

from nhiemvu.accounts.models import RoleAssignment, User
from nhiemvu.compliance.models import RegisterLine, SentReport
from nhiemvu.demo import data
from nhiemvu.demo.models import DemoRecord
from nhiemvu.directives.models import Directive, SecretEntry
from nhiemvu.messages import Message
from nhiemvu.tracking.models import Task, TaskEvent, TaskEventAttachment
from nhiemvu.units.models import Field, FocalOfficer, Unit
from nhiemvu.workdays.models import DayOverride

# Rows that are data: one of them without a record means the database is in real use.
# (Fields and calendar days are reference data that a fresh installation may already hold.)
GUARDED = (Unit, User, Directive, Task, SecretEntry)

REAL_DATA = _(
    "Cơ sở dữ liệu đã có dữ liệu không do lệnh nạp dữ liệu mẫu tạo (%(rows)s): không nạp, không thay "
    "đổi gì. Hãy dùng một cơ sở dữ liệu trống, hoặc thêm --into-existing-database để nạp dữ liệu mẫu "
    "bên cạnh dữ liệu đã có."
)
ACCOUNTS_TAKEN = _(
    "Tài khoản %(usernames)s đã có và không do dữ liệu mẫu tạo; dữ liệu mẫu không thay đổi các tài "
    "khoản đó: không nạp, không thay đổi gì."
)
CODES_TAKEN = _(
    "Mã đơn vị %(codes)s đã dùng cho đơn vị không thuộc dữ liệu mẫu: không nạp, không thay đổi gì."
)
RESET_BLOCKED = _(
    "Không xóa được dữ liệu mẫu: dữ liệu khác (%(rows)s) đang tham chiếu đến nó. Không thay đổi gì."
)


class DemoRefused(Exception):
    """The demo was not loaded (or not reset); `message` says why, in any language."""

    def __init__(self, message: Message):
        self.message = message
        super().__init__(message.render("vi"))


class RowCounts:
    """ "3 cơ quan, đơn vị, 1 người dùng": said in the language active when rendered."""

    def __init__(self, counts: dict[type[Model], int]):
        self.counts = counts

    def __str__(self) -> str:
        return ", ".join(f"{count} {model._meta.verbose_name_plural}" for model, count in self.counts.items())


def recorded_ids(model: type[Model]) -> QuerySet:
    return DemoRecord.objects.filter(content_type=ContentType.objects.get_for_model(model)).values(
        "object_id"
    )


def recorded(model: type[Model]) -> QuerySet:
    """The rows of `model` the demo created."""
    return model.objects.filter(pk__in=recorded_ids(model))


class Records:
    """The rows one load creates, written as DemoRecords when the load ends."""

    def __init__(self):
        self.pending: dict[type[Model], set[int]] = defaultdict(set)

    def add(self, *objects: Model) -> None:
        for obj in objects:
            self.pending[obj._meta.concrete_model].add(obj.pk)

    def ids(self, model: type[Model]) -> set[int]:
        stored = set(recorded_ids(model).values_list("object_id", flat=True))
        return stored | self.pending[model]

    def save(self) -> None:
        DemoRecord.objects.bulk_create(
            [
                DemoRecord(content_type=ContentType.objects.get_for_model(model), object_id=pk)
                for model, ids in self.pending.items()
                for pk in sorted(ids)
            ],
            ignore_conflicts=True,
        )
        self.pending.clear()


def demo_unit_codes() -> list[str]:
    """Every unit code the demo creates."""
    return [
        data.ROOT_CODE,
        data.PROVINCE_CODE,
        *(code for code, *_rest in data.UNITS),
        *(f"{data.OFFICE_CODE}.{suffix}" for suffix, *_rest in data.DESKS),
        *(f"{data.AGRICULTURE_CODE}.{suffix}" for suffix, *_rest in data.AGRICULTURE_SUB_UNITS),
        data.COMMUNE[0],
    ]


def real_data() -> dict[type[Model], int]:
    """How many rows of each guarded model the demo did not create."""
    counts = {model: model.objects.exclude(pk__in=recorded_ids(model)).count() for model in GUARDED}
    return {model: count for model, count in counts.items() if count}


def refuse_real_data() -> None:
    if counts := real_data():
        raise DemoRefused(Message(REAL_DATA, rows=RowCounts(counts)))


def refuse_collisions() -> None:
    """Beside real data: the demo's usernames and unit codes must be free."""
    usernames = User.objects.filter(username__in=[row[0] for row in data.USERS]).exclude(
        pk__in=recorded_ids(User)
    )
    if taken := sorted(usernames.values_list("username", flat=True)):
        raise DemoRefused(Message(ACCOUNTS_TAKEN, usernames=", ".join(f"“{name}”" for name in taken)))
    units = Unit.objects.filter(code__in=demo_unit_codes()).exclude(pk__in=recorded_ids(Unit))
    if taken := sorted(units.values_list("code", flat=True)):
        raise DemoRefused(Message(CODES_TAKEN, codes=", ".join(f"“{code}”" for code in taken)))


def delete_demo() -> None:
    """Delete every row the demo created, children before parents; the events of its tasks
    go with them. Raises DemoRefused when other rows refer to them (call it in a transaction:
    what was deleted before the refusal is rolled back)."""
    units = recorded(Unit)
    foreign_officers = FocalOfficer.objects.filter(unit__in=units).exclude(pk__in=recorded_ids(FocalOfficer))
    if count := foreign_officers.count():
        raise DemoRefused(Message(RESET_BLOCKED, rows=RowCounts({FocalOfficer: count})))
    task_ids = list(recorded(Task).values_list("pk", flat=True))
    try:
        events = TaskEvent.objects.filter(task_id__in=task_ids)
        TaskEventAttachment.objects.filter(event__in=events).delete()
        events.delete()
        Task.objects.filter(pk__in=task_ids).update(parent=None)
        Task.objects.filter(pk__in=task_ids).delete()
        for model in (Directive, SecretEntry, FocalOfficer, SentReport, RegisterLine):
            recorded(model).delete()
        users = recorded(User)
        RoleAssignment.objects.filter(user__in=users).delete()
        users.delete()
        unit_ids = list(units.values_list("pk", flat=True))
        Unit.objects.filter(pk__in=unit_ids).update(parent=None)
        Unit.objects.filter(pk__in=unit_ids).delete()
        for model in (Field, DayOverride):
            recorded(model).delete()
    except (ProtectedError, RestrictedError) as error:
        blocking = defaultdict(int)
        for obj in error.protected_objects if isinstance(error, ProtectedError) else error.restricted_objects:
            blocking[obj._meta.concrete_model] += 1
        raise DemoRefused(Message(RESET_BLOCKED, rows=RowCounts(dict(blocking)))) from None
    DemoRecord.objects.all().delete()
