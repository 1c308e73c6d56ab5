"""The bare SQL of each report of report_bench.py: the same figures, hand-written, run raw on the
report's connection, and a check that they equal the report's (issue 14: each report within
1.5× of the bare SQL of its figures).

What a report takes as given is computed once, before the timing, as the bare SQL's inputs:
the month boundaries of the deployment's cut-off (reports.periods), the working-day calendar's
latest late due date of each day (workdays.deadlines), the assigning units of appendix 01.
Everything counted is counted in SQL. Unit names where the report's rows carry them
(appendix 01, 03, the urgings), and the tree's order where the report lists units in it and
the bare SQL lists them too (appendix 03, the urgings: a recursive WITH). The narrative's and the emulation's are in report_bare_delays.py.
"""

# ruff: noqa: S608

from datetime import date, datetime, timedelta

import generate

NOT_COUNTED_SQL = "('returned', 'cancelled')"  # tracking.choices.NOT_COUNTED, checked by report_bench
ACTIVE_OPEN_SQL = "('not_started', 'in_progress', 'extension_requested')"  # tracking.choices.ACTIVE_OPEN

COUNTS_SQL = """
    COUNT(*) FILTER (WHERE completed_on IS NOT NULL AND (due_in_force IS NULL OR completed_on <= due_in_force)),
    COUNT(*) FILTER (WHERE completed_on > due_in_force),
    COUNT(*) FILTER (WHERE completed_on IS NULL AND due_in_force >= %(day)s),
    COUNT(*) FILTER (WHERE completed_on IS NULL AND due_in_force IS NULL),
    COUNT(*) FILTER (WHERE completed_on IS NULL AND due_in_force < %(day)s)"""


def local_day(moment: datetime) -> date:
    return moment.astimezone(generate.LOCAL).date()


def fetch(sql: str, params: dict) -> list[tuple]:
    from django.db import connection

    ops = connection.ops
    adapted = {
        key: ops.adapt_datetimefield_value(value) if isinstance(value, datetime)
        else ops.adapt_datefield_value(value) if isinstance(value, date)
        else value
        for key, value in params.items()
    }  # fmt: skip
    if connection.vendor == "sqlite":  # named parameters: :name rather than %(name)s
        sql = sql.replace("%(", ":").replace(")s", "")
    with connection.cursor() as cursor:
        cursor.execute(sql, adapted)
        return cursor.fetchall()


