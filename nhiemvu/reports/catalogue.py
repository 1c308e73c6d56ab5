"""The one list of reports: `nhiemvu report <name>` and the web's `/bao-cao/<slug>/` both
read it, so a report runs the same way from every door (and from the API to come).

Each kind turns a `ReportRequest` (period, as-of moment, unit, what the asker may see, its
own options) into its plain data, that data into JSON, and into a `Document` that
`writers.render` makes a file. Builders know neither HTTP nor files; bad input is a
ValidationError whose Vietnamese msgid and parameters each door says in its own way.
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from nhiemvu.compliance import appendix03
from nhiemvu.compliance.choices import PeriodicReport
from nhiemvu.reports import (
    appendix01,
    appendix02,
    charts,
    emulation,
    emulation_document,
    narrative,
    narrative_document,
    urgings,
)
from nhiemvu.reports.links import list_scope
from nhiemvu.reports.periods import Period
from nhiemvu.units.models import Unit


@dataclass(frozen=True)
class ReportRequest:
    """What a report is asked for. `scope`: the unit whose tasks (with its sub-units') it
    covers, None for all that `tasks` holds; `tasks`: what the asker may see (None: every
    task, for the CLI run by the deployment's operator); `made_at`: when it is made, later
    than `as_of` when a past moment was asked for; `options`: the report's own, by dest."""

    period: Period
    as_of: datetime
    made_at: datetime
    scope: Unit | None = None
    tasks: QuerySet | None = None
    units: QuerySet | None = None  # without a scope, the units the asker follows (None: all)
    options: dict = field(default_factory=dict)

    @property
    def date_from(self) -> date:
        return self.period.date_from

    @property
    def date_to(self) -> date:
        return self.period.date_to

    def lead_units(self) -> QuerySet | None:
        return self.units if self.scope is None else Unit.objects.subtree_of(self.scope)

    def links_to(self) -> dict | None:
        """The task-list filters that hold what the report covers, for its figures' links."""
        return list_scope(self.scope, self.units)


@dataclass(frozen=True)
class Option:
    """One option of a report: its CLI flags and argparse's arguments, and, when the web
    offers it too, the form field that asks for it (named after argparse's dest)."""

    flags: tuple[str, ...]
    kwargs: dict
    field: Callable[[], forms.Field] | None = None

    @property
    def dest(self) -> str:
        return self.kwargs.get("dest") or self.flags[0].lstrip("-").replace("-", "_")


@dataclass(frozen=True)
class ReportKind:
    name: str  # the CLI's word
    slug: str  # the web's path
    title: str
    description: str
    help: str  # the CLI's, Vietnamese then English
    run: Callable[[ReportRequest], object]
    as_data: Callable[[object], dict]
    as_document: Callable[..., object]
    needs_scope: bool = False  # a report about one unit (appendix 01: what was assigned to it)
    options: tuple[Option, ...] = ()
    chart: Callable[[object], dict | None] | None = None  # the page's chart, where one helps
    # A report a unit issues under its letterhead (reports.issuing), with the recipients it
    # goes to besides the body above the issuer and the units reported on; None for an
    # appendix, which goes with a report ("Kèm theo Báo cáo số …", seed 000).
    issued_to: tuple[str, ...] | None = None


def unit_with_code(code: str) -> Unit:
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise ValidationError(_("Không có đơn vị mã “%(code)s”"), code="unit", params={"code": code})
    return unit


def _appendix01(request: ReportRequest):
    if request.scope is None:
        raise ValidationError(
            _("Phụ lục 01 cần --unit: mã đơn vị nhận nhiệm vụ (ví dụ mã của UBND tỉnh)"), code="unit"
        )
    codes = request.options.get("assigned_by") or []
    report = appendix01.appendix01(
        scope=request.scope,
        date_from=request.date_from,
        date_to=request.date_to,
        as_of=request.as_of,
        assigned_by=[unit_with_code(code) for code in codes] if codes else None,
        tasks=request.tasks,
        carried_over=not request.options.get("no_carried_over"),
    )
    return replace(report, links_to=request.links_to())


def _appendix02(request: ReportRequest):
    options = request.options
    roll_up = options.get("roll_up")
    if roll_up and request.scope is None:
        raise ValidationError(_("--roll-up cần --unit: đơn vị có các đơn vị con làm các dòng"), code="unit")
    assigned_by = options.get("assigned_by")
    return appendix02.appendix02(
        date_from=request.date_from,
        date_to=request.date_to,
        as_of=request.as_of,
        tasks=request.tasks,
        units=request.lead_units() if not roll_up else None,
        assigned_by=unit_with_code(assigned_by) if assigned_by else None,
        counted_by=options.get("by") or appendix02.LEAD,
        rolled_up_under=request.scope if roll_up else None,
        split_no_deadline=bool(options.get("split_no_deadline")),
    )


def _narrative(request: ReportRequest):
    period = request.period
    periods = [period, period.to_date()]
    if periods[1] == period:
        periods = [period]
    report = narrative.narrative_report(
        periods=[(p.date_from, p.date_to) for p in periods],
        as_of=request.as_of,
        made_at=request.made_at,
        tasks=request.tasks,
        lead_units=request.lead_units(),
        corrected=bool(request.options.get("corrected")),  # by effective dates: the document says so
    )
    return replace(report, links_to=request.links_to())


def _emulation(request: ReportRequest):
    report = emulation.emulation_report(
        date_from=request.period.date_from,
        date_to=request.period.date_to,
        as_of=request.as_of,
        tasks=request.tasks,
        lead_units=request.lead_units(),
    )
    return replace(report, links_to=request.links_to())


def _appendix03(request: ReportRequest):
    """A report of a year: the year the period asked for belongs to (a range: its last day's);
    of the year's report sent, or of the half year's (seed 003 art. 20.2) when asked."""
    period = request.period
    return appendix03.appendix03(
        year=period.in_year or period.date_to.year,
        as_of=request.as_of,
        units=request.lead_units(),
        regulation=request.options.get("regulation") or "",
        report=PeriodicReport.HALF_YEAR if request.options.get("half_year") else PeriodicReport.YEAR,
    )


def _urgings(request: ReportRequest):
    report = urgings.urgings_report(
        date_from=request.date_from,
        date_to=request.date_to,
        as_of=request.as_of,
        units=request.lead_units(),
        tasks=request.tasks,
    )
    return replace(report, links_to=request.links_to())


_ASSIGNED_BY_HELP = "Đơn vị giao (mặc định: các đơn vị cấp trên của --unit) / the assigning unit"

REPORTS = {
    kind.name: kind
    for kind in (
        ReportKind(
            name="appendix01",
            slug="phu-luc-01",
            title=_("Phụ lục 01: nhiệm vụ cấp trên giao chưa hoàn thành"),
            description=_(
                "Nhiệm vụ do Chính phủ, Thủ tướng Chính phủ (hoặc cấp trên) giao còn đang thực hiện, "
                "theo từng văn bản, với diễn giải trạng thái và hạn xử lý."
            ),
            help="Nhiệm vụ cấp trên giao còn tồn đọng (phụ lục 01) / open tasks from above (seed 000 appendix 01)",
            run=_appendix01,
            as_data=lambda report: report.as_data(),
            as_document=appendix01.as_document,
            needs_scope=True,
            options=(
                Option(
                    ("--assigned-by",), {"action": "append", "metavar": "CODE", "help": _ASSIGNED_BY_HELP}
                ),
                Option(
                    ("--no-carried-over",),
                    {
                        "action": "store_true",
                        "help": "Bỏ nhiệm vụ giao trước --from / leave out tasks assigned before --from",
                    },
                    lambda: forms.BooleanField(label=_("Bỏ nhiệm vụ giao trước kỳ báo cáo"), required=False),
                ),
            ),
        ),
        ReportKind(
            name="appendix02",
            slug="phu-luc-02",
            title=_("Phụ lục 02: kết quả thực hiện nhiệm vụ theo đơn vị"),
            description=_(
                "Theo từng đơn vị: tổng số nhiệm vụ, hoàn thành đúng hạn, trễ hạn, chưa hoàn thành trong "
                "hạn, quá hạn; theo đơn vị chủ trì hoặc phối hợp, gộp đơn vị trực thuộc."
            ),
            help="Kết quả theo đơn vị (phụ lục 02) / per-unit results (seed 000 appendix 02)",
            run=_appendix02,
            as_data=lambda report: report.as_data(),
            as_document=appendix02.as_document,
            chart=charts.unit_chart,
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
                    lambda: forms.ChoiceField(
                        label=_("Tính theo"),
                        choices=[
                            (appendix02.LEAD, _("Đơn vị chủ trì")),
                            (appendix02.COORDINATING, _("Đơn vị phối hợp")),
                        ],
                        required=False,
                    ),
                ),
                Option(
                    ("--roll-up",),
                    {
                        "action": "store_true",
                        "help": "Mỗi dòng là một đơn vị con của --unit, gồm cả cấp dưới / rows: --unit's children with their subtrees",
                    },
                    lambda: forms.BooleanField(
                        label=_("Gộp đơn vị trực thuộc vào đơn vị cấp trên"), required=False
                    ),
                ),
                Option(
                    ("--split-no-deadline",),
                    {
                        "action": "store_true",
                        "help": "Tách “trong hạn” thành chưa đến hạn và không có hạn / split “within deadline”",
                    },
                    lambda: forms.BooleanField(label=_("Tách chưa đến hạn và không có hạn"), required=False),
                ),
            ),
        ),
        ReportKind(
            name="appendix03",
            slug="phu-luc-03",
            title=_("Phụ lục 03: chấp hành chế độ báo cáo và quy chế theo dõi"),
            description=_(
                "Theo từng đơn vị trong năm: đã gửi báo cáo năm (ngày gửi, đúng hạn hay trễ hạn), đã ban "
                "hành quy chế theo dõi tại đơn vị, ghi chú của Văn phòng."
            ),
            help="Chấp hành chế độ báo cáo (phụ lục 03) / per-unit compliance for a year (seed 000 appendix 03)",
            run=_appendix03,
            as_data=lambda report: report.as_data(),
            as_document=appendix03.as_document,
            options=(
                Option(
                    ("--regulation",),
                    {
                        "metavar": "TEXT",
                        "help": "Quy chế được chấp hành, cho tiêu đề / the regulation complied with, for the title",
                    },
                    lambda: forms.CharField(
                        label=_("Quy chế được chấp hành"),
                        required=False,
                        max_length=200,
                        help_text=_(
                            "Ví dụ: Quyết định số 270/QĐ-UBND ngày 19/3/2018 của Ủy ban nhân dân tỉnh"
                        ),
                    ),
                ),
                Option(
                    ("--half-year",),
                    {
                        "action": "store_true",
                        "help": "Báo cáo 6 tháng thay cho báo cáo năm (hạn HALF_YEAR_REPORT_DUE) / the half "
                        "year's report rather than the year's",
                    },
                    lambda: forms.BooleanField(
                        label=_("Báo cáo 6 tháng đầu năm (thay cho báo cáo năm)"), required=False
                    ),
                ),
            ),
        ),
        ReportKind(
            name="narrative",
            slug="bao-cao-ket-qua",
            title=_("Báo cáo kết quả thực hiện nhiệm vụ"),
            description=_(
                "Báo cáo bằng lời theo mẫu của Văn phòng UBND tỉnh: kỳ báo cáo và lũy kế từ đầu năm, "
                "tỷ lệ hoàn thành theo hai cách tính, đơn vị cập nhật chậm, đơn vị có nhiệm vụ quá hạn."
            ),
            help="Báo cáo kết quả (mẫu báo cáo 002) / the narrative report (seed 002)",
            run=_narrative,
            as_data=narrative.as_data,
            as_document=narrative_document.as_document,
            issued_to=(),
            options=(
                Option(
                    ("--corrected",),
                    {
                        "action": "store_true",
                        "help": "Hiệu chỉnh theo ngày hiệu lực, tính cả các cập nhật sau --as-of / corrected "
                        "by effective dates, with what was recorded after --as-of",
                    },
                    lambda: forms.BooleanField(
                        label=_(
                            "Hiệu chỉnh theo ngày hiệu lực (tính cả các cập nhật sau thời điểm lấy số liệu)"
                        ),
                        required=False,
                    ),
                ),
            ),
        ),
        ReportKind(
            name="emulation",
            slug="thi-dua",
            title=_("Số liệu thi đua: chậm trễ theo đơn vị và tháng"),
            description=_(
                "Theo từng đơn vị và tháng: nhiệm vụ quá hạn, hoàn thành trễ hạn, cập nhật kết quả "
                "chậm; xếp hạng theo tỷ lệ đúng hạn (gửi Sở Nội vụ)."
            ),
            help="Số liệu thi đua theo tháng (công văn 1196) / emulation figures (seed 001)",
            run=_emulation,
            as_data=emulation_document.as_data,
            as_document=emulation_document.as_document,
            # Seed 001 item 2: the monthly delays go to the Department of Home Affairs.
            issued_to=("Sở Nội vụ",),
        ),
        ReportKind(
            name="urgings",
            slug="don-doc-theo-don-vi",
            title=_("Đôn đốc và chuyển trả nhiệm vụ theo đơn vị"),
            description=_(
                "Theo từng đơn vị: số lần nhắc nhở, phê bình, kiểm điểm; yêu cầu giải trình đã yêu cầu và "
                "đã giải trình; nhiệm vụ chuyển trả đơn vị giao."
            ),
            help="Đôn đốc và chuyển trả theo đơn vị / urgings, explanation requests and returns per unit",
            run=_urgings,
            as_data=lambda report: report.as_data(),
            as_document=urgings.as_document,
        ),
    )
}
BY_SLUG = {kind.slug: kind for kind in REPORTS.values()}
