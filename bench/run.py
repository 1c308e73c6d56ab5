"""Benchmark the per-unit report and the overdue list at 100k and 1M tasks.

    .venv/bin/python bench/run.py                          # 100k and 1M, SQLite and PostgreSQL
    .venv/bin/python bench/run.py --sizes 100000 --db postgres

For each size and database, a subprocess builds or reuses the bench database
(bench/generate.py), then another (`--worker`) sets Django up on it once, times each query
(median of warm runs) and prints one JSON line; this process collects them into a table.
See bench/README.md for what each figure means.
"""

# ruff: noqa: S603, S607, S608, T201

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

import generate

PERIOD = (date(2025, 1, 1), date(2025, 12, 31))  # the annual report of 2025
AS_OF_MID = datetime(2025, 7, 1, 15, 30, tzinfo=generate.LOCAL)  # mid-period
AS_OF_SENT = datetime(
    2025, 12, 27, 15, 30, tzinfo=generate.LOCAL
)  # "Dữ liệu trích xuất lúc 15h30 ngày 27/12"
PAGE = 50

COUNTS_SQL = """
    COUNT(*) FILTER (WHERE completed_on IS NOT NULL AND (due_in_force IS NULL OR completed_on <= due_in_force)),
    COUNT(*) FILTER (WHERE completed_on > due_in_force),
    COUNT(*) FILTER (WHERE completed_on IS NULL AND due_in_force >= %s),
    COUNT(*) FILTER (WHERE completed_on IS NULL AND due_in_force IS NULL),
    COUNT(*) FILTER (WHERE completed_on IS NULL AND due_in_force < %s)"""


# --------------------------------------------------------------------------- the worker


def timed_together(fns: dict, runs: int, warmup: int) -> dict:
    """Time several callables in interleaved rounds (a, b, a, b, …): on a shared machine a
    burst of load then hits all of them alike, so their ratio stays fair."""
    for _ in range(warmup):
        for fn in fns.values():
            fn()
    times: dict = {key: [] for key in fns}
    for _ in range(runs):
        for key, fn in fns.items():
            started = time.perf_counter()
            fn()
            times[key].append((time.perf_counter() - started) * 1000)
    return {
        key: {
            "median_ms": round(statistics.median(values), 2),
            "min_ms": round(min(values), 2),
            "max_ms": round(max(values), 2),
        }
        for key, values in times.items()
    }


def timed(fn, runs: int, warmup: int) -> dict:
    return timed_together({"fn": fn}, runs, warmup)["fn"]


def load_average() -> float:
    return round(os.getloadavg()[0], 2)


