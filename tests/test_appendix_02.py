"""Rebuild seed 000 appendix 02 from generated history.

The 2018 report of Kon Tum's inspection team printed, per unit, the tasks assigned in 2018 as
extracted "lúc 15h30 ngày 27/12/2018". We generate an import file whose rows carry exactly
that history, import it as the old system's data (recorded on its effective dates, domain.md),
and ask `nhiemvu report units` for the same moment: the table must come out as printed.
"""

import csv
import io
import json
import random
import shlex
from datetime import date, timedelta

import pytest
from django.core.management import call_command

from tests.factories import UnitFactory

pytestmark = pytest.mark.system  # the seed's history imported and reported end to end

# Seed 000 appendix 02: unit, total, completed on time, completed late, open within deadline, open overdue.
APPENDIX_02 = [
    ("Ban Dân tộc", 45, 26, 2, 17, 0),
    ("Ban quản lý Khu kinh tế", 55, 54, 0, 1, 0),
    ("Sở Công Thương", 136, 125, 0, 11, 0),
    ("Sở Giáo dục và Đào tạo", 55, 25, 3, 27, 0),
    ("Sở Giao thông vận tải", 88, 80, 7, 1, 0),
    ("Sở Kế hoạch và Đầu tư", 291, 231, 37, 23, 0),
    ("Sở Khoa học và Công nghệ", 68, 40, 9, 19, 0),
    ("Sở Lao động - Thương binh và Xã hội", 181, 109, 30, 42, 0),
    ("Sở Ngoại vụ", 48, 21, 7, 15, 5),
    ("Sở Nội vụ", 166, 93, 34, 37, 2),
    ("Sở Nông nghiệp và Phát triển nông thôn", 179, 52, 77, 49, 1),
    ("Sở Tài chính", 219, 186, 24, 8, 1),
    ("Sở Tài nguyên và Môi trường", 255, 205, 27, 23, 0),
    ("Sở Thông tin và Truyền thông", 126, 90, 19, 15, 2),
    ("Sở Tư pháp", 89, 67, 8, 13, 1),
    ("Sở Văn hóa, Thể thao và Du lịch", 91, 59, 18, 13, 1),
    ("Sở Xây dựng", 104, 84, 17, 3, 0),
    ("Sở Y tế", 73, 64, 7, 2, 0),
    ("Thanh tra tỉnh", 101, 96, 4, 1, 0),
    ("UBND huyện Đắk Glei", 90, 47, 17, 24, 2),
    ("UBND huyện Đắk Hà", 105, 39, 15, 51, 0),
    ("UBND huyện Đắk Tô", 75, 52, 18, 4, 1),
    ("UBND huyện Ia H'Drai", 71, 17, 9, 42, 3),
    ("UBND huyện Kon Plông", 75, 12, 14, 45, 4),
    ("UBND huyện Kon Rẫy", 93, 80, 3, 10, 0),
    ("UBND huyện Ngọc Hồi", 104, 61, 19, 22, 2),
    ("UBND huyện Sa Thầy", 94, 88, 2, 4, 0),
    ("UBND huyện Tu Mơ Rông", 80, 55, 20, 4, 1),
    ("UBND thành phố Kon Tum", 157, 93, 44, 18, 2),
    ("Văn phòng UBND tỉnh Kon Tum", 79, 79, 0, 0, 0),
]
EXTRACTED = date(2018, 12, 27)
HEADER = [
    "Số, ký hiệu",
    "Ngày ban hành",
    "Cơ quan ban hành",
    "Trích yếu",
    "Nội dung nhiệm vụ",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Ngày giao",
    "Hạn xử lý",
    "Ngày hoàn thành",
    "Ghi chú",
]


def vn(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def generated_rows(rng: random.Random, table=APPENDIX_02, issuer: str = "UBND tỉnh Kon Tum"):
    """One row per task of `table` (unit, total and the four classes, as appendix 02 prints
    them), with dates that give each task its class on 27/12/2018."""
    number = 100
    for unit, _total, on_time, late, within, overdue in table:
        classes = ["on_time"] * on_time + ["late"] * late + ["within"] * within + ["overdue"] * overdue
        for index, klass in enumerate(classes):
            number += 1
            issued = date(2018, 1, 2) + timedelta(days=rng.randrange(0, 330))
            assigned = issued + timedelta(days=rng.randrange(0, 3))
            completed = None
            if klass == "on_time":
                due = None if index % 5 == 0 else assigned + timedelta(days=rng.randrange(5, 60))
                last = min(due or EXTRACTED, EXTRACTED)
                completed = assigned + timedelta(days=rng.randrange(0, (last - assigned).days + 1))
            elif klass == "late":
                due = assigned + timedelta(days=rng.randrange(0, 20))
                completed = due + timedelta(days=rng.randrange(1, (EXTRACTED - due).days + 1))
            elif klass == "within":
                due = EXTRACTED + timedelta(days=rng.randrange(0, 200))
            else:
                due = assigned + timedelta(days=rng.randrange(0, (EXTRACTED - assigned).days))
            yield [
                f"{number}/UBND-TH",
                vn(issued),
                issuer,
                f"V/v triển khai nhiệm vụ số {number}",
                f"{unit} chủ trì thực hiện nội dung {index + 1} của văn bản",
                unit,
                "",
                vn(assigned),
                vn(due),
                vn(completed),
                "",
            ]


@pytest.mark.django_db
def test_appendix_02_is_rebuilt_from_imported_history_seed_000(tmp_path):
    province = UnitFactory(name="UBND tỉnh Kon Tum", kind="province", scored_for_reform=False)
    for order, (name, *_counts) in enumerate(APPENDIX_02, start=1):
        UnitFactory(name=name, parent=province, sort_order=order)
    source = tmp_path / "nhiem-vu-2018.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(generated_rows(random.Random(2018)))
    call_command("import-tasks", str(source), stdout=io.StringIO())

    out = io.StringIO()
    call_command(
        "report",
        *shlex.split("units --from 01/01/2018 --to 31/12/2018 --as-of 2018-12-27T15:30 --format json"),
        stdout=out,
    )
    data = json.loads(out.getvalue())
    printed = [
        {
            "unit": name,
            "total": total,
            "done_on_time": on_time,
            "done_late": late,
            "open_not_due": within,
            "open_no_deadline": 0,
            "open_overdue": overdue,
        }
        for name, total, on_time, late, within, overdue in APPENDIX_02
    ]
    assert data["rows"] == printed
    assert data["totals"] == {
        "total": 3393,
        "done_on_time": 2330,
        "done_late": 491,
        "open_not_due": 544,
        "open_no_deadline": 0,
        "open_overdue": 28,
    }
