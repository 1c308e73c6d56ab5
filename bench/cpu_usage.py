"""The CPU a request costs each process of a benchmark over HTTP (http_bench.py): gunicorn's
master and workers, PostgreSQL's backends on the bench database and the client, read from
/proc around a run. On a 2-core machine that every process shares, these, not requests per
second, say what a change saved."""

import os
import time
from pathlib import Path

import generate


def _cpu_seconds(pid: int) -> float:
    """utime + stime of a process from /proc (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _server_pids(server, db: str, size: int) -> dict[str, list[int]]:
    """gunicorn's master and workers; PostgreSQL's backends on the bench database."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    pids = {"gunicorn": [server.pid, *map(int, children)], "postgres": []}
    if db == "postgres":
        import psycopg

        with psycopg.connect(f"{generate.PG_SERVER}/postgres") as conn:
            pids["postgres"] = [
                pid
                for (pid,) in conn.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = %s", [generate.pg_database(size)]
                )
            ]
    return pids


def cpu_per_request(server, db: str, size: int, run) -> dict:
    """`run()`'s figures with the CPU ms a request of gunicorn, of PostgreSQL's backends
    serving it (those connected before and after: Django keeps its connections, CONN_MAX_AGE)
    and of this client (its threads), from /proc."""
    before = {pid: _cpu_seconds(pid) for pids in _server_pids(server, db, size).values() for pid in pids}
    client = time.process_time()
    figures = run()
    client = time.process_time() - client
    spent = {}
    for name, pids in _server_pids(server, db, size).items():
        spent[name] = sum(_cpu_seconds(pid) - before.get(pid, 0.0) for pid in pids)
    spent["client"] = client
    requests = max(1, figures["requests"])
    return figures | {f"cpu_ms_{name}": seconds * 1000 / requests for name, seconds in spent.items()}
