"""The urging letter (urging.letter) as a .docx in the Decree 30/2020/NĐ-CP format, opened
again with python-docx: the letterhead, the unit addressed, the tasks as they stood when the
urging was recorded, "Nơi nhận" and the signature block; downloaded from the list."""

import io
from datetime import date

import pytest
from django.urls import reverse
from docx import Document as open_docx

from nhiemvu.reports import writers
from nhiemvu.tracking import services as tracking
from nhiemvu.urging import services
from nhiemvu.urging.choices import UrgingKind
from nhiemvu.urging.letter import urging_letter
from tests.factories import make_task, moment

pytestmark = pytest.mark.django_db


@pytest.fixture
def urging(cast, tasks):
    return services.urge(
        by=cast.desk,
        at=moment(date(2026, 5, 12), 10, 30),
        unit=cast.agriculture_department,
        tasks=[tasks["later"], tasks["overdue"]],
        kind=UrgingKind.CRITICISM,
        text="Qua theo dõi, Sở chưa hoàn thành nhiệm vụ đúng hạn.\nĐề nghị Sở nghiêm túc rút kinh nghiệm.",
        urged_on=date(2026, 5, 11),
    )


def opened(urging):
    return open_docx(io.BytesIO(writers.render(urging_letter(urging), "docx")))


def all_text(docx) -> str:
    parts = [paragraph.text for paragraph in docx.paragraphs]
    for table in docx.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def task_rows(urging) -> list[list[str]]:
    """The rows of the table of tasks (the letter's other tables are its header and closing)."""
    [table] = [
        table
        for table in opened(urging).tables
        if any(cell.text == "Nội dung nhiệm vụ" for cell in table.rows[0].cells)
    ]
    return [[cell.text for cell in row.cells] for row in table.rows[1:]]


def test_the_letter_has_the_letterhead_of_the_unit_that_urged_decree_30_2020(urging):
    text = all_text(opened(urging))
    for expected in (
        "UBND TỈNH KON TUM",
        "Số:       /UBND-VP",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "V/v đôn đốc thực hiện nhiệm vụ",
        "Kon Tum, ngày 11 tháng 5 năm 2026",
        "Kính gửi: Sở Nông nghiệp và Phát triển nông thôn.",
        "Qua theo dõi, Sở chưa hoàn thành nhiệm vụ đúng hạn.",
        "Đề nghị Sở nghiêm túc rút kinh nghiệm.",
        "(phê bình)",
        "Nơi nhận",
        "Như trên;",
        "Lưu: VT, VP.",
        "TL. CHỦ TỊCH",
        "CHÁNH VĂN PHÒNG",
    ):
        assert expected in text, expected


def test_a_department_urging_its_sub_unit_signs_as_its_director_decree_30_art_13(cast):
    task = make_task(
        lead_unit=cast.forestry,
        assigning_unit=cast.agriculture_department,
        assigned_on=date(2026, 3, 2),
        due_on=date(2026, 4, 30),
    )
    urging = services.urge(
        by=None,
        at=moment(date(2026, 5, 12), 9),
        unit=cast.forestry,
        tasks=[task],
        kind=UrgingKind.REMINDER,
        text="Đề nghị Chi cục khẩn trương thực hiện.",
    )
    text = all_text(opened(urging))
    for expected in (
        "UBND TỈNH KON TUM",
        "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN",
        "Số:       /SNN",
        "Lưu: VT, SNN.",
    ):
        assert expected in text, expected
    assert "GIÁM ĐỐC" in text
    assert "TL. CHỦ TỊCH" not in text


def test_the_table_lists_the_tasks_most_overdue_first_with_the_days_overdue(urging, tasks):
    rows = task_rows(urging)
    assert rows[0][2] == tasks["overdue"].content
    assert rows[0][3:] == ["30/04/2026", "11", "Trễ hạn"]
    assert rows[1][2] == tasks["later"].content
    assert rows[1][3:] == ["31/12/2026", "", "Chưa thực hiện"]


def test_the_letter_shows_the_tasks_as_they_stood_when_the_urging_was_recorded(cast, urging, tasks):
    """An extension approved afterwards does not rewrite the letter already sent."""
    task = tasks["overdue"]
    tracking.request_extension(
        task,
        by=cast.focal_officer,
        at=moment(date(2026, 5, 13)),
        proposed=date(2026, 6, 30),
        reason="Thiếu vốn",
    )
    tracking.decide_extension(task, by=cast.leader, at=moment(date(2026, 5, 14)), approve=True)
    assert task_rows(urging)[0][3:] == ["30/04/2026", "11", "Trễ hạn"]


def test_the_letter_is_downloaded_by_who_sees_the_urging(client, cast, urging):
    url = reverse("urging:urging_letter", args=[urging.pk])
    client.force_login(cast.focal_officer)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == writers.CONTENT_TYPES["docx"]
    assert 'filename="cong-van-don-doc-snn-20260511.docx"' in response["Content-Disposition"]
    assert "Kính gửi" in all_text(open_docx(io.BytesIO(response.content)))
    assert url in client.get(reverse("urging:urging_list")).content.decode()
    client.force_login(cast.other_officer)
    assert client.get(url).status_code == 404
