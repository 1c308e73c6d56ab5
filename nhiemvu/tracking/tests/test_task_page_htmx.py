"""The task page's action forms posted by htmx (issue 13): the answer is the page's main
region, swapped in place; done, it shows the new status, timeline and actions; refused, the
same form with its Vietnamese errors (web/static/web/htmx-config.js swaps the 400 and 403
answers there). Without JavaScript the same forms post plainly (test_task_page)."""

import pytest
from django.test import Client
from django.urls import reverse

from nhiemvu.tracking import services
from nhiemvu.tracking.choices import Lifecycle
from nhiemvu.tracking.tests.actions import ACTIONS, accepted, days_ago, page_task, post, prepare, snapshot
from tests.factories import moment

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def task(cast):
    return page_task(cast)


def region_only(response) -> str:
    """The response is the swappable region, not a whole page."""
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="task-page"'), body[:200]
    assert "<html" not in body and "<nav" not in body.split('id="task-page"')[0]
    assert "HX-Request" in response["Vary"]
    return body


@pytest.mark.parametrize("action", ACTIONS)
def test_each_action_posted_by_htmx_answers_the_region_with_what_it_did(client, cast, task, action):
    actor, data = prepare(action, task, cast)
    before = task.events.count()
    response = post(client, actor, task, action, data, headers=HTMX)
    assert response.status_code == 200
    body = region_only(response)
    assert "Đã ghi:" in body
    assert response["HX-Reswap"] == "outerHTML show:top"  # the message at the top is in view
    if ACTIONS[action] is not None:
        assert task.events.count() == before + 1
        assert task.events.last().get_kind_display() in body  # in the timeline
    else:
        assert task.children.get().content in body


def test_the_region_shows_the_new_status_and_the_actions_the_new_state_allows(client, cast, task):
    response = post(client, cast.focal_officer, task, "accept", {}, headers=HTMX)
    body = region_only(response)
    assert 'id="task-status"' in body and str(Lifecycle.IN_PROGRESS.label) in body
    accept_url = reverse("tracking:task_action", args=[task.pk, "accept"])
    assert accept_url not in body  # accepted: no longer offered
    assert reverse("tracking:task_action", args=[task.pk, "progress"]) in body


def test_an_invalid_form_comes_back_in_place_with_its_vietnamese_errors(client, cast, task):
    accepted(task, cast)
    before = snapshot(task)
    response = post(
        client, cast.focal_officer, task, "progress", {"note": "", "percent": "140"}, headers=HTMX
    )
    assert response.status_code == 400
    body = region_only(response)
    assert 'class="collapse show" id="action-progress"' in body  # the form stays open
    assert "Trường này là bắt buộc." in body
    assert "Đảm bảo giá trị này là nhỏ hơn hoặc bằng với 100" in body
    assert "HX-Reswap" not in response  # no scroll: the user is at the form
    assert snapshot(task) == before


def test_a_transition_the_state_refuses_comes_back_in_place(client, cast, task):
    before = snapshot(task)
    response = post(client, cast.desk, task, "reopen", {"reason": "Chưa đạt"}, headers=HTMX)
    # Not completed: the page does not offer reopening, and the service refuses it.
    assert response.status_code == 400
    assert "Không thể “Mở lại”" in region_only(response)
    assert snapshot(task) == before


def test_an_action_that_is_not_the_users_is_a_403_region_saying_so(client, cast, task):
    before = snapshot(task)
    response = post(client, cast.specialist, task, "accept", {}, headers=HTMX)
    assert response.status_code == 403
    assert "Bạn không có quyền tiếp nhận nhiệm vụ này." in region_only(response)
    assert response["HX-Reswap"] == "outerHTML show:top"
    assert snapshot(task) == before


def test_a_task_the_user_may_not_see_is_a_404_to_htmx_too(client, cast, task):
    response = post(client, cast.other_officer, task, "accept", {}, headers=HTMX)
    assert response.status_code == 404


def test_an_htmx_post_without_the_csrf_token_is_refused(cast, task):
    client = Client(enforce_csrf_checks=True)
    before = snapshot(task)
    response = post(client, cast.focal_officer, task, "accept", {}, headers=HTMX)
    assert response.status_code == 403
    assert snapshot(task) == before


def test_the_forms_post_by_htmx_and_plainly_to_the_same_address(client, cast, task):
    client.force_login(cast.focal_officer)
    page = client.get(task.get_absolute_url()).content.decode()
    url = reverse("tracking:task_action", args=[task.pk, "accept"])
    assert f'action="{url}"' in page and f'hx-post="{url}"' in page
    assert 'id="task-page" data-swap-errors hx-target="this" hx-swap="outerHTML"' in page
    assert "web/htmx-config.js" in page


def test_a_form_the_task_no_longer_offers_is_answered_with_why(client, cast, task):
    """Completed meanwhile (by a colleague): the invalid progress form has nowhere to show."""
    accepted(task, cast)
    services.complete(
        task, by=cast.focal_officer, at=moment(days_ago(1)), completed_on=days_ago(1), result_document="1/BC"
    )
    response = post(client, cast.focal_officer, task, "progress", {"note": "", "percent": "20"}, headers=HTMX)
    assert response.status_code == 400
    assert "Thao tác này không còn thực hiện được ở trạng thái hiện tại của nhiệm vụ." in region_only(
        response
    )


def test_the_page_draws_no_action_form_until_its_button_asks_for_it(client, cast, task):
    accepted(task, cast)
    client.force_login(cast.focal_officer)
    progress_url = reverse("tracking:task_action", args=[task.pk, "progress"])
    page = client.get(task.get_absolute_url()).content.decode()
    assert f'hx-get="{progress_url}"' in page and 'name="percent"' not in page
    response = client.get(progress_url, headers=HTMX)
    form = response.content.decode()
    assert response.status_code == 200 and "HX-Request" in response["Vary"]
    assert form.lstrip().startswith("<form") and f'hx-post="{progress_url}"' in form
    assert 'name="percent"' in form and "<html" not in form


def test_without_javascript_the_buttons_link_opens_the_page_with_its_form(client, cast, task):
    accepted(task, cast)
    client.force_login(cast.focal_officer)
    page = client.get(reverse("tracking:task_action", args=[task.pk, "progress"])).content.decode()
    assert 'id="task-page"' in page and "<html" in page
    assert 'class="collapse show" id="action-progress"' in page and 'name="percent"' in page


def test_a_form_the_user_may_not_use_is_refused_in_vietnamese_and_another_units_task_is_a_404(
    client, cast, task
):
    client.force_login(cast.other_officer)
    progress_url = reverse("tracking:task_action", args=[task.pk, "progress"])
    assert client.get(progress_url, headers=HTMX).status_code == 404
    client.force_login(cast.focal_officer)  # the lead unit, but an open task is not reopened
    response = client.get(reverse("tracking:task_action", args=[task.pk, "reopen"]), headers=HTMX)
    assert response.status_code == 403
    assert (
        "không còn thực hiện được" in response.content.decode() and "<form" not in response.content.decode()
    )
