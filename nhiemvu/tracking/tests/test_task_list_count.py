"""The task list pages without counting the whole list (issue 13, performance): a page reads
one row more than it shows, the list is counted up to a cap, and the pages together are
exactly the list that Django's Paginator would page."""

from datetime import date, timedelta

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nhiemvu.tracking import paging, views
from nhiemvu.tracking.filters import matching
from nhiemvu.tracking.models import Task
from nhiemvu.tracking.paging import task_page
from tests.factories import make_task

pytestmark = pytest.mark.django_db

LIST = reverse("tracking:task_list")


@pytest.fixture
def seven_tasks(cast):
    """Seven tasks of the Sở NN, two on the same day (the id breaks the tie)."""
    days = [date(2025, 3, 3) + timedelta(days=n) for n in (0, 0, 1, 2, 3, 4, 5)]
    return [
        make_task(lead_unit=cast.agriculture_department, assigning_unit=cast.province, assigned_on=day)
        for day in days
    ]


@pytest.fixture
def small_pages(monkeypatch):
    """Pages of 2 rows, counted up to 4: the rules of 50 and 10,000 on a few tasks."""
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    monkeypatch.setattr(paging, "COUNT_CAP", 4)
    monkeypatch.setattr(paging, "SEARCHED_BY_IDS", 4)


def shown(client, user, **params):
    client.force_login(user)
    response = client.get(LIST, params)
    assert response.status_code == 200
    return response, response.content.decode()


def test_a_list_longer_than_the_cap_says_more_than_the_cap_and_still_pages(
    client, cast, seven_tasks, small_pages
):
    response, page = shown(client, cast.desk)
    assert "Hơn 4 nhiệm vụ" in page and "Trang 1<" in page
    assert "Trang sau" in page and "Trang trước" not in page
    # The last page knows the total from its own rows.
    response, page = shown(client, cast.desk, page=4)
    assert "7 nhiệm vụ" in page and "Trang 4/4" in page
    assert "Trang trước" in page and "Trang sau" not in page
    assert len(response.context["rows"]) == 1


def test_a_list_within_the_cap_is_counted_exactly(client, cast, seven_tasks, small_pages):
    _, page = shown(client, cast.desk, assigned_from="05/03/2025")
    assert "4 nhiệm vụ" in page and "Hơn" not in page and "Trang 1/2" in page


@pytest.mark.parametrize("walk", [False, True], ids=["read", "walked"])
def test_the_pages_together_are_the_whole_list_in_django_paginators_order(client, cast, seven_tasks, walk):
    """Walked (paging._planned's `walk`, SQLite's plan for a long list of a scope), the same."""
    tasks = Task.objects.visible_to(cast.desk).order_by("-assigned_on", "-id")
    django_pages = Paginator(tasks, 2)
    seen, number = [], 1
    while True:
        page = task_page(tasks, [], str(number), per_page=2, cap=4, walk=walk)
        assert [t.pk for t in page] == [t.pk for t in django_pages.page(number)]
        assert page.has_previous == (number > 1)
        seen += [t.pk for t in page]
        if not page.has_next:
            break
        number += 1
    assert seen == [t.pk for t in tasks] and number == django_pages.num_pages == 4
    assert page.total == 7 and page.num_pages == 4


@pytest.mark.parametrize(
    ("asked", "given"), [("9", 4), ("99999999999999999999", 4), ("0", 1), ("-3", 1), ("hai", 1), (None, 1)]
)
def test_a_page_past_the_end_is_the_last_and_a_page_that_is_no_number_the_first(
    cast, seven_tasks, asked, given
):
    tasks = Task.objects.visible_to(cast.desk).order_by("-assigned_on", "-id")
    page = task_page(tasks, [], asked, per_page=2, cap=4)
    assert page.number == given and [t.pk for t in page] == [t.pk for t in Paginator(tasks, 2).page(given)]


