"""The administrator sets the province up in the app: renames a department from a date,
adds an officer without e-mail and gives him a role, by the labels on the pages; no step
trips the Content-Security-Policy."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.steps import open_form, sign_in, submit
from tests.cast import build_cast


@pytest.mark.browser
def test_the_administrator_renames_a_unit_and_adds_an_officer_with_a_role(live_server, page, screenshot_dir):
    cast = build_cast()
    violations = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and violations.append(message.text),
    )
    sign_in(page, live_server, cast.admin)
    page.goto(live_server.url)

    page.get_by_role("button", name="Quản lý").click()
    page.get_by_role("link", name="Cây đơn vị").click()
    tree = page.locator("#unit-tree")
    expect(tree).to_contain_text("UBND tỉnh Kon Tum")
    expect(tree).not_to_contain_text("Sở Tư pháp")
    page.get_by_role("button", name="Mở các đơn vị trực thuộc UBND tỉnh Kon Tum").click()
    expect(tree).to_contain_text("Sở Tư pháp")  # opened in place (htmx)
    tree.get_by_role("link", name="Sở Tư pháp").click()

    open_form(page, "Đổi tên (từ một ngày)")  # open, not opening: the accordion moves the button
    page.get_by_label("Tên mới", exact=True).fill("Sở Tư pháp tỉnh Kon Tum")
    page.get_by_label("Dùng tên mới từ ngày").fill("01/03/2026")
    submit(page, page.locator("#change-doi-ten").get_by_role("button", name="Ghi nhận"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sở Tư pháp tỉnh Kon Tum")
    expect(page.locator("main")).to_contain_text("Tên “Sở Tư pháp” đến ngày 28/02/2026")
    page.screenshot(path=str(Path(screenshot_dir) / "unit-renamed.png"))

    page.get_by_role("button", name="Quản lý").click()
    page.get_by_role("link", name="Người dùng").click()
    page.get_by_role("link", name="Thêm người dùng").click()
    page.get_by_label("Tên đăng nhập").fill("nguyenvanb")
    page.get_by_label("Họ và tên").fill("Nguyễn Văn B")
    submit(page, page.get_by_role("button", name="Lưu"))
    expect(page.locator("#new-password")).to_contain_text("nguyenvanb")

    page.get_by_label("Vai trò", exact=True).select_option(label="Cán bộ đầu mối")
    page.get_by_label("Đơn vị", exact=True).fill("KT.STP")
    submit(page, page.get_by_role("button", name="Giao vai trò"))
    expect(page.locator("#roles")).to_contain_text("Sở Tư pháp tỉnh Kon Tum")
    expect(page).to_have_url(re.compile(r"/quan-tri/nguoi-dung/\d+/$"))
    assert violations == []
