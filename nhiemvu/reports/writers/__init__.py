"""The file writers: any report's `Document` (nhiemvu.reports.document) to CSV, .xlsx, .docx or
.pdf. They know blocks only, never a particular report; every door (web, CLI, API) calls
`render` and names the file with `file_name`.

How values come out, the same in every format:
- int: a count; .xlsx format `#,##0`, .docx "16.051" (Vietnamese thousands dot), CSV 16051.
- percent: the report's own figure (0–100, already truncated or rounded by the report's rule)
  stored as it is: .xlsx keeps 98.62 with the format `0.00"%"` (so the cell's value is the
  figure the report states, not 0.9862), .docx "98,62%", CSV 98.62.
- date: dd/mm/yyyy (nhiemvu.dates) in every format; a real date in .xlsx.
- text: through nhiemvu.spreadsheet.neutralise in CSV and .xlsx (formula injection).
"""

from django.utils.translation import gettext_lazy as _

from nhiemvu.messages import Message
from nhiemvu.reports.document import Document
from nhiemvu.reports.writers import csv_file, docx_file, xlsx_file
from nhiemvu.reports.writers.errors import ConversionFailed, UnknownFormat, WriterError, WriterUnavailable

__all__ = [
    "CONTENT_TYPES",
    "EXTENSIONS",
    "FORMATS",
    "ConversionFailed",
    "UnknownFormat",
    "WriterError",
    "WriterUnavailable",
    "file_name",
    "render",
]

FORMATS = ("csv", "xlsx", "docx")

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}

EXTENSIONS = {fmt: f".{fmt}" for fmt in FORMATS}

_WRITERS = {
    "csv": csv_file.render,
    "xlsx": xlsx_file.render,
    "docx": docx_file.render,
}

# Characters no file system or download dialog accepts in a name.
_UNSAFE_IN_NAMES = str.maketrans({char: "-" for char in '/\\:*?"<>|\0'})


def check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise UnknownFormat(
            Message(
                _("Không có định dạng “%(format)s”; chọn một trong: %(formats)s"),
                format=fmt,
                formats=", ".join(FORMATS),
            )
        )


def render(document: Document, fmt: str) -> bytes:
    """The file's bytes. Raises UnknownFormat, or for "pdf" WriterUnavailable / ConversionFailed."""
    check_format(fmt)
    return _WRITERS[fmt](document)


def file_name(document: Document, fmt: str) -> str:
    """ "<document.name>.<ext>", without the characters a file name cannot hold."""
    check_format(fmt)
    stem = " ".join(document.name.translate(_UNSAFE_IN_NAMES).split()).strip(". ") or "bao-cao"
    return stem + EXTENSIONS[fmt]
