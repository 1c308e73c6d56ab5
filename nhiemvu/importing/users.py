"""Users and their roles from a file (`nhiemvu import-users`) and back (`nhiemvu export-users`).

One row per role assignment (user_columns). New users get an e-mail with a link to set
their password, or with `print_passwords` a random password returned once; an existing
user's password is never touched, and roles the file does not list are kept. As the other
imports: every problem by row and column before anything is written, then nothing written;
a second run changes nothing and says so.
"""

import os
import smtplib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from nhiemvu.accounts import services
from nhiemvu.accounts.choices import Role
from nhiemvu.accounts.models import RoleAssignment, User
from nhiemvu.audit import services as audit
from nhiemvu.audit.choices import EventKind
from nhiemvu.importing import readers
from nhiemvu.importing import user_columns as col
from nhiemvu.importing.columns import header_key
from nhiemvu.importing.errors import ImportRejected, Issue
from nhiemvu.importing.sheets import Header, RowReader, changed_meanwhile, is_blank, write_table
from nhiemvu.messages import Message, bilingual
from nhiemvu.units.models import Field, Unit

MAX_USERNAME = User._meta.get_field("username").max_length
MAX_NAME_PART = User._meta.get_field("last_name").max_length
MAX_PHONE = User._meta.get_field("phone").max_length
MAX_TITLE = User._meta.get_field("title").max_length
MAX_EMAIL = User._meta.get_field("email").max_length


@dataclass
class UserRow:
    row: int
    username: str
    full_name: str
    email: str
    phone: str | None  # None: column left out (or blank: keep)
    title: str | None
    unit: Unit | None
    role: str | None
    fields: list[Field] | None  # None: column left out


@dataclass
class UserImportResult:
    dry_run: bool
    source_name: str = ""
    rows: int = 0
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    passwords: list[tuple[str, str]] = field(default_factory=list)  # (username, password), said once
    links_sent: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.roles)

    def summary_lines(self) -> list[str]:
        counts = {
            "name": self.source_name,
            "rows": self.rows,
            "created": len(self.created),
            "updated": len(self.updated),
            "roles": len(self.roles),
            "links": self.links_sent,
        }
        heading = (
            _("Chạy thử “%(name)s”: không ghi gì vào cơ sở dữ liệu")
            if self.dry_run
            else _("Đã nhập “%(name)s”")
        )
        lines = [heading, _("Dòng dữ liệu đã đọc: %(rows)d")]
        if not self.changed:
            lines.append(_("Không có thay đổi nào: người dùng đã đúng như trong tệp"))
        else:
            lines += [
                _("Người dùng tạo mới: %(created)d"),
                _("Người dùng cập nhật thông tin: %(updated)d"),
                _("Vai trò giao mới hoặc đổi lĩnh vực: %(roles)d"),
            ]
            if not self.dry_run and not self.passwords:
                lines.append(_("Thư có liên kết đặt mật khẩu đã gửi: %(links)d"))
        rendered = [bilingual(Message(line, **counts)) for line in lines]
        return rendered + [f"  + {label}" for label in self.created]


def _roles_by_key() -> dict[str, str]:
    roles = {header_key(role.value): role.value for role in Role}
    roles.update({header_key(col.role_label(role)): role.value for role in Role})
    return roles


