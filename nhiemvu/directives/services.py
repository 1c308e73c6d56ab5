"""Recording directive documents: one function that every door calls."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from nhiemvu.accounts.choices import Role
from nhiemvu.accounts.permissions import unit_scope
from nhiemvu.directives.models import Directive, SecretEntry
from nhiemvu.directives.numbering import normalise, type_from_symbol
from nhiemvu.text import normalise_text
from nhiemvu.tracking import permissions
from nhiemvu.units.models import Unit


@transaction.atomic
def register_directive(
    *,
    by,
    on_behalf_of,
    number_symbol: str,
    issuer: str,
    issued_on,
    summary: str,
    channel,
    received_on=None,
    signer: str = "",
    doc_type=None,
    issuer_unit=None,
) -> Directive:
    """Seed 003 art. 5.1.a, seed 004 art. 5.1.a: the office records the directive's number and
    symbol, issuer, summary, issue and receipt dates, before splitting it into tasks.

    `on_behalf_of` is the unit whose office received it, records it and will assign its
    tasks: its receiving unit, whose desks all see it waiting (tracking.agenda); `by=None`
    is the system itself. Raises ValidationError on a malformed number, a duplicate (same
    number and issue date), or a receipt before issue.
    """
    if by is not None and not permissions.can_assign_from(by, on_behalf_of):
        raise PermissionDenied(_("Bạn không có quyền nhập văn bản thay mặt đơn vị này."))
    directive = build_directive(
        by=by,
        number_symbol=number_symbol,
        issuer=issuer,
        issued_on=issued_on,
        summary=summary,
        channel=channel,
        received_on=received_on,
        signer=signer,
        doc_type=doc_type,
        issuer_unit=issuer_unit,
        receiving_unit=on_behalf_of,
    )
    directive.save()
    return directive


def build_directive(
    *,
    by,
    number_symbol: str,
    issuer: str,
    issued_on,
    summary: str,
    channel,
    received_on=None,
    signer: str = "",
    doc_type=None,
    issuer_unit=None,
    receiving_unit=None,
    check_database: bool = True,
) -> Directive:
    """The directive normalised and validated, unsaved: what register_directive saves and the
    importer bulk-creates. `receiving_unit`: the unit whose office received it and assigns
    its tasks (the entry form's and the import's assigning unit). `check_database=False`
    skips the queries of validation (the duplicate, the related rows exist) for a caller that
    has loaded them itself, thousands of directives at a time. Text is normalised as every import normalises it
    (nhiemvu.text.normalise_text). Raises ValidationError."""
    number_symbol = normalise(number_symbol)
    directive = Directive(
        doc_type=doc_type or type_from_symbol(number_symbol),
        number_symbol=number_symbol,
        issuer=normalise_text(issuer),
        issuer_unit=issuer_unit,
        receiving_unit=receiving_unit,
        issued_on=issued_on,
        received_on=received_on,
        summary=normalise_text(summary, multiline=True),
        signer=normalise_text(signer),
        channel=channel,
        created_by=by,
    )
    directive.search_text = directive.compute_search_text()  # bulk_create does not call save()
    directive.full_clean(
        exclude=() if check_database else ("issuer_unit", "receiving_unit", "created_by"),
        validate_unique=check_database,
        validate_constraints=check_database,
    )
    return directive


def visible_directives(user, directives=None):
    """The directives `user` may see, of `directives` (all by default): those with a task
    they may see (tracking.permissions.task_scope decides), those a unit of theirs (or one
    below it) issued, or received and has not yet assigned, and those they entered
    themselves; administrators see all."""
    directives = Directive.objects.all() if directives is None else directives
    if not user.is_authenticated or not user.is_active:
        return directives.none()
    if permissions.is_admin(user):
        return directives
    from nhiemvu.tracking.models import Task  # tasks belong to directives

    seen_tasks = Task.objects.filter(permissions.task_scope(user), directive=OuterRef("pk"))
    scope = Q(created_by=user) | Q(Exists(seen_tasks))
    units = unit_scope(user)
    if units is not None:
        own_units = Unit.objects.filter(units)
        # Received and not yet assigned, a directive is its receiving unit's to assign (its
        # office's agenda); once it has tasks, they decide, within a leader's fields.
        unassigned = ~Exists(Task.objects.filter(directive=OuterRef("pk")))
        scope |= Q(issuer_unit__in=own_units) | (Q(receiving_unit__in=own_units) & unassigned)
    return directives.filter(scope)


def secret_register_enabled() -> bool:
    """Seed 004 art. 5.2: a body may keep its secret register on paper only; then
    `SECRET_REGISTER_ENABLED=false` removes it from the system (no admin, no screen)."""
    return settings.SECRET_REGISTER_ENABLED


def may_keep_secret_register(user) -> bool:
    """Who adds and edits register lines: the office's desk officers (the unit that keeps the
    register, seed 003 art. 5.2) and system administrators. They edit only the lines they are
    on the list of, like everyone else; the other users on a line's list only read it."""
    if not user.is_authenticated or not user.is_active:
        return False
    return permissions.is_admin(user) or user.roles.filter(role=Role.OFFICE_DESK).exists()


@transaction.atomic
def save_secret_entry(*, by, entry: SecretEntry | None = None, allowed_users, **fields) -> SecretEntry:
    """Adds (entry=None) or edits a register line: number, date, secrecy, lead unit, due and
    completion dates, and who may see it (seed 003 art. 5.2). Whoever saves it stays on its
    list, so that nobody records a line they could not find again."""
    if not secret_register_enabled() or not may_keep_secret_register(by):
        raise PermissionDenied(_("Bạn không có quyền ghi sổ theo dõi văn bản mật."))
    if entry is None:
        entry = SecretEntry()
    elif not SecretEntry.objects.visible_to(by).filter(pk=entry.pk).exists():
        raise PermissionDenied(_("Bạn không có quyền ghi sổ theo dõi văn bản mật."))
    for name, value in fields.items():
        setattr(entry, name, value)
    entry.number_symbol = normalise(entry.number_symbol)
    entry.full_clean(exclude=["allowed_users"])
    entry.save()
    entry.allowed_users.set({*allowed_users, by})
    return entry
