"""Files attached to a task's progress update, completion (seed 000 III.1: the issued or
signed document) or a coordinating unit's contribution, checked and served as directives'
files are (directives.attachments)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from nhiemvu.directives.attachments import store_upload
from nhiemvu.tracking import permissions
from nhiemvu.tracking.choices import EventKind
from nhiemvu.tracking.models import TaskEventAttachment
from nhiemvu.tracking.permissions import Action


@transaction.atomic
def attach_to_event(*, event, by, uploaded) -> TaskEventAttachment:
    """Stores `uploaded` with `event`, recording who uploaded it, its type and size. Who may
    update the task's progress attaches its documents; who reports for a coordinating unit,
    those of that unit's contribution."""
    if event.kind == EventKind.CONTRIBUTED:
        allowed = permissions.can(by, Action.CONTRIBUTE, event.task, unit=event.contributing_unit)
    else:
        allowed = permissions.can(by, Action.UPDATE_PROGRESS, event.task)
    if not allowed:
        raise PermissionDenied(_("Bạn không có quyền đính kèm tệp vào nhiệm vụ này."))
    return store_upload(TaskEventAttachment(event=event), by=by, uploaded=uploaded)
