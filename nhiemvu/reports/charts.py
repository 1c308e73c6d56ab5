"""The charts of the report pages, as data the dashboard's bar script draws
(dashboard/static/dashboard/month_chart.js): labels, one stacked dataset per timeliness class
with its badge colour, and per bar segment the task-list filters that list its tasks."""

from nhiemvu.reports.appendix02 import COORDINATING, Appendix02, row_filters
from nhiemvu.tracking.choices import TIMELINESS_BADGE, Timeliness

UNITS_SHOWN = 30  # bars a page can label legibly


def unit_chart(report: Appendix02) -> dict | None:
    """Appendix 02 as stacked bars per unit: the units with the most tasks (all of them up to
    UNITS_SHOWN), in the table's order. None when there is nothing to draw."""
    rows = [row for row in report.rows if row.total]
    if not rows:
        return None
    if len(rows) > UNITS_SHOWN:
        kept = {id(row) for row in sorted(rows, key=lambda row: row.total, reverse=True)[:UNITS_SHOWN]}
        rows = [row for row in rows if id(row) in kept]
    return {
        "labels": [row.unit for row in rows],
        "shown": len(rows),
        "of": len([row for row in report.rows if row.total]),
        "datasets": [
            {
                "key": choice.value,
                "label": str(choice.label),
                "colour": TIMELINESS_BADGE[choice],
                "data": [getattr(row, choice.value) for row in rows],
                "links": [row_filters(report, row.unit_id, choice.value) for row in rows],
            }
            for choice in Timeliness
        ],
        "by_coordinating_unit": report.counted_by == COORDINATING,
    }
