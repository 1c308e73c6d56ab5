"""Time the pages users wait for, over HTTP, as scoped users, next to Redmine (issue 13).

    .venv/bin/python bench/http_bench.py                       # PostgreSQL 1M, then Redmine
    .venv/bin/python bench/http_bench.py --db sqlite --no-redmine
    .venv/bin/python bench/http_bench.py --paths /,/tong-quan/,/nhiem-vu/ --duration 60

For each database: builds or reuses the bench database (bench/generate.py, 5,000 units),
adds three scoped users (the national administrator, the office desk of the province with
the most units, the focal officer of that province's department leading the most tasks),
prints EXPLAIN ANALYZE of their scopes (PostgreSQL), starts gunicorn (3 workers), signs the
users in and times each path: warm-up requests, then sequential requests on one keep-alive
connection (client wall time on 127.0.0.1, about the server's time), median and p95; then
`--concurrency` clients in a closed loop for `--duration` seconds on one path, a new
connection per request, as the national user, with the CPU a request of gunicorn, of
PostgreSQL's backends and of the client (/proc). Then, in the same run, Redmine's own peer
scripts (/work/shared/peers/redmine: setup.sh, load.py, bench.sh) on its 1M issues.
Figures are printed, never asserted. See bench/README.md.
"""

# ruff: noqa: S105, S603, S607, S608, T201

import argparse
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from functools import partial
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

import generate
from cpu_usage import cpu_per_request

PASSWORD = "bench-Mat-khau-2026"
USERS = ("bench_national", "bench_province_desk", "bench_department_focal")
REDMINE = Path("/work/shared/peers/redmine")
REDMINE_PAGES = {
    "a": "overdue list, page 1 (all projects)",
    "b": "one department's list",
    "c": "province report",
    "d": "API JSON, 100 rows",
    "a@20": "overdue list, 20 clients",
}


# --------------------------------------------------------------------------- inside Django


