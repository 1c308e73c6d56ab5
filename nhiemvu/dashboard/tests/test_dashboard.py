"""The dashboard: who sees what, the htmx table swap, bad input, and its cost in queries."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from nhiemvu.accounts.choices import Role
from nhiemvu.dashboard import tables
from nhiemvu.tracking import services
from nhiemvu.units.choices import UnitKind
from tests.factories import UnitFactory, UserFactory, make_task, moment, with_role

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("dashboard")


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def assigned(today):
    """Ten days ago: tasks due that day are overdue now."""
    return today - timedelta(days=10)


@pytest.fixture
def period(assigned, today):
    """The table's form input covering the tasks of the `tasks` fixture."""
    return {"date_from": assigned.isoformat(), "date_to": today.isoformat()}


@pytest.fixture
def province():
    return UnitFactory(name="UBND tỉnh Thử nghiệm", kind=UnitKind.PROVINCE, scored_for_reform=False)


@pytest.fixture
def agriculture(province):
    return UnitFactory(name="Sở Nông nghiệp và Phát triển nông thôn", parent=province, sort_order=100)


@pytest.fixture
def forestry(agriculture):
    return UnitFactory(name="Chi cục Kiểm lâm", parent=agriculture, kind=UnitKind.SUB_UNIT, sort_order=101)


@pytest.fixture
def finance(province):
    return UnitFactory(name="Sở Tài chính", parent=province, sort_order=200)


@pytest.fixture
def office_user(province):
    return with_role(UserFactory(username="vanphong"), Role.OFFICE_DESK, province)


@pytest.fixture
def unit_user(agriculture):
    return with_role(UserFactory(username="daumoi"), Role.FOCAL_OFFICER, agriculture)


@pytest.fixture
def tasks(province, agriculture, forestry, finance, assigned):
    """One overdue task each for Agriculture, its Forest Protection sub-unit and Finance; one
    completed on time for Agriculture; all assigned ten days ago."""
    overdue_due = assigned  # due the day it was assigned: overdue from the next day
    made = {}
    for key, unit in (("agriculture", agriculture), ("forestry", forestry), ("finance", finance)):
        made[key] = make_task(
            lead_unit=unit,
            assigning_unit=province,
            assigned_on=assigned,
            due_on=overdue_due,
            content=f"Nhiệm vụ quá hạn của {unit.name}",
            at=moment(assigned, 0),
        )
    done = make_task(
        lead_unit=agriculture,
        assigning_unit=province,
        assigned_on=assigned,
        due_on=None,
        content="Nhiệm vụ đã hoàn thành",
        at=moment(assigned, 0),
    )
    services.complete(
        done, by=None, at=moment(assigned, 0, 5), completed_on=assigned, result_document="Báo cáo số 1/BC"
    )
    made["done"] = done
    return made


def card(response, key):
    return next(c.count for c in response.context["cards"] if c.key == key)


def rows(response):
    return [row.unit for row in response.context["report"].rows]


def test_the_dashboard_needs_a_signed_in_user(client):
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={DASHBOARD}"


def test_the_office_follows_every_unit_of_the_province(client, office_user, tasks, period):
    client.force_login(office_user)
    response = client.get(DASHBOARD, period)
    assert response.status_code == 200
    assert rows(response) == ["Sở Nông nghiệp và Phát triển nông thôn", "Chi cục Kiểm lâm", "Sở Tài chính"]
    assert response.context["report"].totals.total == 4
    assert card(response, "open_overdue") == 3
    assert card(response, "done_on_time") == 1
    assert response.context["overdue_count"] == 3


def test_a_unit_sees_only_itself_and_its_sub_units(client, unit_user, tasks, period):
    client.force_login(unit_user)
    response = client.get(DASHBOARD, period)
    assert response.status_code == 200
    assert rows(response) == ["Sở Nông nghiệp và Phát triển nông thôn", "Chi cục Kiểm lâm"]
    assert card(response, "open_overdue") == 2
    assert {task.lead_unit.name for task in response.context["overdue"]} == {
        "Sở Nông nghiệp và Phát triển nông thôn",
        "Chi cục Kiểm lâm",
    }
    assert "Sở Tài chính" not in response.content.decode()


def test_a_user_without_roles_sees_nothing(client, tasks, period):
    client.force_login(UserFactory())
    response = client.get(DASHBOARD, period)
    assert response.status_code == 200
    assert rows(response) == []
    assert all(c.count == 0 for c in response.context["cards"])
    assert "Không có nhiệm vụ quá hạn." in response.content.decode()


