"""Generate a benchmark database: 5,000 units in a tree and N tasks over three years.

    .venv/bin/python bench/generate.py --db sqlite --size 100000
    .venv/bin/python bench/generate.py --db postgres --size 1000000 [--force]

The schema is Django's own (`migrate` runs first); rows are then bulk-loaded into the
tables Django created (names read from the models' _meta): COPY on PostgreSQL, executemany
in one transaction on SQLite, with the big tables' secondary indexes and foreign keys
dropped during the load and recreated after it.

The rows are what tracking.services would have written: each event carries the state it
led to (tracking.status.apply), each task row equals the snapshot of its last event, and
effective_on is never after the local date of recorded_at. `verify()` checks this on the
whole database in SQL and replays a sample through tracking.status.

Deterministic: the same size and seed give the same rows. "Now" for the data is the fixed
moment NOW below: nothing is recorded after it.
"""

# ruff: noqa: S311, S608, T201

import argparse
import json
import os
import random
import sqlite3
import sys
import time
from datetime import date, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from zoneinfo import ZoneInfo

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
OUT_DIR = BENCH_DIR / "out"
PG_SERVER = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
PG_DB_PREFIX = os.environ.get("BENCH_PG_DB_PREFIX", "nhiemvu_bench")

GENERATOR_VERSION = 7  # bump when the generated rows change: existing databases are rebuilt
SEED = 20261122
UNITS = 5000
PROVINCES = 63
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
UTC_OFFSET = 7 * 3600  # Asia/Ho_Chi_Minh, no daylight saving
NOW = datetime(2026, 11, 22, 17, 0, tzinfo=LOCAL)
END_DAY = NOW.date()
START_DAY = END_DAY - timedelta(days=3 * 365)
BIG_MODELS = ("directives.Directive", "tracking.Task", "tracking.TaskEvent")

EPOCH_ORD = date(1970, 1, 1).toordinal()


# --------------------------------------------------------------------------- configuration


def pg_database(size: int) -> str:
    """One database per size, so that a rerun of every size reuses its data."""
    return f"{PG_DB_PREFIX}_{size}"


def sqlite_path(size: int) -> Path:
    return OUT_DIR / f"sqlite-{size}" / "nhiemvu.sqlite3"


def configure(db: str, size: int) -> None:
    """Point the settings at the bench database of `db` and `size`, then django.setup()."""
    data_dir = sqlite_path(size).parent if db == "sqlite" else OUT_DIR / f"postgres-{size}"
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["NHIEMVU_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("SECRET_KEY", "bench-not-secret")
    os.environ["DJANGO_SETTINGS_MODULE"] = "nhiemvu.settings"
    if db == "sqlite":
        os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_path(size)}"
    else:
        os.environ["DATABASE_URL"] = f"{PG_SERVER}/{pg_database(size)}"
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# --------------------------------------------------------------------------- value formatting

_TOD = [f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}" for s in range(86400)]
_DAY: dict[int, str] = {}


def day_str(ordinal: int | None) -> str | None:
    if ordinal is None:
        return None
    text = _DAY.get(ordinal)
    if text is None:
        text = _DAY[ordinal] = date.fromordinal(ordinal).isoformat()
    return text


def local_moment(ordinal: int, second_of_day: int) -> int:
    """Seconds since the epoch (UTC) of a local time of day on a local date."""
    return (ordinal - EPOCH_ORD) * 86400 - UTC_OFFSET + second_of_day


def local_day(seconds: int) -> int:
    return (seconds + UTC_OFFSET) // 86400 + EPOCH_ORD


NOW_S = int(NOW.timestamp())
END_ORD = END_DAY.toordinal()
START_ORD = START_DAY.toordinal()
WORK_START, WORK_END = 7 * 3600 + 1800, 16 * 3600 + 59 * 60  # recorded 07:30–16:59 local


# --------------------------------------------------------------------------- the data

