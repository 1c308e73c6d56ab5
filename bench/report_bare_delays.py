"""The bare SQL of the narrative report and the emulation figures (report_bare.py has the
others and the shared parts): the delays both read, with the working-day calendar's latest
late due date of each day as an input computed before the timing."""

# ruff: noqa: S608

from datetime import date, timedelta

from report_bare import ACTIVE_OPEN_SQL, bare_appendix02, changed_after, fetch, local_day, named_units_sql

# --------------------------------------------------------------------------- delays


def late_days(date_from: date, last: date, buckets: list[date]) -> tuple[str, dict]:
    """A VALUES table (bucket number, first moment, moment after the last, latest due date whose
    result recorded then is late) of the days [date_from, last], consecutive days with the same
    bucket and date in one row: the working-day calendar as the bare SQL's input."""
    from bisect import bisect_right

    from nhiemvu.dates import start_of_day
    from nhiemvu.workdays.deadlines import latest_due_with_result_late
    from nhiemvu.workdays.services import load_calendar

    calendar = load_calendar(date_from.year - 1, last.year + 1)
    runs: list[list] = []
    for n in range((last - date_from).days + 1):
        day = date_from + timedelta(days=n)
        bucket = bisect_right(buckets, day) - 1
        latest = latest_due_with_result_late(day, calendar)
        if runs and runs[-1][0] == bucket and runs[-1][3] == latest:
            runs[-1][2] = day + timedelta(days=1)
        else:
            runs.append([bucket, day, day + timedelta(days=1), latest])
    params, rows = {}, []
    for index, (bucket, first, after, latest) in enumerate(runs):
        params |= {f"s{index}": start_of_day(first), f"e{index}": start_of_day(after), f"l{index}": latest}
        rows.append(f"({bucket}, %(s{index})s, %(e{index})s, %(l{index})s)")
    return f"days (bucket, day_start, day_end, latest_due) AS (VALUES {', '.join(rows)})", params


def late_records_sql(days: str, buckets: int) -> str:
    """Completions recorded on a day of `days` (and by %(as_of)s) with a due date on or before
    that day's latest late due date, per lead unit, a column per bucket."""
    counts = ", ".join(f"COUNT(*) FILTER (WHERE days.bucket = {bucket})" for bucket in range(buckets))
    return f"""WITH {days}
        SELECT e.lead_unit_id, {counts} FROM days JOIN tracking_taskevent e
            ON e.recorded_at >= days.day_start AND e.recorded_at < days.day_end AND e.due_in_force <= days.latest_due
         WHERE e.kind = 'completed' AND e.recorded_at <= %(as_of)s
         GROUP BY e.lead_unit_id"""


# --------------------------------------------------------------------------- emulation


def bare_emulation(request):
    """Five statements: the open tasks past due at each month's end as known then (task rows
    unchanged since, events in force then), the completions effective in each month after the
    due date, the results recorded late per month, the ranking's three counts, and the units
    named on the period's last day (to the moment) in the tree's order, as its rows show them."""
    from nhiemvu.dates import start_of_day
    from nhiemvu.reports.emulation import months_of

    as_of, day = request.as_of, local_day(request.as_of)
    months = [m for m in months_of(request.date_from, request.date_to) if m.date_from <= day]
    ends = [
        min(as_of, start_of_day(m.date_to + timedelta(days=1)) - timedelta(microseconds=1)) for m in months
    ]
    params = {"as_of": as_of, "from": request.date_from, "to": min(request.date_to, day)}
    params |= {f"m{i}": end for i, end in enumerate(ends)} | {
        f"d{i}": local_day(end) for i, end in enumerate(ends)
    }
    params |= {f"f{i}": m.date_from for i, m in enumerate(months)} | {
        f"t{i}": m.date_to for i, m in enumerate(months)
    }
    params |= {"last": max(ends), "last_day": local_day(max(ends))}
    # The events in force at a month's end and overdue then, read in slices of the superseded
    # moment: superseded after end i (and by end i+1), recorded by end i, due before its day.
    slices = " UNION ALL ".join(
        f"""SELECT lead_unit_id, recorded_at, superseded_at, due_in_force FROM tracking_taskevent
             WHERE superseded_at IS NOT NULL AND completed_on IS NULL AND lifecycle IN {ACTIVE_OPEN_SQL}
               AND superseded_at > %(m{i})s {f"AND superseded_at <= %(m{i + 1})s" if i + 1 < len(months) else ""}
               AND recorded_at <= %(m{i})s AND due_in_force < %(d{i})s"""
        for i in range(len(months))
    )
    overdue_sql = f"""
        SELECT lead_unit_id, {", ".join(f"SUM(m{i})" for i in range(len(months)))} FROM (
          SELECT lead_unit_id, {", ".join(f"COUNT(*) FILTER (WHERE state_recorded_at <= %(m{i})s AND due_in_force < %(d{i})s) m{i}" for i in range(len(months)))}
            FROM tracking_task
           WHERE completed_on IS NULL AND lifecycle IN {ACTIVE_OPEN_SQL} AND due_in_force < %(last_day)s
             AND state_recorded_at <= %(last)s
           GROUP BY lead_unit_id
          UNION ALL
          SELECT lead_unit_id, {", ".join(f"COUNT(*) FILTER (WHERE recorded_at <= %(m{i})s AND superseded_at > %(m{i})s AND due_in_force < %(d{i})s) m{i}" for i in range(len(months)))}
            FROM ({slices}) events
           GROUP BY lead_unit_id) parts
        GROUP BY lead_unit_id"""  # fmt: skip
    completed_late_sql = f"""
        SELECT lead_unit_id, {", ".join(f"COUNT(*) FILTER (WHERE effective_on BETWEEN %(f{i})s AND %(t{i})s)" for i in range(len(months)))}
          FROM tracking_taskevent
         WHERE kind = 'completed' AND effective_on >= %(from)s AND effective_on <= %(to)s
           AND recorded_at <= %(as_of)s AND due_in_force < effective_on
         GROUP BY lead_unit_id"""  # fmt: skip
    days, days_params = late_days(request.date_from, params["to"], [m.date_from for m in months])
    recorded_late_sql = late_records_sql(days, len(months))
    ranking_sql, ranking_params = bare_appendix02(
        request,
        changed_after(as_of),
        counts="""
        COUNT(*) FILTER (WHERE completed_on IS NOT NULL AND (due_in_force IS NULL OR completed_on <= due_in_force)),
        COUNT(*) FILTER (WHERE completed_on > due_in_force),
        COUNT(*) FILTER (WHERE completed_on IS NULL AND due_in_force < %(day)s)""",
    )

    named = {"named_on": min(request.date_to, day)}

    def run():
        return (
            fetch(overdue_sql, params),
            fetch(completed_late_sql, params),
            fetch(recorded_late_sql, {**days_params, "as_of": as_of}),
            fetch(ranking_sql, ranking_params),
            fetch(named_units_sql(), named),
        )

    def same(report, result) -> bool:
        overdue, completed_late, recorded_late, ranking, units = result
        index = {m.date_from: i for i, m in enumerate(months)}
        cells: dict[tuple[int, int], list[int]] = {}
        for column, rows in ((0, overdue), (1, completed_late), (2, recorded_late)):
            for unit_id, *counts in rows:
                for i, count in enumerate(counts):
                    if count:
                        cells.setdefault((i, unit_id), [0, 0, 0])[column] = int(count)
        app = [
            (index[m.month.date_from], m.unit_id, m.unit, [m.overdue, m.completed_late, m.recorded_late])
            for m in report.months
        ]
        bare = [
            (i, unit_id, name, cells[i, unit_id])
            for i in range(len(months))
            for unit_id, name in units
            if (i, unit_id) in cells
        ]
        names = dict(units)
        ranked = {r.unit_id: (r.unit, r.done_on_time, r.done_late, r.open_overdue) for r in report.ranking}
        return app == bare and ranked == {unit_id: (names[unit_id], *counts) for unit_id, *counts in ranking}

    return run, same