def prepare(db: str, size: int) -> dict:
    """The three scoped users (made once), and the plans of their scopes."""
    generate.configure(db, size)
    from django.db import connection
    from django.db.models import Count

    from nhiemvu.accounts.choices import Role
    from nhiemvu.accounts.models import RoleAssignment, User
    from nhiemvu.tracking.models import Task
    from nhiemvu.units.models import Unit

    provinces = Unit.objects.filter(kind="province")
    province = max(provinces, key=lambda p: Unit.objects.subtree_of(p).count())
    # The province's department whose subtree leads the most tasks.
    subtree = dict(Unit.objects.subtree_of(province).values_list("pk", "path"))
    per_unit = (
        Task.objects.filter(lead_unit_id__in=list(subtree))
        .values("lead_unit_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    led: dict[int, int] = {}
    departments = {d.path: d for d in Unit.objects.filter(parent=province, kind="department")}
    for row in per_unit:
        path = subtree[row["lead_unit_id"]]
        for prefix, unit in departments.items():
            if path.startswith(prefix):
                led[unit.pk] = led.get(unit.pk, 0) + row["n"]
    department = max(departments.values(), key=lambda d: (led.get(d.pk, 0), -d.pk))
    roles = {
        "bench_national": (Role.ADMIN, None),
        "bench_province_desk": (Role.OFFICE_DESK, province),
        "bench_department_focal": (Role.FOCAL_OFFICER, department),
    }
    for username, (role, unit) in roles.items():
        user, _ = User.objects.get_or_create(username=username)
        user.set_password(PASSWORD)
        user.save()
        RoleAssignment.objects.filter(user=user).exclude(role=role, unit=unit).delete()
        RoleAssignment.objects.get_or_create(user=user, role=role, unit=unit)

    plans = []
    if connection.vendor == "postgresql":
        from nhiemvu.dashboard import services

        day = generate.END_DAY
        for username in USERS[1:]:
            user = User.objects.get(username=username)
            scoped = Task.objects.visible_to(user)
            for label, queryset in (
                (
                    "cards",
                    scoped.exclude(lifecycle__in=("returned", "cancelled")).order_by().values("lifecycle"),
                ),
                ("overdue page", services.overdue_tasks(user, day)[:50]),
                ("overdue count", scoped.overdue(as_of=day).order_by().values("pk")),
            ):
                sql, params = queryset.query.sql_with_params()
                if label != "overdue page":
                    sql = f"SELECT COUNT(*) FROM ({sql}) counted"
                with connection.cursor() as cursor:
                    cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
                    plan = "\n".join(row[0] for row in cursor.fetchall())
                plans.append(f"=== {username}: {label}\n{plan}\n")
    out = generate.OUT_DIR / f"http-plans-{db}-{size}.txt"
    out.write_text("\n".join(plans))
    return {
        "province": province.name,
        "province_units": Unit.objects.subtree_of(province).count(),
        "department": department.name,
        "department_tasks": led.get(department.pk, 0),
        "plans": str(out) if plans else None,
    }


# --------------------------------------------------------------------------- over HTTP


class Client:
    """One signed-in user on one keep-alive connection."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def request(self, method, path, body=None, headers=None, connection=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn = connection or self.connection
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, data

    def login(self, username: str) -> None:
        status, page = self.request("GET", "/dang-nhap/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        body = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD}
        )
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://127.0.0.1:{self.port}/",
        }
        status, _ = self.request("POST", "/dang-nhap/", body, headers)
        if status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"could not sign in as {username}: HTTP {status}")


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def time_path(client: Client, path: str, requests: int, warmup: int, headers=None) -> dict:
    times, size, status = [], 0, None
    for number in range(warmup + requests):
        start = time.perf_counter()
        status, data = client.request("GET", path, headers=headers)
        elapsed = (time.perf_counter() - start) * 1000
        if number >= warmup:
            times.append(elapsed)
        size = len(data)
    return {
        "status": status,
        "median": statistics.median(times),
        "p95": percentile(times, 0.95),
        "min": min(times),
        "bytes": size,
    }


def closed_loop(client: Client, path: str, clients: int, duration: float) -> dict:
    """`clients` threads, each a new connection per request, for `duration` seconds."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.perf_counter() + duration

    def worker():
        mine, failed = [], 0
        while time.perf_counter() < stop:
            connection = http.client.HTTPConnection("127.0.0.1", client.port, timeout=120)
            start = time.perf_counter()
            try:
                status, _ = client.request("GET", path, connection=connection)
                failed += status != 200
            except OSError:
                failed += 1
            mine.append((time.perf_counter() - start) * 1000)
            connection.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    return {
        "requests": len(latencies),
        "per_second": len(latencies) / wall,
        "median": statistics.median(latencies),
        "p95": percentile(latencies, 0.95),
        "errors": errors[0],
    }


def serve(db: str, size: int, port: int, workers: int):
    env = dict(os.environ)
    data_dir = generate.sqlite_path(size).parent if db == "sqlite" else generate.OUT_DIR / f"postgres-{size}"
    env |= {
        "NHIEMVU_DATA_DIR": str(data_dir),
        "SECRET_KEY": "bench-not-secret",
        "DJANGO_SETTINGS_MODULE": "nhiemvu.settings",
        "DATABASE_URL": f"sqlite:///{generate.sqlite_path(size)}"
        if db == "sqlite"
        else f"{generate.PG_SERVER}/{generate.pg_database(size)}",
    }
    log = open(generate.OUT_DIR / f"gunicorn-{db}.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "nhiemvu.wsgi:application",
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
        ],
        cwd=generate.ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    for _ in range(120):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/dang-nhap/")
            connection.getresponse().read()
            return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("gunicorn did not start: see " + log.name)


def bench_ours(db: str, size: int, args) -> dict:
    subprocess.run(
        [sys.executable, str(BENCH_DIR / "generate.py"), "--db", db, "--size", str(size)], check=True
    )
    prepared = json.loads(
        subprocess.run(
            [sys.executable, __file__, "--prepare", "--db", db, "--size", str(size)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.splitlines()[-1]
    )
    print(f"\n## {db} {size:,}: {json.dumps(prepared, ensure_ascii=False)}")
    server = serve(db, size, args.port, args.workers)
    results = {"db": db, "size": size, "prepared": prepared, "load_before": os.getloadavg(), "pages": []}
    try:
        clients = {}
        for username in USERS:
            clients[username] = Client(args.port)
            clients[username].login(username)
        paths = [path for path in args.paths.split(",") if path]
        # The table swapped for another period: counted again (not in the cache) on every request.
        for username, client in clients.items():
            for path in paths:
                status, _ = client.request("GET", path)
                if status == 404:
                    print(f"{path}: 404, skipped")
                    continue
                first = time.perf_counter()
                client.request(
                    "GET", path + ("&" if "?" in path else "?") + "date_from=2024-01-01&date_to=2024-12-31"
                )
                cold = (time.perf_counter() - first) * 1000
                figures = time_path(client, path, args.requests, args.warmup)
                figures |= {"user": username, "path": path, "first_other_period": cold}
                results["pages"].append(figures)
                print(
                    f"{username:<24} {path:<24} median {figures['median']:7.1f}  p95 {figures['p95']:7.1f}"
                    f"  min {figures['min']:6.1f} ms  {figures['bytes'] / 1024:7.1f} KiB  HTTP {figures['status']}"
                    f"  (another period, counted: {cold:.0f} ms)"
                )
        answering = [p for p in paths if clients[USERS[0]].request("GET", p)[0] == 200]
        conc_path = args.conc_path or (answering[-1] if answering else "/")
        for username in (USERS[0], USERS[2]):
            figures = cpu_per_request(
                server,
                db,
                size,
                partial(closed_loop, clients[username], conc_path, args.concurrency, args.duration),
            )
            figures |= {"user": username, "path": conc_path, "clients": args.concurrency}
            results.setdefault("concurrent", []).append(figures)
            print(
                f"{username:<24} {conc_path:<24} {args.concurrency} clients {args.duration:.0f} s:"
                f" {figures['per_second']:.1f} req/s, median {figures['median']:.0f}, p95 {figures['p95']:.0f} ms,"
                f" {figures['errors']} errors; CPU ms a request: gunicorn {figures['cpu_ms_gunicorn']:.1f},"
                f" PostgreSQL {figures['cpu_ms_postgres']:.1f}, client {figures['cpu_ms_client']:.1f}"
            )
    finally:
        server.terminate()
        server.wait(30)
    results["load_after"] = os.getloadavg()
    return results


def bench_redmine(args) -> dict:
    """Redmine's peer scripts, by path: set up, 1M issues if not loaded, its bench."""
    subprocess.run([str(REDMINE / "setup.sh")], check=True, stdout=subprocess.DEVNULL)
    loaded = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-Atc", "SELECT COUNT(*) FROM issues", "redmine_peer"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    if loaded != "1000000":
        subprocess.run(
            [
                sys.executable,
                str(REDMINE / "load.py"),
                "--units",
                "5000",
                "--tasks",
                "1000000",
                "--seed",
                "1",
            ],
            check=True,
        )
    out = generate.OUT_DIR / "redmine-1m.json"
    try:
        subprocess.run(
            [str(REDMINE / "bench.sh"), "--requests", str(args.requests), "--pages", "a,b,c,d,a20",
             "--quiet", "1.0", "--quiet-wait", "5", "--json", str(out)],
            check=True,
        )  # fmt: skip
    finally:
        subprocess.run([str(REDMINE / "setup.sh"), "stop"], check=False)
    return json.loads(out.read_text())


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="postgres")
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument(
        "--paths", default="/,/tong-quan/,/nhiem-vu/", help="comma-separated paths to time (404s are skipped)"
    )
    parser.add_argument("--conc-path", help="the path under load (default: the last path that answers 200)")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--no-redmine", action="store_true")
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        print(json.dumps(prepare(args.db, args.size), ensure_ascii=False))
        return
    results = {"started": time.strftime("%Y-%m-%d %H:%M:%S"), "ours": []}
    for db in ("postgres", "sqlite") if args.db == "both" else (args.db,):
        results["ours"].append(bench_ours(db, args.size, args))
    if not args.no_redmine:
        print("\n## Redmine 5.0.4 (peer scripts), 1M issues / 5,000 projects")
        results["redmine"] = bench_redmine(args)
    out = generate.OUT_DIR / f"http-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(results, indent=1, default=str))
    print(f"\nresults: {out}")


if __name__ == "__main__":
    main()