DEPARTMENTS = [
    "Sở Nội vụ", "Sở Tài chính", "Sở Xây dựng", "Sở Tư pháp", "Sở Công Thương", "Sở Y tế",
    "Sở Giáo dục và Đào tạo", "Sở Nông nghiệp và Môi trường", "Sở Khoa học và Công nghệ",
    "Sở Văn hóa, Thể thao và Du lịch", "Sở Dân tộc và Tôn giáo", "Sở Ngoại vụ", "Thanh tra tỉnh",
    "Văn phòng UBND tỉnh", "Ban Quản lý các khu công nghiệp", "Công an tỉnh",
    "Bộ Chỉ huy Quân sự tỉnh", "Đài Phát thanh và Truyền hình", "Trường Chính trị",
    "Ban Quản lý dự án đầu tư xây dựng", "Quỹ Đầu tư phát triển", "Trung tâm Phục vụ hành chính công",
    "Ban Dân tộc", "Sở Lao động", "Kho bạc Nhà nước khu vực",
]  # fmt: skip
ACTIONS = [
    "Triển khai thực hiện", "Tham mưu UBND tỉnh ban hành kế hoạch", "Rà soát, báo cáo kết quả",
    "Chủ trì, phối hợp kiểm tra", "Hướng dẫn các địa phương thực hiện", "Đôn đốc, tổng hợp tình hình",
    "Xây dựng đề án", "Kiểm tra, xử lý dứt điểm", "Tổ chức tuyên truyền, phổ biến",
    "Đề xuất giải pháp tháo gỡ khó khăn",
]  # fmt: skip
SUBJECTS = [
    "công tác cải cách hành chính", "giải ngân vốn đầu tư công", "chuyển đổi số",
    "phòng, chống thiên tai", "quản lý đất đai, tài nguyên khoáng sản", "an toàn thực phẩm",
    "xây dựng nông thôn mới", "giảm nghèo bền vững", "phòng cháy, chữa cháy",
    "thu ngân sách nhà nước", "quy hoạch và quản lý đô thị", "bảo vệ và phát triển rừng",
    "giải quyết khiếu nại, tố cáo", "thực hiện Chỉ thị của Thủ tướng Chính phủ",
    "cấp giấy chứng nhận quyền sử dụng đất",
]  # fmt: skip
FIELDS = [
    ("TH", "Tổng hợp"), ("KT", "Kinh tế"), ("NC", "Nội chính"), ("KGVX", "Khoa giáo - Văn xã"),
    ("NNTN", "Nông nghiệp - Tài nguyên"), ("XD", "Xây dựng - Giao thông"), ("TC", "Tài chính"),
    ("HCTC", "Hành chính - Tổ chức"), ("DN", "Đối ngoại"), ("QPAN", "Quốc phòng - An ninh"),
]  # fmt: skip
SIGNERS = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em"]
LIFECYCLES = ("not_started", "in_progress", "extension_requested", "returned", "completed", "cancelled")
NOT_STARTED, IN_PROGRESS, EXT_REQUESTED, RETURNED, COMPLETED, CANCELLED = range(6)
KINDS = (
    "assigned", "reassigned", "extension_requested", "extension_approved", "extension_rejected",
    "returned", "completed", "cancelled",
)  # fmt: skip
K_ASSIGNED, K_REASSIGNED, K_EXT_REQ, K_EXT_OK, K_EXT_NO, K_RETURNED, K_COMPLETED, K_CANCELLED = range(8)
DUE_DAYS = (7, 10, 15, 15, 20, 30, 30, 30, 45, 60, 60, 90, 120, 180)


class Units:
    """Government → 63 provinces → departments and districts → sub-units and communes."""

    def __init__(self, rng: random.Random):
        rows = [(1, None, "government", "Chính phủ", "TTg")]  # id, parent, kind, name, short_name
        level2 = []
        for p in range(1, PROVINCES + 1):
            pid = len(rows) + 1
            rows.append((pid, 1, "province", f"UBND tỉnh số {p:02d}", f"UBT{p:02d}"))
            departments = rng.sample(DEPARTMENTS, rng.randint(16, 24))
            level2 += [(pid, "department", f"{name} tỉnh số {p:02d}") for name in departments]
            level2 += [
                (pid, "district", f"UBND huyện {d} tỉnh số {p:02d}") for d in range(1, rng.randint(6, 11) + 1)
            ]
        for parent, kind, name in level2:
            uid = len(rows) + 1
            rows.append((uid, parent, kind, name, f"DV{uid}"))
        level2_ids = [r[0] for r in rows if r[2] in ("department", "district")]
        weights = [6 if rows[i - 1][2] == "district" else 1 for i in level2_ids]
        parents = sorted(rng.choices(level2_ids, weights, k=UNITS - len(rows)))
        counters: dict[int, int] = {}
        for parent in parents:
            uid = len(rows) + 1
            counters[parent] = counters.get(parent, 0) + 1
            if rows[parent - 1][2] == "district":
                rows.append(
                    (uid, parent, "commune", f"UBND xã {counters[parent]}, {rows[parent - 1][3]}", f"DV{uid}")
                )
            else:
                rows.append(
                    (uid, parent, "sub_unit", f"Phòng {counters[parent]}, {rows[parent - 1][3]}", f"DV{uid}")
                )
        assert len(rows) == UNITS
        self.rows = rows
        self.parent = {r[0]: r[1] for r in rows}
        self.short = {r[0]: r[4] for r in rows}
        self.name = {r[0]: r[3] for r in rows}
        self.children: dict[int, list[int]] = {}
        for uid, parent, *_ in rows:
            if parent is not None:
                self.children.setdefault(parent, []).append(uid)
        self.non_root = [r[0] for r in rows[1:]]
        self.path = {}
        self.sort_order = {}
        for uid, parent, *_ in rows:  # parents come before their children
            self.path[uid] = (self.path[parent] if parent else "") + f"{uid:010d}/"
        for kids in self.children.values():
            for position, uid in enumerate(kids):
                self.sort_order[uid] = position
        self.sort_order[1] = 0


