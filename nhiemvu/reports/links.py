"""The task list behind a report's figures (issue 14: "every figure a link to the task list
behind it"): the filters of tracking.filters.TaskFilterSet, written as its parameters, that
list the tasks a figure counts, with the report's period and as-of moment.

A report run from the catalogue carries `links_to`, the filters that hold what it covers
(`list_scope`); its document adds to them each figure's own. Files ignore the links.
"""

from datetime import date, datetime

from django.utils import timezone

from nhiemvu.units.models import Unit


def day_param(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def moment_param(moment: datetime) -> str:
    """A moment as the list reads it, to the second: a figure "as of now" counts what was
    recorded within the minute too."""
    return f"{timezone.localtime(moment):%d/%m/%Y %H:%M:%S}"


def list_scope(scope: Unit | None, units) -> dict | None:
    """The task-list filters that hold the tasks a report over `scope` (a unit and those below
    it) or, without one, over `units` (the units the asker follows, None: all) counts, of those
    the asker may see: {} for all, the unit with its sub-units; None when no list does (units
    followed through several roles, which are not one unit's subtree)."""
    if scope is not None:
        return {"unit": scope.pk, "subunits": "1"}
    if units is None:
        return {}
    top = units.order_by("path").first()
    if top is not None and units.count() == Unit.objects.subtree_of(top).count():
        return {"unit": top.pk, "subunits": "1"}
    return None


def for_unit(base: dict | None, unit_id: int | None, **filters) -> dict | None:
    """`base` and `filters` for the tasks of one unit (its own, without those below it), or
    of `base`'s scope when `unit_id` is None; None without a base."""
    if base is None:
        return None
    if unit_id is not None:
        base = {key: value for key, value in base.items() if key not in ("unit", "subunits")} | {
            "unit": unit_id
        }
    return base | filters


def emulation_month(report, m) -> tuple:
    """The task lists of a unit's month of the emulation figures (an EmulationReport's
    UnitMonth): its tasks overdue as known at the month's end (a day alone: its end) or at the
    moment, those it completed late in the month and those whose result it recorded late in
    the month (both within the period, as recorded by the moment). A task completed, or
    recorded, late twice in one month is one row of its list."""
    if report.links_to is None:
        return ()
    day = timezone.localdate(report.as_of)
    end = moment_param(report.as_of) if m.month.date_to >= day else day_param(m.month.date_to)
    recorded = {
        "recorded_late_from": day_param(max(m.month.date_from, report.date_from)),
        "recorded_late_to": day_param(min(m.month.date_to, report.date_to)),
        "as_of": moment_param(report.as_of),
    }
    completed = {
        "completed_late_from": day_param(max(m.month.date_from, report.date_from)),
        "completed_late_to": day_param(min(m.month.date_to, report.date_to)),
        "as_of": moment_param(report.as_of),
    }
    return (
        None,
        None,
        for_unit(report.links_to, m.unit_id, timeliness="open_overdue", as_of=end),
        for_unit(report.links_to, m.unit_id, **completed),
        for_unit(report.links_to, m.unit_id, **recorded),
    )


def emulation_ranking(report, unit_id: int) -> tuple:
    """The task lists of a unit's row in the emulation ranking: its tasks of the period, as
    known at the moment; its rate, that of its numerator, the tasks completed on time."""
    if report.links_to is None:
        return ()
    period = {
        "assigned_from": day_param(report.date_from),
        "assigned_to": day_param(report.date_to),
        "as_of": moment_param(report.as_of),
    }
    classes = ("come_due", "done_on_time", "done_late", "open_overdue", "done_on_time")
    return (None, None, *(for_unit(report.links_to, unit_id, **period, timeliness=name) for name in classes))