def as_date(value) -> date | None:
    """A date column as a date (SQLite returns text)."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def changed_after(moment: datetime) -> bool:
    [(last_change,)] = fetch("SELECT MAX(state_recorded_at) FROM tracking_task", {})
    if isinstance(last_change, str):  # SQLite
        last_change = datetime.fromisoformat(last_change)
    return last_change is not None and last_change > moment


def among(column: str, subquery: str) -> str:
    """`column` among the ids of `subquery`, resolved once on PostgreSQL (nhiemvu.db.among)."""
    from django.db import connection

    return (
        f"{column} = ANY(ARRAY({subquery}))"
        if connection.vendor == "postgresql"
        else f"{column} IN ({subquery})"
    )


# --------------------------------------------------------------------------- appendix 02, 01


def bare_appendix02(request, changed_since: bool, counts: str = COUNTS_SQL) -> tuple[str, dict]:
    """Per lead unit, the five classes of the tasks assigned in the period (bench/run.py's
    shape): task rows alone when nothing changed after the moment; else the rows of the tasks
    unchanged since and the event in force then of the others, one GROUP BY. No unit names."""
    params = {"from": request.date_from, "to": request.date_to, "as_of": request.as_of}
    params["day"] = local_day(request.as_of)
    if not changed_since:
        sql = f"""SELECT lead_unit_id, {counts} FROM tracking_task
                   WHERE assigned_on >= %(from)s AND assigned_on <= %(to)s AND lifecycle NOT IN {NOT_COUNTED_SQL}
                   GROUP BY lead_unit_id"""
        return sql, params
    sql = f"""
        WITH state AS (
            SELECT lead_unit_id, due_in_force, completed_on, lifecycle FROM tracking_task
             WHERE assigned_on >= %(from)s AND assigned_on <= %(to)s AND state_recorded_at <= %(as_of)s
            UNION ALL
            SELECT e.lead_unit_id, e.due_in_force, e.completed_on, e.lifecycle FROM tracking_taskevent e
             WHERE e.recorded_at <= %(as_of)s AND e.superseded_at > %(as_of)s
               AND e.task_id IN (SELECT t.id FROM tracking_task t
                                  WHERE t.assigned_on >= %(from)s AND t.assigned_on <= %(to)s
                                    AND t.state_recorded_at > %(as_of)s AND t.assignment_recorded_at <= %(as_of)s))
        SELECT lead_unit_id, {counts} FROM state WHERE lifecycle NOT IN {NOT_COUNTED_SQL} GROUP BY lead_unit_id"""
    return sql, params


def bare_appendix01(request, assigners: list[int]) -> tuple[str, dict]:
    """The open tasks `assigners` gave the scope's subtree, as known at the moment: rows of the
    tasks unchanged since, events in force then of the others; with the directive, the lead
    unit's name on the day (its earliest rename after it, else its name) and the newest
    progress note recorded by then; in the listing's order."""
    params = {
        "scope": request.scope.path + "%",
        "to": request.date_to,
        "as_of": request.as_of,
        "named_on": min(request.date_to, local_day(request.as_of)),
    }
    by = ", ".join(str(int(pk)) for pk in assigners) or "NULL"
    scope_units = "SELECT id FROM units_unit WHERE path LIKE %(scope)s"
    changed = f"""SELECT c.id FROM tracking_task c
                   WHERE c.assigning_unit_id IN ({by}) AND c.assigned_on <= %(to)s
                     AND c.state_recorded_at > %(as_of)s AND c.assignment_recorded_at <= %(as_of)s"""
    sql = f"""
        WITH open_then AS (
            SELECT t.id, t.lead_unit_id, t.due_in_force FROM tracking_task t
             WHERE t.assigning_unit_id IN ({by}) AND t.assigned_on <= %(to)s AND t.state_recorded_at <= %(as_of)s
               AND t.completed_on IS NULL AND t.lifecycle NOT IN {NOT_COUNTED_SQL}
               AND {among("t.lead_unit_id", scope_units)}
            UNION ALL
            SELECT e.task_id, e.lead_unit_id, e.due_in_force FROM tracking_taskevent e
             WHERE {among("e.task_id", changed)}
               AND e.recorded_at <= %(as_of)s AND e.superseded_at > %(as_of)s
               AND e.completed_on IS NULL AND e.lifecycle NOT IN {NOT_COUNTED_SQL}
               AND {among("e.lead_unit_id", scope_units)})
        SELECT o.id, t.content, t.assigned_on, o.due_in_force,
               d.id, d.doc_type, d.number_symbol, d.issued_on, d.summary,
               COALESCE((SELECT n.name FROM units_unitname n WHERE n.unit_id = u.id AND n.until >= %(named_on)s
                          ORDER BY n.until LIMIT 1), u.name),
               (SELECT p.note FROM tracking_taskevent p
                 WHERE p.task_id = o.id AND p.kind = 'progress' AND p.recorded_at <= %(as_of)s AND p.note <> ''
                 ORDER BY p.recorded_at DESC, p.id DESC LIMIT 1)
          FROM open_then o JOIN tracking_task t ON t.id = o.id
          JOIN directives_directive d ON d.id = t.directive_id JOIN units_unit u ON u.id = o.lead_unit_id
         ORDER BY t.assigned_on, d.issued_on, d.id, t.id"""
    return sql, params


# --------------------------------------------------------------------------- appendix 03, urgings