def _parse(header, number, cells, lookups, issues) -> UserRow:
    units, roles, fields = lookups
    reader = RowReader(header, number, cells, issues)
    username = reader.text(col.USERNAME, max_length=MAX_USERNAME, required=True)
    if username:
        try:
            UnicodeUsernameValidator()(username)
        except ValidationError:
            reader.problem(
                col.USERNAME,
                Message(_("tên đăng nhập “%(value)s” chỉ được có chữ, số và @ . + - _"), value=username),
            )
    full_name = reader.text(col.FULL_NAME, max_length=2 * MAX_NAME_PART)  # required on a user's first row
    email = reader.text(col.EMAIL, max_length=MAX_EMAIL)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            reader.problem(col.EMAIL, Message(_("thư điện tử “%(value)s” không hợp lệ"), value=email))
    phone = reader.text(col.PHONE, max_length=MAX_PHONE)
    title = reader.text(col.TITLE, max_length=MAX_TITLE)

    unit_code = reader.text(col.UNIT_CODE)
    unit = units.get(unit_code)
    if unit_code and unit is None:
        reader.problem(
            col.UNIT_CODE,
            Message(
                _("không có đơn vị mã “%(code)s” (hãy nhập đơn vị trước: nhiemvu import-units)"),
                code=unit_code,
            ),
        )
    role_text = reader.text(col.ROLE)
    role = roles.get(header_key(role_text))
    if role_text and role is None:
        reader.problem(
            col.ROLE,
            Message(
                _("vai trò “%(value)s” không có; ghi một trong: %(roles)s"),
                value=role_text,
                roles=col.role_list(),
            ),
        )
    if unit_code and not role_text:
        reader.problem(col.ROLE, Message(_("thiếu vai trò tại đơn vị “%(code)s”"), code=unit_code))
    if role and role != Role.ADMIN and not unit_code:
        reader.problem(col.UNIT_CODE, Message(_("vai trò này cần mã đơn vị")))

    chosen = None
    if (fields_text := reader.text(col.FIELDS)) is not None:
        chosen = []
        for code in (part.strip() for part in fields_text.split(col.FIELD_SEPARATOR)):
            if not code:
                continue
            if code not in fields:
                reader.problem(col.FIELDS, Message(_("không có lĩnh vực mã “%(code)s”"), code=code))
            elif fields[code] not in chosen:
                chosen.append(fields[code])
        if chosen and role and role not in col.ROLES_WITH_FIELDS:
            labels = ", ".join(col.role_label(role) for role in col.ROLES_WITH_FIELDS)
            reader.problem(col.FIELDS, Message(_("lĩnh vực chỉ dùng với vai trò %(roles)s"), roles=labels))
    return UserRow(number, username, full_name, email or "", phone or None, title or None, unit, role, chosen)


def _check(rows, *, print_passwords: bool) -> tuple[list[UserRow], dict[str, User]]:
    header = Header.read(rows[0] if rows else None, required=col.REQUIRED, optional=col.OPTIONAL)
    lookups = (
        {unit.code: unit for unit in Unit.objects.all()},
        _roles_by_key(),
        {item.code: item for item in Field.objects.all()},
    )
    issues: list[Issue] = []
    parsed = []
    for number, cells in enumerate(rows[1:], start=2):
        if not is_blank(cells):
            parsed.append(_parse(header, number, cells, lookups, issues))
    known = {
        user.username: user for user in User.objects.filter(username__in=[data.username for data in parsed])
    }
    first: dict[str, UserRow] = {}
    assignments: dict[tuple, int] = {}
    for data in parsed:
        if not data.username:
            continue
        earlier = first.setdefault(data.username, data)
        if earlier is data and not data.full_name:
            issues.append(Issue(Message(_("thiếu giá trị (bắt buộc)")), data.row, col.FULL_NAME))
        if earlier is not data:
            for column, mine, theirs in (
                (col.FULL_NAME, data.full_name, earlier.full_name),
                (col.EMAIL, data.email, earlier.email),
                (col.PHONE, data.phone, earlier.phone),
                (col.TITLE, data.title, earlier.title),
            ):
                if mine and mine != theirs:
                    values = {"row": earlier.row, "value": theirs or ""}
                    issues.append(
                        Issue(
                            Message(_("khác dòng %(row)d của cùng người dùng (“%(value)s”)"), **values),
                            data.row,
                            column,
                        )
                    )
        key = (data.username, data.role, data.unit.pk if data.unit else None)
        if data.role and key in assignments:
            issues.append(
                Issue(
                    Message(_("vai trò này đã ghi ở dòng %(row)d"), row=assignments[key]), data.row, col.ROLE
                )
            )
        assignments.setdefault(key, data.row)
    for username, data in first.items():
        if username not in known and not data.email and not print_passwords:
            message = _(
                "người dùng mới cần thư điện tử để nhận liên kết đặt mật khẩu (hoặc dùng --print-passwords)"
            )
            issues.append(Issue(Message(message), data.row, col.EMAIL))
    if issues:
        raise ImportRejected(issues, columns=col.COLUMNS)
    return parsed, known


