"""The experiments behind bench/README.md's recommendations, on the bench databases.

    .venv/bin/python bench/experiments.py --db postgres --size 1000000
    .venv/bin/python bench/experiments.py --db sqlite --size 1000000

Nothing here changes the application. Candidate indexes are created by hand inside a
transaction that is rolled back at the end of each variant (both databases have
transactional DDL), so the bench database is left as `migrate` made it. Candidate query
shapes live in this file (`candidate_report`, `candidate_overdue`) and are checked to return
exactly what the application returns before they are timed.
"""

# ruff: noqa: S608, T201

import argparse
import json
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

import generate
import run

COVER = "assigned_on, lead_unit_id, lifecycle, due_in_force, completed_on, state_recorded_at, assignment_recorded_at"
LEAD_COVER = "lead_unit_id, assigned_on, lifecycle, due_in_force, completed_on, state_recorded_at, assignment_recorded_at"
SNAPSHOT = "lead_unit_id, due_in_force, completed_on, lifecycle"


class Rollback(Exception):
    pass


# --------------------------------------------------------------------------- candidate shapes


def candidate_report(
    *,
    date_from,
    date_to,
    as_of,
    names="values",
    count="lead_unit",
    changed_shape="id_equals_last",
    accumulate="lean",
):
    """nhiemvu.reports.services.unit_report (same rows, same order, same names) with up to
    four changes, each switchable:

    names="values"         unit labels in tree order from every unit's plain values
                           (`unit_labels`), without IN lists of thousands of ids; "prefetch":
                           as the application did up to 63d13b7 (model instances with
                           prefetch_related, ancestors and names through IN lists of ids);
    accumulate="lean"      counts summed as lists of ints from values_list() instead of a
                           Counts object fed one dict per row;
    count="lead_unit"      COUNT(lead_unit_id) FILTER (…) instead of COUNT(id) FILTER (…)
                           (Django refuses Count("*", filter=…); lead_unit_id is NOT NULL on
                           both tasks and events, so the figures are the same), so that the
                           covering index answers the query without visiting the table;
    changed_shape          how the tasks changed after the moment get their state then:
                           "exists" (the application's): their events recorded by then,
                           minus, by NOT EXISTS, those with a later one; "id_in_last": the
                           events whose id is some changed task's last id; "id_equals_last":
                           their events whose id equals their task's last id (correlated);
                           "snapshot_columns": from each changed task, four correlated
                           subqueries reading its last event's snapshot columns.
    """
    from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
    from django.utils import timezone

    from nhiemvu.reports.services import Counts, UnitReport, UnitRow, timeliness_counts
    from nhiemvu.tracking.choices import NOT_COUNTED
    from nhiemvu.tracking.models import Task, TaskEvent
    from nhiemvu.units.models import Unit

    day = timezone.localdate(as_of)

    def counts_of(prefix=""):
        """timeliness_counts over columns named `prefix` + the usual names."""
        if count == "pk" and not prefix:
            return timeliness_counts(day)
        lead, due, done_on = f"{prefix}lead_unit", f"{prefix}due_in_force", f"{prefix}completed_on"
        done, open_ = Q(**{f"{done_on}__isnull": False}), Q(**{f"{done_on}__isnull": True})
        return {
            "done_on_time": Count(lead, filter=done & (Q(**{f"{due}__isnull": True}) | Q(**{f"{done_on}__lte": F(due)}))),
            "done_late": Count(lead, filter=done & Q(**{f"{done_on}__gt": F(due)})),
            "open_not_due": Count(lead, filter=open_ & Q(**{f"{due}__gte": day})),
            "open_no_deadline": Count(lead, filter=open_ & Q(**{f"{due}__isnull": True})),
            "open_overdue": Count(lead, filter=open_ & Q(**{f"{due}__lt": day})),
        }  # fmt: skip

    period = Q(assigned_on__gte=date_from, assigned_on__lte=date_to)
    unchanged = Task.objects.filter(period, state_recorded_at__lte=as_of).exclude(lifecycle__in=NOT_COUNTED)
    changed_tasks = Task.objects.filter(
        period, state_recorded_at__gt=as_of, assignment_recorded_at__lte=as_of
    )
    queries = [(unchanged.values("lead_unit_id").annotate(**counts_of()).order_by(), "lead_unit_id")]
    if changed_shape == "exists":  # the application's shape
        later_event = TaskEvent.objects.filter(task=OuterRef("task"), recorded_at__lte=as_of).filter(
            Q(recorded_at__gt=OuterRef("recorded_at"))
            | Q(recorded_at=OuterRef("recorded_at"), id__gt=OuterRef("id"))
        )
        changed = (
            TaskEvent.objects.filter(recorded_at__lte=as_of)
            .filter(task__in=changed_tasks)
            .filter(~Exists(later_event))
            .exclude(lifecycle__in=NOT_COUNTED)
        )
        queries.append((changed.values("lead_unit_id").annotate(**counts_of()).order_by(), "lead_unit_id"))
    elif changed_shape == "id_in_last":  # events whose id is some changed task's last id
        last_id = TaskEvent.objects.filter(task=OuterRef("pk"), recorded_at__lte=as_of).order_by(
            "-recorded_at", "-id"
        )
        changed = TaskEvent.objects.filter(
            id__in=changed_tasks.values(last_id=Subquery(last_id.values("id")[:1]))
        ).exclude(lifecycle__in=NOT_COUNTED)
        queries.append((changed.values("lead_unit_id").annotate(**counts_of()).order_by(), "lead_unit_id"))
    elif changed_shape == "id_equals_last":  # each event of a changed task: is it its task's last?
        last_id = TaskEvent.objects.filter(task=OuterRef("task"), recorded_at__lte=as_of).order_by(
            "-recorded_at", "-id"
        )
        changed = TaskEvent.objects.filter(
            task__in=changed_tasks, recorded_at__lte=as_of, id=Subquery(last_id.values("id")[:1])
        ).exclude(lifecycle__in=NOT_COUNTED)
        queries.append((changed.values("lead_unit_id").annotate(**counts_of()).order_by(), "lead_unit_id"))
    elif changed_shape == "lateral":  # PostgreSQL: one backward probe per changed task, in raw SQL
        queries.append((LateralCounts(changed_tasks, as_of, day), "lead_unit_id"))
    elif changed_shape == "snapshot_columns":  # from the changed tasks, their last event's columns
        last = TaskEvent.objects.filter(task=OuterRef("pk"), recorded_at__lte=as_of).order_by(
            "-recorded_at", "-id"
        )
        changed = changed_tasks.annotate(
            **{f"s_{name}": Subquery(last.values(name)[:1]) for name in ("lead_unit", "due_in_force", "completed_on", "lifecycle")}
        ).exclude(s_lifecycle__in=NOT_COUNTED)  # fmt: skip
        queries.append((changed.values("s_lead_unit").annotate(**counts_of("s_")).order_by(), "s_lead_unit"))
    else:
        raise ValueError(changed_shape)
    report = UnitReport(date_from=date_from, date_to=date_to, as_of=as_of)
    columns = list(counts_of())
    sums: dict[int, list[int]] = {}
    if accumulate == "lean":  # plain lists of ints from values_list()
        for queryset, key in queries:
            for unit_id, *values in queryset.values_list(key, *columns):
                acc = sums.get(unit_id)
                if acc is None:
                    sums[unit_id] = values
                else:
                    for i, value in enumerate(values):
                        acc[i] += value
    else:  # as the application: a Counts object per unit, fed one dict per row
        by_unit: dict[int, Counts] = {}
        for queryset, key in queries:
            for values in queryset:
                by_unit.setdefault(values[key], Counts()).add(values)
        sums = {pk: [getattr(c, column) for column in columns] for pk, c in by_unit.items()}

    name_day = min(date_to, day)  # as the application: names at the end of the period
    if names == "values":
        labels = unit_labels(sums, name_day)
    else:  # as the application did up to 63d13b7: instances, former names prefetched, IN lists
        units = list(Unit.objects.filter(pk__in=sums).prefetch_related("former_names"))
        ancestor_ids = {ancestor for unit in units for ancestor in unit.ancestor_ids()}
        keys = {
            pk: (order, name)
            for pk, order, name in Unit.objects.filter(pk__in=ancestor_ids).values_list(
                "pk", "sort_order", "name"
            )
        }
        units.sort(key=lambda unit: [keys[ancestor] for ancestor in unit.ancestor_ids()])
        labels = [(unit.pk, unit.name_on(name_day)) for unit in units]
    totals = [0] * len(columns)
    for pk, name in labels:
        values = sums[pk]
        report.rows.append(
            UnitRow(unit_id=pk, unit=name, total=sum(values), **dict(zip(columns, values, strict=True)))
        )
        totals = [a + b for a, b in zip(totals, values, strict=True)]
    report.totals = Counts(sum(totals), *totals)
    return report


