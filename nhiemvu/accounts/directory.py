"""The directory's stamp: who is where (users, their roles, units, fields), as the processes'
caches see it.

What a page shows of the directory is the same on every request of a user until someone
changes it: their role assignments (two queries, 1 ms of the process's CPU a request at 1M
tasks on PostgreSQL), the task list's filter form with its choices (3 ms). Gunicorn's workers
each keep such things, keyed on the stamp of DirectoryStamp's one row, which every save or
deletion of a user, role assignment, unit or field draws anew in its own transaction (model
signals: the only place every door passes through, as for the audit trail). A process reads
the stamp once a request (one plain SELECT, 0.05 ms) and sees a change at its commit.

A drawn stamp, not a counter: a transaction rolled back after drawing one leaves it unused
for ever, so what a reader inside that transaction kept under it is never found again.
Unit.save draws it and rewrites a moved subtree's paths in one transaction, so no request
sees the new stamp with the old paths.
"""

import secrets

from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save

# accounts.permissions, which reads this module, is imported before the models are (adminsite).
STAMP_TABLE = "accounts_directorystamp"


def read_stamp() -> int | None:
    """The stamp now; None when the row is missing (a flushed test database): nothing cached."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT stamp FROM {STAMP_TABLE} WHERE id = 1")  # noqa: S608
        row = cursor.fetchone()
    return row[0] if row else None


def stamp_seen_by(user, *, again: bool = False) -> int | None:
    """The stamp read once for `user`, a request's user (each request loads its own), or
    `again`."""
    if again or not hasattr(user, "_directory_stamp"):
        user._directory_stamp = read_stamp()
    return user._directory_stamp


def draw_stamp() -> None:
    """A new stamp for the directory, in the caller's transaction."""
    from nhiemvu.accounts.models import DirectoryStamp

    stamp = secrets.randbits(62)
    if not DirectoryStamp.objects.filter(pk=1).update(stamp=stamp):
        DirectoryStamp.objects.bulk_create([DirectoryStamp(pk=1)], ignore_conflicts=True)
        DirectoryStamp.objects.filter(pk=1).update(stamp=stamp)


def _changed(sender, created=False, update_fields=None, **kwargs):
    model = sender._meta.model_name
    if created and model in {"user", "unit"}:
        return  # nothing kept shows it yet: it holds no role, no role is in it
    if model == "user" and update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # a sign-in (django.contrib.auth.models.update_last_login) changes nothing shown
    draw_stamp()


def _fields_changed(sender, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        draw_stamp()


def connect() -> None:
    from nhiemvu.accounts.models import RoleAssignment, User
    from nhiemvu.units.models import Field, Unit

    for model in (User, RoleAssignment, Unit, Field):
        post_save.connect(_changed, sender=model, dispatch_uid=f"directory-save-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"directory-delete-{model.__name__}")
    m2m_changed.connect(
        _fields_changed, sender=RoleAssignment.fields.through, dispatch_uid="directory-fields"
    )
