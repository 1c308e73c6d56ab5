"""What puts events in the audit trail.

Logins come from Django's auth signals and django-axes' lock-out signal, so the site's login
page and the admin's are both covered. Role and account changes are caught by model signals on
purpose, against the one-door rule: the audit must see every door that can change access
(the admin's user page and its role inline, the CLI, the demo loader, a shell), and a model
signal is the only place they all pass through.
"""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from nhiemvu.accounts.models import RoleAssignment, User
from nhiemvu.audit.choices import EventKind
from nhiemvu.audit.middleware import current_request
from nhiemvu.audit.services import record

ACCOUNT_FLAGS = ("is_active", "is_staff", "is_superuser")


def _acting_user():
    request = current_request()
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


@receiver(user_logged_in)
def _login_succeeded(sender, request, user, **kwargs):
    record(EventKind.LOGIN_SUCCEEDED, actor=user, subject=user, request=request)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))
    record(
        EventKind.LOGIN_FAILED, actor=None, subject=username, request=request, details={"username": username}
    )


@receiver(user_locked_out)
def _locked_out(sender, request, username, ip_address, **kwargs):
    record(
        EventKind.LOCKED_OUT,
        actor=None,
        subject=username or "",
        request=request,
        details={"username": username, "ip_address": ip_address},
    )


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    record(EventKind.LOGGED_OUT, actor=user, subject=user, request=request)


def _role_details(assignment: RoleAssignment) -> dict:
    return {"role": assignment.role, "unit": str(assignment.unit) if assignment.unit_id else ""}


@receiver(pre_save, sender=RoleAssignment)
def _remember_role(sender, instance, raw=False, **kwargs):
    before = None if raw or instance.pk is None else RoleAssignment.objects.filter(pk=instance.pk).first()
    instance._audit_before = _role_details(before) if before else None


@receiver(post_save, sender=RoleAssignment)
def _role_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    after = _role_details(instance)
    before = getattr(instance, "_audit_before", None)
    if created or before is None:
        record(EventKind.ROLE_ADDED, actor=_acting_user(), subject=instance.user, details=after)
    elif before != after:
        changes = {key: [before[key], after[key]] for key in after if before[key] != after[key]}
        record(EventKind.ROLE_CHANGED, actor=_acting_user(), subject=instance.user, details=changes)


@receiver(post_delete, sender=RoleAssignment)
def _role_removed(sender, instance, origin=None, **kwargs):
    user = User.objects.filter(pk=instance.user_id).first()
    # When the user himself is being deleted, name him without a link the deletion would break.
    subject = user.get_username() if isinstance(origin, User) or user is None else user
    record(EventKind.ROLE_REMOVED, actor=_acting_user(), subject=subject, details=_role_details(instance))


@receiver(m2m_changed, sender=RoleAssignment.fields.through)
def _role_fields_changed(sender, instance, action, reverse, **kwargs):
    if reverse or action not in {"post_add", "post_remove", "post_clear"}:
        return
    fields = sorted(str(field) for field in instance.fields.all())
    record(EventKind.ROLE_CHANGED, actor=_acting_user(), subject=instance.user, details={"fields": fields})


@receiver(pre_save, sender=get_user_model())
def _remember_flags(sender, instance, raw=False, update_fields=None, **kwargs):
    instance._audit_flags = None
    if (
        raw
        or instance.pk is None
        or (update_fields is not None and not set(update_fields) & set(ACCOUNT_FLAGS))
    ):
        return
    instance._audit_flags = sender.objects.filter(pk=instance.pk).values(*ACCOUNT_FLAGS).first()


@receiver(post_save, sender=get_user_model())
def _account_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_audit_flags", None)
    if created:
        before = dict.fromkeys(ACCOUNT_FLAGS, False) | {"is_active": True}
    if before is not None:
        changes = {flag: [before[flag], getattr(instance, flag)] for flag in ACCOUNT_FLAGS}
        changes = {flag: values for flag, values in changes.items() if values[0] != values[1]}
        if changes:
            record(EventKind.USER_FLAGS_CHANGED, actor=_acting_user(), subject=instance, details=changes)
    # Django sets `_password` in set_password() and clears it after the save; a rehash on login
    # clears it before saving, so this is a real change of password.
    if not created and instance._password is not None:
        record(EventKind.PASSWORD_CHANGED, actor=_acting_user(), subject=instance)
