"""`nhiemvu report units`: the CLI contract (stable: users' scripts depend on it)."""

import csv
import io
import json
import os
import shlex
from datetime import date
from pathlib import Path

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
    with pytest.raises(CommandError, match="No unit with code"):
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
    assert os.listdir(tmp_path) == ["bao-cao.json"]  # no temporary file left beside it


@pytest.mark.parametrize(
    "args, message",
    [
        (["--from", "31/02/2018", "--to", "31/12/2018"], "Ngày không hợp lệ"),
        (["--from", "hôm qua", "--to", "31/12/2018"], "Invalid date"),
        (["--from", "01/12/2018", "--to", "01/01/2018"], "--from must not be after --to"),
        (
            ["--from", "01/01/2018", "--to", "31/12/2018", "--as-of", "27/12/2018 15h30"],
            "Thời điểm không hợp lệ",
        ),
        (
            ["--from", "01/01/2018", "--to", "31/12/2018", "--output", "/khong/co/thu-muc/x.json"],
            "no such directory “/khong/co/thu-muc”",
        ),
        (["--from", "01/01/2018", "--to", "31/12/2018", "--as-of", "2999-01-01T00:00"], "is in the future"),
    ],
)
def test_bad_input_gives_a_clear_message(tasks, args, message):
    with pytest.raises(CommandError, match=message) as refused:
        run("units", *args)
    assert " / " in str(refused.value)  # Vietnamese, then English


@pytest.mark.parametrize(
    "args",
    [
        ["--from", "01/01/2018", "--to", "31/12/2018", "--as-of", "0001-01-01T00:00"],
        ["--from", "01/01/0001", "--to", "31/12/2018"],
        ["--from", "01/01/2018", "--to", "31/12/1899"],
        ["--from", "0018-01-01", "--to", "0018-12-31"],
    ],
    ids=["as-of year 1", "from year 1", "to 1899", "iso year 18"],
)
def test_dates_before_the_shared_floor_are_refused_like_the_web_does(tasks, args):
    """One date floor for every door (nhiemvu.dates.EARLIEST_DATE, used by the web's forms):
    year 1 overflowed when converted to UTC (issue 12 #9)."""
    with pytest.raises(CommandError) as refused:
        run("units", *args)
    vietnamese, _, english = str(refused.value).partition(" / ")
    assert "quá sớm: chỉ nhận ngày từ 01/01/1900 trở về sau" in vietnamese
    assert "is too early: only dates from 01/01/1900 on are accepted" in english


def test_the_web_uses_the_same_date_floor():
    """nhiemvu.forms.not_too_early holds the CLI's floor (EARLIEST_DATE) for the web's forms."""
    from datetime import timedelta

    from django import forms

    from nhiemvu.dates import EARLIEST_DATE
    from nhiemvu.forms import not_too_early

    assert not_too_early(EARLIEST_DATE) == EARLIEST_DATE
    with pytest.raises(forms.ValidationError, match="01/01/1900"):
        not_too_early(EARLIEST_DATE - timedelta(days=1))


def unwritable_places(tmp_path):
    """(target, what the message says), for --output targets that cannot be written."""
    folder = tmp_path / "bao-cao"
    folder.mkdir()
    places = [
        (folder, ("đó là một thư mục", "it is a directory")),
        (tmp_path / "khong-co" / "x.csv", ("không có thư mục", "no such directory")),
        (Path("/proc/bao-cao.csv"), ("Không ghi được báo cáo vào", "Cannot write the report to")),
    ]
    read_only = tmp_path / "chi-doc"
    read_only.mkdir()
    read_only.chmod(0o500)
    if not os.access(read_only, os.W_OK):  # root writes anywhere: /sys refuses it too
        places.append((read_only / "x.csv", ("không có quyền ghi", "permission denied")))
    places.append((Path("/sys/bao-cao.csv"), ("không có quyền ghi", "permission denied")))
    return places


def test_an_output_that_cannot_be_written_is_said_in_both_languages_and_nothing_is_written(tasks, tmp_path):
    for target, (vietnamese_words, english_words) in unwritable_places(tmp_path):
        # What this run could have left: the file, or the temporary one written beside it
        # (/proc's own entries come and go with the machine's processes).
        mine = (target.name, f".{target.name}.")
        listing = (
            sorted(n for n in os.listdir(target.parent) if n.startswith(mine))
            if target.parent.is_dir()
            else None
        )
        with pytest.raises(CommandError) as refused:
            run(
                "units",
                "--from",
                "01/01/2018",
                "--to",
                "31/12/2018",
                "--format",
                "csv",
                "--output",
                str(target),
            )
        vietnamese, _, english = str(refused.value).partition(" / ")
        assert vietnamese_words in vietnamese and str(target) in vietnamese, target
        assert english_words in english, target
        if listing is not None:
            assert sorted(n for n in os.listdir(target.parent) if n.startswith(mine)) == listing, target


def test_csv_cells_that_a_spreadsheet_would_run_are_written_as_text():
    """OWASP CSV injection (issue 12 #5): a unit named as a formula stays text."""
    province = UnitFactory(name="UBND tỉnh Kon Tum", kind="province")
    unit = UnitFactory(name='=HYPERLINK("http://x","y")', parent=province)
    for day in (date(2018, 3, 1), date(2018, 6, 1), date(2018, 9, 3), date(2018, 12, 3)):
        make_task(lead_unit=unit, assigning_unit=province, assigned_on=day)
    lines = list(
        csv.reader(io.StringIO(run("units", "--from", "01/01/2018", "--to", "31/12/2018", "--format", "csv")))
    )
    assert lines[1][0] == '\'=HYPERLINK("http://x","y")'
    assert lines[1][1] == "4"
    assert not any(cell.startswith(("=", "+", "-", "@")) for line in lines for cell in line)
