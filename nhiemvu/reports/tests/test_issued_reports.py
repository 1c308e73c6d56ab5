"""Reports a clerk signs without retyping (issue 14, "Formats"): the narrative report and the
emulation figures, from the CLI and from the web, as .docx under the issuing unit's letterhead
with "Nơi nhận" and the signature block (Decree 30/2020/NĐ-CP); the appendices, attachments
"Kèm theo Báo cáo số … ngày …" (seed 000), keep their heading lines and no letterhead."""

import io
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from docx import Document as open_docx

from nhiemvu.reports.catalogue import REPORTS
from tests.factories import make_task

pytestmark = pytest.mark.django_db
JUNE = ["--period", "6/2025", "--as-of", "2025-07-03T10:00"]


@pytest.fixture
def tasks(cast):
    make_task(
        lead_unit=cast.agriculture_department,
        assigning_unit=cast.province,
        assigned_on=date(2025, 6, 3),
        due_on=date(2025, 6, 30),
        content="Báo cáo tình hình sâu bệnh hại cây trồng",
    )
    make_task(lead_unit=cast.justice_department, assigning_unit=cast.province, assigned_on=date(2025, 6, 4))


def parts(docx) -> tuple[list[str], list[str], list[str], list[str]]:
    """The header's left column (bodies, number), its right (motto, place and date), the
    paragraphs of "Nơi nhận" and those of the signature block: the lines a clerk checks; empty
    lists for a document without them. The header is the table opening the document, the
    closing the one ending it."""

    def lines(*cells):
        return [p.text for cell in cells for p in cell.paragraphs if p.text.strip()]

    body = docx.element.body
    opening = body[0].tag.endswith("tbl")
    closing = body[-2].tag.endswith("tbl")  # the last element is the section's properties
    header = lines(docx.tables[0].cell(0, 0), docx.tables[0].cell(1, 0)) if opening else []
    motto = lines(docx.tables[0].cell(0, 1), docx.tables[0].cell(1, 1)) if opening else []
    to = lines(docx.tables[-1].cell(0, 0)) if closing else []
    signer = lines(docx.tables[-1].cell(0, 1)) if closing else []
    return header, motto, to, signer


def today_line(place: str) -> str:
    day = timezone.localdate()
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def cli_docx(tmp_path: Path, *args) -> object:
    path = tmp_path / "report.docx"
    call_command("report", *args, "--format", "docx", "--output", str(path))
    return open_docx(str(path))


def test_the_cli_narrative_report_is_issued_by_the_issuer_with_its_heads_signature(cast, tasks, tmp_path):
    docx = cli_docx(tmp_path, "narrative", *JUNE, "--issuer", "KT.VP")
    left, right, recipients, signer = parts(docx)
    assert left == ["UBND TỈNH KON TUM", "VĂN PHÒNG UBND TỈNH KON TUM", "Số:       /BC-VP"]
    assert right[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert right[-1] == today_line("Kon Tum")  # the day it is made, not the as-of moment
    texts = [p.text for p in docx.paragraphs]
    assert "BÁO CÁO" in texts
    assert any(text.startswith("Kết quả thực hiện nhiệm vụ được giao tháng 6/2025") for text in texts)
    # the heading line the letterhead does not print opens the body
    assert "(Kỳ báo cáo: Từ ngày 01/01/2025 đến ngày 30/06/2025)" in texts
    assert recipients == [
        "Nơi nhận:",
        "- UBND tỉnh Kon Tum (b/c);",
        "- Các cơ quan, đơn vị có tên trong báo cáo;",
        "- Lưu: VT, VP.",
    ]
    assert signer == ["CHÁNH VĂN PHÒNG"]  # the name is left for the clerk


def test_the_cli_issuer_defaults_to_the_unit_a_department_signed_by_its_director(cast, tasks, tmp_path):
    docx = cli_docx(tmp_path, "emulation", *JUNE, "--unit", "KT.SNN")
    left, _right, recipients, signer = parts(docx)
    assert left[1:] == ["SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", "Số:       /BC-SNN"]
    assert "- Sở Nội vụ;" in recipients  # seed 001 item 2: the delays go to Sở Nội vụ
    assert signer == ["GIÁM ĐỐC"]


def test_the_cli_report_without_issuer_or_unit_has_no_letterhead(cast, tasks, tmp_path):
    docx = cli_docx(tmp_path, "narrative", *JUNE)
    assert parts(docx) == ([], [], [], [])
    assert docx.paragraphs[0].text == "BÁO CÁO"


def test_an_appendix_is_an_attachment_without_letterhead_seed_000(cast, tasks, tmp_path):
    docx = cli_docx(tmp_path, "appendix02", *JUNE, "--unit", "KT")
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in [
        p.text for table in docx.tables for cell in table._cells for p in cell.paragraphs
    ]
    assert docx.paragraphs[0].text == "PHỤ LỤC 02"


def test_an_appendix_takes_no_issuer(cast, tasks, tmp_path):
    with pytest.raises(CommandError, match="--issuer"):
        cli_docx(tmp_path, "appendix02", *JUNE, "--issuer", "KT")


def test_an_unknown_issuer_is_refused_and_nothing_written(cast, tasks, tmp_path):
    with pytest.raises(CommandError, match="Không có đơn vị mã “KT.XX”"):
        cli_docx(tmp_path, "narrative", *JUNE, "--issuer", "KT.XX")
    assert not (tmp_path / "report.docx").exists()


def web_docx(client, user, kind: str, **params):
    client.force_login(user)
    url = reverse("reports:report", args=[REPORTS[kind].slug])
    response = client.get(url, {"period": "6/2025", "format": "docx", **params})
    assert response.status_code == 200
    return open_docx(io.BytesIO(response.content))


def test_the_web_report_is_issued_by_the_users_own_highest_unit(client, cast, tasks):
    """The desk holds its role at the province: a People's Committee signs collectively."""
    left, right, recipients, signer = parts(web_docx(client, cast.desk, "narrative"))
    assert left == ["UBND TỈNH KON TUM", "Số:       /BC-UBND"]
    assert right[-1] == today_line("Kon Tum")
    assert recipients[-1] == "- Lưu: VT, UBND."
    assert signer == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]


def test_the_web_report_is_issued_by_the_unit_picked(client, cast, tasks):
    left, _right, _recipients, signer = parts(web_docx(client, cast.desk, "emulation", unit=cast.office.pk))
    assert left[1] == "VĂN PHÒNG UBND TỈNH KON TUM"
    assert signer == ["CHÁNH VĂN PHÒNG"]


def test_the_web_appendix_has_its_heading_and_no_letterhead(client, cast, tasks):
    docx = web_docx(client, cast.desk, "appendix02")
    assert docx.paragraphs[0].text == "PHỤ LỤC 02"
    assert parts(docx)[3] == []
