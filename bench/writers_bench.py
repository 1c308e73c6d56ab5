"""Time the file writers on an appendix-02-shaped document of 5,000 units (issue 14: the .xlsx
and .docx of appendix 02 for all units under 2 s).

    .venv/bin/python bench/writers_bench.py [--units 5000] [--pdf]

Prints, per format, the wall and CPU seconds of `writers.render` and the file's size; then the
process's peak memory. No database: the writers know documents only.
"""

# ruff: noqa: T201

import argparse
import os
import resource
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nhiemvu.settings")

import django

django.setup()

from nhiemvu.reports import writers
from nhiemvu.reports.document import Column, Document, Row, Table

COLUMNS = [
    Column("TT", "int", width=5),
    Column("Cơ quan được giao", width=36),
    Column("Tổng số", "int", width=9),
    Column("Đúng hạn", "int", width=9, group="Đã hoàn thành"),
    Column("Quá hạn", "int", width=9, group="Đã hoàn thành"),
    Column("Trong hạn", "int", width=9, group="Chưa hoàn thành"),
    Column("Trễ hạn", "int", width=9, group="Chưa hoàn thành"),
    Column("Tỷ lệ", "percent", width=9),
]


def document(units: int) -> Document:
    rows = [
        Row([n, f"UBND xã số {n} huyện Đắk Hà tỉnh Kon Tum", 300 + n % 97, 200, 40, 30, 30, 93.33])
        for n in range(1, units + 1)
    ]
    rows.append(Row([None, "Tổng số", 1_500_000, 1_000_000, 200_000, 150_000, 150_000, 93.33], role="total"))
    return Document(
        name="Phụ lục 02",
        extraction=f"Dữ liệu trích xuất lúc 15h30 ngày {date(2018, 12, 27):%d/%m/%Y}",
        heading=["PHỤ LỤC 02", "TỔNG HỢP TÌNH HÌNH THỰC HIỆN NHIỆM VỤ"],
        blocks=[Table(COLUMNS, rows)],
        landscape=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=5000)
    parser.add_argument("--pdf", action="store_true", help="also convert to PDF (LibreOffice)")
    arguments = parser.parse_args()
    report = document(arguments.units)
    formats = [fmt for fmt in writers.FORMATS if fmt != "pdf" or arguments.pdf]
    print(f"{arguments.units} units")
    for fmt in formats:
        wall, cpu = time.perf_counter(), time.process_time()
        data = writers.render(report, fmt)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"{fmt:5} {wall:6.2f} s wall {cpu:6.2f} s cpu {len(data) / 1024:8.0f} KB")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
