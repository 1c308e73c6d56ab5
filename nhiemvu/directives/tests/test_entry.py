"""Entering a directive and its tasks in one form: all or nothing, each task's permission
checked by the service, dates by the working-day calendar."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nhiemvu.directives import entry_views
from nhiemvu.directives.entry import assignment_deadline, due_after_working_days, split_task_list
from nhiemvu.directives.models import Directive
from nhiemvu.tracking.models import Task
from nhiemvu.workdays.services import load_calendar

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n%%EOF\n"


def test_pasted_lines_become_tasks_without_their_numbering():
    pasted = "1. Rà soát hồ sơ đất đai\n\n2) Báo cáo UBND tỉnh\na) Kiểm tra rừng\n- Tổng hợp\n• Gửi Sở Tư pháp\n  (3) Lập kế hoạch 2026  "
    assert split_task_list(pasted) == [
        "Rà soát hồ sơ đất đai",
        "Báo cáo UBND tỉnh",
        "Kiểm tra rừng",
        "Tổng hợp",
        "Gửi Sở Tư pháp",
        "Lập kế hoạch 2026",
    ]
    assert split_task_list("2026 là năm bản lề") == ["2026 là năm bản lề"]  # a year is not a number


def test_working_days_after_a_friday_before_national_day_skip_the_holiday():
    """Bộ luật Lao động 2019 art. 112: 2/9 and the day next to it (1/9/2025, a Monday) are off."""
    cal = load_calendar(2025, 2026)
    friday = date(2025, 8, 29)
    assert due_after_working_days(friday, 1, cal) == date(2025, 9, 3)
    assert due_after_working_days(friday, 0, cal) == friday


def test_seed_003_art_6_1_b_assigning_within_one_working_day_two_for_many_units():
    cal = load_calendar(2025, 2026)
    friday = date(2025, 8, 29)
    assert assignment_deadline(friday, 1, cal) == date(2025, 9, 3)
    assert assignment_deadline(friday, 2, cal) == date(2025, 9, 4)
    assert assignment_deadline(date(2026, 2, 13), 1, cal) == date(2026, 2, 23)  # Friday before Tết 2026


def _post_data(cast, rows, **directive):
    data = {
        "assigning_unit": cast.province.pk,
        "number_symbol": "1196/UBND-TH",
        "issuer": "UBND tỉnh Kon Tum",
        "issued_on": "15/05/2018",
        "received_on": "16/05/2018",
        "summary": "V/v giao nhiệm vụ theo dõi nội dung chậm trễ",
        "signer": "Nguyễn Văn Hòa",
        "channel": "eoffice",
        "tasks-TOTAL_FORMS": str(len(rows)),
        "tasks-INITIAL_FORMS": "0",
        "tasks-MIN_NUM_FORMS": "1",
        "tasks-MAX_NUM_FORMS": "200",
        "save": "1",
        **directive,
    }
    for index, row in enumerate(rows):
        data.update({f"tasks-{index}-{name}": value for name, value in row.items()})
    return data


@pytest.fixture
def desk_client(cast, client):
    client.force_login(cast.desk)
    return client


def test_the_desk_enters_a_directive_with_two_tasks(cast, desk_client):
    due = timezone.localdate() + timedelta(days=30)
    rows = [
        {
            "content": "Rà soát, cập nhật kết quả",
            "lead_unit": "Sở Nông nghiệp và Phát triển nông thôn (KT.SNN)",
            "coordinating_units": "KT.STC; so tu phap",
            "tracking_officer": cast.desk.pk,
            "field": cast.agriculture.pk,
            "is_key": "on",
            "due_on": f"{due:%d/%m/%Y}",
        },
        {"content": "Báo cáo kết quả", "lead_unit": "ubnd huyen dak ha", "working_days": "5"},
    ]
    files = {"files": [SimpleUploadedFile("Công văn 1196.pdf", PDF)]}
    response = desk_client.post(reverse("directive_add"), _post_data(cast, rows) | files)
    directive = Directive.objects.get(number_symbol="1196/UBND-TH")
    assert response.status_code == 302 and response["Location"] == reverse(
        "directive_detail", args=[directive.pk]
    )
    first, second = Task.objects.filter(directive=directive).order_by("pk")
    assert (first.lead_unit, first.assigning_unit, first.due_on, first.is_key) == (
        cast.agriculture_department,
        cast.province,
        due,
        True,
    )
    assert set(first.coordinating_units.all()) == {cast.finance_department, cast.justice_department}
    assert (first.tracking_officer, first.field) == (cast.desk, cast.agriculture)
    assert second.lead_unit == cast.district
    assert second.due_on == due_after_working_days(timezone.localdate(), 5)
    assert directive.created_by == cast.desk and directive.attachments.get().name == "Công văn 1196.pdf"
    assert directive.receiving_unit == cast.province  # the assigning unit's office received it
    assert desk_client.get(directive.attachments.get().file.url).status_code == 200  # the checked download
    page = desk_client.get(response["Location"]).content.decode()
    assert "Rà soát, cập nhật kết quả" in page and "UBND huyện Đắk Hà" in page and "Công văn 1196.pdf" in page


def test_one_bad_task_row_saves_neither_the_directive_nor_any_task(cast, desk_client):
    yesterday = timezone.localdate() - timedelta(days=1)
    rows = [
        {"content": "Nhiệm vụ đúng", "lead_unit": "KT.SNN"},
        {"content": "Hạn trước ngày giao", "lead_unit": "KT.STP", "due_on": f"{yesterday:%d/%m/%Y}"},
    ]
    response = desk_client.post(reverse("directive_add"), _post_data(cast, rows))
    assert response.status_code == 200
    assert not Directive.objects.exists() and not Task.objects.exists()
    assert "Hạn xử lý không được trước ngày giao." in response.content.decode()


def test_an_unknown_unit_and_a_bad_date_are_messages_in_vietnamese(cast, desk_client):
    rows = [{"content": "Nhiệm vụ", "lead_unit": "Sở không có"}]
    response = desk_client.post(reverse("directive_add"), _post_data(cast, rows, issued_on="31/02/2018"))
    page = response.content.decode()
    assert response.status_code == 200 and not Directive.objects.exists()
    assert "Không tìm thấy đơn vị “Sở không có”." in page
    assert response.context["form"].errors["issued_on"]
    rows = [{"content": "Nhiệm vụ", "lead_unit": "KT.SNN"}]
    response = desk_client.post(reverse("directive_add"), _post_data(cast, rows, received_on="14/05/2018"))
    assert "Ngày nhận không được trước ngày ban hành." in response.content.decode()


def test_a_user_cannot_assign_for_another_unit_by_editing_the_form(cast, client):
    client.force_login(cast.focal_officer)  # assigns for Sở NN only
    rows = [{"content": "Nhiệm vụ", "lead_unit": "KT.SNN.CCKL"}]
    response = client.post(reverse("directive_add"), _post_data(cast, rows, assigning_unit=cast.province.pk))
    assert response.status_code == 200 and "assigning_unit" in response.context["form"].errors
    other = _post_data(cast, [{"content": "Nhiệm vụ", "lead_unit": "KT.STP"}])
    other["assigning_unit"] = cast.agriculture_department.pk  # its own unit, but a lead unit outside it
    response = client.post(reverse("directive_add"), other)
    assert response.context["formset"].forms[0].errors["lead_unit"] == [
        "Sở Nông nghiệp và Phát triển nông thôn chỉ giao nhiệm vụ cho chính đơn vị và các đơn vị trực thuộc."
    ]
    assert not Directive.objects.exists() and not Task.objects.exists()


def test_a_user_without_an_assigning_role_gets_no_form(cast, client):
    client.force_login(cast.specialist)
    assert client.get(reverse("directive_add")).status_code == 403


def test_a_post_without_the_csrf_token_is_refused(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.desk)
    rows = [{"content": "Nhiệm vụ", "lead_unit": "KT.SNN"}]
    assert client.post(reverse("directive_add"), _post_data(cast, rows)).status_code == 403
    assert not Directive.objects.exists()


def test_a_file_of_a_refused_type_saves_nothing(cast, desk_client):
    rows = [{"content": "Nhiệm vụ", "lead_unit": "KT.SNN"}]
    files = {"files": [SimpleUploadedFile("trang.html", b"<script></script>")]}
    response = desk_client.post(reverse("directive_add"), _post_data(cast, rows) | files)
    assert "Chỉ nhận tệp" in response.content.decode()
    assert not Directive.objects.exists()


def test_a_duplicate_directive_is_a_message(cast, desk_client):
    rows = [{"content": "Nhiệm vụ", "lead_unit": "KT.SNN"}]
    desk_client.post(reverse("directive_add"), _post_data(cast, rows))
    response = desk_client.post(reverse("directive_add"), _post_data(cast, rows))
    assert response.status_code == 200 and Directive.objects.count() == 1
    assert response.context["form"].errors


def test_a_pasted_list_fills_the_rows_and_saves_nothing_yet(cast, desk_client):
    data = _post_data(cast, [{"content": ""}], paste="1. Rà soát\n2. Báo cáo\n3. Tổng hợp")
    del data["save"]
    data["split"] = "1"
    response = desk_client.post(reverse("directive_add"), data)
    formset = response.context["formset"]
    assert [row["content"].value() for row in formset] == ["Rà soát", "Báo cáo", "Tổng hợp"]
    assert not Directive.objects.exists()
    assert "invalid-feedback" not in response.content.decode()  # no errors shown for rows being filled


def test_add_row_without_javascript_and_with_htmx(cast, desk_client):
    data = _post_data(cast, [{"content": "Rà soát", "lead_unit": "KT.SNN"}])
    del data["save"]
    data["add_row"] = "1"
    response = desk_client.post(reverse("directive_add"), data)
    assert len(response.context["formset"].forms) == 2 and not Directive.objects.exists()
    fragment = desk_client.get(reverse("directive_task_row"), {"tasks-TOTAL_FORMS": "2"}).content.decode()
    assert 'name="tasks-2-content"' in fragment
    assert 'value="3"' in fragment and 'hx-swap-oob="true"' in fragment
    assert desk_client.get(reverse("directive_task_row"), {"tasks-TOTAL_FORMS": "x"}).status_code == 404


def test_the_working_days_helper_answers_from_the_server_calendar(cast, desk_client, monkeypatch):
    monkeypatch.setattr(entry_views.timezone, "localdate", lambda *args: date(2025, 8, 29))
    url = reverse("directive_due_date")
    response = desk_client.get(url, {"row": "tasks-1", "tasks-1-working_days": "1"})
    assert 'name="tasks-1-due_on" value="03/09/2025"' in response.content.decode()
    response = desk_client.get(url, {"row": "tasks-1", "tasks-1-working_days": "mười"})
    assert "Số ngày làm việc phải là số nguyên" in response.content.decode()
    assert desk_client.get(url, {"row": "<script>"}).status_code == 404


@pytest.mark.parametrize("total", ["abc", "100000", ""])
def test_a_tampered_row_count_is_a_message_not_an_error(cast, desk_client, total):
    data = _post_data(cast, [{"content": "Nhiệm vụ", "lead_unit": "KT.SNN"}])
    data["tasks-TOTAL_FORMS"] = total
    response = desk_client.post(reverse("directive_add"), data)
    assert response.status_code == 200 and not Directive.objects.exists()
    assert response.context["formset"].non_form_errors()


def test_the_pages_speak_english_to_whoever_chose_it(cast, desk_client, settings):
    desk_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = desk_client.get(reverse("directive_add")).content.decode()
    assert "Enter a directive and assign its tasks" in page
    page = desk_client.get(reverse("directive_list")).content.decode()
    assert "Filter directives" in page and "Issued from" in page
