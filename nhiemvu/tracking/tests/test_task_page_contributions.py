"""The coordinating units' contributions on the task page (issue 13; seed 003 art. 10.2.b):
listed per coordinating unit with who, what, both dates and the files, and the form offered
to those who report for a coordinating unit, and to no one else."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nhiemvu.accounts.choices import Role
from nhiemvu.tracking import services
from nhiemvu.tracking.models import TaskEvent
from nhiemvu.tracking.tests.actions import PDF, accepted, days_ago, page_task, post, snapshot
from tests.factories import moment, person

pytestmark = pytest.mark.django_db

CONTRIBUTE = "contribute"


@pytest.fixture
def task(cast):
    """The page's task, the Sở Tài chính and the Sở Tư pháp coordinating, accepted."""
    task = page_task(cast)
    task.coordinating_units.add(cast.finance_department, cast.justice_department)
    return accepted(task, cast)


@pytest.fixture
def finance_focal(cast):
    return person(Role.FOCAL_OFFICER, cast.finance_department, username="daumoi_stc", first_name="Trần Thị B")


def contribute_url(task):
    return reverse("tracking:task_action", args=[task.pk, CONTRIBUTE])


def unit_block(section, unit) -> str:
    """What the contributions section lists under `unit`."""
    return section.split(f'data-unit="{unit.pk}"')[1].split("</ol>")[0]


def page_of(client, user, task) -> str:
    client.force_login(user)
    response = client.get(task.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_each_coordinating_unit_is_listed_with_what_it_reported(client, cast, task, finance_focal):
    event = services.contribute(
        task,
        by=finance_focal,
        at=moment(days_ago(3), 14, 30),
        unit=cast.finance_department,
        note="Đã bố trí 2 tỷ đồng",
        effective_on=days_ago(5),
        files=[SimpleUploadedFile("QĐ 12.pdf", PDF)],
    )
    page = page_of(client, cast.focal_officer, task)  # the lead unit reads it
    section = page.split('id="contributions"')[1].split("</section>")[0]
    assert "Sở Tài chính" in section and "Sở Tư pháp" in section
    finance, justice = (
        unit_block(section, unit) for unit in (cast.finance_department, cast.justice_department)
    )
    assert "Đã bố trí 2 tỷ đồng" in finance
    assert f"{days_ago(5):%d/%m/%Y}" in finance and f"14:30 {days_ago(3):%d/%m/%Y}" in finance
    assert "Trần Thị B" in finance
    attachment = event.attachments.get()
    assert attachment.file.url in finance and "QĐ 12.pdf" in finance
    assert "Chưa báo cáo kết quả phối hợp." in justice
    assert "Kết quả phối hợp" in page.split('id="timeline"')[1]  # in the history too
    client.force_login(cast.focal_officer)
    assert client.get(attachment.file.url).status_code == 200


def test_a_task_without_coordinating_units_has_no_such_section(client, cast):
    task = page_task(cast)
    assert 'id="contributions"' not in page_of(client, cast.focal_officer, task)


def test_the_form_is_offered_to_whom_reports_for_a_coordinating_unit_only(client, cast, task, finance_focal):
    page = page_of(client, finance_focal, task)
    assert contribute_url(task) in page
    form = client.get(contribute_url(task), headers={"HX-Request": "true"}).content.decode()
    options = form.split('name="unit"')[1].split("</select>")[0]
    assert "Sở Tài chính" in options and "Sở Tư pháp" not in options  # their own unit only
    assert reverse("tracking:task_action", args=[task.pk, "progress"]) not in page
    for lead_or_office in (cast.focal_officer, cast.specialist, cast.desk):
        assert contribute_url(task) not in page_of(client, lead_or_office, task)


def test_a_closed_task_offers_no_contribution_and_refuses_one_in_vietnamese(
    client, cast, task, finance_focal
):
    services.complete(
        task, by=cast.focal_officer, at=moment(days_ago(2)), completed_on=days_ago(2), result_document="1/BC"
    )
    assert contribute_url(task) not in page_of(client, finance_focal, task)
    before = snapshot(task)
    data = {"unit": str(cast.finance_department.pk), "note": "Đã góp ý"}
    response = post(client, finance_focal, task, CONTRIBUTE, data)
    assert response.status_code == 400
    assert "không ghi nhận thêm kết quả phối hợp" in response.content.decode()
    assert snapshot(task) == before


def test_a_member_posts_the_units_report_with_its_file(client, cast, task, finance_focal):
    data = {
        "unit": str(cast.finance_department.pk),
        "note": "Đã thẩm định dự toán",
        "effective_on": f"{days_ago(1):%d/%m/%Y}",
        "files": SimpleUploadedFile("TĐ.pdf", PDF),
    }
    response = post(client, finance_focal, task, CONTRIBUTE, data)
    assert response.status_code == 302
    event = TaskEvent.objects.get(task=task, kind="contributed")
    assert (event.contributing_unit, event.effective_on, event.actor) == (
        cast.finance_department,
        days_ago(1),
        finance_focal,
    )
    assert event.attachments.get().name == "TĐ.pdf"


def test_the_lead_unit_posting_a_contribution_is_refused_and_nothing_saved(client, cast, task):
    before = snapshot(task)
    data = {"unit": str(cast.finance_department.pk), "note": "Thay mặt Sở Tài chính"}
    response = post(client, cast.focal_officer, task, CONTRIBUTE, data)
    assert response.status_code == 403
    assert "Bạn không có quyền báo cáo kết quả phối hợp nhiệm vụ này." in response.content.decode()
    assert snapshot(task) == before


def test_a_unit_that_is_not_the_members_cannot_be_chosen_by_editing_the_form(
    client, cast, task, finance_focal
):
    before = snapshot(task)
    data = {"unit": str(cast.justice_department.pk), "note": "Thay mặt Sở Tư pháp"}
    response = post(client, finance_focal, task, CONTRIBUTE, data, headers={"HX-Request": "true"})
    assert response.status_code == 400
    assert "Hãy chọn một lựa chọn hợp lệ." in response.content.decode()
    assert snapshot(task) == before


def test_a_future_date_is_refused_with_a_vietnamese_message(client, cast, task, finance_focal):
    data = {
        "unit": str(cast.finance_department.pk),
        "note": "Sẽ thẩm định",
        "effective_on": f"{days_ago(-2):%d/%m/%Y}",
    }
    response = post(client, finance_focal, task, CONTRIBUTE, data)
    assert response.status_code == 400
    assert "Ngày hiệu lực không được sau ngày cập nhật." in response.content.decode()


def _report(task, who, unit, days):
    for step, day in enumerate(days):
        services.contribute(
            task,
            by=who,
            at=moment(days_ago(day)),
            unit=unit,
            note=f"Lần {step}",
            files=[SimpleUploadedFile(f"{step}.pdf", PDF)],
        )


def queries_of_the_page(client, user, task) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(task.get_absolute_url()).status_code == 200
    return len(captured)


def test_the_page_reads_as_many_queries_however_many_contributions(
    client, cast, task, finance_focal, django_assert_max_num_queries
):
    justice_focal = cast.other_officer
    _report(task, finance_focal, cast.finance_department, [20])
    few = queries_of_the_page(client, finance_focal, task)
    _report(task, justice_focal, cast.justice_department, [19, 18, 17, 16])
    _report(task, finance_focal, cast.finance_department, [15, 14])
    assert queries_of_the_page(client, finance_focal, task) == few
    for user in (finance_focal, cast.focal_officer):
        client.force_login(user)
        with django_assert_max_num_queries(25):
            client.get(task.get_absolute_url())