# --------------------------------------------------------------------------- narrative


def bare_narrative(request):
    """For the period (the bench's periods are their own period to date): the five counts per
    lead unit (appendix 02's statement), the results recorded late per unit, as of a past
    moment the tasks open then whose completion, effective by then, was recorded after it, and
    the units named on the period's last day (to the moment) in the tree's order, as its lists
    show them."""
    as_of, made_at, day = request.as_of, request.made_at, local_day(request.as_of)
    counts_sql, counts_params = bare_appendix02(request, changed_after(as_of))
    last = min(request.date_to, day)
    days, days_params = late_days(request.date_from, last, [request.date_from])
    late_sql = late_records_sql(days, 1)
    unrecorded_sql = f"""
        SELECT e.lead_unit_id, COUNT(*) FROM tracking_taskevent e
         WHERE e.recorded_at <= %(as_of)s AND e.superseded_at > %(as_of)s AND e.lifecycle IN {ACTIVE_OPEN_SQL}
           AND e.task_id IN (SELECT t.id FROM tracking_task t
                              WHERE t.assigned_on >= %(from)s AND t.assigned_on <= %(to)s
                                AND t.state_recorded_at > %(as_of)s AND t.assignment_recorded_at <= %(as_of)s
                                AND t.id IN (SELECT c.task_id FROM tracking_taskevent c
                                              WHERE c.kind = 'completed' AND c.effective_on <= %(day)s
                                                AND c.recorded_at > %(as_of)s AND c.recorded_at <= %(made_at)s))
         GROUP BY e.lead_unit_id"""
    unrecorded_params = {
        "as_of": as_of, "made_at": made_at, "day": day, "from": request.date_from, "to": request.date_to
    }  # fmt: skip

    named = {"named_on": last}

    def run():
        return (
            fetch(counts_sql, counts_params),
            fetch(late_sql, {**days_params, "as_of": as_of}),
            fetch(unrecorded_sql, unrecorded_params) if made_at > as_of else [],
            fetch(named_units_sql(), named),
        )

    def same(report, result) -> bool:
        counts, late, unrecorded, units = result

        def listed(figures: dict) -> list:  # the units of `figures` named, in the tree's order
            return [(unit_id, name, figures[unit_id]) for unit_id, name in units if figures.get(unit_id)]

        [figures] = report.periods
        columns = [list(column) for column in zip(*(row[1:] for row in counts), strict=True)] or [[]] * 5
        totals = [sum(column) for column in columns]
        app_totals = figures.totals
        return (
            [app_totals.done_on_time, app_totals.done_late, app_totals.open_not_due,
             app_totals.open_no_deadline, app_totals.open_overdue] == totals
            and app_totals.total == sum(totals)
            and figures.units == len(counts)
            and [tuple(c) for c in figures.overdue] == listed({row[0]: row[5] for row in counts})
            and [tuple(c) for c in figures.late_records] == listed(dict(late))
            and [tuple(c) for c in figures.unrecorded] == listed(dict(unrecorded))
            and figures.completed_unrecorded == sum(n for _unit, n in unrecorded)
        )  # fmt: skip

    return run, same
