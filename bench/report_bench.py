"""Time every report of the catalogue for the whole country, as of now and as of a past moment,
and the files of appendix 02 for all units (issue 14, "Performance").

    .venv/bin/python bench/report_bench.py                     # PostgreSQL 1M
    .venv/bin/python bench/report_bench.py --db sqlite --size 100000 --runs 3

On the bench database (generate.py: 5,000 units, N tasks, "now" fixed at 22/11/2026 17:00),
each report runs through reports.catalogue, as `nhiemvu report` and /bao-cao/ run it, over
every task (no visibility limit: the national operator), for the year to the bench's "now"
and for 2025: after warm-ups, the median and max of `--runs` runs, with the number of queries.
For appendix 01 and 02, the bare SQL of the same figures too, hand-written, run raw on the same
connection and timed in the same rounds (app, bare, app, bare, … so that a burst of load hits
both alike), with the ratio and whether both give the same figures. Then appendix 02's .xlsx
and .docx for all units (unless --no-files), and the peak memory the process reached before
and after them (ru_maxrss: the whole process, Django included). Figures are printed, never
asserted.
"""

# ruff: noqa: S608, T201

import argparse
import resource
import statistics
import sys
import time
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate

PAST = datetime(2026, 6, 30, 17, 0)  # a moment some of the bench's changes were recorded after


def timed(function, runs: int, warmup: int = 1, bare=None):
    """Median and max ms of `function` (and of `bare`, run right after it in each round), and
    the number of queries `function` sent."""
    from django.db import connection, reset_queries

    for _ in range(warmup):
        function()
        if bare is not None:
            bare()
    times, bare_times, queries = [], [], 0
    for _ in range(runs):
        reset_queries()
        start = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - start) * 1000)
        queries = len(connection.queries)
        if bare is not None:
            start = time.perf_counter()
            bare()
            bare_times.append((time.perf_counter() - start) * 1000)
    bare_median = statistics.median(bare_times) if bare_times else None
    return result, statistics.median(times), max(times), queries, bare_median


# --------------------------------------------------------------------------- the bare SQL

NOT_COUNTED_SQL = "('returned', 'cancelled')"  # tracking.choices.NOT_COUNTED, checked in main()

COUNTS_SQL = """
    COUNT(*) FILTER (WHERE completed_on IS NOT NULL AND (due_in_force IS NULL OR completed_on <= due_in_force)),
    COUNT(*) FILTER (WHERE completed_on > due_in_force),
    COUNT(*) FILTER (WHERE completed_on IS NULL AND due_in_force >= %(day)s),
    COUNT(*) FILTER (WHERE completed_on IS NULL AND due_in_force IS NULL),
    COUNT(*) FILTER (WHERE completed_on IS NULL AND due_in_force < %(day)s)"""


def bare_appendix02(request, changed_since: bool) -> tuple[str, dict]:
    """Per lead unit, the five classes of the tasks assigned in the period (bench/run.py's
    shape): task rows alone when nothing changed after the moment; else the rows of the tasks
    unchanged since and the event in force then of the others, one GROUP BY. No unit names."""
    params = {"from": request.date_from, "to": request.date_to, "as_of": request.as_of}
    params["day"] = request.as_of.astimezone(generate.LOCAL).date()
    if not changed_since:
        sql = f"""SELECT lead_unit_id, {COUNTS_SQL} FROM tracking_task
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
        SELECT lead_unit_id, {COUNTS_SQL} FROM state WHERE lifecycle NOT IN {NOT_COUNTED_SQL} GROUP BY lead_unit_id"""
    return sql, params


def among(column: str, subquery: str) -> str:
    """`column` among the ids of `subquery`, resolved once on PostgreSQL (nhiemvu.db.among)."""
    from django.db import connection

    return (
        f"{column} = ANY(ARRAY({subquery}))"
        if connection.vendor == "postgresql"
        else f"{column} IN ({subquery})"
    )