class LateralCounts:
    """The "changed" aggregate as PostgreSQL runs it best: the changed tasks (any queryset:
    a user's scope, a unit's tasks) as a derived table, each joined LATERAL to its last
    event recorded by the moment, one index-only probe of event_task_recorded per task.
    Iterates like queryset.values_list("lead_unit_id", *COUNT_COLUMNS)."""

    def __init__(self, changed_tasks, as_of, day):
        self.changed_tasks, self.as_of, self.day = changed_tasks, as_of, day

    def values_list(self, *_columns):
        return self

    def __iter__(self):
        from django.db import connection

        from nhiemvu.tracking.choices import NOT_COUNTED
        from nhiemvu.tracking.models import TaskEvent

        tasks_sql, tasks_params = self.changed_tasks.values("id").query.sql_with_params()
        not_counted = ", ".join(["%s"] * len(NOT_COUNTED))
        sql = f"""
            SELECT e.lead_unit_id, {run.COUNTS_SQL}
              FROM ({tasks_sql}) t
             CROSS JOIN LATERAL (
                   SELECT x.lead_unit_id, x.due_in_force, x.completed_on, x.lifecycle
                     FROM {TaskEvent._meta.db_table} x
                    WHERE x.task_id = t.id AND x.recorded_at <= %s
                    ORDER BY x.recorded_at DESC, x.id DESC LIMIT 1) e
             WHERE e.lifecycle NOT IN ({not_counted})
             GROUP BY e.lead_unit_id"""
        params = [self.day, self.day, *tasks_params, self.as_of, *NOT_COUNTED]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for row in cursor.fetchall():
                yield list(row)


