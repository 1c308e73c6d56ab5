"""Reading an import file into rows of cell values: .xlsx (openpyxl, read-only) or .csv (UTF-8).

Rows come back as Excel numbers them: the first row is row 1 (the header), blank rows are
kept as empty tuples so that row numbers in error messages match what the user sees.
Nothing here knows the meaning of the columns; the importers check them.

Limits (settings, with these defaults), so that a hostile or mistaken file cannot exhaust
the server: IMPORT_MAX_FILE_BYTES (20 MB) and IMPORT_MAX_ROWS (50,000 non-blank data
rows); only regular files are read (a device such as /dev/zero, or a FIFO, never ends).
Rows are streamed and the reading stops at the first row over the limit.
"""

import csv
import io
import os
import stat
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from nhiemvu.importing.columns import EXPECTED_HEADER, header_key
from nhiemvu.importing.errors import ImportRejected, Issue
from nhiemvu.messages import Message

Row = tuple[object, ...]

XLSX, CSV = ".xlsx", ".csv"
SUPPORTED_SUFFIXES = (XLSX, CSV)
# Excel saves CSV with ";" where the list separator is ";" (e.g. Vietnamese regional settings).
CSV_DELIMITERS = (",", ";", "\t")
ZIP_MAGIC = b"PK\x03\x04"


def max_file_bytes() -> int:
    return settings.IMPORT_MAX_FILE_BYTES


def max_rows() -> int:
    return settings.IMPORT_MAX_ROWS


def _reject(message: Message) -> ImportRejected:
    return ImportRejected([Issue(message)])


def read_rows(path: str | Path, *, header: tuple[str, ...] = EXPECTED_HEADER) -> list[Row]:
    """All rows of the file, row 1 first. `header` (header_key of each column) picks the sheet
    and the CSV delimiter: the tasks' template by default. Raises ImportRejected when the file
    cannot be read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise _reject(
            Message(
                _("Tệp “%(name)s” không đúng loại: chỉ nhận tệp .xlsx hoặc .csv (UTF-8)"), name=path.name
            ),
        )
    data = _read_bounded(path)
    if not data.strip():
        raise _reject(
            Message(_("Tệp “%(name)s” rỗng"), name=path.name),
        )
    return _read_xlsx(path, data, header) if suffix == XLSX else _read_csv(path, data, header)


def _read_bounded(path: Path) -> bytes:
    """The file's bytes, if it is a regular file within the size limit."""
    limit = max_file_bytes()
    try:
        # stat before opening: opening a FIFO waits for a writer. fstat again once open.
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise _not_regular(path)
        with path.open("rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                raise _not_regular(path)
            data = file.read(limit + 1)  # the file may grow while it is read
    except OSError as exc:
        raise _reject(
            Message(_("Không đọc được tệp “%(path)s” (%(reason)s)"), path=path, reason=exc.strerror or exc),
        ) from None
    if len(data) > limit:
        values = {"name": path.name, "max": limit // (1024 * 1024)}
        raise _reject(Message(_("Tệp “%(name)s” lớn quá %(max)d MB; hãy chia thành nhiều tệp"), **values))
    return data


def _not_regular(path: Path) -> ImportRejected:
    if path.is_dir():
        return _reject(Message(_("Không đọc được tệp “%(name)s”: đó là một thư mục"), name=path.name))
    return _reject(
        Message(_("“%(name)s” không phải là một tệp thông thường (thiết bị, ống dẫn…)"), name=path.name)
    )


def _bounded_rows(rows, path: Path) -> list[Row]:
    """The rows, blank ones kept as () so that row numbers stay, stopping with an error at
    the first data row over the limit (row 1, the header, is not counted)."""
    limit = max_rows()
    result: list[Row] = []
    filled = 0
    for row in rows:
        if any(cell not in (None, "") for cell in row):
            filled += 1
            if filled > limit + 1:
                values = {"name": path.name, "max": limit}
                raise _reject(
                    Message(
                        _("Tệp “%(name)s” có hơn %(max)d dòng dữ liệu; hãy chia thành nhiều tệp"), **values
                    )
                )
            result.append(tuple(row))
        else:
            result.append(())
    return result


def _read_xlsx(path: Path, data: bytes, header: tuple[str, ...]) -> list[Row]:
    import openpyxl  # only the .xlsx door needs it

    if not data.startswith(ZIP_MAGIC):
        raise _unreadable(path, _("không phải tệp Excel .xlsx"))
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            return _rows_of_first_matching_sheet(workbook, header, path)
        finally:
            workbook.close()
    except ImportRejected:
        raise
    except Exception as exc:  # noqa: BLE001 — openpyxl raises many kinds of errors on a damaged file
        raise _unreadable(
            path, Message(_("tệp Excel bị lỗi (%(reason)s)"), reason=exc.__class__.__name__)
        ) from None


def _rows_of_first_matching_sheet(workbook, header: tuple[str, ...], path: Path) -> list[Row]:
    """The first sheet whose row 1 is the template's header, else the first sheet (whose
    header services.py then reports as wrong): the template's "Hướng dẫn" sheet may come first."""
    sheets = list(workbook.worksheets)
    if not sheets:
        return []
    chosen = sheets[0]
    for sheet in sheets:
        sheet.reset_dimensions()  # some writers store wrong dimensions; read what is there
        first = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
        if tuple(header_key(cell) for cell in first)[: len(header)] == header:
            chosen = sheet
            break
    return _bounded_rows(chosen.iter_rows(values_only=True), path)


def _read_csv(path: Path, data: bytes, header: tuple[str, ...]) -> list[Row]:
    if data.startswith(ZIP_MAGIC):
        raise _unreadable(path, _("đây là tệp Excel đổi đuôi thành .csv; hãy lưu với đuôi .xlsx"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _unreadable(
            path,
            Message(
                _("tệp CSV không mã hóa UTF-8 (byte thứ %(position)d); trong Excel chọn “CSV UTF-8”"),
                position=exc.start + 1,
            ),
        ) from None
    if "\x00" in text:
        raise _unreadable(path, _("tệp CSV chứa ký tự NUL"))
    try:
        delimiter = _delimiter_of(text, header)
        return _bounded_rows(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), path)
    except csv.Error as exc:
        raise _unreadable(path, Message(_("tệp CSV bị lỗi (%(reason)s)"), reason=exc)) from None


def _delimiter_of(text: str, header: tuple[str, ...]) -> str:
    """The delimiter that makes the first record the template's header; "," when none does
    (the header check then says what is wrong)."""
    best, best_width = ",", 0
    for delimiter in CSV_DELIMITERS:
        first = next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), [])
        keys = tuple(header_key(cell) for cell in first)
        if keys[: len(header)] == header:
            return delimiter
        if len(first) > best_width:
            best, best_width = delimiter, len(first)
    return best


def _unreadable(path: Path, reason: Message | str) -> ImportRejected:
    return _reject(Message(_("Không đọc được tệp “%(name)s”: %(reason)s"), name=path.name, reason=reason))
