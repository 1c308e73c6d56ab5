"""Creating users and giving them roles: one door for `nhiemvu import-users`, the web and the admin.

A new user never gets a password from the person who creates them: either a link to set it
(Django's password-reset tokens, valid PASSWORD_RESET_TIMEOUT) or a random one said once.
"""

import secrets

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from nhiemvu.accounts import permissions
from nhiemvu.accounts.choices import Role
from nhiemvu.accounts.models import RoleAssignment, User
from nhiemvu.units.models import Field, Unit

# Printed once by `import-users --print-passwords`: 16 URL-safe characters (96 bits).
RANDOM_PASSWORD_BYTES = 12


def split_full_name(full_name: str) -> tuple[str, str]:
    """(family and middle names, given name) of a Vietnamese full name: "Nguyễn Văn An" is
    last_name "Nguyễn Văn", first_name "An", so User.get_full_name gives it back."""
    parts = full_name.split()
    if not parts:
        return "", ""
    return " ".join(parts[:-1]), parts[-1]


def _require_user_manager(by) -> None:
    if by is not None and not permissions.is_admin(by):
        raise PermissionDenied(_("Chỉ quản trị hệ thống được thêm người dùng, giao vai trò."))


@transaction.atomic
def create_user(
    *, username: str, full_name: str, email: str = "", phone: str = "", title: str = "", by=None
) -> User:
    """A new user with no usable password yet: see set_password_link and random_password."""
    _require_user_manager(by)
    last_name, first_name = split_full_name(full_name)
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        phone=phone,
        title=title,
    )
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    return user


@transaction.atomic
def update_profile(
    *,
    user: User,
    full_name: str,
    email: str | None = None,
    phone: str | None = None,
    title: str | None = None,
    by=None,
) -> bool:
    """Name, e-mail, phone and title of an existing user (None: left as is); never the
    password. The name is compared as a whole, so a name split otherwise in the admin stays.
    True if anything changed."""
    _require_user_manager(by)
    values = {
        name: value
        for name, value in (("email", email), ("phone", phone), ("title", title))
        if value is not None
    }
    if " ".join(full_name.split()) != " ".join(user.get_full_name().split()):
        values["last_name"], values["first_name"] = split_full_name(full_name)
    values = {name: value for name, value in values.items() if getattr(user, name) != value}
    if not values:
        return False
    for name, value in values.items():
        setattr(user, name, value)
    user.full_clean(exclude=["password"], validate_unique=False)
    user.save(update_fields=list(values))
    return True


@transaction.atomic
def assign_role(
    *, user: User, role: Role, unit: Unit | None, fields: list[Field] | None = None, by=None
) -> tuple[RoleAssignment, bool]:
    """`user` holds `role` in `unit`; `fields` (None: leave as they are) narrow a leader's or
    office desk's scope. Returns (assignment, changed)."""
    _require_user_manager(by)
    assignment, created = RoleAssignment.objects.get_or_create(user=user, role=role, unit=unit)
    changed = created
    if fields is not None:
        wanted = {field.pk for field in fields}
        if wanted != set(assignment.fields.values_list("pk", flat=True)):
            assignment.fields.set(fields)
            changed = True
    return assignment, changed


@transaction.atomic
def remove_role(*, assignment: RoleAssignment, by=None) -> None:
    """The user no longer holds the role in that unit (the audit trail records it)."""
    _require_user_manager(by)
    assignment.delete()


def random_password(user: User) -> str:
    """Give `user` a random password and return it (to be shown once, never stored in clear)."""
    password = secrets.token_urlsafe(RANDOM_PASSWORD_BYTES)
    user.set_password(password)
    user.save(update_fields=["password"])
    return password


def set_password_link(user: User) -> str:
    """The address where `user` chooses a password (Django's password-reset confirmation)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return settings.SITE_URL.rstrip("/") + path


def password_link_message(user: User) -> EmailMessage:
    """The e-mail that welcomes a new user with their password-setting link."""
    values = {"name": user.get_full_name() or user.username, "username": user.username}
    subject = _("Tài khoản của bạn trên hệ thống theo dõi nhiệm vụ")
    body = _(
        "Kính gửi %(name)s,\n\nTài khoản “%(username)s” của bạn đã được tạo. Hãy mở liên kết sau để đặt "
        "mật khẩu:\n\n%(link)s\n\nLiên kết chỉ dùng được một lần và hết hạn sau %(days)d ngày."
    ) % {**values, "link": set_password_link(user), "days": settings.PASSWORD_RESET_TIMEOUT // 86400}
    return EmailMessage(subject, body, to=[user.email])