def unit_labels(ids, day) -> list[tuple[int, str]]:
    """units.UnitQuerySet.labels_in_tree_order without IN lists: every unit's (pk, path,
    sort_order, name) and every rename after `day` in two queries (5,000 short rows), then
    kept and ordered in Python. An IN list of thousands of ids costs more to build, send and
    plan than the rows it saves (psycopg parses every placeholder of the query text)."""
    from nhiemvu.units.models import Unit, UnitName

    rows = list(Unit.objects.values_list("pk", "path", "sort_order", "name"))
    keys = {pk: (order, name) for pk, _path, order, name in rows}
    paths = {pk: path for pk, path, _order, _name in rows if pk in ids}
    names = {pk: keys[pk][1] for pk in paths}
    for unit_id, name in (
        UnitName.objects.filter(until__gte=day).order_by("-until").values_list("unit_id", "name")
    ):
        if unit_id in names:
            names[unit_id] = name  # the earliest rename after `day` wins

    def tree_key(pk):
        return [keys[int(step)] for step in paths[pk].strip("/").split("/")]

    return [(pk, names[pk]) for pk in sorted(paths, key=tree_key)]


def candidate_overdue(q, subtree=False):
    """The overdue page with `completed_on IS NULL` added (always true of open tasks): a term
    SQLite can match against a partial index, where `lifecycle IN (?, ?, ?)` with bound
    parameters never matches `lifecycle IN ('not_started', …)`."""
    from nhiemvu.tracking.models import Task

    qs = Task.objects.overdue(as_of=q.today).filter(completed_on__isnull=True)
    if subtree:
        qs = qs.led_by_subtree(q.province)
    return list(qs.select_related("lead_unit", "directive").order_by("due_in_force", "id")[: run.PAGE])


# --------------------------------------------------------------------------- variants