def generate(rng: random.Random, size: int, units: Units, fingerprint):
    """Yield ("directive", row) and ("task", row) in order; collect compact events.

    Returns the compact events via the final ("events", list) item: tuples of
    (recorded_s, task_id, kind, effective_ord, lead, due_ord, completed_ord, lifecycle, proposed_ord).
    """
    from nhiemvu.text import search_key  # after django.setup, as every import of the app

    events = []
    span = END_ORD - START_ORD
    produced = 0
    task_id = 0
    directive_id = 0
    numbers: dict[tuple[int, int], int] = {}
    rand, randint, choice = rng.random, rng.randint, rng.choice
    while produced < size:
        lead_hint = choice(units.non_root)
        issuer = units.parent[lead_hint]
        x = rand()
        k = 1 if x < 0.35 else randint(2, 5) if x < 0.70 else randint(6, 15) if x < 0.95 else randint(16, 40)
        k = min(k, size - produced)
        issued = START_ORD + span * produced // size
        received = issued + (0 if rand() < 0.5 else 1 if rand() < 0.6 else randint(2, 3))
        received = min(received, END_ORD)
        directive_id += 1
        year = date.fromordinal(issued).year
        numbers[issuer, year] = number = numbers.get((issuer, year), 0) + 1
        x = rand()
        doc_type, symbol = (
            ("QD", f"QĐ-{units.short[issuer]}") if x < 0.25
            else ("CT", f"CT-{units.short[issuer]}") if x < 0.32
            else ("TB", f"TB-{units.short[issuer]}") if x < 0.45
            else ("KH", f"KH-{units.short[issuer]}") if x < 0.55
            else ("CV", f"{units.short[issuer]}-TH")
        )  # fmt: skip
        number_symbol = f"{number}/{symbol}"
        subject = choice(SUBJECTS)
        created_s = local_moment(received, randint(WORK_START, WORK_END))
        yield (
            "directive",
            (
                directive_id, doc_type, number_symbol, units.name[issuer], issuer, day_str(issued),
                day_str(received), f"V/v {subject}", choice(SIGNERS),
                "government" if issuer == 1 else "eoffice", None, created_s,
                search_key(f"{number_symbol} {units.name[issuer]} V/v {subject}"), issuer,
            ),
        )  # fmt: skip
        kids = units.children[issuer]
        for position in range(k):
            task_id += 1
            lead = lead_hint if position == 0 else choice(kids)
            assigned = min(received + (0 if rand() < 0.7 else 1 if rand() < 0.67 else 2), END_ORD)
            content = f"{choice(ACTIONS)} {subject} (mục {position + 1} văn bản số {number_symbol})"
            fp = fingerprint(lead_unit_id=lead, assigned_on=date.fromordinal(assigned), content=content)
            due = None if rand() < 0.30 else assigned + choice(DUE_DAYS) + randint(0, 5)

            # The events, in the order they are recorded; each holds the state after it.
            life, cur_lead, cur_due = NOT_STARTED, lead, due
            rec_day = min(assigned + (0 if rand() < 0.85 else randint(1, 5)), END_ORD)
            rec = local_moment(rec_day, randint(WORK_START, WORK_END))
            task_events = [(rec, task_id, K_ASSIGNED, assigned, lead, due, None, NOT_STARTED, None)]
            last = rec

            def record(day: int, last: int) -> int:
                """A moment on local `day` (working hours), strictly after `last`."""
                moment = local_moment(day, randint(WORK_START, WORK_END))
                return moment if moment > last else last + randint(60, 4 * 3600)

            x = rand()
            if x < 0.005:  # sent back to the office, which (mostly) gives it to a sibling
                rec = record(assigned + randint(1, 10), last)
                task_events.append(
                    (rec, task_id, K_RETURNED, local_day(rec), cur_lead, cur_due, None, RETURNED, None)
                )
                life, last = RETURNED, rec
                if rand() < 0.8:
                    others = [u for u in units.children[units.parent[lead]] if u != cur_lead] or [cur_lead]
                    cur_lead = choice(others)
                    rec = record(local_day(last) + randint(2, 15), last)
                    task_events.append(
                        (
                            rec,
                            task_id,
                            K_REASSIGNED,
                            local_day(rec),
                            cur_lead,
                            cur_due,
                            None,
                            NOT_STARTED,
                            None,
                        )
                    )
                    life, last = NOT_STARTED, rec
            elif x < 0.009:  # reassigned while open
                others = [u for u in units.children[units.parent[lead]] if u != cur_lead]
                if others:
                    cur_lead = choice(others)
                    rec = record(assigned + randint(1, 20), last)
                    task_events.append(
                        (rec, task_id, K_REASSIGNED, local_day(rec), cur_lead, cur_due, None, life, None)
                    )
                    last = rec

            if life != RETURNED and cur_due is not None and cur_due - assigned >= 3 and rand() < 0.06:
                asked = max(assigned + 1, cur_due - randint(1, 10))
                proposed = cur_due + randint(10, 60)
                rec = record(asked, last)
                task_events.append(
                    (
                        rec,
                        task_id,
                        K_EXT_REQ,
                        local_day(rec),
                        cur_lead,
                        cur_due,
                        None,
                        EXT_REQUESTED,
                        proposed,
                    )
                )
                last = rec
                decided = local_day(rec) + randint(1, 10)
                rec = record(decided, last)
                if rand() < 0.85:
                    cur_due = proposed
                    task_events.append(
                        (rec, task_id, K_EXT_OK, decided, cur_lead, cur_due, None, IN_PROGRESS, None)
                    )
                else:
                    task_events.append(
                        (rec, task_id, K_EXT_NO, decided, cur_lead, cur_due, None, IN_PROGRESS, None)
                    )
                life, last = IN_PROGRESS, rec

            if life != RETURNED:
                x = rand()
                if x < 0.01:
                    rec = record(assigned + randint(5, 200), last)
                    task_events.append(
                        (rec, task_id, K_CANCELLED, local_day(rec), cur_lead, cur_due, None, CANCELLED, None)
                    )
                elif x < 0.16:
                    pass  # never completed: stays open (overdue once its due date passes)
                else:
                    if cur_due is None:
                        done = assigned + min(int(rng.expovariate(1 / 45)), 400)
                    elif rand() < 0.75:
                        done = randint(assigned, cur_due)
                    else:
                        done = cur_due + 1 + min(int(rng.expovariate(1 / 30)), 300)
                    x = rand()
                    lag = (
                        0
                        if x < 0.55
                        else randint(1, 2)
                        if x < 0.75
                        else randint(3, 30)
                        if x < 0.90
                        else randint(31, 180)
                    )
                    rec = record(max(done + lag, local_day(last)), last)
                    task_events.append(
                        (rec, task_id, K_COMPLETED, done, cur_lead, cur_due, done, COMPLETED, None)
                    )

            # What was recorded by NOW is all the system knows.
            while task_events[-1][0] > NOW_S:
                task_events.pop()
            assert task_events, "the assignment is always recorded by NOW"
            # Each event is superseded when the next one is recorded; the last one is in force.
            task_events = [(*event, next_event[0]) for event, next_event in pairwise(task_events)] + [
                (*task_events[-1], None)
            ]
            final = task_events[-1]
            completion = next((e[0] for e in task_events if e[2] == K_COMPLETED), None)
            events.extend(task_events)
            yield (
                "task",
                (
                    task_id, directive_id, content, issuer, final[4], None, None,
                    1 + task_id % len(FIELDS) if task_id % 7 else None, task_id % 10 == 0, None, "",
                    day_str(assigned), day_str(due), day_str(final[5]), day_str(final[6]),
                    LIFECYCLES[final[7]], 100 if final[7] == COMPLETED else 0,
                    task_events[0][0], final[0], completion, fp, search_key(f"{number_symbol} {content}"),
                ),
            )  # fmt: skip
            produced += 1
    yield "events", events


