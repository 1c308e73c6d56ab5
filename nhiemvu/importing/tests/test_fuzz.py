"""A Hypothesis fuzz of `nhiemvu import-tasks` (issue 12, Tests): whatever the file holds,
the command either imports it or exits with code 1 and messages by row and column, never
a traceback, and a rejected file changes nothing."""

import io
import tempfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from nhiemvu.directives.models import Directive
from nhiemvu.importing.columns import BASE_COLUMNS, COLUMNS
from nhiemvu.importing.tests.conftest import write_csv, write_xlsx
from nhiemvu.tracking.models import Task, TaskEvent
from nhiemvu.units.models import Unit

NASTY = [
    "",
    " ",
    "\u200b",
    "\ufeff",
    "=1+1",
    "-",
    "@x",
    "+84",
    "\n",
    "0",
    "١٠/٠٥/٢٠١٩",
    "x" * 300,
    "Ð",
    ";",
    "NUL",
]
dates = st.sampled_from(
    ["10/05/2019", "11/05/2019", "31/12/2019", "31/02/2019", "01/01/0018", "2019-05-12", "01/01/2030"]
)
units = st.sampled_from(
    ["Sở Nội vụ", "sở  nội vụ", "Sở Tài chính", "Sở Mới", "UBND tỉnh Kon Tum", "Chính phủ"]
)
symbols = st.sampled_from(["1196/UBND-TH", "12/ubnd-th", "270/QĐ-UBND", "28-NQ/TW", "12/342", "abc"])
cells = st.one_of(st.sampled_from(NASTY), st.text(max_size=20))
rows = st.lists(
    st.tuples(
        st.one_of(symbols, cells),
        st.one_of(dates, cells),
        st.one_of(units, cells),
        cells,
        st.one_of(st.sampled_from(["Rà soát", "Báo cáo"]), cells),
        st.one_of(units, cells),
        st.one_of(units, st.just(""), cells),
        st.one_of(dates, cells),
        st.one_of(dates, st.just("")),
        st.one_of(dates, st.just("")),
        cells,
        st.one_of(st.just(""), st.sampled_from(["SNV", "STC", "KHONG"])),
        st.one_of(st.just(""), st.sampled_from(["STC; STP", "SNV", "x"])),
    ).map(list),
    min_size=0,
    max_size=6,
)


def counts():
    return tuple(model.objects.count() for model in (Unit, Directive, Task, TaskEvent))


@pytest.mark.django_db
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=rows, suffix=st.sampled_from(["csv", "xlsx"]), header=st.sampled_from([BASE_COLUMNS, COLUMNS]))
def test_any_file_is_imported_or_rejected_with_messages_by_row(units, rows, suffix, header):
    before = counts()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"nv.{suffix}"
        if suffix == "xlsx":  # control characters cannot be written to .xlsx at all
            rows = [[ILLEGAL_CHARACTERS_RE.sub("", cell) for cell in values] for values in rows]
        (write_csv if suffix == "csv" else write_xlsx)(path, rows, header)
        options = ["--create-units"] if len(rows) % 2 else []
        try:
            call_command("import-tasks", str(path), *options, stdout=io.StringIO())
        except CommandError as error:
            assert error.returncode == 1
            lines = str(error).splitlines()
            assert lines[0].startswith("Không nhập tệp:")
            # Each problem by row (and column), or a sentence of its own about the whole file.
            assert all(line.startswith(("Dòng ", "… và ")) or line[:1].isupper() for line in lines[1:])
            assert "Traceback" not in str(error)
            assert counts() == before
