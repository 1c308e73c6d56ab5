"""The task page (issue 13): what is recorded for a task, its history, and every action as a
small form calling one service; an action posted by anyone else changes nothing."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from nhiemvu.tracking import services
from nhiemvu.tracking.choices import Lifecycle
from nhiemvu.tracking.models import Task, TaskEventAttachment
from nhiemvu.tracking.tests.actions import (
    ACTIONS,
    NOT_COORDINATING,
    PDF,
    accepted,
    days_ago,
    page_task,
    post,
    prepare,
    snapshot,
)
from tests.factories import moment

pytestmark = pytest.mark.django_db


@pytest.fixture
def task(cast):
    return page_task(cast)


@pytest.mark.parametrize("action", ACTIONS)
def test_the_user_entitled_does_the_action_through_its_form(client, cast, task, action):
    actor, data = prepare(action, task, cast)
    before = task.events.count()
    response = post(client, actor, task, action, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == task.get_absolute_url()
    if ACTIONS[action] is None:
        assert task.children.get().lead_unit == cast.forestry
    else:
        assert task.events.count() == before + 1
        assert task.events.last().kind == ACTIONS[action]


@pytest.mark.parametrize("action", ACTIONS)
def test_a_user_of_another_unit_cannot_do_it_by_posting_to_the_url(client, cast, task, action):
    _actor, data = prepare(action, task, cast)
    before = snapshot(task)
    response = post(client, cast.other_officer, task, action, data)
    assert response.status_code == 404  # the task is not theirs to see: not even a 403
    assert snapshot(task) == before


@pytest.mark.parametrize("action", NOT_COORDINATING)
def test_a_coordinating_unit_sees_the_task_but_cannot_act_on_it(client, cast, task, action):
    task.coordinating_units.add(cast.justice_department)
    _actor, data = prepare(action, task, cast)
    before = snapshot(task)
    response = post(client, cast.other_officer, task, action, data)
    assert response.status_code == 403
    assert "Bạn không có quyền" in response.content.decode()
    assert snapshot(task) == before


def test_a_user_cannot_see_another_units_task_by_its_url(client, cast, task):
    client.force_login(cast.other_officer)
    assert client.get(task.get_absolute_url()).status_code == 404
    client.force_login(cast.focal_officer)
    assert client.get(task.get_absolute_url()).status_code == 200


def test_the_page_shows_what_is_recorded_and_only_the_actions_the_user_may_take(client, cast, task):
    task.coordinating_units.add(cast.finance_department)
    client.force_login(cast.focal_officer)
    page = client.get(task.get_absolute_url()).content.decode()
    assert "Xây dựng kế hoạch phòng chống cháy rừng" in page
    assert "Sở Tài chính" in page and task.directive.number_symbol in page
    assert f"{task.due_in_force:%d/%m/%Y}" in page
    assert reverse("tracking:task_action", args=[task.pk, "accept"]) in page
    assert reverse("tracking:task_action", args=[task.pk, "cancel"]) not in page  # the office's

    client.force_login(cast.viewer)
    page = client.get(task.get_absolute_url()).content.decode()
    assert "Bạn không có thao tác nào trên nhiệm vụ này." in page


def test_a_late_record_is_marked_in_the_timeline(client, cast, task):
    accepted(task, cast)
    services.complete(
        task,
        by=cast.focal_officer,
        at=moment(days_ago(1)),
        completed_on=days_ago(5),
        result_document="9/BC-SNN",
    )
    client.force_login(cast.focal_officer)
    page = client.get(task.get_absolute_url()).content.decode()
    assert "Cập nhật muộn" in page and "9/BC-SNN" in page
    assert f"{days_ago(5):%d/%m/%Y}" in page


def test_progress_with_its_document_is_saved_with_the_file(client, cast, task):
    accepted(task, cast)
    data = {"note": "Đã ban hành", "percent": "50", "files": SimpleUploadedFile("KH.pdf", PDF)}
    response = post(client, cast.focal_officer, task, "progress", data)
    assert response.status_code == 302
    attachment = TaskEventAttachment.objects.get(event__task=task)
    assert attachment.name == "KH.pdf"
    assert "KH.pdf" in client.get(task.get_absolute_url()).content.decode()


def test_a_refused_file_saves_nothing_and_says_why(client, cast, task):
    accepted(task, cast)
    before = snapshot(task)
    data = {"note": "Đã ban hành", "files": SimpleUploadedFile("KH.html", b"<script>")}
    response = post(client, cast.focal_officer, task, "progress", data)
    assert response.status_code == 400
    assert "Chỉ nhận tệp" in response.content.decode()
    assert snapshot(task) == before


def test_a_transition_the_state_refuses_gives_the_form_with_the_message(client, cast, task):
    accepted(task, cast)
    before = snapshot(task)
    data = {"proposed": f"{task.due_in_force - timedelta(days=1):%d/%m/%Y}", "reason": "Cần thêm thời gian"}
    response = post(client, cast.focal_officer, task, "request-extension", data)
    assert response.status_code == 400
    assert "Thời hạn đề xuất phải sau hạn xử lý hiện tại." in response.content.decode()
    assert snapshot(task) == before


def test_a_return_needs_its_reason(client, cast, task):
    accepted(task, cast)
    response = post(client, cast.focal_officer, task, "return", {"reason": " "})
    assert response.status_code == 400
    assert Task.objects.get(pk=task.pk).lifecycle == Lifecycle.IN_PROGRESS


def test_an_impossible_date_is_a_vietnamese_message(client, cast, task):
    accepted(task, cast)
    data = {"result_document": "1/BC", "completed_on": "31/02/2026"}
    response = post(client, cast.focal_officer, task, "complete", data)
    assert response.status_code == 400
    assert "Nhập một ngày hợp lệ." in response.content.decode()


def test_the_page_reads_a_bounded_number_of_queries(client, cast, task, django_assert_max_num_queries):
    accepted(task, cast)
    for day in range(5):
        services.update_progress(
            task, by=cast.focal_officer, at=moment(days_ago(20 - day)), note=f"Bước {day}"
        )
    services.delegate(
        task, by=cast.focal_officer, at=moment(days_ago(10)), to_unit=cast.forestry, content="Con"
    )
    client.force_login(cast.focal_officer)
    with django_assert_max_num_queries(25):
        assert client.get(task.get_absolute_url()).status_code == 200
