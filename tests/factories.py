"""Factories for test data: never dumps of production-like data."""

import itertools
from datetime import date, datetime, time

import factory
from django.utils import timezone

from nhiemvu.accounts.choices import Role
from nhiemvu.accounts.models import RoleAssignment, User
from nhiemvu.directives.choices import DirectiveType, SourceChannel
from nhiemvu.directives.models import Directive
from nhiemvu.tracking import services
from nhiemvu.units.choices import UnitKind
from nhiemvu.units.models import Field, FocalOfficer, Unit


def moment(day: date, hour: int = 9, minute: int = 0) -> datetime:
    """A local (Asia/Ho_Chi_Minh) moment on `day`."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"U{n:05d}")
    name = factory.Sequence(lambda n: f"Sở thử nghiệm {n}")
    kind = UnitKind.DEPARTMENT
    scored_for_reform = True


class FocalOfficerFactory(factory.django.DjangoModelFactory):
    """The officer a unit names to keep its tasks up to date (seed 004 art. 4, 12.2)."""

    class Meta:
        model = FocalOfficer

    unit = factory.SubFactory(UnitFactory)
    full_name = factory.Sequence(lambda n: f"Cán bộ đầu mối {n}")
    title = "Chánh Văn phòng"
    phone = factory.Sequence(lambda n: f"0260 38{n:05d}")
    email = factory.Sequence(lambda n: f"daumoi{n}@example.gov.vn")


class FieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Field
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"F{n}")
    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Văn A"
    last_name = "Nguyễn"
    password = factory.django.Password("matkhau-thu-nghiem")


def with_role(user: User, role: Role, unit: Unit | None, fields=()) -> User:
    assignment = RoleAssignment.objects.create(user=user, role=role, unit=unit)
    assignment.fields.set(fields)
    user.__dict__.pop("_role_assignments", None)  # permissions cache what they read
    return user


class DirectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Directive

    doc_type = DirectiveType.OFFICIAL_LETTER
    number_symbol = factory.Sequence(lambda n: f"{n + 100}/UBND-TH")
    issuer = "UBND tỉnh Kon Tum"
    issued_on = date(2018, 5, 15)
    summary = "V/v giao nhiệm vụ theo dõi nội dung chậm trễ"
    channel = SourceChannel.EOFFICE


_task_numbers = itertools.count(1)


def make_task(
    *,
    lead_unit: Unit,
    assigning_unit: Unit,
    assigned_on: date,
    due_on: date | None = None,
    directive: Directive | None = None,
    at: datetime | None = None,
    content: str | None = None,
    **extra,
):
    """A task assigned through the service, recorded at 8:00 on its assignment day by default."""
    return services.assign_task(
        directive=directive or DirectiveFactory(issued_on=assigned_on),
        by=None,
        at=at or moment(assigned_on, 8),
        content=content or f"Nhiệm vụ thử nghiệm số {next(_task_numbers)}",
        lead_unit=lead_unit,
        assigning_unit=assigning_unit,
        assigned_on=assigned_on,
        due_on=due_on,
        **extra,
    )


def person(role: Role | None = None, unit: Unit | None = None, *, fields=(), **user_fields) -> User:
    """A user holding `role` in `unit` (limited to `fields`); without a role, a bare account."""
    user = UserFactory(**user_fields)
    return with_role(user, role, unit, fields) if role is not None else user
