"""`nhiemvu report units`: the CLI contract (stable: users' scripts depend on it)."""

import csv
import io
import json
import os
import shlex
import subprocess
import sys
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from nhiemvu.tracking import services
from nhiemvu.units.models import Unit
from tests.factories import UnitFactory, make_task, moment

pytestmark = pytest.mark.django_db


@pytest.fixture
def tasks():
    province = UnitFactory(name="UBND tỉnh Kon Tum", kind="province")
    unit = UnitFactory(name="Sở Ngoại vụ", parent=province)
    done = make_task(
        lead_unit=unit, assigning_unit=province, assigned_on=date(2018, 3, 1), due_on=date(2018, 3, 31)
    )
    services.complete(
        done, by=None, at=moment(date(2018, 4, 5)), completed_on=date(2018, 4, 2), result_document="BC"
    )
    make_task(lead_unit=unit, assigning_unit=province, assigned_on=date(2018, 6, 1), due_on=date(2018, 6, 30))
    make_task(lead_unit=unit, assigning_unit=province, assigned_on=date(2018, 6, 1))
    make_task(lead_unit=unit, assigning_unit=province, assigned_on=date(2018, 12, 1), due_on=date(2019, 3, 1))


def run(*args) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


def test_json_follows_the_contract(tasks):
    data = json.loads(
        run(*shlex.split("units --from 01/01/2018 --to 31/12/2018 --as-of 2018-12-27T15:30 --format json"))
    )
    assert data["from"] == "2018-01-01" and data["to"] == "2018-12-31"
    assert data["as_of"] == "2018-12-27T15:30+07:00"
    assert data["rows"] == [
        {
            "unit": "Sở Ngoại vụ",
            "total": 4,
            "done_on_time": 0,
            "done_late": 1,
            "open_not_due": 1,
            "open_no_deadline": 1,
            "open_overdue": 1,
        }
    ]
    assert data["totals"] == {k: v for k, v in data["rows"][0].items() if k != "unit"}


def test_iso_dates_are_accepted_too(tasks):
    data = json.loads(
        run(*shlex.split("units --from 2018-01-01 --to 2018-06-30 --as-of 2018-12-27T15:30 --format json"))
    )
    assert data["totals"]["total"] == 3


def test_table_shows_the_extraction_moment_like_appendix_02(tasks):
    text = run("units", "--from", "01/01/2018", "--to", "31/12/2018", "--as-of", "2018-12-27T15:30")
    assert "15h30 ngày 27/12/2018" in text
    assert "Sở Ngoại vụ" in text and "Tổng số" in text


def test_csv_has_a_header_rows_and_totals(tasks):
    lines = list(
        csv.reader(
            io.StringIO(
                run(
                    *shlex.split(
                        "units --from 01/01/2018 --to 31/12/2018 --as-of 2018-12-27T15:30 --format csv"
                    )
                )
            )
        )
    )
    assert lines[0] == [
        "unit",
        "total",
        "done_on_time",
        "done_late",
        "open_not_due",
        "open_no_deadline",
        "open_overdue",
    ]
    assert lines[1] == ["Sở Ngoại vụ", "4", "0", "1", "1", "1", "1"]
    assert lines[-1][1:] == ["4", "0", "1", "1", "1", "1"]


def test_assigned_by_leaves_out_tasks_other_units_delegated(tasks):
    """A Sở's delegation to its sub-unit is not a second task of the province's table."""
    department = Unit.objects.get(name="Sở Ngoại vụ")
    sub_unit = UnitFactory(name="Phòng Lãnh sự", parent=department)
    make_task(lead_unit=sub_unit, assigning_unit=department, assigned_on=date(2018, 7, 1))
    every = json.loads(run("units", "--from", "01/01/2018", "--to", "31/12/2018", "--format", "json"))
    province_only = json.loads(
        run(
            "units",
            "--from",
            "01/01/2018",
            "--to",
            "31/12/2018",
            "--format",
            "json",
            "--assigned-by",
            department.parent.code,
        )
    )
    assert every["totals"]["total"] == 5 and province_only["totals"]["total"] == 4
    with pytest.raises(CommandError, match="no unit with code"):
        run("units", "--from", "01/01/2018", "--to", "31/12/2018", "--assigned-by", "KHONG-CO")


def test_output_writes_the_file(tasks, tmp_path):
    target = tmp_path / "bao-cao.json"
    assert (
        run(
            "units", "--from", "01/01/2018", "--to", "31/12/2018", "--format", "json", "--output", str(target)
        )
        == ""
    )
    assert json.loads(target.read_text(encoding="utf-8"))["totals"]["total"] == 4


@pytest.mark.parametrize(
    "args, message",
    [
        (["--from", "31/02/2018", "--to", "31/12/2018"], "Ngày không hợp lệ"),
        (["--from", "hôm qua", "--to", "31/12/2018"], "invalid date"),
        (["--from", "01/12/2018", "--to", "01/01/2018"], "--from must not be after --to"),
        (
            ["--from", "01/01/2018", "--to", "31/12/2018", "--as-of", "27/12/2018 15h30"],
            "Thời điểm không hợp lệ",
        ),
        (
            ["--from", "01/01/2018", "--to", "31/12/2018", "--output", "/khong/co/thu-muc/x.json"],
            "no such directory",
        ),
        (["--from", "01/01/2018", "--to", "31/12/2018", "--as-of", "2999-01-01T00:00"], "is in the future"),
    ],
)
def test_bad_input_gives_a_clear_message(tasks, args, message):
    with pytest.raises(CommandError, match=message):
        run("units", *args)


def test_bad_input_on_the_real_command_line_gives_no_traceback(tmp_path):
    env = {**os.environ, "NHIEMVU_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    nhiemvu = os.path.join(os.path.dirname(sys.executable), "nhiemvu")
    result = subprocess.run(
        [nhiemvu, "report", "units", "--from", "32/01/2018", "--to", "31/12/2018"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode != 0
    assert "Ngày không hợp lệ" in result.stderr and "Traceback" not in result.stderr
    unknown = subprocess.run(
        [nhiemvu, "report", "don-vi"], capture_output=True, text=True, env=env, check=False
    )
    assert unknown.returncode != 0 and "Traceback" not in unknown.stderr
