"""The office desk enters a directive with two tasks, by the labels a clerk reads, and
finds them on the directive's page; no step trips the Content-Security-Policy."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.steps import sign_in, submit
from tests.cast import build_cast


@pytest.mark.browser
def test_the_desk_enters_a_directive_with_two_tasks(live_server, page, screenshot_dir):
    cast = build_cast()
    violations = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and violations.append(message.text),
    )
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    sign_in(page, live_server, cast.desk)

    page.goto(f"{live_server.url}/van-ban/")
    page.get_by_role("link", name="Nhập văn bản").click()
    page.get_by_label("Số, ký hiệu").fill("1196/UBND-TH")
    page.get_by_label("Cơ quan ban hành").fill("UBND tỉnh Kon Tum")
    page.get_by_label("Ngày ban hành").fill("15/05/2018")
    page.get_by_label("Ngày nhận").fill("16/05/2018")
    page.get_by_label("Trích yếu").fill("V/v giao nhiệm vụ theo dõi nội dung chậm trễ")

    first = page.locator("#tasks-0")
    first.get_by_label("Nội dung nhiệm vụ").fill("Rà soát các nhiệm vụ chậm trễ")
    lead = first.get_by_label("Đơn vị chủ trì")
    lead.press_sequentially("nong nghiep va phat")
    options = page.locator("#id_tasks-0-lead_unit-options option")
    expect(options).to_have_count(1)  # the picker found Sở NN, typed without diacritics
    lead.fill(options.first.get_attribute("value"))
    first.get_by_label("Hạn xử lý").fill("31/12/2027")

    page.get_by_role("button", name="Thêm dòng nhiệm vụ").click()
    second = page.locator("#tasks-1")
    expect(second).to_be_visible()
    second.get_by_label("Nội dung nhiệm vụ").fill("Báo cáo kết quả thực hiện")
    second.get_by_label("Đơn vị chủ trì").fill("KT.DH")
    second.get_by_label("+ số ngày làm việc").fill("5")
    second.get_by_label("+ số ngày làm việc").press("Tab")
    expect(second.get_by_label("Hạn xử lý")).to_have_value(re.compile(r"^\d\d/\d\d/\d{4}$"))

    page.screenshot(path=str(Path(screenshot_dir) / "directive-form.png"), full_page=True)
    submit(page, page.get_by_role("button", name="Lưu văn bản và giao nhiệm vụ"))
    expect(page.get_by_role("heading", name="1196/UBND-TH")).to_be_visible()
    tasks = page.locator("#directive-tasks")
    expect(tasks).to_contain_text("Rà soát các nhiệm vụ chậm trễ")
    expect(tasks).to_contain_text("Sở Nông nghiệp và Phát triển nông thôn")
    expect(tasks).to_contain_text("Báo cáo kết quả thực hiện")
    expect(tasks).to_contain_text("UBND huyện Đắk Hà")
    page.screenshot(path=str(Path(screenshot_dir) / "directive-page.png"), full_page=True)
    page.goto(f"{live_server.url}/van-ban/?q=cham+tre")
    expect(page.locator("#directives")).to_contain_text("1196/UBND-TH")
    page.screenshot(path=str(Path(screenshot_dir) / "directive-register.png"), full_page=True)
    assert violations == []


@pytest.mark.browser
def test_the_desk_records_a_directive_then_assigns_its_tasks_from_the_home_page(
    live_server, page, screenshot_dir
):
    """Seed 003 art. 6.1.b: recorded on receipt, the directive waits on the office's home page
    until the office assigns its tasks; then it leaves the list."""
    cast = build_cast()
    violations = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and violations.append(message.text),
    )
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(cast.desk.username)
    page.get_by_label("Mật khẩu").fill("matkhau-thu-nghiem")
    page.get_by_role("button", name="Đăng nhập").click()

    page.goto(f"{live_server.url}/van-ban/them/")
    page.get_by_label("Số, ký hiệu").fill("25/NQ-CP")
    page.get_by_label("Cơ quan ban hành").fill("Chính phủ")
    page.get_by_label("Ngày ban hành").fill("02/01/2026")
    page.get_by_label("Trích yếu").fill("Nghị quyết về nhiệm vụ, giải pháp chủ yếu năm 2026")
    page.get_by_role("button", name="Ghi nhận văn bản, giao nhiệm vụ sau").click()
    expect(page.get_by_role("status")).to_contain_text("Đã ghi nhận văn bản")

    page.goto(f"{live_server.url}/")
    waiting = page.get_by_role("link", name="25/NQ-CP — Nghị quyết")
    expect(waiting).to_be_visible()
    page.screenshot(path=str(Path(screenshot_dir) / "home-directive-to-assign.png"), full_page=True)
    waiting.click()
    page.get_by_role("link", name="Giao nhiệm vụ").click()
    expect(page.locator("#assigning-unit")).to_have_text("UBND tỉnh Kon Tum")

    page.get_by_label("Dán danh sách nhiệm vụ (mỗi dòng một nhiệm vụ)").fill(
        "1. Xây dựng kế hoạch triển khai\n2. Báo cáo kết quả thực hiện"
    )
    page.get_by_role("button", name="Tách thành các dòng nhiệm vụ").click()
    first, second = page.locator("#tasks-0"), page.locator("#tasks-1")
    expect(second.get_by_label("Nội dung nhiệm vụ")).to_have_value("Báo cáo kết quả thực hiện")
    first.get_by_label("Đơn vị chủ trì").fill("KT.SNN")
    second.get_by_label("Đơn vị chủ trì").fill("KT.DH")
    second.get_by_label("+ số ngày làm việc").fill("5")
    second.get_by_label("+ số ngày làm việc").press("Tab")
    expect(second.get_by_label("Hạn xử lý")).to_have_value(re.compile(r"^\d\d/\d\d/\d{4}$"))
    page.screenshot(path=str(Path(screenshot_dir) / "directive-assign.png"), full_page=True)
    page.get_by_role("button", name="Giao nhiệm vụ", exact=True).click()

    expect(page.get_by_role("status")).to_contain_text("Đã giao 2 nhiệm vụ.")
    tasks = page.locator("#directive-tasks")
    expect(tasks).to_contain_text("Xây dựng kế hoạch triển khai")
    expect(tasks).to_contain_text("UBND huyện Đắk Hà")
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("link", name="25/NQ-CP — Nghị quyết")).to_have_count(0)
    assert violations == []