def bare_appendix01(request, assigners: list[int]) -> tuple[str, dict]:
    """The open tasks `assigners` gave the scope's subtree, as known at the moment: rows of the
    tasks unchanged since, events in force then of the others; with the directive, the lead
    unit's name on the day (its earliest rename after it, else its name) and the newest
    progress note recorded by then; in the listing's order."""
    day = request.as_of.astimezone(generate.LOCAL).date()
    params = {
        "scope": request.scope.path + "%",
        "to": request.date_to,
        "as_of": request.as_of,
        "named_on": min(request.date_to, day),
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


def bare_query(name: str, request):
    """The bare SQL of report `name` for `request` and a check that it gives the report's
    figures, or None when the report has none here."""
    from nhiemvu.units.models import Unit

    if name == "appendix02":
        [(last_change,)] = fetch("SELECT MAX(state_recorded_at) FROM tracking_task", {})
        if isinstance(last_change, str):  # SQLite
            last_change = datetime.fromisoformat(last_change)
        sql, params = bare_appendix02(request, last_change is not None and last_change > request.as_of)

        def same(report, rows) -> bool:
            app = {row.unit_id: (row.done_on_time, row.done_late, row.open_not_due, row.open_no_deadline,
                                 row.open_overdue) for row in report.rows}  # fmt: skip
            return app == {unit_id: tuple(counts) for unit_id, *counts in rows}

    elif name == "appendix01":
        ancestors = [int(step) for step in request.scope.path.strip("/").split("/")[:-1]]
        sql, params = bare_appendix01(
            request, list(Unit.objects.filter(pk__in=ancestors).values_list("pk", flat=True))
        )

        def same(report, rows) -> bool:
            app = sorted((task.task_id, task.due_on, task.status, task.lead_unit) for task in report.tasks())
            bare = sorted((row[0], row[3], row[10] or "", row[9]) for row in rows)
            if bare and not isinstance(bare[0][1] or date.min, date):  # SQLite: dates as text
                bare = sorted((i, date.fromisoformat(due) if due else None, n, u) for i, due, n, u in bare)
            return app == bare

    else:
        return None
    return (lambda: fetch(sql, params)), same


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="postgres")
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-files", action="store_true", help="skip the .xlsx and .docx of appendix 02")
    parser.add_argument("--reports", default="", help="comma-separated catalogue names (default: all)")
    args = parser.parse_args()
    generate.configure(args.db, args.size)

    from django.conf import settings
    from django.utils import timezone

    from nhiemvu.reports import writers
    from nhiemvu.reports.catalogue import REPORTS, ReportRequest
    from nhiemvu.reports.periods import Period
    from nhiemvu.tracking.choices import NOT_COUNTED

    assert NOT_COUNTED_SQL == "(" + ", ".join(f"'{value}'" for value in NOT_COUNTED) + ")", NOT_COUNTED
    settings.DEBUG = True  # connection.queries, for the query counts
    now = (
        timezone.make_aware(generate.NOW.replace(tzinfo=None))
        if generate.NOW.tzinfo is None
        else generate.NOW
    )
    past = timezone.make_aware(PAST)
    names = [name for name in args.reports.split(",") if name] or list(REPORTS)
    print(f"{args.db} {args.size:,} tasks; now = {timezone.localtime(now):%d/%m/%Y %H:%M}")
    print(
        f"{'report':<12} {'period':<22} {'as of':<17} {'median ms':>10} {'max ms':>8} {'queries':>8}"
        f" {'bare ms':>8} {'app/bare':>9}  same"
    )
    results = {}
    for name in names:
        kind = REPORTS[name]
        for period in (Period.range(now.date().replace(month=1, day=1), now.date()), Period.year(2025)):
            for moment in (now, past):
                if moment.date() < period.date_from:
                    continue
                scope = None
                if kind.needs_scope:
                    from nhiemvu.units.models import Unit

                    scope = (
                        Unit.objects.filter(parent__parent__isnull=True, parent__isnull=False)
                        .order_by("pk")
                        .first()
                    )
                request = ReportRequest(period=period, as_of=moment, made_at=now, scope=scope)
                bare = bare_query(name, request)
                data, median, worst, queries, bare_median = timed(
                    lambda request=request, kind=kind: kind.run(request),
                    args.runs,
                    bare=bare[0] if bare else None,
                )
                results[name] = data
                label = "now" if moment == now else f"{timezone.localtime(moment):%d/%m/%Y %H:%M}"
                line = (
                    f"{name:<12} {period.span:<22.22} {label:<17} {median:>10.1f} {worst:>8.1f} {queries:>8}"
                )
                if bare:
                    same = bare[1](data, bare[0]())
                    line += f" {bare_median:>8.1f} {median / bare_median:>8.2f}×  {'yes' if same else 'NO'}"
                print(line)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of the process after the reports, before any file: {peak:.0f} MB")
    if "appendix02" in results and not args.no_files:
        document = REPORTS["appendix02"].as_document(results["appendix02"])
        rows = sum(len(table.rows) for table in document.tables())
        for fmt in ("xlsx", "docx"):
            content, median, worst, _queries, _bare = timed(
                lambda fmt=fmt: writers.render(document, fmt), max(1, args.runs // 2)
            )
            print(
                f"appendix02 .{fmt}, {rows:,} rows: median {median:.0f} ms, max {worst:.0f} ms, {len(content):,} bytes"
            )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of the process, files included: {peak:.0f} MB")


if __name__ == "__main__":
    main()
