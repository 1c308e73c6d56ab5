"""The home page, "việc của tôi" (tracking.agenda in the browser): each need with its count,
the count a link to the task list of the same tasks, the items with the working days left."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from nhiemvu.accounts.choices import Role
from nhiemvu.directives.choices import SourceChannel
from nhiemvu.directives.services import register_directive
from nhiemvu.tracking import services
from nhiemvu.tracking.agenda import Need
from tests.factories import make_task, moment, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(cast):
    """For the Sở NN, on today's date: two tasks overdue (one long past its due date), one due
    tomorrow, one new to accept."""
    today = timezone.localdate()
    assigned = today - timedelta(days=60)

    def task(due, content):
        made = make_task(
            lead_unit=cast.agriculture_department,
            assigning_unit=cast.province,
            assigned_on=assigned,
            due_on=due,
            content=content,
        )
        return made

    tasks = {
        "long_overdue": task(today - timedelta(days=30), "Báo cáo tình hình dịch bệnh"),
        "overdue": task(today - timedelta(days=1), "Kiểm tra công tác phòng chống cháy rừng"),
        "soon": task(today + timedelta(days=1), "Tổng kết mô hình nông thôn mới"),
    }
    for accepted in tasks.values():
        services.accept(accepted, by=cast.focal_officer, at=moment(assigned + timedelta(days=1), 9))
    tasks["new"] = task(today + timedelta(days=40), "Xây dựng kế hoạch năm sau")
    return tasks


def test_the_focal_officer_sees_what_waits_and_each_count_lists_the_same_tasks(client, cast, waiting):
    client.force_login(cast.focal_officer)
    response = client.get(reverse("home"))
    page = response.content.decode()
    sections = {section.need: section for section in response.context["sections"]}
    links = {section.need: url for section, url, _items in response.context["rows"]}
    assert sections[Need.TO_ACCEPT].count == 1 and "Xây dựng kế hoạch năm sau" in page
    assert sections[Need.OVERDUE].count == 2
    assert "trễ" in page and "ngày làm việc" in page
    for need in (Need.OVERDUE, Need.DUE_SOON, Need.RESULT_NOT_RECORDED):
        if need in sections:
            listed = client.get(links[need])
            assert listed.status_code == 200
            assert listed.context["page"].paginator.count == sections[need].count, need
    assert waiting["long_overdue"].get_absolute_url() in page


def test_with_nothing_waiting_the_page_says_so_in_vietnamese(client, cast):
    client.force_login(cast.viewer)
    page = client.get(reverse("home")).content.decode()
    assert "Không có việc nào đang chờ bạn." in page


def test_the_home_page_costs_a_bounded_number_of_queries(
    client, cast, waiting, django_assert_max_num_queries
):
    client.force_login(cast.desk)
    with django_assert_max_num_queries(30):
        assert client.get(reverse("home")).status_code == 200
    for number in range(10):
        make_task(
            lead_unit=cast.justice_department,
            assigning_unit=cast.province,
            assigned_on=date(2026, 1, 5),
            due_on=date(2026, 2, 2),
            content=f"Nhiệm vụ số {number}",
        )
    with django_assert_max_num_queries(30):
        assert client.get(reverse("home")).status_code == 200


def test_a_second_view_reads_the_cached_counts_until_a_task_changes(
    client, cast, waiting, django_assert_max_num_queries
):
    client.force_login(cast.focal_officer)
    first = client.get(reverse("home")).context["sections"]
    with django_assert_max_num_queries(8):  # the session, the user and roles, the data version
        again = client.get(reverse("home")).context["sections"]
    assert [(s.need, s.count) for s in again] == [(s.need, s.count) for s in first]
    services.accept(waiting["new"], by=cast.focal_officer, at=timezone.now())
    after = {section.need: section.count for section in client.get(reverse("home")).context["sections"]}
    assert Need.TO_ACCEPT not in after


def test_a_desk_sees_the_directives_its_office_received_whoever_entered_them_in_bounded_queries(
    client, cast, django_assert_max_num_queries
):
    """Seed 003 art. 6.1.b: the office assigns within 1 working day of receiving; every desk of
    the office sees what waits, not only the desk that entered it."""
    other_desk = person(Role.OFFICE_DESK, cast.province, username="vp_kinhte")
    received_on = timezone.localdate() - timedelta(days=10)

    def receive(number):
        return register_directive(
            by=cast.desk,
            on_behalf_of=cast.province,
            number_symbol=f"{number}/UBND-TH",
            issuer="Văn phòng Chính phủ",
            issued_on=received_on,
            received_on=received_on,
            summary=f"V/v triển khai văn bản số {number}",
            channel=SourceChannel.EOFFICE,
        )

    first = receive(101)
    client.force_login(other_desk)
    # The session, the user and roles, the data version, two queries a need, the calendar.
    with django_assert_max_num_queries(16):
        response = client.get(reverse("home"))
    page = response.content.decode()
    assert f'href="{reverse("directive_detail", args=[first.pk])}"' in page
    assert f"Nhận ngày {received_on:%d/%m/%Y} · UBND tỉnh Kon Tum" in page
    assert client.get(reverse("directive_detail", args=[first.pk])).status_code == 200
    for number in range(102, 110):
        receive(number)
    with django_assert_max_num_queries(16):  # the same for 9 directives as for 1
        sections = client.get(reverse("home")).context["sections"]
    [waiting] = [section for section in sections if section.need == Need.DIRECTIVE_TO_ASSIGN]
    assert waiting.count == 9 and len(waiting.items) == 5
    client.force_login(cast.other_officer)  # the Sở Tư pháp: not its office's directives
    assert Need.DIRECTIVE_TO_ASSIGN not in {s.need for s in client.get(reverse("home")).context["sections"]}