def test_the_overdue_list_shows_the_directive_and_the_days_overdue(client, office_user, tasks, today):
    client.force_login(office_user)
    response = client.get(DASHBOARD)
    task = tasks["finance"]
    page = response.content.decode()
    assert task.directive.number_symbol in page
    assert task.content in page
    days = (today - task.due_in_force).days
    assert f'<span class="badge text-bg-danger">{days}</span>' in page


def test_the_overdue_list_read_again_drops_a_task_completed_since(client, office_user, tasks, today):
    """Its first page is kept per scope, day and data version (services.first_overdue), as
    the cards' counts: a task completed in between is gone from the next view."""
    client.force_login(office_user)
    first = [row.pk for row in client.get(DASHBOARD).context["overdue"]]
    task = tasks["finance"]
    assert task.pk in first and [row.pk for row in client.get(DASHBOARD).context["overdue"]] == first
    services.complete(task, by=None, at=timezone.now(), completed_on=today, result_document="12/BC-STC")
    again = [row.pk for row in client.get(DASHBOARD).context["overdue"]]
    assert task.pk not in again and len(again) == len(first) - 1


def test_the_table_defaults_to_the_current_year_with_the_extraction_caption(client, office_user, today):
    client.force_login(office_user)
    response = client.get(DASHBOARD)
    report = response.context["report"]
    assert (report.date_from, report.date_to) == (date(today.year, 1, 1), date(today.year, 12, 31))
    assert f"nhiệm vụ giao từ 01/01/{today.year} đến 31/12/{today.year}" in response.content.decode()
    assert "Dữ liệu trích xuất lúc" in response.content.decode()


def test_an_htmx_request_gets_only_the_table(client, office_user, tasks, today):
    client.force_login(office_user)
    response = client.get(
        DASHBOARD,
        {"date_from": f"{today.year - 1}-01-01", "date_to": f"{today.year - 1}-12-31"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert [t.name for t in response.templates] == ["dashboard/partials/unit_report.html"]
    page = response.content.decode()
    assert "<html" not in page
    assert f"nhiệm vụ giao từ 01/01/{today.year - 1} đến 31/12/{today.year - 1}" in page
    assert "HX-Request" in response["Vary"]


def test_the_same_address_without_htmx_gives_the_whole_page(client, office_user, tasks, today):
    client.force_login(office_user)
    response = client.get(
        DASHBOARD, {"date_from": f"{today.year - 1}-01-01", "date_to": f"{today.year - 1}-12-31"}
    )
    assert "dashboard/dashboard.html" in [t.name for t in response.templates]
    assert rows(response) == []


def test_the_table_as_of_a_past_moment_shows_what_was_recorded_then(client, office_user, tasks):
    client.force_login(office_user)
    done = tasks["done"]
    before_completion = timezone.localtime(done.assignment_recorded_at).strftime("%Y-%m-%dT%H:%M")
    response = client.get(
        DASHBOARD,
        {
            "date_from": f"{done.assigned_on:%d/%m/%Y}",
            "date_to": f"{done.assigned_on:%d/%m/%Y}",
            "as_of": before_completion,
        },
    )
    totals = response.context["report"].totals
    assert totals.done_on_time == 0
    assert totals.total == 4


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"date_from": "abc", "date_to": "2025-12-31"}, "Nhập một ngày hợp lệ."),
        ({"date_from": "2025-02-30", "date_to": "2025-12-31"}, "Nhập một ngày hợp lệ."),
        (
            {"date_from": "2025-12-31", "date_to": "2025-01-01"},
            "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.",
        ),
        (
            {"date_from": "2025-01-01", "date_to": "2025-12-31", "as_of": "2999-01-01T00:00"},
            "Thời điểm lấy số liệu không được sau thời điểm hiện tại.",
        ),
        (
            {"date_from": "2025-01-01", "date_to": "2025-12-31", "as_of": "0001-01-01T00:00"},
            "Ngày phải từ 01/01/1900 trở về sau.",
        ),
        ({"date_from": "0001-01-01", "date_to": "2025-12-31"}, "Ngày phải từ 01/01/1900 trở về sau."),
        (
            {"date_from": "2025-01-01", "date_to": "2025-12-31", "as_of": "hôm qua"},
            "Nhập một ngày/thời gian hợp lệ.",
        ),
        ({"date_from": "", "date_to": ""}, "Trường này là bắt buộc."),
    ],
)
@pytest.mark.parametrize("htmx", [False, True])
def test_bad_input_gives_a_vietnamese_form_error_not_a_server_error(
    client, office_user, query, message, htmx
):
    client.force_login(office_user)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client.get(DASHBOARD, query, **headers)
    assert response.status_code == 200
    assert response.context["report"] is None
    assert message in response.content.decode()
    assert "unit-report-table" not in response.content.decode()


