"""The dashboard's chart by month draws under the site's CSP, is drawn again for another
period, and a click on a bar segment opens the task list of exactly its tasks."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.cast import load_small_demo

SEGMENTS = """canvas => {
  const chart = Chart.getChart(canvas);
  const found = [];
  chart.data.datasets.forEach((set, i) => chart.getDatasetMeta(i).data.forEach((bar, j) => {
    if (set.data[j] > 0) found.push({count: set.data[j], x: bar.x, y: (bar.y + bar.base) / 2});
  }));
  return found;
}"""


@pytest.mark.browser
def test_a_bar_segment_opens_the_list_of_its_tasks(live_server, page, screenshot_dir):
    demo = load_small_demo()
    password = next(c.password for c in demo.credentials if c.username == "vanphong")
    violations = []
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    page.goto(f"{live_server.url}/dang-nhap/?next=/tong-quan/")
    page.get_by_label("Tên đăng nhập").fill("vanphong")
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()

    # Another period through htmx: a new table and a new chart, drawn by our script.
    page.get_by_label("Giao từ ngày").fill("01/01/2018")
    page.get_by_label("Đến ngày").fill("31/12/2018")
    page.get_by_role("button", name="Xem").click()
    expect(page.locator("#unit-report-caption")).to_contain_text("01/01/2018 đến 31/12/2018")
    canvas = page.locator("canvas[data-month-chart]")
    expect(canvas).to_be_visible()
    page.wait_for_function(
        "() => Chart.getChart(document.querySelector('canvas[data-month-chart]')) !== undefined"
    )
    segments = canvas.evaluate(SEGMENTS)
    assert segments, "the demo's 2018 tasks draw some bars"
    page.screenshot(path=str(Path(screenshot_dir) / "dashboard-chart.png"), full_page=True)

    segment = max(segments, key=lambda s: s["count"])
    canvas.click(position={"x": segment["x"], "y": segment["y"]})
    expect(page).to_have_url(re.compile(r"/nhiem-vu/\?.*timeliness="))
    expect(page.locator("#task-count")).to_contain_text(f"{segment['count']} nhiệm vụ")
    assert violations == []
