"""Import benchmark: `nhiemvu import-tasks` of a 10,000-row file, on SQLite and PostgreSQL.

    .venv/bin/python bench/import_bench.py [--rows 10000] [--only sqlite|postgres] [--format xlsx|csv]

Generates a .xlsx and a .csv of the same rows (realistic Vietnamese directives and tasks
over ~30 units of a province) into a temporary folder, then for each database and format
imports it into a fresh database and prints the wall time of the import and of a second,
idempotent import of the same file (which must create nothing).

Django is set up once per process and each run needs a fresh database, so every
(database, format) pair runs in a child process of this script:
- SQLite: NHIEMVU_DATA_DIR is a new temporary folder (set before django.setup);
- PostgreSQL: the database `nhiemvu_bench_import` on BENCH_PG_URL, created before and
  dropped after each run with psycopg.
Schema creation (`migrate`) and unit set-up are not timed.
"""

# ruff: noqa: S311, S603, T201

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_SERVER = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
PG_DATABASE = "nhiemvu_bench_import"
SEED = 20190510
LAST_DAY = date(2019, 12, 31)  # the file's "today": every date is in the past

PROVINCE = "UBND tỉnh Kon Tum"
UNITS = [
    "Văn phòng UBND tỉnh",
    "Sở Nội vụ",
    "Sở Tài chính",
    "Sở Kế hoạch và Đầu tư",
    "Sở Tư pháp",
    "Sở Công Thương",
    "Sở Giao thông vận tải",
    "Sở Xây dựng",
    "Sở Tài nguyên và Môi trường",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Khoa học và Công nghệ",
    "Sở Thông tin và Truyền thông",
    "Sở Ngoại vụ",
    "Thanh tra tỉnh",
    "Ban Dân tộc tỉnh",
    "Ban Quản lý Khu kinh tế tỉnh",
    "Công an tỉnh",
    "UBND thành phố Kon Tum",
    "UBND huyện Đắk Hà",
    "UBND huyện Đắk Tô",
    "UBND huyện Ngọc Hồi",
    "UBND huyện Đắk Glei",
    "UBND huyện Sa Thầy",
    "UBND huyện Kon Rẫy",
    "UBND huyện Kon Plông",
    "UBND huyện Tu Mơ Rông",
]
SYMBOLS = [
    "UBND-TH",
    "UBND-KTTH",
    "UBND-NC",
    "UBND-KGVX",
    "UBND-HTKT",
    "QĐ-UBND",
    "TB-UBND",
    "KH-UBND",
    "CT-UBND",
]
TOPICS = [
    "cải cách hành chính năm 2019",
    "Chỉ thị số 26/CT-TTg về tăng cường kỷ luật, kỷ cương trong các cơ quan hành chính",
    "giải ngân kế hoạch vốn đầu tư công",
    "phòng, chống dịch tả lợn châu Phi",
    "xây dựng nông thôn mới",
    "giảm nghèo bền vững vùng đồng bào dân tộc thiểu số",
    "bảo vệ và phát triển rừng",
    "an toàn giao thông dịp Tết Nguyên đán",
    "chuyển đổi số và Chính quyền điện tử",
    "giải quyết kiến nghị của cử tri",
    "thu ngân sách nhà nước",
    "sắp xếp, tổ chức lại các đơn vị sự nghiệp công lập",
]
VERBS = [
    "Chủ trì, phối hợp với các đơn vị liên quan rà soát, báo cáo",
    "Tham mưu UBND tỉnh ban hành kế hoạch thực hiện",
    "Kiểm tra, đôn đốc việc triển khai",
    "Tổng hợp, đề xuất giải pháp tháo gỡ khó khăn về",
    "Xây dựng dự thảo báo cáo sơ kết",
    "Hướng dẫn các địa phương thực hiện",
]
NOTES = ["", "", "", "Đã báo cáo tại Văn bản số {n}/BC-{u}", "Chờ ý kiến của Bộ, ngành Trung ương"]


