"""An office clerk signs in, reads the per-unit table and asks for another period."""

import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.cast import load_small_demo


@pytest.mark.browser
def test_the_office_changes_the_period_and_only_the_table_is_replaced(live_server, page, screenshot_dir):
    demo = load_small_demo()
    password = next(c.password for c in demo.credentials if c.username == "vanphong")
    year = timezone.localdate().year
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto(f"{live_server.url}/tong-quan/")
    expect(page).to_have_url(re.compile(r"/dang-nhap/\?next=/tong-quan/$"))
    page.get_by_label("Tên đăng nhập").fill("vanphong")
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()

    table = page.locator("#unit-report-table")
    caption = page.locator("#unit-report-caption")
    expect(table).to_be_visible()
    expect(caption).to_contain_text(f"nhiệm vụ giao từ 01/01/{year} đến 31/12/{year}")
    expect(page.locator("[data-card=open_overdue]")).to_be_visible()
    expect(page.locator("#overdue-tasks")).to_be_visible()
    page.screenshot(path=str(Path(screenshot_dir) / "dashboard.png"))
    this_year_total = table.locator("tfoot td").nth(1).inner_text()

    # A full page load would lose this mark; an htmx swap of the table keeps it.
    page.evaluate("window.sameDocument = true")
    page.get_by_label("Giao từ ngày").fill("01/01/2018")
    page.get_by_label("Đến ngày").fill("31/12/2018")
    page.get_by_role("button", name="Xem").click()

    expect(caption).to_contain_text("nhiệm vụ giao từ 01/01/2018 đến 31/12/2018")
    expect(table.locator("tfoot td").nth(1)).not_to_have_text(this_year_total)
    assert page.evaluate("window.sameDocument") is True
    assert "date_from=01%2F01%2F2018" in page.url  # bookmarkable, as typed
    page.screenshot(path=str(Path(screenshot_dir) / "dashboard-2018.png"))

    # A mistake gives the form error in place, not an error page.
    page.get_by_label("Đến ngày").fill("31/12/2017")
    page.get_by_role("button", name="Xem").click()
    expect(page.locator("#unit-report")).to_contain_text("Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.")
    assert page.evaluate("window.sameDocument") is True

    assert requested and all(url.startswith(live_server.url) for url in requested), (
        "no request leaves the server"
    )
