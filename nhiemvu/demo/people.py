"""The demo's people: its accounts (one per role, a new password on every load) and the
names, phones and e-mails of officers."""

import random
import secrets
import string
import unicodedata
from dataclasses import dataclass

from nhiemvu.accounts.choices import Role
from nhiemvu.accounts.models import RoleAssignment, User
from nhiemvu.demo import data
from nhiemvu.demo.ownership import Records
from nhiemvu.units.models import Field, Unit

SEED = 20180319  # Decision 270/QĐ-UBND of 19/3/2018, the regulation the seeds follow
PASSWORD_ALPHABET = "".join(c for c in string.ascii_letters + string.digits if c not in "lIO0o1")


@dataclass(frozen=True)
class Credential:
    username: str
    role: str
    unit: str
    password: str


def new_password() -> str:
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(12))


def person(rng: random.Random) -> tuple[str, str]:
    """(surname, middle and given name), e.g. ("Nguyễn", "Văn An")."""
    return rng.choice(data.SURNAMES), f"{rng.choice(data.MIDDLE_NAMES)} {rng.choice(data.GIVEN_NAMES)}"


def ascii_word(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if c.isascii() and c.isalnum()).lower()


def phone(rng: random.Random) -> str:
    return f"0260 3{rng.randint(100, 999)} {rng.randint(100, 999)}"


def ensure_users(units: dict[str, Unit], records: Records) -> tuple[dict[str, User], list[Credential]]:
    """One account per role, with a fresh password each time (the demo prints them). Only
    accounts the demo created are changed: the caller has refused a database where a demo
    username belongs to an account of its own (`ownership.foreign_accounts`)."""
    users, credentials = {}, []
    for username, role, unit_code, field_codes, title, superuser in data.USERS:
        rng = random.Random(f"{SEED}:{username}")  # noqa: S311 - same names on every run, not a secret
        surname, given = person(rng)
        user = User.objects.filter(pk__in=records.ids(User), username=username).first()
        if user is None:
            user = User(username=username)
        user.last_name, user.first_name, user.title = surname, given, title
        user.email = f"{username}@{data.EMAIL_DOMAIN}"
        user.phone = phone(rng)
        user.is_active, user.is_staff, user.is_superuser = True, superuser, superuser
        password = new_password()
        user.set_password(password)
        user.save()
        records.add(user)
        user.roles.all().delete()
        unit = units[unit_code] if unit_code else None
        assignment = RoleAssignment.objects.create(user=user, role=role, unit=unit)
        assignment.fields.set(Field.objects.filter(code__in=field_codes))
        user.__dict__.pop("_role_assignments", None)
        users[username] = user
        credentials.append(Credential(username, str(Role(role).label), unit.name if unit else "—", password))
    return users, credentials
