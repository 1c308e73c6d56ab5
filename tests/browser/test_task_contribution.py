"""A coordinating unit's focal officer reports what the unit did for a task (seed 003 art.
10.2.b) on the task page, whose forms post by htmx: a refused report comes back in place with
its Vietnamese message, the page is never reloaded, and no CSP violation (issue 13)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nhiemvu.accounts.choices import Role
from tests.cast import build_cast
from tests.factories import make_task, person

PASSWORD = "matkhau-thu-nghiem"  # tests.factories.UserFactory's


@pytest.mark.browser
def test_a_coordinating_unit_reports_its_part_in_place(live_server, page):
    cast = build_cast()
    today = timezone.localdate()
    task = make_task(
        lead_unit=cast.agriculture_department,
        assigning_unit=cast.province,
        assigned_on=today - timedelta(days=3),
        due_on=today + timedelta(days=20),
        coordinating_units=[cast.finance_department],
        content="Rà soát kinh phí phòng cháy rừng",
    )
    finance_focal = person(Role.FOCAL_OFFICER, cast.finance_department, username="daumoi_stc")
    violations = []
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))

    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(finance_focal.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(re.compile(r"/$"))

    page.goto(f"{live_server.url}{task.get_absolute_url()}")
    page.evaluate("window.notReloaded = true")
    page.get_by_role("button", name="Báo cáo kết quả phối hợp").click()
    form = page.locator("#action-contribute")
    form.get_by_label("Kết quả phối hợp của đơn vị").fill("Đã thẩm định dự toán kinh phí")
    form.get_by_label("Ngày thực hiện").fill(f"{today + timedelta(days=1):%d/%m/%Y}")
    form.get_by_role("button", name="Gửi kết quả phối hợp").click()
    expect(page.locator("#action-contribute")).to_contain_text("Ngày hiệu lực không được sau ngày cập nhật.")
    expect(page.locator("#action-contribute").get_by_label("Kết quả phối hợp của đơn vị")).to_have_value(
        "Đã thẩm định dự toán kinh phí"
    )

    page.locator("#action-contribute").get_by_label("Ngày thực hiện").fill(f"{today:%d/%m/%Y}")
    page.locator("#action-contribute").get_by_role("button", name="Gửi kết quả phối hợp").click()
    expect(page.locator("#contributions")).to_contain_text("Đã thẩm định dự toán kinh phí")
    expect(page.locator("#timeline")).to_contain_text("Kết quả phối hợp")
    expect(page.get_by_role("alert").first).to_contain_text("Đã ghi")
    assert page.evaluate("window.notReloaded") is True  # swapped by htmx, not a new page
    assert violations == []
