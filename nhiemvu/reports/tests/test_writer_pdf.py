"""The PDF: the .docx through LibreOffice, then opened with poppler. The pages are kept as PNG
test artifacts (NHIEMVU_TEST_ARTIFACTS, default <repo>/test-artifacts/) for a person to look
at; the Vietnamese lines must come out exactly, in Liberation Serif (v2: Times New Roman's
widths and every Vietnamese letter; a fallback font would mean missing letters)."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from nhiemvu.messages import bilingual
from nhiemvu.reports import writers
from nhiemvu.reports.tests.sample_documents import EVERY_DIACRITIC, EXTRACTION, appendix, report
from nhiemvu.reports.writers.pdf_file import docx_to_pdf, office_program

pytestmark = pytest.mark.system  # LibreOffice converts the documents

REPO = Path(__file__).resolve().parents[3]
needs_office = pytest.mark.skipif(
    office_program() is None or shutil.which("pdftoppm") is None,
    reason="LibreOffice (soffice) or poppler-utils is not installed: `make office` installs them",
)


def artifacts() -> Path:
    folder = Path(os.environ.get("NHIEMVU_TEST_ARTIFACTS") or REPO / "test-artifacts") / "writers"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def poppler(*arguments) -> str:
    return subprocess.run(arguments, capture_output=True, check=True, text=True).stdout


@pytest.fixture(scope="module")
def report_pdf() -> Path:
    path = artifacts() / "report.pdf"
    path.write_bytes(writers.render(report(), "pdf"))
    for old in artifacts().glob("report-*.png"):
        old.unlink()
    poppler("pdftoppm", "-r", "60", "-png", str(path), str(artifacts() / "report"))
    return path


def flat_text(pdf: Path) -> str:
    return " ".join(poppler("pdftotext", str(pdf), "-").split())


@needs_office
def test_pdf_is_made_and_its_pages_kept_as_png_artifacts(report_pdf):
    assert report_pdf.read_bytes().startswith(b"%PDF")
    pages = sorted(artifacts().glob("report-*.png"))
    assert pages and all(page.read_bytes().startswith(b"\x89PNG") for page in pages)


@needs_office
def test_pdf_says_the_letterhead_and_signature_lines_exactly(report_pdf):
    text = flat_text(report_pdf)
    for expected in (
        "UBND TỈNH KON TUM",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Kon Tum, ngày 03 tháng 7 năm 2019",
        "BÁO CÁO",
        EXTRACTION,
        "Nơi nhận:",
        "- Lưu: VT, TH.",
        "KT. CHÁNH VĂN PHÒNG",
        "Nguyễn Đức Tuy",
    ):
        assert expected in text


@needs_office
def test_pdf_keeps_every_vietnamese_diacritic(report_pdf):
    assert EVERY_DIACRITIC in flat_text(report_pdf)


@needs_office
def test_pdf_fonts_are_liberation_serif_embedded_with_no_fallback(report_pdf):
    lines = poppler("pdffonts", str(report_pdf)).splitlines()[2:]
    names = {line.split()[0].split("+")[-1] for line in lines}
    assert names and all(name.startswith("LiberationSerif") for name in names), names
    assert all(line.split()[-5] == "yes" for line in lines)  # embedded


@needs_office
def test_a_landscape_appendix_converts_to_landscape_pages():
    path = artifacts() / "appendix.pdf"
    path.write_bytes(writers.render(appendix(), "pdf"))
    poppler("pdftoppm", "-r", "60", "-png", str(path), str(artifacts() / "appendix"))
    size = next(line for line in poppler("pdfinfo", str(path)).splitlines() if line.startswith("Page size"))
    width, height = (float(value) for value in size.split()[2:5:2])
    assert width > height
    assert "PHỤ LỤC 02" in flat_text(path)


@needs_office
def test_a_file_libreoffice_cannot_read_is_refused_with_its_reason():
    with pytest.raises(writers.ConversionFailed) as refused:
        docx_to_pdf(b"PK\x03\x04 not a zip archive")
    assert bilingual(refused.value.message).startswith("Không tạo được tệp PDF: LibreOffice báo lỗi (")


def test_without_libreoffice_pdf_is_refused_in_vietnamese_then_english(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # a machine with no soffice on its PATH
    with pytest.raises(writers.WriterUnavailable) as refused:
        writers.render(report(), "pdf")
    said = bilingual(refused.value.message)
    assert said.startswith("Không tạo được tệp PDF: máy chủ chưa cài LibreOffice")
    assert " / The PDF cannot be made: LibreOffice" in said


def test_a_table_too_long_for_libreoffice_is_refused_at_once_with_a_message(settings):
    settings.PDF_MAX_ROWS = 3
    document = appendix()
    rows = sum(len(table.rows) for table in document.tables())
    assert rows > 3
    with pytest.raises(writers.WriterUnavailable) as refused:
        writers.render(document, "pdf")
    assert f"Báo cáo có {rows} dòng, quá 3 dòng để tạo PDF" in bilingual(refused.value.message)
