"""The narrative report (seed 002, reports.narrative) as a document: its sentences "x/y nhiệm
vụ, chiếm z%" at every level of the breakdown, both rates, the units behind the shortcomings,
and, on screen, each figure a link to the task list behind it (reports.links)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nhiemvu.dates import format_date
from nhiemvu.reports.captions import extraction_line, moment_text, period_label, unit_table
from nhiemvu.reports.delays import UnitCount
from nhiemvu.reports.document import Document, Linked, Paragraph, figure, linked, titled
from nhiemvu.reports.links import day_param, for_unit, moment_param
from nhiemvu.reports.narrative import NarrativeReport, PeriodFigures
from nhiemvu.reports.percent import RATE_OVER_DUE, breakdown, format_count, linked_share

# The marks seed 002 puts before its items ("-" then "+"), and two more for the deeper levels.
ITEM_MARKS = ("-", "+", "•", "·")


def _item(content: str | Linked, level: int) -> Paragraph:
    line = linked("%(mark)s %(content)s", {"mark": ITEM_MARKS[level], "content": content})
    return Paragraph.of(line, style="item", level=level)


# Per level of PeriodFigures.shares: the task-list timeliness of each part, and of the whole
# (tracking.filters.TaskFilterSet, reports.services.TIMELINESS_GROUPS).
SHARE_LISTS = {
    "total": (("done", "open"), "counted"),
    "completed": (("done_on_time", "done_late"), "done"),
    "open": (("open_within_deadline", "open_overdue"), "open"),
    "within_deadline": (("open_not_due", "open_no_deadline"), "open_within_deadline"),
}


def _period_links(report: NarrativeReport, p: PeriodFigures, *, as_counted: bool = True) -> dict | None:
    """The task list of the period's tasks as the figures count them: as known at the moment
    or, corrected, on its day by effective dates with what was recorded up to when the report
    was made (`corrected_until`, the report's own corrections); `as_counted=False`: as known
    at the moment, whatever the report. None without links."""
    if report.links_to is None:
        return None
    links = report.links_to | {
        "assigned_from": day_param(p.date_from),
        "assigned_to": day_param(p.date_to),
        "as_of": moment_param(report.as_of),
    }
    if report.corrected and as_counted:
        links["corrected_until"] = moment_param(report.made_at)
    return links


def _units(count: int, link: dict | None) -> Linked:
    """A count of units, linked to the list of their tasks, which its title says."""
    title = _("Danh sách nhiệm vụ của %(units)s đơn vị này") % {"units": format_count(count)}
    return figure(format_count(count), titled(link, title))


# Seed 002's lines, in its order: (text, level, breakdown, share of it).
RESULT_LINES = [
    (gettext_lazy("Số nhiệm vụ đã hoàn thành: %(share)s"), 1, "total", 0),
    (
        gettext_lazy("Hoàn thành đúng hạn (bao gồm cả nhiệm vụ hoàn thành không giao hạn): %(share)s %(of)s"),
        2,
        "completed",
        0,
    ),
    (gettext_lazy("Hoàn thành quá hạn: %(share)s %(of)s"), 2, "completed", 1),
    (gettext_lazy("Số nhiệm vụ chưa hoàn thành: %(share)s"), 1, "total", 1),
    (gettext_lazy("Trong hạn: %(share)s %(of)s"), 2, "open", 0),
    (gettext_lazy("Chưa đến hạn: %(share)s %(of)s"), 3, "within_deadline", 0),
    (gettext_lazy("Không giao hạn: %(share)s %(of)s"), 3, "within_deadline", 1),
    (gettext_lazy("Trễ hạn: %(share)s %(of)s"), 2, "open", 1),
]
OF = {
    "total": "",
    "completed": gettext_lazy("tổng số nhiệm vụ đã hoàn thành"),
    "open": gettext_lazy("tổng số nhiệm vụ chưa hoàn thành"),
    "within_deadline": gettext_lazy("số nhiệm vụ trong hạn"),
}


def _results(number: str, p: PeriodFigures, report: NarrativeReport) -> list:
    shares = p.shares()
    base = _period_links(report, p)

    def tasks(timeliness: str) -> dict | None:
        return None if base is None else base | {"timeliness": timeliness}

    def share(name: str, index: int) -> Linked:
        parts, whole = SHARE_LISTS[name]
        return linked_share(*shares[name][index], (tasks(parts[index]), tasks(whole)))

    blocks = [
        Paragraph(
            _("%(number)s. Kết quả thực hiện nhiệm vụ %(period)s:")
            % {"number": number, "period": period_label(p.date_from, p.date_to)},
            style="heading",
        ),
        _item(
            linked(
                _(
                    "Tổng số nhiệm vụ được giao (từ ngày %(from)s đến ngày %(to)s): %(total)s nhiệm vụ "
                    "giao cho %(units)s cơ quan, đơn vị. Trong đó:"
                ),
                {
                    "from": format_date(p.date_from),
                    "to": format_date(p.date_to),
                    "total": figure(format_count(p.totals.total), tasks("counted")),
                    "units": _units(p.units, tasks("counted")),
                },
            ),
            0,
        ),
        *(
            _item(linked(str(text), {"share": share(name, index), "of": OF[name]}), level)
            for text, level, name, index in RESULT_LINES
        ),
    ]
    if report.made_at > report.as_of:
        # Corrected, these tasks are among the completed ones; otherwise among the open ones.
        within, after = (p.completed, 4) if report.corrected else (p.open, len(blocks))
        text = (
            _(
                "Trong số nhiệm vụ đã hoàn thành, hoàn thành đến ngày %(day)s nhưng cập nhật trên hệ thống "
                "sau thời điểm trích xuất (tính đến %(made_at)s): %(share)s %(of)s"
            )
            if report.corrected
            else _(
                "Trong số nhiệm vụ chưa hoàn thành, đã hoàn thành đến ngày %(day)s nhưng cập nhật trên hệ "
                "thống sau thời điểm trích xuất (tính đến %(made_at)s): %(share)s %(of)s"
            )
        )
        part = breakdown([p.completed_unrecorded, within - p.completed_unrecorded])[0]
        known = _period_links(report, p, as_counted=False)
        unrecorded = None if known is None else known | {"recorded_after_until": moment_param(report.made_at)}
        line = linked(
            text,
            {
                "day": format_date(timezone.localdate(report.as_of)),
                "made_at": moment_text(report.made_at),
                "share": linked_share(
                    p.completed_unrecorded,
                    within,
                    part,
                    (unrecorded, tasks("done" if report.corrected else "open")),
                ),
                "of": OF["completed" if report.corrected else "open"],
            },
        )
        blocks.insert(after, _item(line, 2))
    return blocks + [
        _item(
            rate.linked(
                (tasks("done"), tasks("come_due" if rate.definition == RATE_OVER_DUE else "counted"))
            ),
            1,
        )
        for rate in p.rates()
    ]


def _unit_list(text: str, counts: list[UnitCount], link=lambda unit_id: None) -> list:
    """The units and their counts; `link(unit id, or None for all)`: the list behind a count."""
    if not counts:
        return [_item(_("%(what)s: không có.") % {"what": text}, 0)]
    summary = linked(
        _("%(what)s: %(tasks)s nhiệm vụ của %(units)s đơn vị"),
        {
            "what": text,
            "tasks": figure(format_count(sum(c.count for c in counts)), link(None)),
            "units": _units(len(counts), link(None)),
        },
    )
    return [_item(summary, 0), unit_table(counts, link)]


def _shortcomings(number: str, p: PeriodFigures, report: NarrativeReport) -> list:
    late = _(
        "Đơn vị cập nhật kết quả chậm hơn 02 ngày làm việc sau hạn xử lý (Công văn số 1196/UBND-TH ngày "
        "15/5/2018 của UBND tỉnh), tính theo ngày cập nhật trong kỳ"
    )
    base = _period_links(report, p)
    # Recorded late in the period, whenever the task was assigned (reports.delays), by the
    # moment, or when the report was made when corrected (reports.narrative).
    late_base = (
        None
        if base is None
        else report.links_to | {"as_of": moment_param(report.made_at if report.corrected else report.as_of)}
    )
    blocks = [
        Paragraph(
            _("%(number)s. Trong kỳ %(period)s:")
            % {"number": number, "period": period_label(p.date_from, p.date_to)},
            style="heading",
        ),
        *_unit_list(
            late,
            p.late_records,
            lambda unit_id: for_unit(
                late_base,
                unit_id,
                recorded_late_from=day_param(p.date_from),
                recorded_late_to=day_param(p.date_to),
            ),
        ),
    ]
    if report.made_at > report.as_of:
        unrecorded = _(
            "Đơn vị đã hoàn thành nhiệm vụ nhưng chưa cập nhật trên hệ thống tại thời điểm trích xuất "
            "(cập nhật sau đó, tính đến %(made_at)s)"
        ) % {"made_at": moment_text(report.made_at)}
        made_at = moment_param(report.made_at)
        known = _period_links(report, p, as_counted=False)
        blocks += _unit_list(
            unrecorded, p.unrecorded, lambda unit_id: for_unit(known, unit_id, recorded_after_until=made_at)
        )
    return blocks + _unit_list(
        _("Đơn vị có nhiệm vụ trễ hạn tại thời điểm trích xuất"),
        p.overdue,
        lambda unit_id: for_unit(base, unit_id, timeliness="open_overdue"),
    )


def as_document(report: NarrativeReport, *, letterhead=None, signature=None, recipients=()) -> Document:
    """Seed 002 as a Document: 1. the results of each period, 2. the units behind the
    shortcomings, with a table where the seed names units, the extraction moment, and whether
    the figures were corrected by what was recorded since."""
    first = min(p.date_from for p in report.periods)
    last = max(p.date_to for p in report.periods)
    blocks = [Paragraph(_("1. Kết quả cụ thể:"), style="heading")]
    for index, p in enumerate(report.periods, start=1):
        blocks += _results(f"1.{index}", p, report)
    blocks.append(Paragraph(str(RATES_NOTE) % {"hundred": "100%"}, style="note"))
    blocks.append(Paragraph(_("2. Tồn tại, hạn chế:"), style="heading"))
    for index, p in enumerate(report.periods, start=1):
        blocks += _shortcomings(f"2.{index}", p, report)
    moments = {"as_of": moment_text(report.as_of), "made_at": moment_text(report.made_at)}
    blocks.append(
        Paragraph(str(CORRECTED_NOTE if report.corrected else AS_RECORDED_NOTE) % moments, style="note")
    )
    periods = _(" và ").join(period_label(p.date_from, p.date_to) for p in report.periods)
    heading = [
        _("BÁO CÁO"),
        _("Kết quả thực hiện nhiệm vụ được giao %(periods)s") % {"periods": periods},
        _("(Kỳ báo cáo: Từ ngày %(from)s đến ngày %(to)s)")
        % {"from": format_date(first), "to": format_date(last)},
    ]
    if report.corrected:
        heading.append(_("(Số liệu đã hiệu chỉnh theo ngày hiệu lực)"))
    return Document(
        name=f"bao-cao-nhiem-vu-{first:%Y%m%d}-{last:%Y%m%d}",
        extraction=extraction_line(report.as_of),
        blocks=blocks,
        heading=heading,
        letterhead=letterhead,
        recipients=list(recipients),
        signature=signature,
    )


RATES_NOTE = gettext_lazy(
    "Tỷ lệ hoàn thành trên số nhiệm vụ đã đến hạn: số nhiệm vụ đã hoàn thành trên tổng số nhiệm vụ đã "
    "hoàn thành và nhiệm vụ chưa hoàn thành đã trễ hạn, lấy đến hai chữ số thập phân, không làm tròn lên "
    "(cách tính của Văn phòng Chính phủ); tỷ lệ hoàn thành trên tổng số nhiệm vụ được giao: số nhiệm vụ "
    "đã hoàn thành trên tổng số nhiệm vụ giao trong kỳ. Các tỷ lệ của mỗi nhóm được làm tròn để cộng lại "
    "đúng %(hundred)s."
)
AS_RECORDED_NOTE = gettext_lazy(
    "Số liệu là những gì đã cập nhật trên hệ thống đến %(as_of)s; không hiệu chỉnh theo các cập nhật sau "
    "thời điểm đó."
)
CORRECTED_NOTE = gettext_lazy(
    "Số liệu đã hiệu chỉnh: tình hình nhiệm vụ vào ngày trích xuất (%(as_of)s) theo ngày hiệu lực, tính "
    "cả các cập nhật sau thời điểm đó đến %(made_at)s: nhiệm vụ hoàn thành đến ngày đó (theo ngày của văn "
    "bản kết quả) được tính là đã hoàn thành, nhiệm vụ giao trong kỳ nhưng nhập sau thời điểm đó được "
    "tính theo nội dung giao; việc gia hạn, giao lại, hủy được quyết định sau thời điểm đó không áp dụng."
)
