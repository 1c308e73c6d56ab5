"""Where one page's server time goes: each query it sends, timed, and the plans of the slow ones.

    .venv/bin/python bench/page_queries.py --user bench_national "/nhiem-vu/?q=ke+hoach"
    .venv/bin/python bench/page_queries.py --db sqlite --user bench_province_desk /nhiem-vu/
    .venv/bin/python bench/page_queries.py --profile /nhiem-vu/      # pyinstrument-free: cProfile

Runs the page in process (Django's test client, signed in as a user that http_bench.py made)
on the bench database (generate.py), after warm-ups: the whole request's time, then every
query with its time; on PostgreSQL, EXPLAIN ANALYZE of those over `--explain-ms`, on SQLite
EXPLAIN QUERY PLAN. Figures are printed, never asserted.
"""

# ruff: noqa: T201

import argparse
import cProfile
import gc
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="postgres")
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--user", default="bench_national")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--explain-ms", type=float, default=2.0)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--sort", default="cumulative", help="the profile's order: cumulative, tottime, ...")
    args = parser.parse_args()
    generate.configure(args.db, args.size)

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from nhiemvu.accounts.models import User

    gc.freeze()  # as nhiemvu.wsgi does once Django has started: the server's process
    gc.set_threshold(10_000, 10, 10)  # and its collector's threshold
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username=args.user))
    print(f"{args.db} {args.size:,}, {args.user}")
    for path in args.paths:
        for _ in range(2):
            client.get(path)
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
        print(f"\n== {path}: HTTP {response.status_code}, median {statistics.median(times):.1f} ms"
              f" (min {min(times):.1f}), {len(response.content) / 1024:.0f} KiB")  # fmt: skip
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        for query in captured.captured_queries:
            print(f"  {float(query['time']) * 1000:7.1f} ms  {query['sql'][:150]}")
        for query in captured.captured_queries:
            if float(query["time"]) * 1000 < args.explain_ms or not query["sql"].startswith("SELECT"):
                continue
            explain = (
                "EXPLAIN (ANALYZE, BUFFERS) " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
            )
            with connection.cursor() as cursor:
                cursor.execute(explain + query["sql"])
                plan = "\n".join("    " + " ".join(str(c) for c in row) for row in cursor.fetchall())
            print(f"\n  -- {query['sql'][:400]}\n{plan}")
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(args.runs):
                client.get(path)
            profiler.disable()
            pstats.Stats(profiler).sort_stats(args.sort).print_stats(40)


if __name__ == "__main__":
    main()
