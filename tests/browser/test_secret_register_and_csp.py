"""The register keeper adds a secret-register line in the app, and no page of ours (the
admin's included) trips the Content-Security-Policy (issue 12, findings 1 and 13)."""

import pytest
from playwright.sync_api import expect

from nhiemvu.accounts.models import User
from tests.browser.steps import sign_in, submit
from tests.cast import load_small_demo


@pytest.mark.browser
def test_the_keeper_adds_a_line_and_no_page_breaks_the_csp(live_server, page):
    load_small_demo()
    violations = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and violations.append(message.text),
    )

    sign_in(page, live_server, User.objects.get(username="vanphong"))
    page.goto(f"{live_server.url}/so-mat/")
    expect(page.get_by_role("heading", name="Sổ theo dõi văn bản mật")).to_be_visible()
    page.get_by_role("link", name="Thêm vào sổ").click()
    page.get_by_label("Độ mật").select_option(label="Tối mật")
    page.get_by_label("Số, ký hiệu").fill("99/KH-UBND")
    page.get_by_label("Ngày ban hành").fill("15/05/2018")
    page.get_by_label("Đơn vị chủ trì").select_option(index=1)
    page.get_by_label("Hạn xử lý").fill("30/06/2018")
    submit(page, page.get_by_role("button", name="Lưu"))
    expect(page.locator("#secret-entries")).to_contain_text("99/KH-UBND")

    sign_in(page, live_server, User.objects.get(username="quantri"))
    page.goto(f"{live_server.url}/so-mat/")
    expect(page.locator("main")).to_contain_text("Không có dòng nào bạn được xem.")
    for path in (
        "/admin/",
        "/admin/tracking/task/",
        "/admin/units/unit/",
        "/admin/directives/directive/add/",
    ):
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("#content")).to_be_visible()
    assert violations == []