def variants(vendor: str) -> list[dict]:
    """Scratch schema/session changes, each measured inside a rolled-back transaction."""
    pg = vendor == "postgresql"
    event_cover = (
        f"CREATE INDEX bench_event_cover ON tracking_taskevent (task_id, recorded_at, id) INCLUDE ({SNAPSHOT})"
        if pg
        else f"CREATE INDEX bench_event_cover ON tracking_taskevent (task_id, recorded_at, id, {SNAPSHOT})"
    )
    cover_id = [
        "DROP INDEX task_report_cover",
        f"CREATE INDEX task_report_cover ON tracking_task ({COVER}, id)",
    ]
    lead_cover = [
        "DROP INDEX task_report_cover",
        "DROP INDEX task_lead_assigned",
        f"CREATE INDEX bench_lead_cover ON tracking_task ({LEAD_COVER}, id)",
    ]
    overdue_index = [
        "DROP INDEX task_open_by_due",
        "CREATE INDEX task_open_by_due ON tracking_task (due_in_force, id) WHERE completed_on IS NULL AND due_in_force IS NOT NULL",
    ]
    jit_off = ["SET jit = off"] if pg else []
    prefix = "jit = off; " if pg else ""
    every = ["app", "+count", "+count+last_id", "+count+last_id+labels", "recommended"]
    two = ["app", "recommended"]
    out = [
        {
            "name": "as migrated",
            "ddl": [],
            "session": [],
            "shapes": [*every, "recommended+lateral"] if pg else every,
        }
    ]
    if pg:
        out.append({"name": "jit = off", "ddl": [], "session": jit_off, "shapes": every})
        out.append({"name": f"{prefix}report cover + id", "ddl": cover_id, "session": jit_off, "shapes": two})
        out.append({"name": f"{prefix}report cover + id; event cover", "ddl": [*cover_id, event_cover],
                    "session": jit_off, "shapes": two})  # fmt: skip
    lead_assigned_cover = [
        "DROP INDEX task_lead_assigned",
        f"CREATE INDEX task_lead_assigned ON tracking_task ({LEAD_COVER}, id)",
    ]
    # Everything bench/README.md recommends, at once; the event index replaces event_task_recorded.
    recommended = [
        *cover_id,
        *lead_assigned_cover,
        "DROP INDEX event_task_recorded",
        f"CREATE INDEX event_task_recorded ON tracking_taskevent (task_id, recorded_at, id, {SNAPSHOT})",
        *overdue_index,
    ]
    out.insert(1, {"name": f"{prefix}all recommended", "ddl": recommended, "session": jit_off,
                   "shapes": ["app", "recommended"]})  # fmt: skip
    if pg:
        out.insert(1, {"name": "as migrated: app vs LATERAL for the changed tasks", "ddl": [], "session": [],
                       "shapes": ["app", "recommended+lateral"]})  # fmt: skip
        out.insert(1, {"name": "all recommended but jit = on", "ddl": recommended, "session": ["SET jit = on"],
                       "shapes": ["recommended"]})  # fmt: skip
    out.insert(2, {"name": f"{prefix}all recommended + state_recorded_at index",
                   "ddl": [*recommended, "CREATE INDEX bench_state_recorded ON tracking_task (state_recorded_at)"],
                   "session": jit_off, "shapes": ["recommended"]})  # fmt: skip
    out.append({"name": f"{prefix}report cover + id; lead_assigned covering; event cover",
                "ddl": [*cover_id, *lead_assigned_cover, event_cover], "session": jit_off, "shapes": two})  # fmt: skip
    state_index = "CREATE INDEX bench_state_recorded ON tracking_task (state_recorded_at)"
    out.append({"name": f"{prefix}report cover + id; event cover; state_recorded_at index",
                "ddl": [*cover_id, event_cover, state_index], "session": jit_off, "shapes": two})  # fmt: skip
    out.append({"name": f"{prefix}lead-first cover + id; event cover; state_recorded_at index",
                "ddl": [*lead_cover, event_cover, state_index], "session": jit_off, "shapes": two})  # fmt: skip
    out.append({"name": f"{prefix}event cover", "ddl": [event_cover], "session": jit_off, "shapes": two})
    out.append({"name": f"{prefix}lead-first cover + id; event cover", "ddl": [*lead_cover, event_cover],
                "session": jit_off, "shapes": two})  # fmt: skip
    out.append({"name": f"{prefix}overdue partial index on completed_on IS NULL", "ddl": overdue_index,
                "session": jit_off, "shapes": []})  # fmt: skip
    if not pg:
        # Django never runs ANALYZE: an application database has no sqlite_stat1 unless the
        # application runs `PRAGMA optimize` (the bench database was analysed once, after the load).
        out.insert(1, {"name": "no sqlite_stat1 (as Django leaves it)", "ddl": [
            "DELETE FROM sqlite_stat1", "ANALYZE sqlite_schema"], "analyze": False, "session": [], "shapes": two})  # fmt: skip
        out.insert(2, {"name": "no sqlite_stat1; lead-first cover + id; event cover", "ddl": [
            *lead_cover, event_cover, "DELETE FROM sqlite_stat1", "ANALYZE sqlite_schema"], "analyze": False,
            "session": [], "shapes": two})  # fmt: skip
        out.append({"name": "cache_size=-262144, mmap_size=1 GiB", "ddl": [], "shapes": two, "session": [
            "PRAGMA cache_size=-262144", "PRAGMA mmap_size=1073741824"]})  # fmt: skip
    return out