# Order of values in the rows above, by model field attname.
DIRECTIVE_FIELDS = (
    "id", "doc_type", "number_symbol", "issuer", "issuer_unit_id", "issued_on", "received_on",
    "summary", "signer", "channel", "created_by_id", "created_at", "search_text",
    "receiving_unit_id",  # the issuer's own office assigns the tasks to its children
)  # fmt: skip
TASK_FIELDS = (
    "id", "directive_id", "content", "assigning_unit_id", "lead_unit_id", "tracking_desk_id",
    "tracking_officer_id", "field_id", "is_key", "parent_id", "note", "assigned_on", "due_on",
    "due_in_force", "completed_on", "lifecycle", "percent", "assignment_recorded_at",
    "state_recorded_at", "completion_recorded_at", "fingerprint", "search_text",
)  # fmt: skip
EVENT_FIELDS = (
    "id", "task_id", "kind", "actor_id", "source", "effective_on", "recorded_at", "inserted_at",
    "note", "percent", "proposed_due", "result_document", "lead_unit_id", "due_in_force",
    "completed_on", "lifecycle", "superseded_at", "contributing_unit_id",
)  # fmt: skip
UNIT_FIELDS = (
    "id", "code", "name", "short_name", "kind", "parent_id", "path", "active_from", "active_until",
    "scored_for_reform", "sort_order", "search_name",
)  # fmt: skip
FIELD_FIELDS = ("id", "code", "name")
TIMESTAMP_POSITIONS = {"directive": (11,), "task": (17, 18, 19)}