def _apply(
    parsed: list[UserRow], known: dict[str, User], result: UserImportResult, *, write: bool
) -> list[User]:
    """Create and update users and roles; returns the new users."""
    users, new_users, done = dict(known), [], set()
    for data in parsed:
        user = users.get(data.username)
        if data.username not in done:
            done.add(data.username)
            if user is None:
                result.created.append(f"{data.full_name} ({data.username})")
                profile = {
                    "full_name": data.full_name,
                    "email": data.email,
                    "phone": data.phone or "",
                    "title": data.title or "",
                }
                user = (
                    services.create_user(username=data.username, **profile)
                    if write
                    else User(username=data.username)
                )
                users[data.username] = user
                new_users.append(user)
            else:
                profile = {
                    "full_name": data.full_name,
                    "email": data.email or None,
                    "phone": data.phone,
                    "title": data.title,
                }
                if _profile_differs(user, **profile):
                    result.updated.append(f"{data.full_name} ({data.username})")
                    if write:
                        services.update_profile(user=user, **profile)
        if data.role is None:
            continue
        existing = (
            user.pk and RoleAssignment.objects.filter(user=user, role=data.role, unit=data.unit).first()
        )
        wanted = None if data.fields is None else {item.pk for item in data.fields}
        if not existing or (
            wanted is not None and wanted != set(existing.fields.values_list("pk", flat=True))
        ):
            result.roles.append(
                f"{data.username}: {col.role_label(data.role)} {data.unit.code if data.unit else ''}"
            )
            if write:
                services.assign_role(user=user, role=data.role, unit=data.unit, fields=data.fields)
    return new_users


def _profile_differs(user: User, *, full_name: str, email, phone, title) -> bool:
    if " ".join(full_name.split()) != " ".join(user.get_full_name().split()):
        return True
    return any(
        value is not None and getattr(user, name) != value
        for name, value in (("email", email), ("phone", phone), ("title", title))
    )


def _welcome(new_users: list[User], result: UserImportResult, *, print_passwords: bool) -> None:
    """A random password for each new user, or their password-setting links, all sent inside
    the import's transaction: if the mail server refuses, nothing is imported."""
    if print_passwords:
        result.passwords = [(user.username, services.random_password(user)) for user in new_users]
        return
    messages = [services.password_link_message(user) for user in new_users]
    if not messages:
        return
    try:
        result.links_sent = get_connection().send_messages(messages) or 0
    except (OSError, smtplib.SMTPException) as error:
        message = _(
            "không gửi được thư đặt mật khẩu (%(reason)s); kiểm tra cấu hình EMAIL_* hoặc dùng --print-passwords"
        )
        raise ImportRejected([Issue(Message(message, reason=error))], columns=col.COLUMNS) from None


def import_users(
    rows_source: str | os.PathLike | Iterable[Sequence[object]],
    *,
    dry_run: bool = False,
    print_passwords: bool = False,
    source_name: str = "",
) -> UserImportResult:
    """Import the users of a file (.xlsx/.csv path) or of rows already read (row 1 the header).
    Raises ImportRejected, listing every problem, when anything is wrong: then nothing is written."""
    if isinstance(rows_source, (str, os.PathLike)):
        source_name = source_name or Path(rows_source).name
        rows = readers.read_rows(rows_source, header=tuple(header_key(column) for column in col.REQUIRED))
    else:
        rows = [tuple(row) for row in rows_source]
    result = UserImportResult(dry_run=dry_run, source_name=source_name)
    try:
        with transaction.atomic():
            parsed, known = _check(rows, print_passwords=print_passwords)
            result.rows = len(parsed)
            new_users = _apply(parsed, known, result, write=not dry_run)
            if not dry_run:
                _welcome(new_users, result, print_passwords=print_passwords)
    except IntegrityError:  # another import wrote the same users between our check and our write
        raise changed_meanwhile() from None
    return result


def user_rows() -> list[list[object]]:
    """One row per role assignment (a user with none: one row without role), by username."""
    rows = []
    users = User.objects.order_by("username").prefetch_related("roles__unit", "roles__fields")
    for user in users:
        profile = [user.username, user.get_full_name(), user.email]
        extra = [user.phone, user.title]
        assignments = sorted(user.roles.all(), key=lambda a: (a.unit.code if a.unit else "", a.role))
        if not assignments:
            rows.append([*profile, "", "", *extra, ""])
        for assignment in assignments:
            codes = f"{col.FIELD_SEPARATOR} ".join(sorted(item.code for item in assignment.fields.all()))
            unit_code = assignment.unit.code if assignment.unit else ""
            rows.append([*profile, unit_code, col.role_label(assignment.role), *extra, codes])
    return rows


def export_users(path: str | Path, *, by=None) -> int:
    """Write every user and role to `path` in the import's columns; never a password. The
    export of personal data is a security event (TCVN 11930:2017, docs/regulations.md)."""
    rows = user_rows()
    write_table(path, sheet=col.SHEET, columns=col.COLUMNS, rows=rows, widths=col.WIDTHS)
    audit.record(
        EventKind.PERSONAL_DATA_EXPORTED, actor=by, subject=Path(path).name, details={"users": len(rows)}
    )
    return len(rows)
