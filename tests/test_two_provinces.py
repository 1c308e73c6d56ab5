"""Issue 11's "done when": a province sets itself up by commands alone — its units with focal
officers, its people, its history of tasks — and then a second province in the same database,
whose units carry the same names and whose directives the same numbers and dates, imports into
its own units. The per-unit table (seed 000 appendix 02) of each comes out exactly.
"""

import csv
import io
import json
import random
import shlex

import pytest
from django.core.management import call_command

from nhiemvu.accounts.models import User
from nhiemvu.directives.models import Directive
from nhiemvu.tracking.models import Task
from nhiemvu.units.models import FocalOfficer, Unit
from tests.test_appendix_02 import APPENDIX_02, HEADER, generated_rows

pytestmark = pytest.mark.system  # two provinces set up by commands alone, end to end

UNIT_HEADER = [
    "Mã đơn vị",
    "Tên đơn vị",
    "Tên viết tắt",
    "Loại đơn vị",
    "Mã đơn vị cấp trên",
    "Chấm điểm CCHC",
    "Thứ tự",
    "Cán bộ đầu mối",
    "Chức vụ",
    "Điện thoại",
    "Email",
]
USER_HEADER = ["Tên đăng nhập", "Họ và tên", "Email", "Mã đơn vị", "Vai trò"]
# A second province: units named as Kon Tum's (and one of its own), other figures.
QUANG_NGAI = [
    ("Sở Nội vụ", 12, 7, 2, 2, 1),
    ("Sở Tài chính", 9, 6, 1, 2, 0),
    ("Sở Tư pháp", 6, 4, 0, 1, 1),
    ("UBND huyện Sơn Tịnh", 8, 3, 2, 3, 0),
]


def write_csv(path, header, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return str(path)


def unit_rows(code, province, table):
    """The province's departments and districts before the province itself: a file need not
    be in tree order."""
    for order, (name, *_counts) in enumerate(table, start=1):
        kind = "Huyện, thị xã, thành phố thuộc tỉnh" if name.startswith("UBND") else "Sở, ban, ngành"
        yield [
            f"{code}-{order:02d}",
            name,
            "",
            kind,
            code,
            "Có",
            order,
            f"Nguyễn Văn {chr(64 + order)}",
            "Chánh Văn phòng",
            f"0260 3{order:06d}",
            f"dau-moi-{order}@{code.lower()}.gov.vn",
        ]
    yield [code, province, "UBND tỉnh", "province", "", "Không", 0, "", "", "", ""]


def report_of(code: str) -> list[dict]:
    out = io.StringIO()
    arguments = "units --from 01/01/2018 --to 31/12/2018 --as-of 2018-12-27T15:30 --format json"
    call_command("report", *shlex.split(f"{arguments} --assigned-by {code}"), stdout=out)
    return json.loads(out.getvalue())["rows"]


def printed(table) -> list[dict]:
    return [
        {
            "unit": name,
            "total": total,
            "done_on_time": on_time,
            "done_late": late,
            "open_not_due": within,
            "open_no_deadline": 0,
            "open_overdue": overdue,
        }
        for name, total, on_time, late, within, overdue in table
    ]


@pytest.mark.django_db
def test_two_provinces_set_up_by_commands_alone_each_report_as_printed_seed_000(tmp_path):
    quiet = {"stdout": io.StringIO()}
    template = tmp_path / "mau-don-vi.csv"
    call_command("export-template", "--units", str(template), **quiet)
    with template.open(encoding="utf-8-sig") as handle:
        assert next(csv.reader(handle)) == UNIT_HEADER

    # Kon Tum: units with focal officers, people, then the 2018 history.
    call_command(
        "import-units",
        write_csv(tmp_path / "dv-kt.csv", UNIT_HEADER, unit_rows("KT", "UBND tỉnh Kon Tum", APPENDIX_02)),
        **quiet,
    )
    kon_tum = Unit.objects.get(code="KT")
    assert Unit.objects.filter(path__startswith=kon_tum.path).count() == 31
    assert FocalOfficer.objects.filter(unit__parent=kon_tum).count() == 30
    people = [
        ["vp.kt", "Trần Thị Bình", "binh@kontum.gov.vn", "KT", "Chuyên viên văn phòng theo dõi"],
        ["noivu.kt", "Lê Văn Cường", "cuong@kontum.gov.vn", "KT-10", "Cán bộ đầu mối"],
    ]
    call_command(
        "import-users", write_csv(tmp_path / "nd-kt.csv", USER_HEADER, people), "--print-passwords", **quiet
    )
    assert User.objects.get(username="noivu.kt").roles.get().unit.name == "Sở Nội vụ"
    call_command(
        "import-tasks",
        write_csv(tmp_path / "nv-kt.csv", HEADER, generated_rows(random.Random(2018))),
        **quiet,
    )

    # Quảng Ngãi: the same unit names, the same directive numbers and dates (the same seed).
    call_command(
        "import-units",
        write_csv(tmp_path / "dv-qn.csv", UNIT_HEADER, unit_rows("QN", "UBND tỉnh Quảng Ngãi", QUANG_NGAI)),
        **quiet,
    )
    rows = generated_rows(random.Random(2018), QUANG_NGAI, issuer="UBND tỉnh Quảng Ngãi")
    call_command("import-tasks", write_csv(tmp_path / "nv-qn.csv", HEADER, rows), **quiet)

    quang_ngai = Unit.objects.get(code="QN")
    theirs = Task.objects.filter(assigning_unit=quang_ngai)
    assert theirs.count() == sum(total for _name, total, *_rest in QUANG_NGAI)
    assert not theirs.exclude(lead_unit__path__startswith=quang_ngai.path).exists()
    assert not theirs.exclude(directive__issuer="UBND tỉnh Quảng Ngãi").exists()
    assert Directive.objects.filter(number_symbol="101/UBND-TH").count() == 2  # one per issuer
    assert report_of("KT") == printed(APPENDIX_02)
    assert report_of("QN") == printed(QUANG_NGAI)
