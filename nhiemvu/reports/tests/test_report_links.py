"""Every figure of a report on screen is a link to the list behind it (issue 14, "Web"): the
task list, or the urgings, with the report's filters and moment, listing as many as the figure
says. Followed link by link over small reports of the shared cast; the narrative report's, with
its percentages and counts of units, are in test_figure_links."""

from datetime import date

import pytest
from django.urls import reverse

from nhiemvu.reports.tests.figure_links import (
    assert_each_lists_its_figure,
    complete,
    june_history,
    linked_figures,
    task,
    urged_history,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def june(cast):
    return june_history(cast)


@pytest.fixture
def delays(cast):
    """May to July 2019. Sở NN: due 10/05, open at the ends of May and June, completed 05/07.
    Sở Tư pháp: completed on time on 12/06, recorded on 19/06, after Tuesday 18/06. Sở Tài
    chính: due 20/05, completed 25/05, recorded 10/06. Chi cục Kiểm lâm: due 07/06, completed
    and recorded on 14/06 (late, and recorded late). The district: no due date."""
    overdue = task(cast, cast.agriculture_department, date(2019, 5, 2), date(2019, 5, 10))
    complete(overdue, date(2019, 7, 5), date(2019, 7, 5))
    complete(
        task(cast, cast.justice_department, date(2019, 6, 3), date(2019, 6, 14)),
        date(2019, 6, 12),
        date(2019, 6, 19),
    )
    complete(
        task(cast, cast.finance_department, date(2019, 5, 2), date(2019, 5, 20)),
        date(2019, 5, 25),
        date(2019, 6, 10),
    )
    complete(
        task(cast, cast.forestry, date(2019, 6, 3), date(2019, 6, 7)), date(2019, 6, 14), date(2019, 6, 14)
    )
    task(cast, cast.district, date(2019, 6, 3))
    return cast


@pytest.mark.parametrize(
    "params",
    [
        {"period": "2019", "as_of": "15/08/2019 10:00"},
        {"date_from": "10/05/2019", "date_to": "20/06/2019", "as_of": "15/06/2019 12:00"},
        {"period": "2019", "as_of": "15/08/2019 10:00", "unit": "agriculture_department"},
    ],
    ids=["a year", "a range, as of a moment within it", "a unit with its sub-units"],
)
def test_every_linked_figure_of_the_emulation_report_lists_its_tasks_seed_001(client, delays, params):
    client.force_login(delays.desk)
    if "unit" in params:
        params = {**params, "unit": getattr(delays, params["unit"]).pk}
    figures = linked_figures(client, "emulation", params)
    urls = " ".join(url for url, _count in figures)
    assert len(figures) >= 6
    assert "timeliness=open_overdue" in urls and "timeliness=come_due" in urls
    assert "completed_late_from=" in urls and "recorded_late_from=" in urls
    assert_each_lists_its_figure(client, figures)


def test_the_emulation_report_links_overdue_at_each_months_end_and_late_records_seed_001(client, delays):
    client.force_login(delays.desk)
    figures = dict(linked_figures(client, "emulation", {"period": "2019", "as_of": "15/08/2019 10:00"}))
    month_ends = [url for url in figures if "timeliness=open_overdue" in url and "assigned_from" not in url]
    assert any("as_of=31%2F05%2F2019&" in url or url.endswith("as_of=31%2F05%2F2019") for url in month_ends)
    recorded = [count for url, count in figures.items() if "recorded_late_from=01%2F06%2F2019" in url]
    assert sorted(recorded) == [0, 1, 1, 1]  # June: Sở Tư pháp, Sở Tài chính, Chi cục; not Sở NN
    completed = [count for url, count in figures.items() if "completed_late_from=" in url]
    assert completed and sum(completed) > 0


@pytest.fixture
def urged(cast):
    return urged_history(cast)


@pytest.mark.parametrize(
    ("user", "params"),
    [
        ("desk", {"period": "6/2025", "as_of": "30/06/2025 18:00"}),
        ("desk", {"period": "6/2025"}),
        ("desk", {"period": "6/2025", "unit": "agriculture_department"}),
        ("focal_officer", {"period": "2025"}),
    ],
    ids=["as of a past moment", "now", "a unit with its sub-units", "a unit's own officer"],
)
def test_every_urging_and_return_count_lists_its_urgings_or_tasks_seed_003_art_6_2(
    client, urged, user, params
):
    client.force_login(getattr(urged, user))
    if "unit" in params:
        params = {**params, "unit": getattr(urged, params["unit"]).pk}
    figures = linked_figures(client, "urgings", params)
    urgings = [url for url, _count in figures if url.startswith(reverse("urging:urging_list"))]
    explanations = [url for url, _count in figures if url.startswith(reverse("urging:explanation_list"))]
    returns = [url for url, _count in figures if "returned_from" in url]
    assert len(urgings) >= 8 and returns and len(explanations) == len(returns) * 2
    assert len(urgings) + len(explanations) + len(returns) == len(figures)
    assert_each_lists_its_figure(client, figures)


def test_the_list_of_urgings_says_what_is_wrong_with_its_period(client, urged):
    client.force_login(urged.desk)
    url = reverse("urging:urging_list")
    response = client.get(url, {"urged_from": "31/06/2025", "as_of": "01/01/2999 10:00"})
    content = response.content.decode()
    assert "Ngày không hợp lệ" in content and "không được sau thời điểm hiện tại" in content
    assert response.context["page"].paginator.count == 0
    reversed_days = client.get(url, {"urged_from": "30/06/2025", "urged_to": "01/06/2025"})
    assert "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu" in reversed_days.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"recorded_after_until": "10/07/2019 15:00"}, "Cần nhập thời điểm lấy số liệu"),
        (
            {"as_of": "03/07/2019 10:00", "recorded_after_until": "01/07/2019 10:00"},
            "Thời điểm cập nhật sau phải từ thời điểm lấy số liệu đến thời điểm hiện tại",
        ),
        ({"recorded_late_from": "31/02/2019"}, "Ngày không hợp lệ"),
    ],
)
def test_the_task_lists_event_filters_say_what_is_wrong_in_vietnamese(client, june, params, message):
    client.force_login(june.desk)
    response = client.get(reverse("tracking:task_list"), params)
    assert message in response.content.decode()
    assert response.context["page"].paginator.count == 0
