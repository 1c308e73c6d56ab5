"""A Document as PDF: its .docx converted by LibreOffice headless, when the machine has it
(Debian's libreoffice-writer-nogui with fonts-liberation2, whose Liberation Serif has Times New
Roman's widths and every Vietnamese letter: `make office` installs them).

Each conversion runs with its own throwaway LibreOffice profile (conversions sharing one fail
when they overlap), in its own process group so that a conversion that hangs is ended whole
after CONVERSION_TIMEOUT seconds, in a temporary folder removed afterwards.

LibreOffice lays out a long table in time that grows with the square of its rows (measured
on a loaded 2-core machine: 1,000 rows about 5 s of CPU, 2,000 about 30 s, 3,000 about 100 s,
5,000 units' appendix 02 about 330 s and 900 MB): the PDF of a report of thousands of rows
ends in ConversionFailed after the timeout; its .docx and .xlsx are made in under a second.
"""

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from nhiemvu.messages import Message
from nhiemvu.reports.document import Document
from nhiemvu.reports.writers import docx_file
from nhiemvu.reports.writers.errors import ConversionFailed, WriterUnavailable

CONVERSION_TIMEOUT = 120  # seconds; a long appendix converts in a few


def office_program() -> str | None:
    """LibreOffice's command on PATH, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes) -> bytes:
    program = office_program()
    if program is None:
        raise WriterUnavailable(
            Message(
                _(
                    "Không tạo được tệp PDF: máy chủ chưa cài LibreOffice (lệnh soffice). "
                    "Hãy tải tệp .docx, hoặc đề nghị quản trị hệ thống cài LibreOffice."
                )
            )
        )
    with tempfile.TemporaryDirectory(prefix="nhiemvu-pdf-") as folder:
        folder = Path(folder)
        source = folder / "document.docx"
        source.write_bytes(docx)
        command = [
            program,
            "--headless",
            "--norestore",
            "--nolockcheck",
            f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        output = _run(command)
        result = folder / "document.pdf"
        if not result.is_file():
            reason = output.strip().splitlines()[-1] if output.strip() else "—"
            raise ConversionFailed(
                Message(_("Không tạo được tệp PDF: LibreOffice báo lỗi (%(reason)s)"), reason=reason)
            )
        return result.read_bytes()


def _run(command: list[str]) -> str:
    """Run LibreOffice (our command line, no user text in it); its output, or ConversionFailed
    when it outlives the timeout."""
    process = subprocess.Popen(  # noqa: S603 - the program is LibreOffice found on PATH
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        output, _unused = process.communicate(timeout=CONVERSION_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # soffice starts soffice.bin: end the whole group
        process.communicate()
        raise ConversionFailed(
            Message(
                _("Không tạo được tệp PDF: LibreOffice chạy quá %(seconds)d giây"), seconds=CONVERSION_TIMEOUT
            )
        ) from None
    return output.decode("utf-8", "replace")


def render(document: Document) -> bytes:
    """Refused at once, with a message, above PDF_MAX_ROWS table rows: LibreOffice would take
    minutes (see above) and end in ConversionFailed; the .docx is the same document."""
    rows = sum(len(table.rows) for table in document.tables())
    if rows > settings.PDF_MAX_ROWS:
        raise WriterUnavailable(
            Message(
                _(
                    "Báo cáo có %(rows)d dòng, quá %(limit)d dòng để tạo PDF: hãy tải tệp .docx "
                    "(cùng nội dung) hoặc thu hẹp phạm vi báo cáo."
                ),
                rows=rows,
                limit=settings.PDF_MAX_ROWS,
            )
        )
    return docx_to_pdf(docx_file.render(document))
