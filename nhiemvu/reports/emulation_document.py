"""The emulation figures (reports.emulation) as data and as a document: the delays per unit
and month, then the ranking with its rule (seed 001 §2)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from nhiemvu.reports import links
from nhiemvu.reports.captions import extraction_line, period_label
from nhiemvu.reports.document import Column, Document, Paragraph, Row, Table
from nhiemvu.reports.emulation import EmulationReport
from nhiemvu.reports.percent import as_float


def as_data(report: EmulationReport) -> dict:
    return {
        "from": report.date_from.isoformat(),
        "to": report.date_to.isoformat(),
        "as_of": timezone.localtime(report.as_of).isoformat(timespec="minutes"),
        "months": [
            {
                "month": m.month.as_data(),
                "unit": m.unit,
                "unit_id": m.unit_id,
                "overdue": m.overdue,
                "completed_late": m.completed_late,
                "recorded_late": m.recorded_late,
            }
            for m in report.months
        ],
        "ranking": [
            {
                "rank": r.rank,
                "unit": r.unit,
                "unit_id": r.unit_id,
                "come_due": r.come_due,
                "done_on_time": r.done_on_time,
                "done_late": r.done_late,
                "open_overdue": r.open_overdue,
                "rate": None if r.rate is None else str(r.rate),
            }
            for r in report.ranking
        ],
        "rule": ranking_rule(),
    }


def ranking_rule() -> str:
    return _(
        "Xếp hạng theo tỷ lệ hoàn thành đúng hạn: số nhiệm vụ hoàn thành đúng hạn (kể cả nhiệm vụ "
        "không giao hạn) trên số nhiệm vụ đã đến hạn, gồm nhiệm vụ đã hoàn thành và nhiệm vụ chưa "
        "hoàn thành đã trễ hạn, của các nhiệm vụ giao trong kỳ, theo số liệu tại thời điểm trích "
        "xuất; tỷ lệ lấy đến hai chữ số thập phân, không làm tròn lên. Các đơn vị có cùng tỷ lệ "
        "đồng hạng (đơn vị có nhiều nhiệm vụ đến hạn hơn ghi trước); đơn vị chưa có nhiệm vụ đến "
        "hạn không xếp hạng."
    )


def as_document(report: EmulationReport, *, letterhead=None, signature=None, recipients=()) -> Document:
    """The delays per unit and month, then the ranking, each with the rule that counts them."""
    monthly = Table(
        [
            Column(_("TT"), "int", 5),
            Column(_("Cơ quan, đơn vị"), "text", 45),
            Column(_("Nhiệm vụ trễ hạn cuối tháng"), "int", 14),
            Column(_("Hoàn thành quá hạn"), "int", 14),
            Column(_("Cập nhật kết quả chậm"), "int", 14),
        ],
        title=_("Nhiệm vụ chậm trễ theo tháng"),
    )
    number, current = 0, None
    for m in report.months:
        if m.month != current:
            current, number = m.month, 0
            label = m.month.label
            monthly.rows.append(Row([label[:1].upper() + label[1:]], role="group"))
        number += 1
        monthly.rows.append(
            Row(
                [number, m.unit, m.overdue, m.completed_late, m.recorded_late],
                links=links.emulation_month(report, m),
            )
        )
    ranked = Table(
        [
            Column(_("Hạng"), "int", 6),
            Column(_("Cơ quan, đơn vị"), "text", 45),
            Column(_("Đã đến hạn"), "int", 10),
            Column(_("HT đúng hạn"), "int", 10),
            Column(_("HT quá hạn"), "int", 10),
            Column(_("Chưa HT, trễ hạn"), "int", 10),
            Column(_("Tỷ lệ đúng hạn"), "percent", 12),
        ],
        [
            Row(
                [r.rank, r.unit, r.come_due, r.done_on_time, r.done_late, r.open_overdue, as_float(r.rate)],
                links=links.emulation_ranking(report, r.unit_id),
            )
            for r in report.ranking
        ],
        title=_("Xếp hạng theo tỷ lệ hoàn thành đúng hạn"),
    )
    period = period_label(report.date_from, report.date_to)
    blocks = [
        Paragraph(
            _(
                "Theo Công văn số 1196/UBND-TH ngày 15/5/2018 của UBND tỉnh (mục 2), nhiệm vụ chậm trễ "
                "hằng tháng của các cơ quan, đơn vị được chuyển Sở Nội vụ theo dõi, làm cơ sở bình xét "
                "thi đua. Mỗi tháng: số nhiệm vụ chưa hoàn thành đã trễ hạn vào cuối tháng (với tháng chưa "
                "kết thúc: tại thời điểm trích xuất), theo số liệu đã cập nhật đến lúc đó; số nhiệm vụ "
                "hoàn thành trong tháng sau hạn xử lý; số nhiệm vụ cập nhật kết quả trong tháng chậm hơn "
                "02 ngày làm việc sau hạn xử lý. Một nhiệm vụ có thể được tính ở nhiều cột."
            ),
            style="note",
        ),
        monthly if report.months else Paragraph(_("Không có nhiệm vụ chậm trễ trong kỳ.")),
        ranked,
        Paragraph(ranking_rule(), style="note"),
    ]
    return Document(
        name=f"thi-dua-{report.date_from:%Y%m%d}-{report.date_to:%Y%m%d}",
        extraction=extraction_line(report.as_of),
        blocks=blocks,
        heading=[
            _("SỐ LIỆU THEO DÕI THI ĐUA"),
            _("Nhiệm vụ chậm trễ của các cơ quan, đơn vị %(period)s") % {"period": period},
        ],
        letterhead=letterhead,
        recipients=list(recipients),
        signature=signature,
    )
