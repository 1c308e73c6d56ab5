"""Every figure of the dashboard is a link to the task list that lists its tasks, and the
list counts as many as the figure says, now and as of a past moment (issue 13)."""

import html
import json
import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from nhiemvu.accounts.choices import Role
from nhiemvu.dashboard.forms import Period
from nhiemvu.dashboard.services import list_query
from nhiemvu.tracking import services
from nhiemvu.units.choices import UnitKind
from tests.factories import UnitFactory, UserFactory, make_task, moment, with_role

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("dashboard")
FIGURE = re.compile(r'<a class="text-reset" href="([^"]+)">([\d.,]+)</a>')


def months_back(day: date, count: int) -> date:
    """The first day of the month `count` months before `day`'s."""
    month = day.month - 1 - count
    return date(day.year + month // 12, month % 12 + 1, 1)


@pytest.fixture
def days():
    today = timezone.localdate()
    early = months_back(today, 2) + timedelta(days=4)
    later = months_back(today, 1) + timedelta(days=9)
    return {"today": today, "early": early, "later": later, "first": months_back(today, 2)}


@pytest.fixture
def units():
    province = UnitFactory(name="UBND tỉnh Liên kết", kind=UnitKind.PROVINCE, scored_for_reform=False)
    agriculture = UnitFactory(name="Sở Nông nghiệp", parent=province, sort_order=1)
    forestry = UnitFactory(name="Chi cục Kiểm lâm", parent=agriculture, kind=UnitKind.SUB_UNIT, sort_order=2)
    finance = UnitFactory(name="Sở Tài chính", parent=province, sort_order=3)
    return {"province": province, "agriculture": agriculture, "forestry": forestry, "finance": finance}


@pytest.fixture
def tasks(units, days):
    """Tasks of two months in every timeliness class; a cancelled one; after the past moment
    (noon on `later`), one completed late, one returned and one newly assigned."""
    early, later, today = days["early"], days["later"], days["today"]
    province, agriculture = units["province"], units["agriculture"]
    forestry, finance = units["forestry"], units["finance"]

    def task(unit, assigned, due, at=None):
        return make_task(
            lead_unit=unit,
            assigning_unit=province,
            assigned_on=assigned,
            due_on=due,
            at=at or moment(assigned, 8),
        )

    task(agriculture, early, early + timedelta(days=1))  # overdue
    done = task(forestry, later, None)
    services.complete(done, by=None, at=moment(later, 10), completed_on=later, result_document="1/BC")
    task(finance, later, None)  # no deadline
    task(agriculture, later, today + timedelta(days=30))  # not due
    late = task(agriculture, early, early + timedelta(days=2))
    services.complete(late, by=None, at=moment(later, 9), completed_on=later, result_document="2/BC")
    cancelled = task(agriculture, early, None)
    services.cancel(cancelled, by=None, at=moment(early, 10), reason="Không còn cần thiết")
    # After the moment: a task of finance completed late, another returned, a new one assigned.
    changed = task(finance, early, later + timedelta(days=5))
    services.complete(
        changed,
        by=None,
        at=moment(later + timedelta(days=7), 9),
        completed_on=later + timedelta(days=6),
        result_document="3/BC",
    )
    returned = task(finance, later, later + timedelta(days=3))
    services.return_task(
        returned, by=None, at=moment(later + timedelta(days=1), 9), reason="Không đúng chức năng"
    )
    task(agriculture, later, today + timedelta(days=30), at=moment(later + timedelta(days=1), 9))


def past_moment(days):
    return moment(days["later"], 12)


def query(days, as_of=None):
    period = {"date_from": days["first"].isoformat(), "date_to": days["today"].isoformat()}
    if as_of is not None:
        period["as_of"] = timezone.localtime(as_of).strftime("%Y-%m-%dT%H:%M")
    return period


def listed(client, url: str) -> int:
    """How many tasks the list a link opens holds (its rows as htmx asks for them)."""
    response = client.get(html.unescape(url), headers={"HX-Request": "true"})
    assert response.status_code == 200, url
    return response.context["page"].paginator.count


def table_figures(page: str) -> list[tuple[str, int]]:
    table = page[
        page.index('id="unit-report-table"') : page.index("</table>", page.index('id="unit-report-table"'))
    ]
    return [(url, int(figure.replace(".", "").replace(",", ""))) for url, figure in FIGURE.findall(table)]


@pytest.fixture
def office_user(units):
    return with_role(UserFactory(username="vanphong"), Role.OFFICE_DESK, units["province"])


@pytest.mark.parametrize("past", [False, True], ids=["now", "as of a past moment"])
def test_every_figure_of_the_unit_table_lists_as_many_tasks_as_it_says(
    client, office_user, units, tasks, days, past
):
    client.force_login(office_user)
    as_of = past_moment(days) if past else None
    response = client.get(DASHBOARD, {**query(days, as_of), "mo": units["agriculture"].pk})
    report = response.context["report"]
    figures = table_figures(response.content.decode())
    # Three units and the totals, each a total and five timeliness columns.
    assert [row.unit for row in response.context["rows"]] == [
        "Sở Nông nghiệp",
        "Chi cục Kiểm lâm",
        "Sở Tài chính",
    ]
    assert len(figures) == 4 * 6
    assert [figure for _, figure in figures[-6:]] == list(report.totals.as_dict().values())
    for url, figure in figures:
        assert ("as_of=" in url) == past
        assert listed(client, url) == figure, url
    # The data set tells now from then: the figures differ.
    assert report.totals.as_dict() == (
        {
            "total": 7,
            "done_on_time": 1,
            "done_late": 1,
            "open_not_due": 3,
            "open_no_deadline": 1,
            "open_overdue": 1,
        }
        if past
        else {
            "total": 7,
            "done_on_time": 1,
            "done_late": 2,
            "open_not_due": 2,
            "open_no_deadline": 1,
            "open_overdue": 1,
        }
    )


def test_a_row_counts_its_unit_alone_and_the_totals_its_whole_subtree(client, units, tasks, days):
    """A unit's user: the rows of its unit and sub-units; the totals link to its subtree."""
    agriculture = units["agriculture"]
    client.force_login(with_role(UserFactory(), Role.FOCAL_OFFICER, agriculture))
    response = client.get(DASHBOARD, query(days))
    figures = table_figures(response.content.decode())
    total_url, total = figures[-6]
    assert f"unit={agriculture.pk}&amp;subunits=1" in total_url
    assert total == response.context["report"].totals.total == listed(client, total_url)
    row_url, row_total = figures[0]
    assert "subunits" not in row_url
    assert row_total == listed(client, row_url) < total


def test_an_administrator_s_totals_list_every_task(client, units, tasks, days):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    figures = table_figures(client.get(DASHBOARD, query(days)).content.decode())
    for url, figure in figures[-6:]:
        assert "unit=" not in url
        assert listed(client, url) == figure


def test_totals_of_two_subtrees_no_one_filter_lists_are_not_links(client, units, tasks, days):
    user = with_role(UserFactory(), Role.FOCAL_OFFICER, units["agriculture"])
    with_role(user, Role.FOCAL_OFFICER, units["finance"])
    client.force_login(user)
    response = client.get(DASHBOARD, query(days))
    page = response.content.decode()
    footer = page[page.index("<tfoot") : page.index("</tfoot>")]
    assert "<a " not in footer
    assert f"<td>{response.context['report'].totals.total}</td>" in footer
    assert all(url for url, _ in table_figures(page))  # the rows still link


@pytest.mark.parametrize("past", [False, True], ids=["now", "as of a past moment"])
def test_each_bar_segment_of_the_month_chart_lists_as_many_tasks_as_it_shows(
    client, office_user, tasks, days, past
):
    client.force_login(office_user)
    response = client.get(DASHBOARD, query(days, past_moment(days) if past else None))
    page = response.content.decode()
    chart = json.loads(
        re.search(r'<script id="month-chart-data" type="application/json">(.*?)</script>', page, re.DOTALL)[1]
    )
    first, today = days["first"], days["today"]
    assert chart["labels"] == [f"{months_back(today, n):%m/%Y}" for n in (2, 1, 0)]
    totals = response.context["report"].totals.as_dict()
    for dataset in chart["datasets"]:
        assert sum(dataset["data"]) == totals[dataset["key"]]
        for count, url in zip(dataset["data"], dataset["links"], strict=True):
            assert listed(client, url) == count, url
    assert f"assigned_from={first:%d/%m/%Y}".replace("/", "%2F") in chart["datasets"][0]["links"][0]


def test_the_overdue_list_links_each_task_and_all_of_them(client, office_user, tasks, days):
    client.force_login(office_user)
    response = client.get(DASHBOARD)
    page = response.content.decode()
    for task in response.context["overdue"]:
        assert f'href="{reverse("tracking:task_detail", args=[task.pk])}"' in page
    everything = re.search(r'<a href="([^"]+)" id="overdue-all">', page)[1]
    assert listed(client, everything) == response.context["overdue_count"] == 1


def test_a_moment_typed_to_the_second_reaches_the_task_list_to_the_second(client, office_user, days):
    """The period form takes seconds; the list's link keeps them (ISO), not a rounded minute."""
    as_of = timezone.localtime(past_moment(days)).replace(second=17)
    link = list_query(Period(days["first"], days["today"], as_of, live=False))
    client.force_login(office_user)
    response = client.get(reverse("tracking:task_list"), link)
    assert response.status_code == 200
    assert response.context["as_of"] == as_of
    whole = list_query(Period(days["first"], days["today"], as_of.replace(second=0), live=False))
    assert whole["as_of"] == f"{days['later']:%d/%m/%Y} 12:00"