def generate_rows(count: int) -> list[dict]:
    """`count` task rows, about ten per directive, deterministic."""
    rng = random.Random(SEED)
    rows: list[dict] = []
    number = 100
    while len(rows) < count:
        number += rng.randint(1, 7)
        issued = date(2018, 1, 2) + timedelta(days=rng.randint(0, 640))
        symbol = f"{number}/{rng.choice(SYMBOLS)}"
        topic = rng.choice(TOPICS)
        summary = f"V/v triển khai thực hiện {topic}"
        for index in range(rng.randint(3, 17)):
            lead = rng.choice(UNITS)
            others = rng.sample([unit for unit in UNITS if unit != lead], rng.choice([0, 0, 1, 2, 3]))
            assigned = issued + timedelta(days=rng.randint(0, 3))
            due = assigned + timedelta(days=rng.randint(7, 90)) if rng.random() < 0.8 else None
            completed = None
            if rng.random() < 0.7:
                completed = min(assigned + timedelta(days=rng.randint(0, 120)), LAST_DAY)
            note = rng.choice(NOTES).format(n=rng.randint(10, 999), u="UBND")
            rows.append(
                {
                    "number_symbol": symbol,
                    "issued_on": issued,
                    "issuer": PROVINCE,
                    "summary": summary,
                    "content": f"{rng.choice(VERBS)} {topic} (nội dung {index + 1})",
                    "lead": lead,
                    "coordinating": "; ".join(others),
                    "assigned_on": assigned,
                    "due_on": due,
                    "completed_on": completed,
                    "note": note,
                }
            )
            if len(rows) == count:
                break
    return rows


def _cells(row: dict, as_dates: bool) -> list:
    def day(value):
        if value is None:
            return None if as_dates else ""
        return datetime(value.year, value.month, value.day) if as_dates else value.strftime("%d/%m/%Y")

    return [
        row["number_symbol"],
        day(row["issued_on"]),
        row["issuer"],
        row["summary"],
        row["content"],
        row["lead"],
        row["coordinating"],
        day(row["assigned_on"]),
        day(row["due_on"]),
        day(row["completed_on"]),
        row["note"],
    ]


def write_files(rows: list[dict], folder: Path) -> dict[str, Path]:
    """The rows as .xlsx (real date cells and shared strings, as Excel saves them) and as .csv (dd/mm/yyyy)."""
    sys.path.insert(0, str(ROOT))
    from openpyxl import Workbook

    from nhiemvu.importing.columns import COLUMNS  # no Django set-up needed

    xlsx = folder / "nhiem-vu.xlsx"
    # A normal (not write-only) workbook stores text in the shared-strings table, as Excel does.
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Nhiệm vụ"
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append(_cells(row, as_dates=True))
    workbook.save(xlsx)

    csv_path = folder / "nhiem-vu.csv"
    with csv_path.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(COLUMNS)
        writer.writerows(_cells(row, as_dates=False) for row in rows)
    return {"xlsx": xlsx, "csv": csv_path}


# --------------------------------------------------------------------------- child process