def table_and_columns(label: str, attnames: tuple[str, ...]) -> tuple[str, list[str]]:
    """The table Django created for `label` and the columns of `attnames`, from _meta."""
    from django.apps import apps

    meta = apps.get_model(label)._meta
    concrete = {f.attname for f in meta.concrete_fields}
    assert concrete == set(attnames), f"{label}: model fields changed: {sorted(concrete ^ set(attnames))}"
    column = {f.attname: f.column for f in meta.concrete_fields}
    return meta.db_table, [column[name] for name in attnames]


# --------------------------------------------------------------------------- loaders


class Loader:
    """Writes rows into one database; timestamps arrive as seconds since the epoch (UTC)."""

    ts_suffix = ""

    def ts(self, seconds: int | None) -> str | None:
        if seconds is None:
            return None
        return f"{day_str(seconds // 86400 + EPOCH_ORD)} {_TOD[seconds % 86400]}{self.ts_suffix}"


class SqliteLoader(Loader):
    vendor = "sqlite"

    def __init__(self, path: Path):
        self.conn = sqlite3.connect(path, isolation_level=None)
        for pragma in ("journal_mode=DELETE", "synchronous=OFF", "cache_size=-1000000", "foreign_keys=OFF"):
            self.conn.execute(f"PRAGMA {pragma}")
        self.saved_indexes: list[str] = []

    def begin(self, tables):
        placeholders = ",".join("?" * len(tables))
        self.saved_indexes = [
            sql
            for (sql,) in self.conn.execute(
                f"SELECT sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL AND tbl_name IN ({placeholders})",
                tables,
            )
        ]
        for (name,) in self.conn.execute(
            f"SELECT name FROM sqlite_master WHERE type='index' AND sql IS NOT NULL AND tbl_name IN ({placeholders})",
            tables,
        ).fetchall():
            self.conn.execute(f'DROP INDEX "{name}"')
        self.conn.execute("BEGIN")

    def write(self, table, columns, rows):
        sql = f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({", ".join("?" * len(columns))})'
        self.conn.executemany(sql, rows)

    def finish(self, tables):
        self.conn.execute("COMMIT")
        for sql in self.saved_indexes:
            self.conn.execute(sql)
        for table in tables:
            problems = self.conn.execute(f'PRAGMA foreign_key_check("{table}")').fetchmany(5)
            assert not problems, f"foreign keys broken in {table}: {problems}"
        self.conn.execute("ANALYZE")
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("CREATE TABLE IF NOT EXISTS bench_meta (key TEXT PRIMARY KEY, value TEXT)")

    def set_meta(self, meta: dict):
        self.conn.executemany(
            "INSERT OR REPLACE INTO bench_meta VALUES (?, ?)", [(k, json.dumps(v)) for k, v in meta.items()]
        )

    def close(self):
        self.conn.close()


