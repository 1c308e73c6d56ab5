"""A report as the document a unit issues, ready for its head to sign: the one step the CLI
and the web take between a report's data and its file.

The narrative report (seed 002) and the emulation figures (seed 001) are reports a unit
issues: a "BÁO CÁO" under the issuing unit's letterhead, its "Nơi nhận" and its head's
signature block (Decree 30/2020/NĐ-CP, reports.letterhead), the signer's name left blank for
the clerk. The appendices are attachments ("Kèm theo Báo cáo số … ngày …", seed 000): they
keep their heading lines and carry no letterhead, whoever issues the report they go with.
"""

from dataclasses import replace
from datetime import date

from django.utils.translation import gettext as _

from nhiemvu.reports.catalogue import ReportKind
from nhiemvu.reports.document import Document, Paragraph
from nhiemvu.reports.letterhead import TOP_OF_BRANCH, abbreviation, letterhead_for, signature_for
from nhiemvu.units.models import Unit

DOCUMENT_TYPE = "BÁO CÁO"


def is_issued(kind: ReportKind) -> bool:
    return kind.issued_to is not None


def issued_document(kind: ReportKind, data, *, issuer: Unit | None, day: date) -> Document:
    """`data` (what `kind.run` returned) as its document; issued by `issuer` on `day` when
    `kind` is a report a unit issues and an issuer is given. The summary is the report's
    title for its period (the document's second heading line: its first is the type); the
    heading lines after it ("(Kỳ báo cáo: …)", the corrected figures' statement), which a
    letterhead does not print, open the body instead."""
    document = kind.as_document(data)
    if issuer is None or not is_issued(kind):
        return document
    return replace(
        document,
        letterhead=letterhead_for(issuer, document_type=DOCUMENT_TYPE, summary=document.heading[1], day=day),
        recipients=recipients(kind, issuer),
        signature=signature_for(issuer),
        blocks=[*(Paragraph(line, style="note") for line in document.heading[2:]), *document.blocks],
    )


def recipients(kind: ReportKind, issuer: Unit) -> list[str]:
    """Seed 002's "Nơi nhận": the body above the issuer (none for the top of a branch, as in
    its letterhead), for its information ("b/c"), the units reported on, the report's own,
    and the issuer's archive ("Lưu: VT, …")."""
    above = [f"{issuer.parent.name} (b/c)"] if issuer.parent_id and issuer.kind not in TOP_OF_BRANCH else []
    return [
        *above,
        _("Các cơ quan, đơn vị có tên trong báo cáo"),
        *kind.issued_to,
        f"Lưu: VT, {abbreviation(issuer)}",
    ]