def test_the_page_is_in_english_when_the_user_chose_english(client, office_user, tasks, period):
    client.force_login(office_user)
    client.post(reverse("set_language"), {"language": "en", "next": DASHBOARD})
    page = client.get(DASHBOARD, period).content.decode()
    assert "Overview" in page
    assert "Task results by unit" in page
    assert "Data extracted at" in page
    assert "Tasks assigned by month, by timeliness" in page
    assert "See them all" in page


def test_the_dashboard_costs_a_bounded_number_of_queries(
    client, office_user, province, agriculture, finance, assigned, period, django_assert_max_num_queries
):
    units = [agriculture, finance, *(UnitFactory(parent=province, sort_order=300 + n) for n in range(10))]
    for number in range(60):
        task = make_task(
            lead_unit=units[number % len(units)],
            assigning_unit=province,
            assigned_on=assigned,
            due_on=assigned if number % 3 else None,
            at=moment(assigned, 0),
        )
        if number % 4 == 0:
            services.accept(task, by=None, at=moment(assigned, 0, 1))
    client.force_login(office_user)
    # The first view counts (and caches the counts): with the data version and the units' paths.
    with django_assert_max_num_queries(16):
        response = client.get(DASHBOARD, period)
    assert len(response.context["report"].rows) == len(units)
    assert len(response.context["overdue"]) == 40
    # Nothing changed since: the counts come from the cache, whatever the size of the scope.
    with django_assert_max_num_queries(10):
        client.get(DASHBOARD, period)
    with django_assert_max_num_queries(9):
        table = client.get(DASHBOARD, period, HTTP_HX_REQUEST="true")
    assert table.context["chart"]["datasets"]
    with django_assert_max_num_queries(9):
        opened = client.get(DASHBOARD, {**period, "mo": agriculture.pk}, HTTP_HX_REQUEST="true")
    assert [t.name for t in opened.templates] == ["dashboard/partials/unit_rows.html"]


def test_the_table_shows_two_levels_and_opens_a_unit_on_demand(
    client, office_user, province, assigned, period
):
    """At 5,000 units the page stays small: the rows under the second level come when asked."""
    department = UnitFactory(name="Sở Xây dựng", parent=province, sort_order=400)
    office = UnitFactory(name="Phòng Quy hoạch", parent=department, kind=UnitKind.SUB_UNIT)
    team = UnitFactory(name="Tổ thẩm định", parent=office, kind=UnitKind.SUB_UNIT)
    for unit in (province, department, office, team):
        make_task(lead_unit=unit, assigning_unit=province, assigned_on=assigned, at=moment(assigned, 0))
    client.force_login(office_user)
    response = client.get(DASHBOARD, period)
    page = response.content.decode()
    assert rows(response) == ["UBND tỉnh Thử nghiệm", "Sở Xây dựng", "Phòng Quy hoạch", "Tổ thẩm định"]
    assert [row.unit for row in response.context["rows"]] == ["UBND tỉnh Thử nghiệm", "Sở Xây dựng"]
    assert "Phòng Quy hoạch" not in page
    assert f"mo={department.pk}" in page

    fragment = client.get(DASHBOARD, {**period, "mo": department.pk}, HTTP_HX_REQUEST="true")
    assert [t.name for t in fragment.templates] == ["dashboard/partials/unit_rows.html"]
    opened = [(row.unit, row.number, row.depth, row.opens) for row in fragment.context["rows"]]
    assert opened == [("Sở Xây dựng", 2, 1, False), ("Phòng Quy hoạch", 3, 2, True)]

    # Without htmx, the same link gives the page with that unit open.
    whole = client.get(DASHBOARD, {**period, "mo": department.pk})
    assert [row.unit for row in whole.context["rows"]] == [
        "UBND tỉnh Thử nghiệm",
        "Sở Xây dựng",
        "Phòng Quy hoạch",
    ]
    assert client.get(DASHBOARD, {**period, "mo": "x"}).status_code == 200


def test_numbers_are_written_with_the_languages_thousands_separator():
    assert tables.thousands(1234567, ".") == "1.234.567"
    assert tables.thousands(999, ",") == "999"


def test_each_card_links_to_the_task_list_that_counts_the_same_tasks(client, office_user, tasks):
    client.force_login(office_user)
    response = client.get(DASHBOARD)
    page = response.content.decode()
    assert sum(1 for card in response.context["cards"] if card.count) >= 2
    for card in response.context["cards"]:
        link = re.search(rf'href="([^"]*timeliness={card.key}[^"]*)"', page).group(1).replace("&amp;", "&")
        listed = client.get(link)
        assert listed.context["page"].paginator.count == card.count, card.key
