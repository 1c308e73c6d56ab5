"""Resource limits of the import (issue 12 #8) and a busy database (issue 12 #6): a message,
never a traceback or an exhausted server."""

import os
import sqlite3

import openpyxl
import pytest
from django.db import connection

from nhiemvu.directives.models import Directive
from nhiemvu.importing import readers
from nhiemvu.importing.columns import BASE_COLUMNS, CONTENT
from nhiemvu.importing.errors import LISTED_PER_COLUMN, ImportRejected
from nhiemvu.importing.services import import_tasks
from nhiemvu.importing.tests.conftest import TODAY, row, write_csv
from nhiemvu.tracking.models import Task


def rejected_message(path, **options) -> str:
    with pytest.raises(ImportRejected) as rejected:
        import_tasks(path, today=TODAY, **options)
    return rejected.value.message()


@pytest.mark.django_db
def test_a_file_over_the_size_limit_is_refused_unread(units, tmp_path, settings):
    settings.IMPORT_MAX_FILE_BYTES = 1024 * 1024
    path = tmp_path / "lon.csv"
    path.write_bytes(b"x" * (1024 * 1024 + 1))
    assert "Tệp “lon.csv” lớn quá 1 MB" in rejected_message(path)


def test_the_default_limits():
    assert (readers.max_file_bytes(), readers.max_rows()) == (20 * 1024 * 1024, 50_000)


@pytest.mark.django_db
def test_an_xlsx_of_one_cell_rows_over_the_row_limit_stops_at_the_limit(units, tmp_path, settings):
    """The probe's file: a small .xlsx of many one-cell rows (400k there, a lower limit here to
    keep the test fast); reading stops at the first row over the limit."""
    settings.IMPORT_MAX_ROWS = 2000
    path = tmp_path / "nhieu-dong.xlsx"
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Nhiệm vụ")
    sheet.append(list(BASE_COLUMNS))
    for number in range(20_000):
        sheet.append([number])
    workbook.save(path)
    assert "có hơn 2000 dòng dữ liệu" in rejected_message(path)


@pytest.mark.django_db
def test_blank_rows_do_not_count_toward_the_row_limit(units, tmp_path, settings):
    settings.IMPORT_MAX_ROWS = 2
    path = write_csv(tmp_path / "trong.csv", [row(content="Một"), [""] * 11, [""] * 11, row(content="Hai")])
    assert import_tasks(path, today=TODAY).tasks_created == 2
    settings.IMPORT_MAX_ROWS = 1
    assert "có hơn 1 dòng dữ liệu" in rejected_message(path)


@pytest.mark.django_db
def test_errors_listed_are_the_first_per_column_and_a_count_of_the_rest(units, tmp_path):
    rows = [row(content="", due_on="31/02/2019") for _ in range(LISTED_PER_COLUMN + 7)]
    lines = rejected_message(write_csv(tmp_path / "loi.csv", rows)).splitlines()
    assert lines[0].startswith(f"Không nhập tệp: {2 * len(rows)} lỗi")
    assert sum(line.startswith("Dòng") and f"cột “{CONTENT}”" in line for line in lines) == LISTED_PER_COLUMN
    assert f"… và 7 lỗi khác ở cột “{CONTENT}” / … and 7 more errors in column “{CONTENT}”" in lines
    assert len(lines) == 1 + 2 * LISTED_PER_COLUMN + 2


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused(tmp_path, device):
    link = tmp_path / "vo-tan.csv"
    link.symlink_to(device)
    with pytest.raises(ImportRejected, match="không phải là một tệp thông thường"):
        readers.read_rows(link)


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "ong.xlsx"
    os.mkfifo(fifo)
    with pytest.raises(ImportRejected, match="không phải là một tệp thông thường"):
        readers.read_rows(fifo)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's write lock")
def test_a_locked_sqlite_database_is_a_try_again_message(units, write_file):
    """Issue 12 #6: a second import while another holds the write lock."""
    path = write_file([row()])
    other = sqlite3.connect(connection.settings_dict["NAME"], uri=True, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    try:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout = 0")
        with pytest.raises(ImportRejected, match="hãy chạy lại"):
            import_tasks(path, today=TODAY)
    finally:
        other.rollback()
        other.close()
    assert not Task.objects.exists() and not Directive.objects.exists()