class Queries:
    """The application's calls and their bare-SQL equivalents on the same connection."""

    def __init__(self):
        from django.db import connection

        from nhiemvu.directives.models import Directive
        from nhiemvu.tracking.choices import ACTIVE_OPEN, NOT_COUNTED
        from nhiemvu.tracking.models import Task, TaskEvent
        from nhiemvu.units.models import Unit

        self.connection = connection
        self.Task, self.Unit = Task, Unit
        self.t, self.e = Task._meta.db_table, TaskEvent._meta.db_table
        self.u, self.d = Unit._meta.db_table, Directive._meta.db_table
        self.open = list(ACTIVE_OPEN)
        self.not_counted = ", ".join(f"'{value}'" for value in NOT_COUNTED)  # constants of the code
        self.today = generate.NOW.date()
        # The province with the most units below it: the largest subtree.
        provinces = Unit.objects.filter(parent_id=1)
        self.province = max(provinces, key=lambda p: Unit.objects.subtree_of(p).count())
        self.province_units = Unit.objects.subtree_of(self.province).count()

    def adapt(self, params):
        """Parameters as Django would send them (on SQLite: UTC text, not the driver's default)."""
        ops = self.connection.ops
        return [
            ops.adapt_datetimefield_value(p) if isinstance(p, datetime)
            else ops.adapt_datefield_value(p) if isinstance(p, date)
            else p
            for p in params
        ]  # fmt: skip

    def _fetch(self, sql, params):
        params = self.adapt(params)
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    # Per-unit report (appendix 02)
    def app_report(self, as_of):
        from nhiemvu.reports.services import unit_report

        return unit_report(date_from=PERIOD[0], date_to=PERIOD[1], as_of=as_of)

    def bare_report_now_sql(self):
        day = self.today
        sql = f"""SELECT lead_unit_id, {COUNTS_SQL}
                    FROM {self.t}
                   WHERE assigned_on >= %s AND assigned_on <= %s AND lifecycle NOT IN ({self.not_counted})
                   GROUP BY lead_unit_id"""
        return sql, [day, day, *PERIOD]

    def bare_report_as_of_sql(self, as_of, *, lateral=False):
        """Task rows for tasks unchanged since `as_of`; for the others, the event in force
        at the moment (recorded by then, superseded after). With `lateral`, the shape of
        shared/perf-notes.md, which needs no superseded_at: each changed task's last event
        recorded by then, found by one backward probe of (task_id, recorded_at, id) (a
        LATERAL join on PostgreSQL, a correlated subquery on SQLite, which has no LATERAL)."""
        from django.utils import timezone

        day = timezone.localdate(as_of)
        changed_tasks = "t.assigned_on >= %s AND t.assigned_on <= %s AND t.state_recorded_at > %s AND t.assignment_recorded_at <= %s"
        if not lateral:
            changed = f"""SELECT e.lead_unit_id, e.due_in_force, e.completed_on, e.lifecycle FROM {self.e} e
                           WHERE e.recorded_at <= %s AND e.superseded_at > %s
                             AND e.task_id IN (SELECT t.id FROM {self.t} t WHERE {changed_tasks})"""
            changed_params = [as_of, as_of, *PERIOD, as_of, as_of]
        else:
            last_event = f"""SELECT x.lead_unit_id, x.due_in_force, x.completed_on, x.lifecycle
                               FROM {self.e} x WHERE x.task_id = t.id AND x.recorded_at <= %s
                              ORDER BY x.recorded_at DESC, x.id DESC LIMIT 1"""
            if self.connection.vendor == "postgresql":
                join = f"{self.t} t CROSS JOIN LATERAL ({last_event}) e"
            else:
                last_id = last_event.replace(
                    "x.lead_unit_id, x.due_in_force, x.completed_on, x.lifecycle", "x.id"
                )
                join = f"{self.t} t JOIN {self.e} e ON e.id = ({last_id})"
            changed = f"SELECT e.lead_unit_id, e.due_in_force, e.completed_on, e.lifecycle FROM {join} WHERE {changed_tasks}"
            changed_params = [as_of, *PERIOD, as_of, as_of]
        sql = f"""
            WITH state AS (
                SELECT lead_unit_id, due_in_force, completed_on, lifecycle FROM {self.t}
                 WHERE assigned_on >= %s AND assigned_on <= %s AND state_recorded_at <= %s
                UNION ALL
                {changed})
            SELECT lead_unit_id, {COUNTS_SQL}
              FROM state WHERE lifecycle NOT IN ({self.not_counted})
             GROUP BY lead_unit_id"""
        return sql, [*PERIOD, as_of, *changed_params, day, day]

    def bare(self, sql_and_params):
        return self._fetch(*sql_and_params)

    # Overdue list, first page
    def app_overdue(self, subtree=False):
        qs = self.Task.objects.overdue(as_of=self.today)
        if subtree:
            qs = qs.led_by_subtree(self.province)
        return list(qs.select_related("lead_unit", "directive").order_by("due_in_force", "id")[:PAGE])

    def bare_overdue_sql(self, subtree=False):
        """`completed_on IS NULL` (true of every open task) lets SQLite use the partial
        index task_open_by_due, whose condition it matches term by term."""
        params = [*self.open, self.today]
        where = ""
        if subtree:
            where = "AND u.path LIKE %s"
            params.append(self.province.path + "%")
        sql = f"""SELECT t.*, u.*, d.* FROM {self.t} t
                    JOIN {self.u} u ON u.id = t.lead_unit_id JOIN {self.d} d ON d.id = t.directive_id
                   WHERE t.lifecycle IN (%s, %s, %s) AND t.completed_on IS NULL AND t.due_in_force < %s {where}
                   ORDER BY t.due_in_force, t.id LIMIT {PAGE}"""
        return sql, params