def measure_variant(q, variant, runs, warmup):
    from django.db import connection, transaction

    results = {}
    reports = {
        "now": generate.NOW,
        "mid": run.AS_OF_MID,
        "sent": run.AS_OF_SENT,
    }
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                for sql in variant["ddl"]:
                    cursor.execute(sql)
                if variant["ddl"] and variant.get("analyze", True):
                    cursor.execute(
                        "ANALYZE tracking_task" if connection.vendor == "postgresql" else "ANALYZE"
                    )
                    if connection.vendor == "postgresql":
                        cursor.execute("ANALYZE tracking_taskevent")
                for sql in variant["session"]:
                    cursor.execute(sql)
            fns = {}
            for key, as_of in reports.items():
                expected = q.app_report(as_of)
                period = {"date_from": run.PERIOD[0], "date_to": run.PERIOD[1], "as_of": as_of}
                shapes = {
                    "app": lambda as_of=as_of: q.app_report(as_of),
                    "+count": lambda p=period: candidate_report(**p, names="prefetch", changed_shape="exists", accumulate="app"),
                    "+count+last_id": lambda p=period: candidate_report(**p, names="prefetch", accumulate="app"),
                    "+count+last_id+labels": lambda p=period: candidate_report(**p, accumulate="app"),
                    "recommended": lambda p=period: candidate_report(**p),
                    "recommended+lateral": lambda p=period: candidate_report(**p, changed_shape="lateral"),
                }  # fmt: skip
                for shape in variant["shapes"]:
                    got = shapes[shape]()
                    assert (got.rows, got.totals) == (expected.rows, expected.totals), (
                        f"{shape} differs from the app"
                    )
                    fns[f"report_{key}:{shape}"] = shapes[shape]
                bare = q.bare_report_now_sql() if key == "now" else q.bare_report_as_of_sql(as_of)
                fns[f"report_{key}:bare"] = lambda b=bare: q.bare(b)
            for key, subtree in (("overdue", False), ("overdue_subtree", True)):
                expected = [t.pk for t in q.app_overdue(subtree)]
                assert [t.pk for t in candidate_overdue(q, subtree)] == expected
                fns[f"{key}:app"] = lambda s=subtree: q.app_overdue(s)
                fns[f"{key}:+completed_on IS NULL"] = lambda s=subtree: candidate_overdue(q, s)
            for key, timing in run.timed_together(fns, runs, warmup).items():
                results[key] = timing["median_ms"]
                results[key + ":min"] = timing["min_ms"]
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    cursor.execute("RESET jit")  # back to the connection's own setting
                else:
                    cursor.execute("PRAGMA cache_size=-2000")
                    cursor.execute("PRAGMA mmap_size=0")
            raise Rollback
    except Rollback:
        pass
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE sqlite_schema")  # reload the statistics the rollback restored
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=("sqlite", "postgres"), required=True)
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--only", help="run only the variants whose name contains this text")
    args = parser.parse_args()
    if generate._existing(args.db, args.size) is None:
        raise SystemExit(f"no bench database for {args.db} {args.size}: run bench/generate.py first")
    generate.configure(args.db, args.size)
    from django.db import connection

    q = run.Queries()
    all_results = {}
    for variant in variants(connection.vendor):
        if args.only and args.only not in variant["name"]:
            continue
        started = time.perf_counter()
        all_results[variant["name"]] = measure_variant(q, variant, args.runs, args.warmup)
        print(f"-- {variant['name']} ({time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)

    print(f"\n{args.db} {args.size:,}: ms, median of {args.runs} warm runs\n")
    for name, results in all_results.items():
        print(f"### {name}")
        print("| query | shape | median ms | min ms |\n|---|---|---:|---:|")
        for key, value in results.items():
            if key.endswith(":min"):
                continue
            query, shape = key.split(":", 1)
            print(f"| {query} | {shape} | {value:.1f} | {results[key + ':min']:.1f} |")
        print()
    out = generate.OUT_DIR / f"experiments-{args.db}-{args.size}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(all_results, indent=1), encoding="utf-8")
    print(f"JSON: {out}")


if __name__ == "__main__":
    main()