class PostgresLoader(Loader):
    vendor = "postgresql"
    ts_suffix = "+00"

    def __init__(self, dbname: str):
        import psycopg

        self.conn = psycopg.connect(f"{PG_SERVER}/{dbname}", autocommit=True)
        self.conn.execute("SET maintenance_work_mem = '512MB'")
        self.saved: list[str] = []

    def begin(self, tables):
        cur = self.conn.cursor()
        # Foreign keys and unique constraints of the big tables, then their other indexes.
        cur.execute(
            """SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
                 FROM pg_constraint c WHERE c.conrelid = ANY(%s::regclass[]) AND c.contype IN ('f', 'u')""",
            [list(tables)],
        )
        constraints = cur.fetchall()
        for table, name, _definition in constraints:
            cur.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        cur.execute(
            """SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
                WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary""",
            [list(tables)],
        )
        indexes = cur.fetchall()
        for name, _definition in indexes:
            cur.execute(f"DROP INDEX {name}")
        self.saved = [definition for _name, definition in indexes] + [
            f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'
            for table, name, definition in constraints
        ]
        self.conn.autocommit = False

    def write(self, table, columns, rows):
        with self.conn.cursor().copy(f'COPY "{table}" ({", ".join(columns)}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)

    def finish(self, tables):
        self.conn.commit()
        self.conn.autocommit = True
        for sql in self.saved:
            self.conn.execute(sql)
        self.conn.execute("VACUUM (ANALYZE)")
        self.conn.execute("CREATE TABLE IF NOT EXISTS bench_meta (key TEXT PRIMARY KEY, value TEXT)")

    def set_meta(self, meta: dict):
        with self.conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO bench_meta VALUES (%s, %s) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                [(k, json.dumps(v)) for k, v in meta.items()],
            )

    def close(self):
        self.conn.close()


def load(loader: Loader, size: int, seed: int) -> dict:
    from nhiemvu.text import search_key
    from nhiemvu.tracking.building import task_fingerprint

    rng = random.Random(seed)
    units = Units(rng)
    unit_table, unit_cols = table_and_columns("units.Unit", UNIT_FIELDS)
    field_table, field_cols = table_and_columns("units.Field", FIELD_FIELDS)
    directive_table, directive_cols = table_and_columns("directives.Directive", DIRECTIVE_FIELDS)
    task_table, task_cols = table_and_columns("tracking.Task", TASK_FIELDS)
    event_table, event_cols = table_and_columns("tracking.TaskEvent", EVENT_FIELDS)
    big = (directive_table, task_table, event_table)
    timings = {}
    started = time.perf_counter()
    loader.begin(big)
    loader.write(
        unit_table,
        unit_cols,
        [
            (uid, f"U{uid:05d}", name, short, kind, parent, units.path[uid], None, None,
             kind in ("province", "department", "district"), units.sort_order[uid],
             search_key(f"{name} | {short} | U{uid:05d}"))
            for uid, parent, kind, name, short in units.rows
        ],
    )  # fmt: skip
    loader.write(field_table, field_cols, [(i, code, name) for i, (code, name) in enumerate(FIELDS, 1)])

    batch = {"directive": [], "task": []}
    targets = {"directive": (directive_table, directive_cols), "task": (task_table, task_cols)}
    ts = loader.ts
    events = []

    def flush(kind):
        rows = batch[kind]
        positions = TIMESTAMP_POSITIONS[kind]
        for row in rows:
            for p in positions:
                row[p] = ts(row[p])
        loader.write(*targets[kind], rows)
        batch[kind] = []

    for kind, row in generate(rng, size, units, task_fingerprint):
        if kind == "events":
            events = row
            break
        batch[kind].append(list(row))
        if len(batch[kind]) >= 20000:
            flush(kind)
    flush("directive")
    flush("task")
    timings["tasks_s"] = time.perf_counter() - started

    # Events go in the order they were recorded, as the application appends them.
    events.sort()
    kinds, lifecycles = KINDS, LIFECYCLES
    loader.write(
        event_table,
        event_cols,
        (
            (
                i, task, kinds[kind], None, "app", day_str(eff), ts(rec), ts(rec),
                "Đề nghị gia hạn do khối lượng công việc lớn" if kind == K_EXT_REQ else "",
                None, day_str(proposed), f"{task % 997 + 1}/BC-{lead}" if kind == K_COMPLETED else "",
                lead, day_str(due), day_str(completed), lifecycles[life], ts(superseded), None,
            )
            for i, (rec, task, kind, eff, lead, due, completed, life, proposed, superseded) in enumerate(events, 1)
        ),
    )  # fmt: skip
    n_events = len(events)
    del events
    timings["events_s"] = time.perf_counter() - started - timings["tasks_s"]
    mark = time.perf_counter()
    loader.finish(big)
    timings["indexes_s"] = time.perf_counter() - mark
    return {"units": UNITS, "tasks": size, "events": n_events, **timings}