def tree_order_sql() -> str:
    """A WITH RECURSIVE part `tree (id, sort_key)`: every unit with a text key that sorts it as
    the reports list units (each after its parent, siblings by sort order, name, id: names
    compared by code point, as Python does)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        name, pad = 'name COLLATE "C"', "lpad(CAST({} AS text), 6, '0')"
    else:
        name, pad = "name", "printf('%%06d', {})"  # %% for the driver's parameters
    return f"""
        ranked AS (SELECT id, parent_id,
                          ROW_NUMBER() OVER (PARTITION BY parent_id ORDER BY sort_order, {name}, id) AS r
                     FROM units_unit),
        tree (id, sort_key) AS (
            SELECT id, {pad.format("r")} FROM ranked WHERE parent_id IS NULL
            UNION ALL
            SELECT c.id, tree.sort_key || {pad.format("c.r")} FROM ranked c JOIN tree ON c.parent_id = tree.id)"""


def named_units_sql() -> str:
    """Every unit in the tree's order with its name on %(named_on)s: the names and order of the
    lists of units in the narrative report and the emulation figures."""
    return f"""
        WITH RECURSIVE {tree_order_sql()}
        SELECT u.id, COALESCE((SELECT n.name FROM units_unitname n WHERE n.unit_id = u.id AND n.until >= %(named_on)s
                                ORDER BY n.until LIMIT 1), u.name)
          FROM units_unit u JOIN tree ON tree.id = u.id
         ORDER BY tree.sort_key"""


def bare_appendix03(request):
    """The register's units (scored for the reform and active in the year, or with a line or a
    report recorded by the moment) in the tree's order, each with its name on the day, the
    earliest-sent year report and the line in force, recorded by the moment."""
    year = request.period.in_year or request.date_to.year
    params = {
        "year": year,
        "as_of": request.as_of,
        "first": date(year, 1, 1),
        "last": date(year, 12, 31),
        "named_on": min(date(year, 12, 31), local_day(request.as_of)),
    }
    sent = """SELECT s.{0} FROM compliance_sentreport s
               WHERE s.unit_id = u.id AND s.year = %(year)s AND s.report = 'year' AND s.recorded_at <= %(as_of)s
               ORDER BY s.sent_on, s.recorded_at, s.id LIMIT 1"""
    line = """SELECT l.{0} FROM compliance_registerline l
               WHERE l.unit_id = u.id AND l.year = %(year)s AND l.recorded_at <= %(as_of)s
               ORDER BY l.recorded_at DESC, l.id DESC LIMIT 1"""
    columns = [sent.format("sent_on"), sent.format("number_symbol")] + [
        line.format(c) for c in ("regulation_issued", "regulation_number", "regulation_issued_on", "remarks")
    ]
    sql = f"""
        WITH RECURSIVE {tree_order_sql()}
        SELECT u.id,
               COALESCE((SELECT n.name FROM units_unitname n WHERE n.unit_id = u.id AND n.until >= %(named_on)s
                          ORDER BY n.until LIMIT 1), u.name),
               {", ".join(f"({column})" for column in columns)}
          FROM units_unit u JOIN tree ON tree.id = u.id
         WHERE (u.scored_for_reform AND (u.active_until IS NULL OR u.active_until >= %(first)s)
                AND (u.active_from IS NULL OR u.active_from <= %(last)s))
            OR u.id IN (SELECT unit_id FROM compliance_registerline WHERE year = %(year)s AND recorded_at <= %(as_of)s)
            OR u.id IN (SELECT unit_id FROM compliance_sentreport WHERE year = %(year)s AND recorded_at <= %(as_of)s)
         ORDER BY tree.sort_key"""

    def same(report, rows) -> bool:
        app = [
            (r.unit_id, r.unit, r.sent_on, r.number_symbol or None, r.regulation_issued,
             r.regulation_number or None, r.regulation_issued_on, r.remarks or None)
            for r in report.rows
        ]  # fmt: skip
        bare = [
            (unit_id, name, as_date(sent_on), number or None, bool(issued), regulation or None,
             as_date(issued_on), remarks or None)
            for unit_id, name, sent_on, number, issued, regulation, issued_on, remarks in rows
        ]  # fmt: skip
        return app == bare

    return (lambda: fetch(sql, params)), same


def bare_urgings(request):
    """The report's lines in one statement: per unit with a figure, in the tree's order and
    named as on the period's last day, the urgings dated in the period by kind, the
    explanation requests asked in it and those answered, as recorded by the moment, and the
    tasks it returned in the period."""
    from nhiemvu.dates import start_of_day

    params = {
        "from": request.date_from,
        "to": request.date_to,
        "as_of": request.as_of,
        "start": start_of_day(request.date_from),
        "end": start_of_day(request.date_to + timedelta(days=1)),
    }
    sql = f"""
        WITH RECURSIVE {tree_order_sql()},
        figures (unit_id, reminders, criticisms, reviews, asked, answered, returned) AS (
            SELECT unit_id, COUNT(*) FILTER (WHERE kind = 'reminder'), COUNT(*) FILTER (WHERE kind = 'criticism'),
                   COUNT(*) FILTER (WHERE kind = 'review'), 0, 0, 0
              FROM urging_urging WHERE urged_on >= %(from)s AND urged_on <= %(to)s AND recorded_at <= %(as_of)s
             GROUP BY unit_id
            UNION ALL
            SELECT unit_id, 0, 0, 0, COUNT(*), COUNT(*) FILTER (WHERE answered_at <= %(as_of)s), 0
              FROM urging_explanationrequest
             WHERE requested_at >= %(start)s AND requested_at < %(end)s AND requested_at <= %(as_of)s
             GROUP BY unit_id
            UNION ALL
            SELECT lead_unit_id, 0, 0, 0, 0, 0, COUNT(*) FROM tracking_taskevent
             WHERE kind = 'returned' AND effective_on >= %(from)s AND effective_on <= %(to)s
               AND recorded_at <= %(as_of)s
             GROUP BY lead_unit_id)
        SELECT u.id,
               COALESCE((SELECT n.name FROM units_unitname n WHERE n.unit_id = u.id AND n.until >= %(to)s
                          ORDER BY n.until LIMIT 1), u.name),
               SUM(f.reminders), SUM(f.criticisms), SUM(f.reviews), SUM(f.asked), SUM(f.answered), SUM(f.returned)
          FROM figures f JOIN units_unit u ON u.id = f.unit_id JOIN tree ON tree.id = u.id
         GROUP BY u.id, u.name, tree.sort_key
         ORDER BY tree.sort_key"""

    def same(report, rows) -> bool:
        app = [
            (line.unit_id, line.unit, line.figures.reminders, line.figures.criticisms, line.figures.reviews,
             line.figures.explanations_asked, line.figures.explanations_answered, line.figures.returned)
            for line in report.lines
        ]  # fmt: skip
        return app == [(unit_id, name, *map(int, counts)) for unit_id, name, *counts in rows if any(counts)]

    return (lambda: fetch(sql, params)), same


# --------------------------------------------------------------------------- by report


def bare_query(name: str, request):
    """(run, same): the bare SQL of report `name` for `request` and a check that its result
    gives the report's figures; None when the report has none here."""
    from nhiemvu.units.models import Unit

    if name == "appendix02":
        sql, params = bare_appendix02(request, changed_after(request.as_of))

        def same(report, rows) -> bool:
            app = {row.unit_id: (row.done_on_time, row.done_late, row.open_not_due, row.open_no_deadline,
                                 row.open_overdue) for row in report.rows}  # fmt: skip
            return app == {unit_id: tuple(counts) for unit_id, *counts in rows}

        return (lambda: fetch(sql, params)), same
    if name == "appendix01":
        ancestors = [int(step) for step in request.scope.path.strip("/").split("/")[:-1]]
        sql, params = bare_appendix01(
            request, list(Unit.objects.filter(pk__in=ancestors).values_list("pk", flat=True))
        )

        def same(report, rows) -> bool:
            app = sorted((task.task_id, task.due_on, task.status, task.lead_unit) for task in report.tasks())
            bare = sorted((row[0], as_date(row[3]), row[10] or "", row[9]) for row in rows)
            return app == bare

        return (lambda: fetch(sql, params)), same
    from report_bare_delays import bare_emulation, bare_narrative

    makers = {
        "emulation": bare_emulation,
        "narrative": bare_narrative,
        "appendix03": bare_appendix03,
        "urgings": bare_urgings,
    }
    return makers[name](request) if name in makers else None
