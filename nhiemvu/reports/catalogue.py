"""The one list of reports: `nhiemvu report <name>` and the web's `/bao-cao/<slug>/` both
read it, so a report runs the same way from every door (and from the API to come).

Each kind turns a `ReportRequest` (period, as-of moment, scope, what the asker may see)
into its plain data, that data into JSON, and into a `Document` for the file writers.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from nhiemvu.reports import appendix01, emulation, narrative
from nhiemvu.reports.periods import Period
from nhiemvu.units.models import Unit


@dataclass(frozen=True)
class ReportRequest:
    """What a report is asked for. `scope`: the unit whose tasks (with its sub-units') it
    covers, None for all that `tasks` holds; `tasks`: what the asker may see (None: every
    task, for the CLI run by the deployment's operator); `made_at`: when it is made, which
    is `as_of` unless a past moment was asked for."""

    period: Period
    as_of: datetime
    made_at: datetime
    scope: Unit | None = None
    tasks: QuerySet | None = None
    options: dict = field(default_factory=dict)

    def lead_units(self) -> QuerySet | None:
        return None if self.scope is None else Unit.objects.filter(path__startswith=self.scope.path)


@dataclass(frozen=True)
class ReportKind:
    name: str  # the CLI's word
    slug: str  # the web's path
    title: str
    description: str
    run: Callable[[ReportRequest], object]
    as_data: Callable[[object], dict]
    as_document: Callable[..., object]
    needs_scope: bool = False  # a report about one unit (appendix 01: what was assigned to it)


def _appendix01(request: ReportRequest):
    return appendix01.appendix01(
        scope=request.scope,
        date_from=request.period.date_from,
        date_to=request.period.date_to,
        as_of=request.as_of,
        tasks=request.tasks,
    )


def _narrative(request: ReportRequest):
    period = request.period
    periods = [period, period.to_date()]
    if periods[1] == period:
        periods = [period]
    return narrative.narrative_report(
        periods=[(p.date_from, p.date_to) for p in periods],
        as_of=request.as_of,
        made_at=request.made_at,
        tasks=request.tasks,
        lead_units=request.lead_units(),
        corrected=bool(request.options.get("corrected")),  # by effective dates: the document says so
    )


def _emulation(request: ReportRequest):
    return emulation.emulation_report(
        date_from=request.period.date_from,
        date_to=request.period.date_to,
        as_of=request.as_of,
        tasks=request.tasks,
        lead_units=request.lead_units(),
    )


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
            run=_appendix01,
            as_data=lambda report: report.as_data(),
            as_document=appendix01.as_document,
            needs_scope=True,
        ),
        ReportKind(
            name="narrative",
            slug="bao-cao-ket-qua",
            title=_("Báo cáo kết quả thực hiện nhiệm vụ"),
            description=_(
                "Báo cáo bằng lời theo mẫu của Văn phòng UBND tỉnh: kỳ báo cáo và lũy kế từ đầu năm, "
                "tỷ lệ hoàn thành theo hai cách tính, đơn vị cập nhật chậm, đơn vị có nhiệm vụ quá hạn."
            ),
            run=_narrative,
            as_data=narrative.as_data,
            as_document=narrative.as_document,
        ),
        ReportKind(
            name="emulation",
            slug="thi-dua",
            title=_("Số liệu thi đua: chậm trễ theo đơn vị và tháng"),
            description=_(
                "Theo từng đơn vị và tháng: nhiệm vụ quá hạn, hoàn thành trễ hạn, cập nhật kết quả "
                "chậm; xếp hạng theo tỷ lệ đúng hạn (gửi Sở Nội vụ)."
            ),
            run=_emulation,
            as_data=emulation.as_data,
            as_document=emulation.as_document,
        ),
    )
}
BY_SLUG = {kind.slug: kind for kind in REPORTS.values()}
