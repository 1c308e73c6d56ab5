"""The reports that become documents, as the doors offer them: one entry per report.

Each entry says how to read its own options, how to build the report's plain data from a
`Request` (period, moment, unit, options) and how to turn that data into a Document, which
`writers.render` makes a file. `nhiemvu report <name>` is built from this table, so a new
report (the narrative of seed 002, the emulation figures of seed 001) is one more entry.

Builders know neither HTTP nor files; bad input is a ValidationError whose Vietnamese msgid
and parameters the door says in its own way.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from nhiemvu.reports import appendix01, appendix02
from nhiemvu.reports.document import Document
from nhiemvu.units.models import Unit


@dataclass(frozen=True)
class Request:
    date_from: date
    date_to: date
    as_of: datetime
    unit: Unit | None = None
    options: dict = field(default_factory=dict)  # the report's own options, by dest name


@dataclass(frozen=True)
class Option:
    """One option of a report, in argparse's terms."""

    flags: tuple[str, ...]
    kwargs: dict


@dataclass(frozen=True)
class DocumentReport:
    help: str
    build: Callable[[Request], Any]  # the report's plain data, with as_data() for JSON
    document: Callable[[Any], Document]
    options: tuple[Option, ...] = ()


def unit_with_code(code: str) -> Unit:
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise ValidationError(_("Không có đơn vị mã “%(code)s”"), code="unit", params={"code": code})
    return unit


def _appendix01(request: Request) -> appendix01.Appendix01:
    if request.unit is None:
        raise ValidationError(
            _("Phụ lục 01 cần --unit: mã đơn vị nhận nhiệm vụ (ví dụ mã của UBND tỉnh)"), code="unit"
        )
    codes = request.options.get("assigned_by") or []
    return appendix01.appendix01(
        scope=request.unit,
        date_from=request.date_from,
        date_to=request.date_to,
        as_of=request.as_of,
        assigned_by=[unit_with_code(code) for code in codes] if codes else None,
        carried_over=not request.options.get("no_carried_over"),
    )


def _appendix02(request: Request) -> appendix02.Appendix02:
    options = request.options
    roll_up = options.get("roll_up")
    if roll_up and request.unit is None:
        raise ValidationError(_("--roll-up cần --unit: đơn vị có các đơn vị con làm các dòng"), code="unit")
    assigned_by = options.get("assigned_by")
    return appendix02.appendix02(
        date_from=request.date_from,
        date_to=request.date_to,
        as_of=request.as_of,
        units=Unit.objects.subtree_of(request.unit) if request.unit is not None and not roll_up else None,
        assigned_by=unit_with_code(assigned_by) if assigned_by else None,
        counted_by=options.get("by") or appendix02.LEAD,
        rolled_up_under=request.unit if roll_up else None,
        split_no_deadline=bool(options.get("split_no_deadline")),
    )


REPORTS: dict[str, DocumentReport] = {
    "appendix01": DocumentReport(
        help="Nhiệm vụ cấp trên giao còn tồn đọng (phụ lục 01) / open tasks from above (seed 000 appendix 01)",
        build=_appendix01,
        document=appendix01.as_document,
        options=(
            Option(
                ("--assigned-by",),
                {
                    "action": "append",
                    "metavar": "CODE",
                    "help": "Đơn vị giao (mặc định: các đơn vị cấp trên của --unit) / the assigning unit",
                },
            ),
            Option(
                ("--no-carried-over",),
                {
                    "action": "store_true",
                    "help": "Bỏ nhiệm vụ giao trước --from / leave out tasks assigned before --from",
                },
            ),
        ),
    ),
    "appendix02": DocumentReport(
        help="Kết quả theo đơn vị (phụ lục 02) / per-unit results (seed 000 appendix 02)",
        build=_appendix02,
        document=appendix02.as_document,
        options=(
            Option(
                ("--assigned-by",),
                {
                    "metavar": "CODE",
                    "help": "Chỉ nhiệm vụ do đơn vị này giao / only tasks this unit assigned",
                },
            ),
            Option(
                ("--by",),
                {
                    "choices": (appendix02.LEAD, appendix02.COORDINATING),
                    "default": appendix02.LEAD,
                    "help": "Tính theo đơn vị chủ trì hoặc phối hợp / count by lead or coordinating unit",
                },
            ),
            Option(
                ("--roll-up",),
                {
                    "action": "store_true",
                    "help": "Mỗi dòng là một đơn vị con của --unit, gồm cả cấp dưới / rows: --unit's children with their subtrees",
                },
            ),
            Option(
                ("--split-no-deadline",),
                {
                    "action": "store_true",
                    "help": "Tách “trong hạn” thành chưa đến hạn và không có hạn / split “within deadline”",
                },
            ),
        ),
    ),
}