def child(database: str, path: Path, data_dir: Path) -> None:
    """Runs in a fresh process: set up Django on a fresh database, import twice, print JSON."""
    os.environ["NHIEMVU_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nhiemvu.settings")
    if database == "postgres":
        os.environ["DATABASE_URL"] = f"{PG_SERVER}/{PG_DATABASE}"
    else:
        os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from nhiemvu.directives.models import Directive
    from nhiemvu.importing import readers
    from nhiemvu.importing.services import import_tasks
    from nhiemvu.tracking.models import Task, TaskEvent
    from nhiemvu.units.choices import UnitKind
    from nhiemvu.units.models import Unit

    call_command("migrate", verbosity=0)
    province = Unit.objects.create(code="UBND", name=PROVINCE, kind=UnitKind.PROVINCE)
    for index, name in enumerate(UNITS, start=1):
        kind = UnitKind.DISTRICT if name.startswith("UBND") else UnitKind.DEPARTMENT
        Unit.objects.create(code=f"DV{index:02d}", name=name, kind=kind, parent=province, sort_order=index)

    timings = {}
    started = time.perf_counter()
    rows = readers.read_rows(path)
    timings["read"] = time.perf_counter() - started

    started = time.perf_counter()
    dry = import_tasks(path, dry_run=True, today=LAST_DAY)
    timings["dry_run"] = time.perf_counter() - started

    started, cpu = time.perf_counter(), time.process_time()
    first = import_tasks(path, today=LAST_DAY)
    timings["import"] = time.perf_counter() - started
    timings["import_cpu"] = time.process_time() - cpu  # this process only, not the PostgreSQL server
    counts = (Directive.objects.count(), Task.objects.count(), TaskEvent.objects.count())

    started = time.perf_counter()
    second = import_tasks(path, today=LAST_DAY)
    timings["reimport"] = time.perf_counter() - started
    assert second.tasks_created == 0 and not second.directives_created, (
        "the second import must create nothing"
    )
    assert (Directive.objects.count(), Task.objects.count(), TaskEvent.objects.count()) == counts
    assert dry.tasks_created == first.tasks_created

    print(
        json.dumps(
            {
                "rows": len(rows) - 1,
                "tasks": first.tasks_created,
                "duplicates": first.duplicate_rows,
                "directives": len(first.directives_created),
                "events": counts[2],
                "skipped_on_reimport": second.tasks_skipped,
                **timings,
            }
        )
    )


# --------------------------------------------------------------------------- parent process


def _pg(statement: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(sql.SQL(statement).format(sql.Identifier(PG_DATABASE)))


def run(database: str, path: Path, folder: Path) -> dict:
    data_dir = Path(tempfile.mkdtemp(prefix=f"{database}-", dir=folder))
    if database == "postgres":
        _pg("DROP DATABASE IF EXISTS {} WITH (FORCE)")
        _pg("CREATE DATABASE {}")
    try:
        completed = subprocess.run(
            [sys.executable, __file__, "--child", database, str(path), str(data_dir)],
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        if database == "postgres":
            _pg("DROP DATABASE IF EXISTS {} WITH (FORCE)")
    if completed.returncode != 0:
        raise SystemExit(f"{database} {path.name} failed:\n{completed.stderr}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    parser.add_argument("--format", choices=["xlsx", "csv"])
    parser.add_argument("--child", nargs=3, metavar=("DATABASE", "PATH", "DATA_DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        database, path, data_dir = args.child
        child(database, Path(path), Path(data_dir))
        return

    with tempfile.TemporaryDirectory(prefix="nhiemvu-import-bench-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        files = write_files(generate_rows(args.rows), folder)
        print(
            f"Generated {args.rows} rows over {len(UNITS) + 1} units in {time.perf_counter() - started:.1f} s: "
            + ", ".join(f"{path.name} {path.stat().st_size / 1e6:.1f} MB" for path in files.values())
        )
        print(f"load average {' '.join(f'{load:.1f}' for load in os.getloadavg())} on {os.cpu_count()} CPUs")
        print(
            f"{'database':<10} {'file':<5} {'read':>7} {'dry-run':>8} {'import':>8} {'(cpu)':>7} {'re-import':>10}"
            "  created"
        )
        for database in [args.only] if args.only else ["sqlite", "postgres"]:
            for suffix in [args.format] if args.format else ["xlsx", "csv"]:
                result = run(database, files[suffix], folder)
                print(
                    f"{database:<10} {suffix:<5} {result['read']:>6.2f}s {result['dry_run']:>7.2f}s "
                    f"{result['import']:>7.2f}s {result['import_cpu']:>6.2f}s {result['reimport']:>9.2f}s  "
                    f"{result['tasks']} tasks, {result['directives']} directives, {result['events']} events; "
                    f"re-import skipped {result['skipped_on_reimport']}"
                )


if __name__ == "__main__":
    main()
