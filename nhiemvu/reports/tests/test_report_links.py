"""Every figure of a report on screen is a link to the list behind it (issue 14, "Web"): the
task list, or the urgings, with the report's filters and moment, listing as many as the figure
says. Followed link by link over small reports of the shared cast."""

import html
import re
from datetime import date

import pytest
from django.urls import reverse

from nhiemvu.reports.catalogue import REPORTS
from nhiemvu.tracking import services
from tests.factories import make_task, moment

pytestmark = pytest.mark.django_db

# A linked figure: a count, written with a dot between thousands.
FIGURE = re.compile(r'<a href="(/(?:nhiem-vu|don-doc)/\?[^"]+)">([\d.]+)</a>')


def page(kind: str) -> str:
    return reverse("reports:report", args=[REPORTS[kind].slug])


def linked_figures(client, kind: str, params: dict) -> list[tuple[str, int]]:
    response = client.get(page(kind), params)
    assert response.status_code == 200
    return [
        (html.unescape(url), int(text.replace(".", "")))
        for url, text in FIGURE.findall(response.content.decode())
    ]


def assert_each_lists_its_figure(client, figures):
    for url, count in figures:
        listed = client.get(url)
        assert listed.status_code == 200, url
        assert listed.context["page"].paginator.count == count, url


def task(cast, unit, assigned_on, due_on=None):
    return make_task(lead_unit=unit, assigning_unit=cast.province, assigned_on=assigned_on, due_on=due_on)


def complete(task, completed_on, recorded_on):
    services.complete(task, by=None, at=moment(recorded_on), completed_on=completed_on, result_document="BC")


@pytest.fixture
def june(cast):
    """June 2019 (seed 002's month, its moment 10h00 on 03/07): on time; late and recorded late
    (due Monday 10/06, recorded Friday 14/06); open without a due date, not yet due, overdue;
    completed on 28/06 but recorded on 05/07; and a task of March, completed."""
    agriculture, justice = cast.agriculture_department, cast.justice_department
    complete(task(cast, agriculture, date(2019, 6, 3), date(2019, 6, 10)), date(2019, 6, 7), date(2019, 6, 7))
    complete(task(cast, justice, date(2019, 6, 3), date(2019, 6, 10)), date(2019, 6, 14), date(2019, 6, 14))
    task(cast, agriculture, date(2019, 6, 5))
    task(cast, justice, date(2019, 6, 5), date(2019, 7, 15))
    task(cast, justice, date(2019, 6, 6), date(2019, 6, 20))
    complete(
        task(cast, cast.forestry, date(2019, 6, 6), date(2019, 6, 20)), date(2019, 6, 28), date(2019, 7, 5)
    )
    complete(
        task(cast, agriculture, date(2019, 3, 1), date(2019, 3, 29)), date(2019, 3, 28), date(2019, 3, 28)
    )
    return cast


@pytest.mark.parametrize(
    ("user", "params", "lists"),
    [
        ("desk", {}, ("recorded_late_from", "recorded_after_until", "come_due", "open_overdue")),
        ("desk", {"unit": "agriculture_department"}, ("recorded_after_until", "come_due", "subunits")),
        ("focal_officer", {}, ("recorded_after_until", "come_due", "subunits")),
    ],
    ids=["the province", "a unit with its sub-units", "a unit's own officer"],
)
def test_every_figure_of_the_narrative_report_lists_its_tasks_seed_002(client, june, user, params, lists):
    client.force_login(getattr(june, user))
    params = {key: getattr(june, value).pk for key, value in params.items()}
    figures = linked_figures(client, "narrative", {"period": "6/2019", "as_of": "03/07/2019 10:00", **params})
    urls = " ".join(url for url, _count in figures)
    # Both periods' breakdowns and rates, and the units: late records, unrecorded, overdue.
    assert len(figures) >= 2 * 19
    for name in lists:
        assert name in urls
    assert_each_lists_its_figure(client, figures)


def test_the_corrected_narrative_report_links_no_figure(client, june):
    """Corrected, its figures follow effective dates and what was recorded since: no list of
    tasks as known at a moment holds them."""
    client.force_login(june.desk)
    params = {"period": "6/2019", "as_of": "03/07/2019 10:00", "corrected": "on"}
    assert linked_figures(client, "narrative", params) == []