# --------------------------------------------------------------------------- build or reuse


def _existing(db: str, size: int) -> dict | None:
    """bench_meta of an existing database generated for `size` by this generator, else None."""
    try:
        if db == "sqlite":
            path = sqlite_path(size)
            if not path.exists():
                return None
            conn = sqlite3.connect(path)
            try:
                meta = dict(conn.execute("SELECT key, value FROM bench_meta").fetchall())
                count = conn.execute("SELECT count(*) FROM tracking_task").fetchone()[0]
            finally:
                conn.close()
        else:
            import psycopg

            with psycopg.connect(f"{PG_SERVER}/{pg_database(size)}") as conn:
                meta = dict(conn.execute("SELECT key, value FROM bench_meta").fetchall())
                count = conn.execute("SELECT count(*) FROM tracking_task").fetchone()[0]
    except Exception:  # noqa: BLE001 — no database, no table: build it
        return None
    meta = {k: json.loads(v) for k, v in meta.items()}
    if (
        meta.get("version") != GENERATOR_VERSION
        or meta.get("seed") != SEED
        or count != size
        or meta.get("tasks") != size
    ):
        return None
    return meta


def _recreate(db: str, size: int) -> None:
    if db == "sqlite":
        path = sqlite_path(size)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{pg_database(size)}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{pg_database(size)}"')


def ensure(db: str, size: int, *, force: bool = False, check: bool = True) -> dict:
    """Reuse the database of `db` and `size` when it holds this generator's rows, else build it.
    Call before configure() in a fresh process; configures Django itself."""
    meta = None if force else _existing(db, size)
    if meta is None:
        _recreate(db, size)
    configure(db, size)
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    applied_before = MigrationRecorder(connection).migration_qs.count() if meta else 0
    call_command("migrate", verbosity=0, interactive=False)
    if meta is not None:
        if MigrationRecorder(connection).migration_qs.count() != applied_before:
            with connection.cursor() as cursor:  # new indexes or columns since: fresh statistics
                cursor.execute("ANALYZE")
        meta["reused"] = True
        return meta
    connection.close()
    started = time.perf_counter()
    loader = SqliteLoader(sqlite_path(size)) if db == "sqlite" else PostgresLoader(pg_database(size))
    try:
        stats = load(loader, size, SEED)
        stats["generate_s"] = round(time.perf_counter() - started, 1)
        meta = {"version": GENERATOR_VERSION, "seed": SEED, "now": NOW.isoformat(), **stats}
        loader.set_meta(meta)
    finally:
        loader.close()
    _reset_sequences()
    if check:
        meta["verify"] = verify()
    meta["reused"] = False
    return meta


def _reset_sequences() -> None:
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection

    models = [apps.get_model(label) for label in ("units.Unit", "units.Field", *BIG_MODELS)]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


# --------------------------------------------------------------------------- verification


