"""A focal officer opens a task from the task list, accepts it, then updates its progress
(issue 13), on a 390 px phone, by the labels they read, with no CSP violation."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.steps import open_form, sign_in, submit
from tests.cast import build_cast
from tests.factories import make_task


@pytest.mark.browser
def test_a_focal_officer_accepts_a_task_from_the_list_and_reports_progress(live_server, page, screenshot_dir):
    cast = build_cast()
    today = timezone.localdate()
    task = make_task(
        lead_unit=cast.agriculture_department,
        assigning_unit=cast.province,
        assigned_on=today - timedelta(days=3),
        due_on=today + timedelta(days=20),
        content="Xây dựng kế hoạch phòng cháy, chữa cháy rừng mùa khô",
    )
    violations = []
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    page.set_viewport_size({"width": 390, "height": 844})

    sign_in(page, live_server, cast.focal_officer)
    page.goto(f"{live_server.url}/nhiem-vu/")
    page.get_by_label("Tìm kiếm").fill("ke hoach phong chay")
    page.get_by_role("button", name="Lọc", exact=True).click()
    expect(page.locator("#task-count")).to_contain_text("1 nhiệm vụ")
    page.screenshot(path=str(Path(screenshot_dir) / "task-list-390.png"), full_page=True)
    page.get_by_role("link", name="Xây dựng kế hoạch phòng cháy").click()
    expect(page).to_have_url(re.compile(rf"/nhiem-vu/{task.pk}/$"))
    expect(page.locator("#task-status")).to_contain_text("Chưa thực hiện")

    submit(page, page.get_by_role("button", name="Tiếp nhận"))
    expect(page.locator("#task-status")).to_contain_text("Đang thực hiện")
    expect(page.locator("#timeline")).to_contain_text("Tiếp nhận")

    form = open_form(page, "Cập nhật tiến độ")
    form.get_by_label("Nội dung thực hiện").fill("Đã ban hành kế hoạch số 12/KH-SNN")
    form.get_by_label("Tiến độ (%)").fill("40")
    submit(page, form.get_by_role("button", name="Cập nhật tiến độ"))
    expect(page.locator("#task-status")).to_contain_text("40%")
    expect(page.locator("#timeline")).to_contain_text("Đã ban hành kế hoạch số 12/KH-SNN")
    page.screenshot(path=str(Path(screenshot_dir) / "task-page-390.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways at 390 px ({width} px)"
    assert violations == []