def report_by_unit(report) -> dict:
    return {
        row.unit_id: (
            row.done_on_time,
            row.done_late,
            row.open_not_due,
            row.open_no_deadline,
            row.open_overdue,
        )
        for row in report.rows
    }


def bare_by_unit(rows) -> dict:
    return {row[0]: tuple(row[1:]) for row in rows if any(row[1:])}


def explain(connection, sql, params) -> str:
    """The plan (PostgreSQL: EXPLAIN ANALYZE), long lines such as IN lists of ids cut short."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            lines = [row[0] for row in cursor.fetchall()]
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            lines = [" | ".join(str(c) for c in row) for row in cursor.fetchall()]
    return "\n".join(line if len(line) < 400 else line[:400] + " …" for line in lines)


def captured_sql(fn):
    """The SQL statements (with parameters) that `fn` sends."""
    from django.db import connection

    statements = []

    def wrapper(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        fn()
    return statements


def facts(q: Queries) -> dict:
    """Row counts, shares and sizes of the database under test."""
    from django.db import connection

    t, e = q.t, q.e
    rows = q._fetch(
        f"""SELECT COUNT(*),
                   COUNT(*) FILTER (WHERE lifecycle IN (%s, %s, %s)),
                   COUNT(*) FILTER (WHERE due_on IS NULL),
                   COUNT(*) FILTER (WHERE lifecycle IN (%s, %s, %s) AND due_in_force < %s),
                   COUNT(*) FILTER (WHERE assigned_on >= %s AND assigned_on <= %s),
                   COUNT(*) FILTER (WHERE assigned_on >= %s AND assigned_on <= %s
                                      AND state_recorded_at > %s AND assignment_recorded_at <= %s),
                   COUNT(*) FILTER (WHERE assigned_on >= %s AND assigned_on <= %s
                                      AND state_recorded_at > %s AND assignment_recorded_at <= %s),
                   COUNT(*) FILTER (WHERE completion_recorded_at IS NOT NULL AND completed_on < {
            "date(completion_recorded_at, '+7 hours')"
            if connection.vendor == "sqlite"
            else "(completion_recorded_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date"
        })
              FROM {t}""",
        [*q.open, *q.open, q.today, *PERIOD, *PERIOD, AS_OF_MID, AS_OF_MID, *PERIOD, AS_OF_SENT, AS_OF_SENT],
    )[0]
    tasks, open_, no_due, overdue, in_period, changed_mid, changed_sent, recorded_late = rows
    events = q._fetch(f"SELECT COUNT(*) FROM {e}", [])[0][0]
    directives = q._fetch(f"SELECT COUNT(*) FROM {q.d}", [])[0][0]
    out = {
        "tasks": tasks,
        "events": events,
        "events_per_task": round(events / tasks, 2),
        "directives": directives,
        "units": q.Unit.objects.count(),
        "open_pct": round(100 * open_ / tasks, 1),
        "no_due_pct": round(100 * no_due / tasks, 1),
        "overdue_now": overdue,
        "completed_recorded_late_pct": round(100 * recorded_late / tasks, 1),
        "report_period_tasks": in_period,
        "changed_after_mid_pct": round(100 * changed_mid / in_period, 1),
        "changed_after_sent_pct": round(100 * changed_sent / in_period, 1),
        "province": f"{q.province.name} ({q.province_units} units)",
    }
    if connection.vendor == "postgresql":
        size = q._fetch(
            f"""SELECT pg_database_size(current_database()), pg_table_size('{t}'), pg_indexes_size('{t}'),
                       pg_table_size('{e}'), pg_indexes_size('{e}'), version(), current_setting('jit'),
                       current_setting('shared_buffers'), current_setting('work_mem')""",
            [],
        )[0]
        mb = 1024 * 1024
        out |= {
            "db_mb": round(size[0] / mb),
            "task_table_mb": round(size[1] / mb),
            "task_indexes_mb": round(size[2] / mb),
            "event_table_mb": round(size[3] / mb),
            "event_indexes_mb": round(size[4] / mb),
            "server": size[5].split(" on ")[0],
            "settings": f"jit={size[6]} shared_buffers={size[7]} work_mem={size[8]}",
        }
    else:
        path = generate.sqlite_path(tasks)
        wal = Path(f"{path}-wal")
        out |= {
            "db_mb": round((path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)) / 1024 / 1024),
            "server": f"SQLite {q._fetch('SELECT sqlite_version()', [])[0][0]}",
            "settings": "WAL, "
            + ", ".join(f"{p}={q._fetch(f'PRAGMA {p}', [])[0][0]}" for p in ("cache_size", "mmap_size")),
        }
        try:
            for name in (t, e):
                pages = q._fetch(
                    "SELECT SUM(pgsize) FROM dbstat WHERE name = %s OR name IN "
                    "(SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = %s)",
                    [name, name],
                )[0][0]
                out[f"{'task' if name == t else 'event'}_table_and_indexes_mb"] = round(pages / 1024 / 1024)
        except Exception:  # noqa: BLE001, S110 — dbstat not compiled in: the file size is enough
            pass
    return out


def worker(db: str, size: int, runs: int, warmup: int) -> dict:
    generate.configure(db, size)
    from django.db import connection

    q = Queries()
    results, checks, plans = {}, {}, []

    loads = [load_average()]

    # The per-unit report, now and as of two past moments, app and bare SQL.
    for key, as_of in (("now", generate.NOW), ("mid", AS_OF_MID), ("sent", AS_OF_SENT)):
        app = q.app_report(as_of)
        for number, (sql, params) in enumerate(captured_sql(lambda as_of=as_of: q.app_report(as_of)), 1):
            plans.append((f"report_{key}_app_query_{number}", explain(connection, sql, params)))
        shapes = {"app": lambda as_of=as_of: q.app_report(as_of)}
        bare = {"bare": q.bare_report_now_sql()} if key == "now" else {
            "bare": q.bare_report_as_of_sql(as_of), "lateral": q.bare_report_as_of_sql(as_of, lateral=True)
        }  # fmt: skip
        for shape, bare_sql in bare.items():
            plans.append((f"report_{key}_{shape}", explain(connection, bare_sql[0], q.adapt(bare_sql[1]))))
            checks[f"report_{key}_app_equals_{shape}"] = report_by_unit(app) == bare_by_unit(q.bare(bare_sql))
            shapes[shape] = lambda s=bare_sql: q.bare(s)
        checks[f"report_{key}_total"] = app.totals.total
        for shape, timing in timed_together(shapes, runs, warmup).items():
            results[f"report_{key}_{shape}"] = timing
        loads.append(load_average())

    # The overdue list, first page: all units, then one province's subtree.
    for key, subtree in (("overdue", False), ("overdue_subtree", True)):
        (sql, params), *_ = captured_sql(lambda subtree=subtree: q.app_overdue(subtree))
        plans.append((f"{key}_app_query", explain(connection, sql, params)))
        bare_sql = q.bare_overdue_sql(subtree)
        plans.append((f"{key}_bare", explain(connection, bare_sql[0], q.adapt(bare_sql[1]))))
        app_ids = [task.pk for task in q.app_overdue(subtree)]
        checks[f"{key}_app_equals_bare"] = app_ids == [row[0] for row in q.bare(bare_sql)]
        for shape, timing in timed_together(
            {"app": lambda subtree=subtree: q.app_overdue(subtree), "bare": lambda s=bare_sql: q.bare(s)},
            runs,
            warmup,
        ).items():
            results[f"{key}_{shape}"] = timing
        loads.append(load_average())

    plan_file = generate.OUT_DIR / f"plans-{db}-{size}.txt"
    plan_file.write_text("\n\n".join(f"== {key}\n{plan}" for key, plan in plans), encoding="utf-8")
    return {
        "db": db,
        "size": size,
        "facts": facts(q),
        "results": results,
        "checks": checks,
        "load_average": loads,
        "plans": str(plan_file),
    }


# --------------------------------------------------------------------------- the driver


def machine() -> dict:
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    mem_kb = next(int(line.split()[1]) for line in meminfo if line.startswith("MemTotal"))
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "?")
    git = subprocess.run(
        ["git", "describe", "--always", "--dirty"],
        check=False,
        capture_output=True,
        text=True,
        cwd=generate.ROOT,
    )
    return {
        "commit": git.stdout.strip() or "?",
        "nproc": os.cpu_count(),
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "cpu": cpu,
        "python": platform.python_version(),
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
    }


def wait_for_quiet(threshold: float, patience: float) -> None:
    """On a shared machine, wait (up to `patience` seconds) for other work to calm down."""
    deadline = time.monotonic() + patience
    while load_average() > threshold and time.monotonic() < deadline:
        time.sleep(5)
    print(f"  measuring (load average {load_average()})…", flush=True)


def run_child(args: list[str]) -> dict:
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, *args], check=False, capture_output=True, text=True, cwd=generate.ROOT
    )
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"failed: {' '.join(args)}")
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    data["wall_s"] = round(time.perf_counter() - started, 1)
    return data


ROWS = [
    ("report_now_app", "Per-unit report 2025, as of now — app (unit_report)"),
    ("report_now_bare", "  the same — bare SQL (one GROUP BY on task rows)"),
    ("report_now_ratio", "  app / bare"),
    ("report_mid_app", "Per-unit report 2025, as of 01/07/2025 15:30 — app"),
    ("report_mid_bare", "  the same — bare SQL (task rows + events in force then of changed tasks)"),
    ("report_mid_ratio", "  app / bare"),
    ("report_mid_lateral", "  bare SQL without superseded_at (last event by LATERAL join)"),
    ("report_sent_app", "Per-unit report 2025, as of 27/12/2025 15:30 — app"),
    ("report_sent_bare", "  the same — bare SQL"),
    ("report_sent_ratio", "  app / bare"),
    ("report_sent_lateral", "  bare SQL without superseded_at"),
    ("overdue_app", "Overdue tasks, first page of 50, all units — app"),
    ("overdue_bare", "  the same — bare SQL"),
    ("overdue_subtree_app", "Overdue tasks, first page of 50, one province's subtree — app"),
    ("overdue_subtree_bare", "  the same — bare SQL"),
]
FACTS = [
    ("tasks", "tasks"),
    ("events", "events"),
    ("events_per_task", "events per task"),
    ("directives", "directives"),
    ("units", "units"),
    ("open_pct", "open tasks (%)"),
    ("no_due_pct", "tasks without due date (%)"),
    ("overdue_now", "open overdue tasks now"),
    ("completed_recorded_late_pct", "completions recorded after their date (% of tasks)"),
    ("report_period_tasks", "tasks assigned in 2025"),
    ("changed_after_mid_pct", "… changed after 01/07/2025 15:30 (% read from events)"),
    ("changed_after_sent_pct", "… changed after 27/12/2025 15:30 (% read from events)"),
    ("province", "province of the subtree page"),
    ("db_mb", "database size (MB)"),
    ("task_table_mb", "task table / indexes (MB)"),
    ("event_table_mb", "event table / indexes (MB)"),
    ("task_table_and_indexes_mb", "task table + indexes (MB)"),
    ("event_table_and_indexes_mb", "event table + indexes (MB)"),
    ("server", "server"),
    ("settings", "settings"),
    ("generate_s", "generation time (s)"),
    ("load_average", "load average (1 min) while measuring"),
]


def fmt_ms(value: float) -> str:
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def table(results: list[dict]) -> str:
    heads = [f"{r['db']} {r['size']:,}" for r in results]
    lines = [
        "| ms: median (min) of warm runs | " + " | ".join(heads) + " |",
        "|---|" + "---:|" * len(results),
    ]
    for key, label in ROWS:
        cells = []
        for r in results:
            res = r["results"]
            if key.endswith("_ratio"):
                base = key.removesuffix("_ratio")
                cells.append(f"{res[base + '_app']['median_ms'] / res[base + '_bare']['median_ms']:.2f}×")
            else:
                cells.append(f"{fmt_ms(res[key]['median_ms'])} ({fmt_ms(res[key]['min_ms'])})")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines += ["", "| data | " + " | ".join(heads) + " |", "|---|" + "---:|" * len(results)]
    for key, label in FACTS:
        cells = []
        for r in results:
            facts_ = {**r["facts"], "generate_s": r["generation"].get("generate_s")}
            value = facts_.get(key, "")
            if key == "task_table_mb" and value != "":
                value = f"{value} / {facts_['task_indexes_mb']}"
            if key == "event_table_mb" and value != "":
                value = f"{value} / {facts_['event_indexes_mb']}"
            if key == "load_average":
                value = f"{min(r['load_average'])}–{max(r['load_average'])}"
            if key == "generate_s" and r["generation"].get("reused"):
                value = f"{value} (earlier run)"
            cells.append(f"{value:,}" if isinstance(value, int) else str(value))
        if any(cells):
            lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="100000,1000000", help="comma-separated task counts")
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--force", action="store_true", help="regenerate the databases")
    parser.add_argument(
        "--quiet-load", type=float, default=1.0, help="load average to wait for before measuring"
    )
    parser.add_argument("--quiet-wait", type=float, default=120, help="seconds to wait for it at most")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker:
        print(json.dumps(worker(args.db, args.size, args.runs, args.warmup)))
        return

    sizes = [int(s) for s in args.sizes.split(",")]
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    info = machine()
    print(f"Machine: {info['nproc']} CPUs ({info['cpu']}), {info['memory_gb']} GB RAM, Python {info['python']}, "
          f"{info['date']}, code at {info['commit']}")  # fmt: skip
    results = []
    for size in sizes:
        for db in dbs:
            gen_args = ["bench/generate.py", "--db", db, "--size", str(size), "--json"]
            print(f"{db} {size:,}: building or reusing the database…", flush=True)
            generation = run_child(gen_args + (["--force"] if args.force else []))
            state = "reused" if generation.get("reused") else f"generated in {generation['generate_s']} s"
            print(f"  {state} ({generation['wall_s']} s with migrate/checks)", flush=True)
            wait_for_quiet(args.quiet_load, args.quiet_wait)
            result = run_child(
                ["bench/run.py", "--worker", "--db", db, "--size", str(size), "--runs", str(args.runs),
                 "--warmup", str(args.warmup)]
            )  # fmt: skip
            result["generation"] = generation
            bad = [name for name, ok in result["checks"].items() if ok is False]
            print(
                f"  done in {result['wall_s']} s; plans in {result['plans']}; checks: {bad or 'all ok'}",
                flush=True,
            )
            results.append(result)
    print()
    print(table(results))
    generate.OUT_DIR.mkdir(exist_ok=True)
    out = generate.OUT_DIR / f"results-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps({"machine": info, "results": results}, indent=1), encoding="utf-8")
    print(f"\nJSON: {out}")


if __name__ == "__main__":
    main()
