"""Recording directive documents: one function that every door calls."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from nhiemvu.directives.models import Directive
from nhiemvu.directives.numbering import normalise, type_from_symbol
from nhiemvu.tracking import permissions


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

    `on_behalf_of` is the unit whose office records it (and will assign its tasks); `by=None`
    is the system itself. Raises ValidationError on a malformed number, a duplicate (same
    number and issue date), or a receipt before issue.
    """
    if by is not None and not permissions.can_assign_from(by, on_behalf_of):
        raise PermissionDenied(_("Bạn không có quyền nhập văn bản thay mặt đơn vị này."))
    number_symbol = normalise(number_symbol)
    directive = Directive(
        doc_type=doc_type or type_from_symbol(number_symbol),
        number_symbol=number_symbol,
        issuer=" ".join(issuer.split()),
        issuer_unit=issuer_unit,
        issued_on=issued_on,
        received_on=received_on,
        summary=summary.strip(),
        signer=signer.strip(),
        channel=channel,
        created_by=by,
    )
    directive.full_clean()
    directive.save()
    return directive