def verify(sample: int = 2000) -> dict:
    """Check the whole database in SQL, then replay a sample of tasks through tracking.status."""
    from django.db import connection

    from nhiemvu.tracking.building import task_fingerprint, task_search_text
    from nhiemvu.tracking.choices import EventKind, Lifecycle
    from nhiemvu.tracking.models import Task, TaskEvent
    from nhiemvu.tracking.status import Change, apply

    t, e = Task._meta.db_table, TaskEvent._meta.db_table
    local_date = (
        "date(e.recorded_at, '+7 hours')"
        if connection.vendor == "sqlite"
        else "(e.recorded_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date"
    )
    checks = {
        "task_row_differs_from_last_event": f"""
            SELECT count(*) FROM {t} t JOIN {e} e ON e.id = (
                SELECT x.id FROM {e} x WHERE x.task_id = t.id ORDER BY x.recorded_at DESC, x.id DESC LIMIT 1)
             WHERE e.lead_unit_id <> t.lead_unit_id OR e.lifecycle <> t.lifecycle
                OR e.due_in_force IS DISTINCT FROM t.due_in_force OR e.completed_on IS DISTINCT FROM t.completed_on
                OR e.recorded_at <> t.state_recorded_at""",
        "task_without_assignment_event": f"""
            SELECT count(*) FROM {t} t WHERE NOT EXISTS (
                SELECT 1 FROM {e} x WHERE x.task_id = t.id AND x.kind = 'assigned'
                   AND x.recorded_at = t.assignment_recorded_at)""",
        "superseded_at_not_next_recorded_at": f"""
            SELECT count(*) FROM {e} e WHERE e.superseded_at IS DISTINCT FROM (
                SELECT x.recorded_at FROM {e} x WHERE x.task_id = e.task_id AND (x.recorded_at, x.id) > (e.recorded_at, e.id)
                 ORDER BY x.recorded_at, x.id LIMIT 1)""",
        "effective_after_recorded": f"SELECT count(*) FROM {e} e WHERE e.effective_on > {local_date}",
        "recorded_after_now": f"SELECT count(*) FROM {e} e WHERE e.recorded_at > %s",
        "completion_recorded_mismatch": f"""
            SELECT count(*) FROM {t} t WHERE (t.lifecycle = 'completed') <> (t.completion_recorded_at IS NOT NULL)""",
    }
    result = {}
    with connection.cursor() as cursor:
        for name, sql in checks.items():
            cursor.execute(sql, [NOW] if "%s" in sql else [])
            result[name] = cursor.fetchone()[0]

    # Replay: the state machine accepts every event and reaches the snapshots written.
    rng = random.Random(SEED + 1)
    ids = rng.sample(range(1, Task.objects.count() + 1), min(sample, Task.objects.count()))
    tasks = Task.objects.select_related("directive").in_bulk(ids)
    by_task: dict[int, list] = {}
    for event in TaskEvent.objects.filter(task_id__in=ids).order_by("task_id", "recorded_at", "id"):
        by_task.setdefault(event.task_id, []).append(event)
    mismatches = 0
    for task_id, task in tasks.items():
        state = None
        first_lead = None
        for event in by_task[task_id]:
            kind = EventKind(event.kind)
            due = {EventKind.ASSIGNED: event.due_in_force, EventKind.EXTENSION_REQUESTED: event.proposed_due,
                   EventKind.EXTENSION_APPROVED: event.due_in_force}.get(kind)  # fmt: skip
            lead = event.lead_unit_id if kind in (EventKind.ASSIGNED, EventKind.REASSIGNED) else None
            first_lead = first_lead or lead
            change = Change(
                kind, effective_on=event.effective_on, recorded_at=event.recorded_at, lead_unit_id=lead,
                due_on=due, assigned_on=None if kind == EventKind.ASSIGNED else task.assigned_on,
                percent=event.percent,
            )  # fmt: skip
            state = apply(state, change)
            snapshot = (event.lead_unit_id, event.due_in_force, event.completed_on, event.lifecycle)
            if (state.lead_unit_id, state.due_in_force, state.completed_on, state.lifecycle) != snapshot:
                mismatches += 1
        row = (task.lead_unit_id, task.due_in_force, task.completed_on, task.lifecycle, task.percent)
        if (
            state.lead_unit_id,
            state.due_in_force,
            state.completed_on,
            Lifecycle(state.lifecycle),
            state.percent,
        ) != row:
            mismatches += 1
        if (
            task_fingerprint(lead_unit_id=first_lead, assigned_on=task.assigned_on, content=task.content)
            != task.fingerprint
        ):
            mismatches += 1
        if task.search_text != task_search_text(task.content, task.directive):  # the app's own key
            mismatches += 1
    result["replayed_tasks"] = len(tasks)
    result["replay_mismatches"] = mismatches
    bad = {k: v for k, v in result.items() if k != "replayed_tasks" and v}
    assert not bad, f"generated data inconsistent: {bad}"
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=("sqlite", "postgres"), required=True)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--force", action="store_true", help="rebuild even when a matching database exists")
    parser.add_argument("--no-verify", action="store_true", help="skip the consistency checks after building")
    parser.add_argument("--json", action="store_true", help="print the summary as one JSON line")
    args = parser.parse_args()
    meta = ensure(args.db, args.size, force=args.force, check=not args.no_verify)
    if args.json:
        print(json.dumps(meta))
    else:
        for key, value in meta.items():
            print(f"{key:>32}: {value}")


if __name__ == "__main__":
    main()
