"""Time every report of the catalogue for the whole country, as of now and as of a past moment,
and the files of appendix 02 for all units (issue 14, "Performance").

    .venv/bin/python bench/report_bench.py                     # PostgreSQL 1M
    .venv/bin/python bench/report_bench.py --db sqlite --size 100000 --runs 3
    .venv/bin/python bench/report_bench.py --quiet-load 2 --quiet-wait 60

On the bench database (generate.py: 5,000 units, N tasks, "now" fixed at 22/11/2026 17:00),
each report runs through reports.catalogue, as `nhiemvu report` and /bao-cao/ run it, over
every task (no visibility limit: the national operator), for the year to the bench's "now"
and for 2025: after warm-ups, the median and max of `--runs` runs, with the number of queries.
Beside each, the bare SQL of the same figures (report_bare.py), hand-written, run raw on the
same connection and timed in the same rounds (app, bare, app, bare, … so that a burst of load
hits both alike), with the ratio and whether both give the same figures. The emulation twice:
"cold", its closed months' figures stored by each run (the store emptied before it, untimed),
and "warm", read from the store as by every report after the first (reports.stored_months). Then the .xlsx and
.docx of appendix 02 for all units and of the largest document, the emulation figures of 2025
(unless --no-files), with the peak memory the process has reached (ru_maxrss: the whole
process, Django included). Like the server (nhiemvu.wsgi), the process freezes what Django's
start-up made out of the cyclic collector's reach and collects young objects every 10,000
allocations rather than 700. `--quiet-load` waits (up to `--quiet-wait`
seconds) for the machine's 1-minute load average to fall below it before each report, as
run.py does; the load average is printed with each line. Figures are printed, never asserted.
"""

# ruff: noqa: T201

import argparse
import gc
import os
import resource
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate
from report_bare import ACTIVE_OPEN_SQL, NOT_COUNTED_SQL, bare_query

PAST = datetime(2026, 6, 30, 17, 0)  # a moment some of the bench's changes were recorded after


def timed(function, runs: int, warmup: int = 1, bare=None, before=None):
    """The last result of `function`, its times (ms) and those of `bare` (run right after it in
    each round, none without it), and the number of queries `function` sent. `before`, when
    given, runs untimed before each call of `function`."""
    from django.db import connection, reset_queries

    for _ in range(warmup):
        if before is not None:
            before()
        function()
        if bare is not None:
            bare()
    times, bare_times, queries = [], [], 0
    for _ in range(runs):
        if before is not None:
            before()
        reset_queries()
        start = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - start) * 1000)
        queries = len(connection.queries)
        if bare is not None:
            start = time.perf_counter()
            bare()
            bare_times.append((time.perf_counter() - start) * 1000)
    return result, times, queries, bare_times


def wait_for_quiet(threshold: float, patience: float) -> None:
    """On a shared machine, wait (up to `patience` seconds) for other work to calm down."""
    deadline = time.monotonic() + patience
    while os.getloadavg()[0] > threshold and time.monotonic() < deadline:
        time.sleep(5)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="postgres")
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-files", action="store_true", help="skip the .xlsx and .docx of appendix 02")
    parser.add_argument("--reports", default="", help="comma-separated catalogue names (default: all)")
    parser.add_argument(
        "--quiet-load", type=float, default=None, help="load average to wait for before each report"
    )
    parser.add_argument("--quiet-wait", type=float, default=120, help="seconds to wait for it at most")
    args = parser.parse_args()
    generate.ensure(args.db, args.size)  # built when missing; migrated either way
    gc.freeze()  # as nhiemvu.wsgi does once Django has started: the server's process
    gc.set_threshold(10_000, 10, 10)  # and its collector's threshold

    from django.conf import settings
    from django.utils import timezone

    from nhiemvu.dates import EARLIEST_DATE
    from nhiemvu.reports import writers
    from nhiemvu.reports.catalogue import REPORTS, ReportRequest
    from nhiemvu.reports.periods import Period
    from nhiemvu.reports.stored_months import forget_from
    from nhiemvu.tracking.choices import ACTIVE_OPEN, NOT_COUNTED

    for sql, values in ((NOT_COUNTED_SQL, NOT_COUNTED), (ACTIVE_OPEN_SQL, ACTIVE_OPEN)):
        assert sql == "(" + ", ".join(f"'{value}'" for value in values) + ")", values
    settings.DEBUG = True  # connection.queries, for the query counts
    now = (
        timezone.make_aware(generate.NOW.replace(tzinfo=None))
        if generate.NOW.tzinfo is None
        else generate.NOW
    )
    past = timezone.make_aware(PAST)
    names = [name for name in args.reports.split(",") if name] or list(REPORTS)
    print(f"{args.db} {args.size:,} tasks; now = {timezone.localtime(now):%d/%m/%Y %H:%M}")

    def forget_stored_months():
        forget_from(EARLIEST_DATE, using="default")

    # The emulation reads the figures stored for closed months (reports.stored_months): timed
    # "cold", each run storing them first (the store emptied before it, untimed), then "warm",
    # reading them, as every report after the first does.
    variants = {"emulation": [("emulation, cold", forget_stored_months), ("emulation, warm", None)]}
    print(
        f"{'report':<16} {'period':<22} {'as of':<17} {'ms: median (min)':>16} {'q':>3}"
        f" {'bare: median (min)':>18} {'app/bare (of mins)':>17}  same  load"
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
                for label_of_run, before in variants.get(name, [(name, None)]):
                    if args.quiet_load is not None:
                        wait_for_quiet(args.quiet_load, args.quiet_wait)
                    load = os.getloadavg()[0]
                    data, times, queries, bare_times = timed(
                        lambda request=request, kind=kind: kind.run(request),
                        args.runs,
                        bare=bare[0] if bare else None,
                        before=before,
                    )
                    results[name] = data
                    label = "now" if moment == now else f"{timezone.localtime(moment):%d/%m/%Y %H:%M}"
                    median = statistics.median(times)
                    line = (
                        f"{label_of_run:<16} {period.span:<22.22} {label:<17} {median:>7.1f}"
                        f" ({min(times):>6.1f}) {queries:>3}"
                    )
                    if bare:
                        same = bare[1](data, bare[0]())
                        bare_median = statistics.median(bare_times)
                        line += (
                            f" {bare_median:>7.1f} ({min(bare_times):>6.1f}) {median / bare_median:>5.2f}×"
                            f" ({min(times) / min(bare_times):.2f}×)  {'yes' if same else 'NO ':<4}"
                        )
                    else:
                        line += " " * 43
                    print(f"{line} {load:.1f}–{os.getloadavg()[0]:.1f}", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of the process after the reports, before any file: {peak:.0f} MB")
    # Appendix 02 for all units (the issue's files under 2 s), then the largest document: the
    # emulation figures of 2025, a row per unit and month (~65,000).
    for name in ("appendix02", "emulation"):
        if name not in results or args.no_files:
            continue
        document = REPORTS[name].as_document(results[name])
        rows = sum(len(table.rows) for table in document.tables())
        for fmt in ("xlsx", "docx"):
            content, times, _queries, _bare = timed(
                lambda fmt=fmt, document=document: writers.render(document, fmt), max(1, args.runs // 2)
            )
            median, worst = statistics.median(times), max(times)
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(
                f"{name} .{fmt}, {rows:,} rows: median {median:.0f} ms, max {worst:.0f} ms,"
                f" {len(content):,} bytes; peak memory of the process so far {peak:.0f} MB",
                flush=True,
            )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of the process, files included: {peak:.0f} MB")


if __name__ == "__main__":
    main()
