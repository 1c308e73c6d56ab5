"""Every role's daily work on a task (issue 13, "Tests"), in a real browser, by the labels
each person reads: a unit asks for an extension and the leader approves it; a unit completes
with its result document and the office's dashboard counts it; a unit returns a task and the
office gives it to another; a department delegates to its sub-unit and follows its progress.

Each journey starts from the shared cast (tests.cast) with one task assigned by the province,
and signs its people in by their session (the login form has its own journey)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nhiemvu.accounts.choices import Role
from nhiemvu.tracking import services
from tests.browser.steps import DESKTOP, PHONE, open_form, screenshot, sign_in, submit
from tests.cast import build_cast
from tests.factories import make_task, person

pytestmark = pytest.mark.browser

RESULT_PDF = {"name": "bao-cao-ket-qua.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}


def assigned(lead_unit, *, cast, content, accepted=False, **extra):
    """A task the province assigned to `lead_unit` three days ago, due in twenty days."""
    today = timezone.localdate()
    task = make_task(
        lead_unit=lead_unit,
        assigning_unit=cast.province,
        assigned_on=today - timedelta(days=3),
        due_on=today + timedelta(days=20),
        content=content,
        field=cast.agriculture,
        **extra,
    )
    if accepted:
        services.accept(task, by=None, at=timezone.now())
    return task


def test_the_leader_approves_the_extension_a_unit_asked_for(live_server, page, screenshot_dir):
    cast = build_cast()
    task = assigned(
        cast.agriculture_department, cast=cast, content="Trồng rừng thay thế năm 2026", accepted=True
    )
    due, proposed = task.due_in_force, task.due_in_force + timedelta(days=30)

    sign_in(page, live_server, cast.focal_officer)
    page.goto(f"{live_server.url}{task.get_absolute_url()}")
    form = open_form(page, "Xin gia hạn")
    form.get_by_label("Thời hạn đề xuất").fill(f"{proposed:%d/%m/%Y}")
    form.get_by_label("Lý do").fill("Chờ bàn giao mặt bằng trồng rừng")
    submit(page, form.get_by_role("button", name="Gửi đề nghị gia hạn"))
    expect(page.locator("#task-status")).to_contain_text("Đang xin gia hạn")

    page.set_viewport_size(PHONE)
    sign_in(page, live_server, cast.leader)
    page.goto(live_server.url)
    waiting = page.locator("[data-need=extension_to_decide]")
    expect(waiting.get_by_role("heading")).to_have_text("Đề nghị gia hạn chờ quyết định")
    screenshot(page, screenshot_dir, "leader-home-390")
    waiting.get_by_role("link", name="Trồng rừng thay thế năm 2026").click()

    expect(page.locator("#timeline")).to_contain_text(f"Thời hạn đề xuất: {proposed:%d/%m/%Y}")
    form = open_form(page, "Quyết định gia hạn")
    form.get_by_label("Đồng ý gia hạn", exact=True).check()
    form.get_by_label("Ý kiến").fill("Đồng ý theo đề nghị của Sở")
    submit(page, form.get_by_role("button", name="Ghi quyết định"))

    expect(page.locator("#task-status")).to_contain_text("Đang thực hiện")
    history = page.locator("#task-due li")
    expect(history).to_have_count(2)
    expect(history.first).to_contain_text(f"{due:%d/%m/%Y} (Giao nhiệm vụ")
    expect(history.last).to_contain_text(f"{proposed:%d/%m/%Y} (Đồng ý gia hạn")
    expect(page.locator("#task-due")).to_contain_text(re.compile(rf"^\s*{proposed:%d/%m/%Y}"))
    screenshot(page, screenshot_dir, "task-extended-390")


def test_a_completion_with_its_result_document_counts_on_the_dashboard(live_server, page, screenshot_dir):
    cast = build_cast()
    task = assigned(cast.agriculture_department, cast=cast, content="Kiểm kê rừng toàn tỉnh", accepted=True)
    on_time = page.get_by_role("link", name=re.compile(r"^Hoàn thành đúng hạn: \d+ nhiệm vụ"))

    sign_in(page, live_server, cast.desk)
    page.goto(f"{live_server.url}/tong-quan/")
    expect(on_time).to_have_text("0")

    sign_in(page, live_server, cast.focal_officer)
    page.goto(f"{live_server.url}{task.get_absolute_url()}")
    form = open_form(page, "Báo cáo hoàn thành")
    form.get_by_label("Văn bản kết quả (số, ký hiệu)").fill("125/BC-SNN")
    form.get_by_label("Ngày ban hành văn bản kết quả").fill(f"{timezone.localdate():%d/%m/%Y}")
    form.get_by_label("Tệp văn bản kết quả").set_input_files(RESULT_PDF)
    submit(page, form.get_by_role("button", name="Báo cáo hoàn thành"))
    expect(page.locator("#task-status")).to_contain_text("Đã hoàn thành")
    expect(page.locator("#task-status")).to_contain_text("Hoàn thành đúng hạn")
    completed = page.locator("#timeline [data-event=completed]")
    expect(completed).to_contain_text("Văn bản kết quả: 125/BC-SNN")
    expect(completed.get_by_role("link", name="bao-cao-ket-qua.pdf")).to_be_visible()

    sign_in(page, live_server, cast.desk)
    page.goto(f"{live_server.url}/tong-quan/")
    expect(on_time).to_have_text("1")
    screenshot(page, screenshot_dir, "dashboard-1400")
    on_time.click()
    expect(page.locator("#task-count")).to_contain_text("1 nhiệm vụ")
    expect(page.get_by_role("link", name="Kiểm kê rừng toàn tỉnh")).to_be_visible()
    screenshot(page, screenshot_dir, "task-list-done-on-time-1400")


def test_the_office_gives_a_returned_task_to_another_unit(live_server, page, screenshot_dir):
    cast = build_cast()
    task = assigned(cast.justice_department, cast=cast, content="Rà soát quy hoạch ba loại rừng")
    finance_officer = person(Role.FOCAL_OFFICER, cast.finance_department, username="daumoi_stc")

    sign_in(page, live_server, cast.other_officer)
    page.goto(f"{live_server.url}{task.get_absolute_url()}")
    form = open_form(page, "Chuyển trả nhiệm vụ")
    reason = form.get_by_label("Lý do chuyển trả")
    assert reason.evaluate("field => field.validity.valueMissing"), "a return needs its reason"
    reason.fill("Nhiệm vụ thuộc chức năng của Sở Tài chính")
    submit(page, form.get_by_role("button", name="Chuyển trả"))
    expect(page.locator("#task-status")).to_contain_text("Đã chuyển trả")

    sign_in(page, live_server, cast.desk)
    page.goto(live_server.url)
    returned = page.locator("[data-need=returned_to_reassign]")
    expect(returned.get_by_role("heading")).to_have_text("Nhiệm vụ bị chuyển trả chờ giao lại")
    screenshot(page, screenshot_dir, "desk-home-1400")
    returned.get_by_role("link", name="Rà soát quy hoạch ba loại rừng").click()
    expect(page.locator("#timeline")).to_contain_text("Nhiệm vụ thuộc chức năng của Sở Tài chính")
    form = open_form(page, "Giao lại cho đơn vị khác")
    form.get_by_label("Đơn vị chủ trì mới").select_option(label="Sở Tài chính")
    screenshot(page, screenshot_dir, "reassign-form-1400")
    submit(page, form.get_by_role("button", name="Giao lại"))
    expect(page.locator("#task-lead")).to_have_text("Sở Tài chính")
    expect(page.locator("#task-status")).to_contain_text("Chưa thực hiện")

    sign_in(page, live_server, finance_officer)
    page.goto(live_server.url)
    new = page.locator("[data-need=to_accept]")
    new.get_by_role("link", name="Rà soát quy hoạch ba loại rừng").click()
    expect(page.get_by_role("button", name="Tiếp nhận")).to_be_visible()


def test_a_sub_unit_reports_on_a_delegated_task_and_the_department_sees_it(live_server, page, screenshot_dir):
    cast = build_cast()
    task = assigned(
        cast.agriculture_department, cast=cast, content="Tuần tra bảo vệ rừng mùa khô", accepted=True
    )
    ranger = person(Role.FOCAL_OFFICER, cast.forestry, username="daumoi_cckl")

    sign_in(page, live_server, cast.focal_officer)
    page.goto(f"{live_server.url}{task.get_absolute_url()}")
    form = open_form(page, "Giao đơn vị cấp dưới")
    form.get_by_label("Đơn vị cấp dưới").select_option(label="Chi cục Kiểm lâm")
    expect(form.get_by_label("Nội dung giao")).to_have_value("Tuần tra bảo vệ rừng mùa khô")
    submit(page, form.get_by_role("button", name="Giao nhiệm vụ"))

    page.set_viewport_size(PHONE)
    sign_in(page, live_server, ranger)
    page.goto(live_server.url)
    page.locator("[data-need=to_accept]").get_by_role("link", name="Tuần tra bảo vệ rừng").click()
    expect(page.locator("#task-lead")).to_have_text("Chi cục Kiểm lâm")
    submit(page, page.get_by_role("button", name="Tiếp nhận"))
    form = open_form(page, "Cập nhật tiến độ")
    form.get_by_label("Nội dung thực hiện").fill("Đã tuần tra 12 tiểu khu")
    form.get_by_label("Tiến độ (%)").fill("60")
    submit(page, form.get_by_role("button", name="Cập nhật tiến độ"))
    expect(page.locator("#task-status")).to_contain_text("60%")
    screenshot(page, screenshot_dir, "sub-unit-task-390")

    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server, cast.focal_officer)
    page.goto(f"{live_server.url}{task.get_absolute_url()}")
    children = page.get_by_role("region", name=re.compile("^Nhiệm vụ giao đơn vị cấp dưới"))
    expect(children.get_by_role("heading")).to_contain_text("0/1 hoàn thành")
    row = children.get_by_role("row").filter(has_text="Chi cục Kiểm lâm")
    expect(row).to_contain_text("Đang thực hiện")
    expect(row.get_by_role("cell").last).to_have_text("60%")
    screenshot(page, screenshot_dir, "parent-task-1400")