@pytest.mark.parametrize("words", [[], ["nhiem", "vu"]])
def test_the_list_is_never_counted_beyond_the_cap(cast, seven_tasks, words):
    tasks = Task.objects.visible_to(cast.desk).order_by("-assigned_on", "-id")
    for per_page, cap, total in ((10, 8, 7), (2, 8, 7), (2, 4, None)):
        with CaptureQueriesContext(connection) as queries:
            page = task_page(tasks, words, "1", per_page=per_page, cap=cap, searched_by_ids=cap)
        counts = [q["sql"].upper() for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
        # The list without its text, up to the cap; a short list's search, over its ids.
        assert page.total == total and f"LIMIT {cap + 1}" in counts[0]
        assert all('"ID" = ANY(ARRAY(SELECT' in sql or '"ID" IN (SELECT' in sql for sql in counts[1:])


def test_a_text_search_over_a_long_list_is_counted_by_a_request_of_its_own(
    client, cast, seven_tasks, small_pages
):
    response, page = shown(client, cast.desk, q="thu nghiem")
    assert len(response.context["rows"]) == 2 and "Đang đếm" in page
    assert 'hx-get="?q=thu+nghiem&amp;count=1"' in page
    counted = client.get(LIST, {"q": "thu nghiem", "count": "1"}, headers={"HX-Request": "true"})
    assert counted.content.decode().strip() == "Hơn 4 nhiệm vụ"
    make_task(
        lead_unit=cast.agriculture_department,
        assigning_unit=cast.province,
        assigned_on=date(2025, 3, 3),
        content="Xây dựng Kế hoạch riêng",
    )
    found = client.get(LIST, {"q": "ke hoach rieng", "count": "1"}, headers={"HX-Request": "true"})
    assert found.content.decode().strip() == "1 nhiệm vụ"


def test_a_text_search_over_a_short_list_is_counted_on_the_page(client, cast, seven_tasks, small_pages):
    _, page = shown(client, cast.desk, q="thu nghiem", assigned_from="05/03/2025")
    assert "4 nhiệm vụ" in page and "Đang đếm" not in page and "Trang 1/2" in page


@pytest.mark.parametrize("sort", ["", "assigned", "-due", "percent", "unit", "-unit"])
@pytest.mark.parametrize("words", [[], ["nhiem"], ["thu", "nghiem", "so"]])
def test_a_short_and_a_long_list_give_the_same_rows_in_the_same_order(client, cast, seven_tasks, sort, words):
    """The plan chosen by the list's size (read by ids, or walked in order) never changes a row."""
    client.force_login(cast.desk)
    filterset = client.get(LIST, {"sort": sort} if sort else {}).context["filterset"]
    whole = [t.pk for t in matching(filterset.unsearched, words)]
    # Short: read by ids; long: walked in order; long to count but short to search.
    for cap, searched_by_ids in ((100, 100), (3, 3), (3, 100)):
        pages, number = [], 1
        while True:
            page = task_page(
                filterset.unsearched, words, str(number), per_page=2, cap=cap, searched_by_ids=searched_by_ids
            )
            pages += [t.pk for t in page]
            if not page.has_next:
                break
            number += 1
        assert pages == whole, (cap, searched_by_ids)


def test_the_export_counts_exactly_beyond_the_lists_cap(client, cast, seven_tasks, small_pages, settings):
    settings.TASK_EXPORT_MAX_ROWS = 6
    client.force_login(cast.desk)
    refused = client.get(LIST, {"export": "xlsx"}, follow=True)
    assert "Danh sách có 7 nhiệm vụ" in refused.content.decode()


def test_a_row_shows_the_task_escaped_cut_at_200_letters_with_its_link_and_badges(client, cast):
    content = "Kế hoạch <b>khẩn</b> " + "x" * 250
    task = make_task(
        lead_unit=cast.agriculture_department,
        assigning_unit=cast.province,
        assigned_on=date(2025, 3, 3),
        content=content,
        is_key=True,
    )
    _, page = shown(client, cast.desk)
    row = page.split('id="task-list"')[1]
    assert f'<a href="{task.get_absolute_url()}">' in row and "&lt;b&gt;khẩn&lt;/b&gt;" in row
    assert f"{content[:199]}…".replace("<", "&lt;").replace(">", "&gt;") in row and "x" * 200 not in row
    assert "Trọng tâm" in row and "Không hạn" in row and "03/03/2025" in row
    assert task.directive.number_symbol in row and "Chưa thực hiện" in row


def test_the_lists_size_is_counted_once_until_a_task_changes(client, cast, seven_tasks, small_pages):
    """Its pages and the list viewed again read the size kept for the scope, the parameters
    and the day (views._remembered_size); a task assigned since is counted."""

    def counts(**params) -> int:
        with CaptureQueriesContext(connection) as captured:
            shown(client, cast.desk, **params)
        return sum(
            "COUNT(*)" in query["sql"] and "tracking_task" in query["sql"]
            for query in captured.captured_queries
        )

    params = {"assigned_from": "05/03/2025"}
    assert counts(**params) >= 1
    assert counts(**params) == counts(**params, page=2) == 0
    assert "4 nhiệm vụ" in shown(client, cast.desk, **params)[1]
    make_task(
        lead_unit=cast.agriculture_department, assigning_unit=cast.province, assigned_on=date(2025, 3, 10)
    )
    assert counts(**params) >= 1
    assert "Hơn 4 nhiệm vụ" in shown(client, cast.desk, **params)[1]
