"""Attached files: what may be uploaded, and how a file is handed to a user who may see it.

Allowed: the documents offices exchange (PDF, Word, Excel, old and new formats) and scans
(PNG, JPEG). Not ZIP, nor anything that runs or renders in a browser (HTML, SVG): an archive
hides its content from the check, and a page served from our origin could run script.
A file must have an allowed extension and start with that format's signature; the content
type is taken from the extension, never from what the browser claims.
"""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from nhiemvu.accounts import permissions

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 and Excel 97-2003
_ZIP = b"PK\x03\x04"  # Office Open XML (.docx, .xlsx)

# extension: (content type, file signature)
ALLOWED_TYPES = {
    ".pdf": ("application/pdf", b"%PDF-"),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _ZIP),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ZIP),
    ".doc": ("application/msword", _OLE),
    ".xls": ("application/vnd.ms-excel", _OLE),
    ".png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
}


def check_upload(uploaded) -> str:
    """The content type of an acceptable upload; ValidationError (in Vietnamese) otherwise."""
    extension = Path(uploaded.name).suffix.lower()
    if extension not in ALLOWED_TYPES:
        raise ValidationError(
            _("Chỉ nhận tệp %(types)s.")
            % {"types": ", ".join(sorted({e.lstrip(".") for e in ALLOWED_TYPES}))}
        )
    limit = settings.UPLOAD_MAX_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            _("Tệp lớn hơn giới hạn %(limit)s MB.") % {"limit": round(limit / 1024 / 1024, 1)}
        )
    content_type, signature = ALLOWED_TYPES[extension]
    uploaded.seek(0)
    head = uploaded.read(len(signature))
    uploaded.seek(0)
    if head != signature:
        raise ValidationError(
            _("Nội dung tệp không đúng định dạng %(ext)s.") % {"ext": extension.lstrip(".")}
        )
    return content_type


def may_attach(user, directive) -> bool:
    """Who entered the directive, and administrators, attach its files."""
    return permissions.is_admin(user) or (user.is_authenticated and directive.created_by_id == user.pk)


@transaction.atomic
def attach_file(*, directive, by, uploaded):
    """Stores `uploaded` with the directive, recording who uploaded it, its type and size."""
    from nhiemvu.directives.models import DirectiveAttachment

    if not may_attach(by, directive):
        raise PermissionDenied(_("Bạn không có quyền đính kèm tệp vào văn bản này."))
    return store_upload(DirectiveAttachment(directive=directive), by=by, uploaded=uploaded)


def store_upload(attachment, *, by, uploaded):
    """Checks `uploaded` and saves it as `attachment` (a directive's or a task event's file)
    with its upload record: the user's file name, the type from the check, size, uploader."""
    attachment.content_type = check_upload(uploaded)
    attachment.name = Path(uploaded.name).name[:255]
    attachment.size = uploaded.size
    attachment.uploaded_by = by
    attachment.file.save(uploaded.name, uploaded, save=False)
    attachment.save()
    return attachment


def file_response(stored_file, *, name: str, content_type: str) -> HttpResponse:
    """The file itself (FileResponse), or for production the header that lets the reverse
    proxy send it (`FILE_SENDING=x-accel` for nginx, `x-sendfile` for Apache)."""
    if settings.FILE_SENDING == "x-accel":
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.X_ACCEL_LOCATION.rstrip("/") + "/" + stored_file.name
    elif settings.FILE_SENDING == "x-sendfile":
        response = HttpResponse(content_type=content_type)
        response["X-Sendfile"] = stored_file.path
    else:
        return FileResponse(
            stored_file.open("rb"), as_attachment=True, filename=name, content_type=content_type
        )
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response
