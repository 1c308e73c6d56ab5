"""The task page's "Đôn đốc" and "Yêu cầu giải trình" forms, the answer, the home page's
waiting requests and the list of urgings: htmx and plain POST, errors in place (400),
refusals (403), no query per row."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nhiemvu.urging import services
from nhiemvu.urging.choices import UrgingKind
from nhiemvu.urging.models import ExplanationRequest, Urging
from tests.crawl import get
from tests.factories import make_task, moment

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def page(client, task) -> str:
    response = client.get(task.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def urge_url(task):
    return reverse("urging:urge", args=[task.pk])


def explain_url(task):
    return reverse("urging:request_explanation", args=[task.pk])


URGED = {"kind": UrgingKind.CRITICISM, "text": "Đề nghị khẩn trương hoàn thành", "urged_on": ""}


def test_the_office_sees_the_urge_form_and_the_unit_does_not(client, cast, tasks):
    client.force_login(cast.desk)
    html = page(client, tasks["overdue"])
    assert 'id="urging-section"' in html and f'hx-get="{urge_url(tasks["overdue"])}"' in html
    assert 'name="tasks"' not in html, "the form is fetched when its button is pressed"
    form = client.get(urge_url(tasks["overdue"]), **HTMX).content.decode()
    assert form.lstrip().startswith("<form") and "<html" not in form
    offered = {int(pk) for pk in re.findall(r'name="tasks" value="(\d+)"', form)}
    assert offered == {tasks["overdue"].pk, tasks["later"].pk}, "the unit's open tasks, not another's"
    assert explain_url(tasks["overdue"]) not in html, "the office does not ask for explanations"
    client.force_login(cast.focal_officer)
    html = page(client, tasks["overdue"])
    assert urge_url(tasks["overdue"]) not in html


def test_urging_with_htmx_answers_the_section_with_the_message(client, cast, tasks):
    client.force_login(cast.desk)
    posted = {**URGED, "tasks": [tasks["overdue"].pk, tasks["later"].pk], "urged_on": "11/05/2026"}
    response = client.post(urge_url(tasks["overdue"]), posted, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith("<section") and "Đã ghi việc đôn đốc đơn vị." in html
    urging = Urging.objects.get()
    assert urging.kind == UrgingKind.CRITICISM and urging.urged_on == date(2026, 5, 11)
    assert set(urging.tasks.all()) == {tasks["overdue"], tasks["later"]}
    assert "11/05/2026" in html and "Phê bình" in html


def test_bad_input_comes_back_in_place_with_vietnamese_errors_400(client, cast, tasks):
    client.force_login(cast.desk)
    posted = {
        "kind": UrgingKind.REMINDER,
        "text": "",
        "tasks": [tasks["overdue"].pk],
        "urged_on": "31/02/2026",
    }
    response = client.post(urge_url(tasks["overdue"]), posted, **HTMX)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Trường này là bắt buộc." in html and "collapse show" in html
    assert not Urging.objects.exists()


def test_a_service_refusal_comes_back_on_the_form_400(client, cast, tasks):
    client.force_login(cast.desk)
    posted = {**URGED, "tasks": [tasks["overdue"].pk], "urged_on": "01/03/2026"}
    response = client.post(urge_url(tasks["overdue"]), posted, **HTMX)
    assert response.status_code == 400
    assert "Ngày đôn đốc không được trước ngày giao nhiệm vụ." in response.content.decode()


def test_one_who_may_not_urge_is_refused_403_and_nothing_is_saved(client, cast, tasks):
    client.force_login(cast.focal_officer)
    posted = {**URGED, "tasks": [tasks["overdue"].pk]}
    response = client.post(urge_url(tasks["overdue"]), posted, **HTMX)
    assert response.status_code == 403
    assert "Bạn không có quyền thực hiện thao tác này." in response.content.decode()
    assert client.post(urge_url(tasks["overdue"]), posted).status_code == 403
    assert not Urging.objects.exists()


def test_a_task_one_does_not_see_is_404_and_its_forms_are_not_given_to_whom_may_not_use_them(
    client, cast, tasks
):
    client.force_login(cast.other_officer)
    assert (
        client.post(urge_url(tasks["overdue"]), {**URGED, "tasks": [tasks["overdue"].pk]}).status_code == 404
    )
    assert client.get(urge_url(tasks["overdue"]), **HTMX).status_code == 404
    client.force_login(cast.focal_officer)  # the unit urged does not urge itself
    refused = client.get(urge_url(tasks["overdue"]), **HTMX)
    assert refused.status_code == 403 and "không có quyền" in refused.content.decode()
    assert "<form" not in refused.content.decode()
    client.force_login(cast.desk)  # the office asks for no explanation
    assert client.get(explain_url(tasks["overdue"]), **HTMX).status_code == 403
    assert client.delete(urge_url(tasks["overdue"])).status_code == 405


def test_without_javascript_the_urge_button_opens_the_sections_page_with_its_form(client, cast, tasks):
    client.force_login(cast.desk)
    html = client.get(urge_url(tasks["overdue"])).content.decode()
    assert "<html" in html and 'class="collapse show" id="urging-urge"' in html
    assert f'name="tasks" value="{tasks["overdue"].pk}"' in html


def test_without_javascript_a_plain_post_redirects_to_the_task_page(client, cast, tasks):
    client.force_login(cast.desk)
    response = client.post(urge_url(tasks["overdue"]), {**URGED, "tasks": [tasks["overdue"].pk]})
    assert response.status_code == 302 and response["Location"] == tasks["overdue"].get_absolute_url()
    assert "Đã ghi việc đôn đốc đơn vị." in page(client, tasks["overdue"])
    bad = client.post(urge_url(tasks["overdue"]), {**URGED, "text": "", "tasks": [tasks["overdue"].pk]})
    assert bad.status_code == 400
    assert "<html" in bad.content.decode() and "Trường này là bắt buộc." in bad.content.decode()


def test_a_leader_asks_and_the_unit_answers_from_the_task_page_and_its_home_page(client, cast, tasks):
    task = tasks["overdue"]
    client.force_login(cast.leader)
    html = page(client, task)
    assert explain_url(task) in html
    response = client.post(explain_url(task), {"question": "Đề nghị giải trình lý do chậm trễ"}, **HTMX)
    assert response.status_code == 200 and "Đã gửi yêu cầu giải trình." in response.content.decode()
    request = ExplanationRequest.objects.get()
    assert explain_url(task) not in response.content.decode(), "one question at a time"

    client.force_login(cast.focal_officer)
    home = client.get(reverse("home")).content.decode()
    assert "Yêu cầu giải trình chờ đơn vị trả lời" in home and f"#explanation-{request.pk}" in home
    answer_url = reverse("urging:answer", args=[request.pk])
    assert answer_url in page(client, task)
    assert client.post(answer_url, {"answer": ""}, **HTMX).status_code == 400
    response = client.post(answer_url, {"answer": "Do chưa bố trí được kinh phí."})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.answer == "Do chưa bố trí được kinh phí." and request.answered_by == cast.focal_officer
    assert "Yêu cầu giải trình chờ đơn vị trả lời" not in client.get(reverse("home")).content.decode()
    assert "Đã giải trình" in page(client, task)


def test_only_the_unit_asked_answers_403(client, cast, tasks):
    request = services.request_explanation(
        by=cast.leader, at=moment(date(2026, 5, 12)), task=tasks["overdue"], question="Vì sao?"
    )
    client.force_login(cast.specialist)
    url = reverse("urging:answer", args=[request.pk])
    assert url not in page(client, tasks["overdue"])
    assert client.post(url, {"answer": "Lý do"}, **HTMX).status_code == 403
    client.force_login(cast.other_officer)  # does not see the task
    assert client.post(url, {"answer": "Lý do"}).status_code == 404
    request.refresh_from_db()
    assert not request.is_answered


def test_the_office_is_refused_an_explanation_request_403(client, cast, tasks):
    client.force_login(cast.desk)
    response = client.post(explain_url(tasks["overdue"]), {"question": "Vì sao?"}, **HTMX)
    assert response.status_code == 403
    assert not ExplanationRequest.objects.exists()


# --- the list ---------------------------------------------------------------------------


def urge_many(cast, tasks, count, kind=UrgingKind.REMINDER):
    for _ in range(count):
        services.urge(
            by=cast.desk,
            at=moment(date(2026, 5, 12)),
            unit=cast.agriculture_department,
            tasks=[tasks["overdue"], tasks["later"]],
            kind=kind,
            text="Đề nghị khẩn trương",
        )


def test_the_list_filters_by_kind_and_unit_and_shows_only_what_the_user_may_see(client, cast, tasks):
    urge_many(cast, tasks, 1)
    urge_many(cast, tasks, 1, kind=UrgingKind.REVIEW)
    services.urge(
        by=cast.desk,
        at=moment(date(2026, 5, 12)),
        unit=cast.justice_department,
        tasks=[tasks["justice"]],
        kind=UrgingKind.REMINDER,
        text="Đề nghị Sở Tư pháp khẩn trương",
    )
    url = reverse("urging:urging_list")
    client.force_login(cast.desk)
    assert len(client.get(url).context["page"]) == 3
    assert {u.kind for u in client.get(url, {"kind": UrgingKind.REVIEW}).context["page"]} == {
        UrgingKind.REVIEW
    }
    only = client.get(url, {"unit": cast.justice_department.pk}).context["page"]
    assert [u.unit for u in only] == [cast.justice_department]
    assert len(client.get(url, {"kind": "khong_co", "unit": "abc"}).context["page"]) == 3
    client.force_login(cast.other_officer)
    html = client.get(url).content.decode()
    assert [u.unit for u in client.get(url).context["page"]] == [cast.justice_department]
    assert "Sở Nông nghiệp" not in html


def test_the_list_reads_as_many_queries_for_20_urgings_as_for_2(client, cast, tasks):
    url = reverse("urging:urging_list")
    client.force_login(cast.desk)
    urge_many(cast, tasks, 2)
    client.get(url)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries()
    urge_many(cast, tasks, 18)
    more = make_task(
        lead_unit=cast.finance_department, assigning_unit=cast.province, assigned_on=date(2026, 3, 2)
    )
    services.urge(
        by=cast.desk,
        at=moment(date(2026, 5, 12)),
        unit=more.lead_unit,
        tasks=[more],
        kind="review",
        text="Nội dung",
    )
    assert queries() == few


def test_the_pages_in_english_have_no_vietnamese_interface_text(client, cast, tasks, settings):
    """The crawl's check (tests.crawl) on pages that hold urgings and requests, which the demo
    the crawl reads has none of."""
    urge_many(cast, tasks, 1, kind=UrgingKind.CRITICISM)
    services.request_explanation(
        by=cast.leader, at=moment(date(2026, 5, 12)), task=tasks["overdue"], question="?"
    )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for user, url in [
        (cast.desk, reverse("urging:urging_list")),
        (cast.desk, tasks["overdue"].get_absolute_url()),
        (cast.focal_officer, tasks["overdue"].get_absolute_url()),
        (cast.focal_officer, reverse("home")),
        (cast.leader, tasks["later"].get_absolute_url()),
    ]:
        client.force_login(user)
        visit = get(client, url)
        assert visit.status == 200 and not visit.untranslated, (url, visit.untranslated)


def test_the_urgings_and_the_explanation_requests_are_two_tabs_of_one_section(client, cast):
    client.force_login(cast.focal_officer)
    urgings, explanations = reverse("urging:urging_list"), reverse("urging:explanation_list")
    for url, other in ((urgings, explanations), (explanations, urgings)):
        html = client.get(url).content.decode()
        assert f'active" aria-current="page" href="{url}"' in html
        assert f'<a class="nav-link" href="{other}">' in html
