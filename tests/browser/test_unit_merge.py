"""The administrator merges a district into a commune on the unit page, naming the commune
with the unit picker (typed without diacritics, chosen among its suggestions), as the
2025 reorganisation did; no step trips the Content-Security-Policy."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from nhiemvu.units.choices import UnitKind
from tests.browser.steps import open_form
from tests.cast import build_cast
from tests.factories import UnitFactory


@pytest.mark.browser
def test_the_administrator_merges_a_district_into_a_commune_picked_by_name(live_server, page, screenshot_dir):
    cast = build_cast()
    UnitFactory(name="UBND xã Đắk Hà", kind=UnitKind.COMMUNE, parent=cast.province, code="KT.XDH")
    violations = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and violations.append(message.text),
    )
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("quantri")
    page.get_by_label("Mật khẩu").fill("matkhau-thu-nghiem")
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(f"{live_server.url}/quan-tri/don-vi/{cast.district.pk}/")

    merge = open_form(page, "Sáp nhập vào đơn vị khác")  # open, not opening: the accordion moves
    successor = merge.get_by_label("Sáp nhập vào đơn vị")
    successor.press_sequentially("xa dak ha")
    options = page.locator("#id_sap-nhap-into-options option")
    expect(options).to_have_count(1)  # the picker found the commune, typed without diacritics
    successor.fill(options.first.get_attribute("value"))
    merge.get_by_label("Đơn vị kế thừa nhận từ ngày").fill("01/07/2025")
    page.screenshot(path=str(Path(screenshot_dir) / "unit-merge-picked.png"))
    merge.get_by_role("button", name="Ghi nhận").click()
    expect(page.locator("main")).to_contain_text("Từ ngày 01/07/2025: kế thừa bởi UBND xã Đắk Hà")
    expect(page.locator("main")).to_contain_text("Ngừng hoạt động từ sau ngày 30/06/2025")
    assert violations == []
