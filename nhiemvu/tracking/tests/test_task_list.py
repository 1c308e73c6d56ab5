"""The task list (issue 13): what the user may see and nothing else, filtered by one FilterSet
that the page, its htmx fragment and the .xlsx export share, and counted as the report counts."""

import io
from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from nhiemvu.reports.services import unit_report
from nhiemvu.tracking import services
from nhiemvu.tracking.choices import Timeliness
from nhiemvu.tracking.models import Task
from nhiemvu.tracking.permissions import task_scope
from nhiemvu.web.services import visible_units
from tests.factories import DirectiveFactory, UnitFactory, make_task, moment

pytestmark = pytest.mark.django_db

LIST = reverse("tracking:task_list")
YEAR = date(2025, 1, 1), date(2025, 12, 31)
# After the first half of the history, before the second.
MIDDLE = moment(date(2025, 6, 30), 17)


def listed(client, user, **params):
    client.force_login(user)
    response = client.get(LIST, params)
    assert response.status_code == 200, response.context["filterset"].form.errors
    return list(response.context["page"].paginator.object_list.values_list("pk", flat=True))


@pytest.fixture
def history(cast):
    """Tasks of the Sở NN, the Sở Tư pháp and the district in 2025, some changed after MIDDLE."""
    officer = cast.focal_officer
    day = date(2025, 3, 3)

    def task(lead=cast.agriculture_department, **extra):
        return make_task(lead_unit=lead, assigning_unit=cast.province, assigned_on=day, **extra)

    tasks = {
        "on_time": task(due_on=date(2025, 4, 30)),
        "late": task(due_on=date(2025, 3, 31)),
        "no_deadline": task(),
        "overdue": task(due_on=date(2025, 5, 15)),
        "extended": task(due_on=date(2025, 5, 20)),
        "completed_after_middle": task(due_on=date(2025, 6, 10)),
        "cancelled": task(due_on=date(2025, 4, 1)),
        "justice": task(lead=cast.justice_department, due_on=date(2025, 12, 1)),
        "district": task(lead=cast.district_agriculture, due_on=date(2025, 4, 1)),
        "reassigned_after_middle": task(lead=cast.justice_department, due_on=date(2025, 9, 1)),
    }
    services.complete(
        tasks["on_time"],
        by=officer,
        at=moment(date(2025, 4, 29)),
        completed_on=date(2025, 4, 29),
        result_document="1/BC",
    )
    services.complete(
        tasks["late"],
        by=officer,
        at=moment(date(2025, 4, 10)),
        completed_on=date(2025, 4, 9),
        result_document="2/BC",
    )
    services.request_extension(
        tasks["extended"],
        by=officer,
        at=moment(date(2025, 5, 10)),
        proposed=date(2025, 12, 31),
        reason="Chờ vốn",
    )
    services.decide_extension(tasks["extended"], by=None, at=moment(date(2025, 5, 12)), approve=True)
    services.cancel(tasks["cancelled"], by=cast.desk, at=moment(date(2025, 3, 20)), reason="Thay thế")
    # After MIDDLE: a completion dated before it, recorded after it (seed 002: shown overdue till then).
    services.complete(
        tasks["completed_after_middle"],
        by=officer,
        at=moment(date(2025, 7, 3)),
        completed_on=date(2025, 6, 9),
        result_document="3/BC",
    )
    services.reassign(
        tasks["reassigned_after_middle"],
        by=cast.desk,
        at=moment(date(2025, 8, 1)),
        to_unit=cast.agriculture_department,
    )
    make_task(
        lead_unit=cast.agriculture_department,
        assigning_unit=cast.province,
        assigned_on=date(2025, 7, 1),
        at=moment(date(2025, 7, 1)),
        content="Giao sau thời điểm giữa năm",
    )
    return tasks


@pytest.mark.parametrize(
    "persona", ["desk", "leader", "focal_officer", "specialist", "other_officer", "viewer", "admin"]
)
def test_the_list_shows_exactly_the_tasks_of_task_scope(client, cast, history, persona):
    user = getattr(cast, persona)
    expected = set(Task.objects.filter(task_scope(user)).values_list("pk", flat=True))
    assert set(listed(client, user)) == expected


def test_a_leader_limited_to_a_field_sees_only_that_field(client, cast):
    other = make_task(
        lead_unit=cast.agriculture_department,
        assigning_unit=cast.province,
        assigned_on=date(2025, 3, 3),
        field=cast.justice,
    )
    mine = make_task(
        lead_unit=cast.agriculture_department,
        assigning_unit=cast.province,
        assigned_on=date(2025, 3, 3),
        field=cast.agriculture,
    )
    ids = listed(client, cast.leader)
    assert mine.pk in ids and other.pk not in ids


@pytest.mark.parametrize(("moment_asked", "params"), [(None, {}), (MIDDLE, {"as_of": "30/06/2025 17:00"})])
@pytest.mark.parametrize("timeliness", list(Timeliness))
def test_each_timeliness_class_counts_what_the_report_counts(
    client, cast, history, timeliness, moment_asked, params
):
    """The report's figure and the list filtered the same way agree, now and as of a past moment."""
    for user in (cast.desk, cast.focal_officer):
        as_of = moment_asked or timezone.now()
        report = unit_report(
            date_from=YEAR[0],
            date_to=YEAR[1],
            as_of=as_of,
            tasks=Task.objects.visible_to(user),
            lead_units=visible_units(user),
        )
        query = {
            "timeliness": timeliness.value,
            "assigned_from": "01/01/2025",
            "assigned_to": "31/12/2025",
            **params,
        }
        if user == cast.desk:  # every unit is in the desk's rows, so the totals are the list's
            assert len(listed(client, user, **query)) == getattr(report.totals, timeliness.value)
        for row in report.rows:
            per_unit = listed(client, user, unit=row.unit_id, **query)
            assert len(per_unit) == getattr(row, timeliness.value), (row.unit, timeliness)


def test_as_of_a_past_moment_judges_on_what_the_system_knew_then(client, cast, history):
    params = {"as_of": "30/06/2025 17:00", "unit": cast.agriculture_department.pk}
    overdue = listed(client, cast.desk, timeliness="open_overdue", **params)
    assert history["completed_after_middle"].pk in overdue  # not recorded yet at the moment
    assert history["reassigned_after_middle"].pk not in overdue  # then the Sở Tư pháp's
    everything_then = listed(client, cast.desk, as_of="30/06/2025 17:00")
    assert not Task.objects.filter(pk__in=everything_then, assigned_on__gte=date(2025, 7, 1)).exists()
    now = listed(client, cast.desk, timeliness="done_on_time", unit=cast.agriculture_department.pk)
    assert history["completed_after_middle"].pk in now


def test_as_of_a_past_moment_the_rows_and_the_export_show_the_state_then(client, cast, history):
    client.force_login(cast.desk)
    params = {"as_of": "30/06/2025 17:00", "sort": "due"}
    rows = {task.pk: status for task, status in client.get(LIST, params).context["rows"]}
    moved, done = history["reassigned_after_middle"], history["completed_after_middle"]
    assert rows[moved.pk]["lead_unit"] == cast.justice_department
    assert rows[done.pk]["timeliness"] == Timeliness.OPEN_OVERDUE
    sheet = load_workbook(io.BytesIO(client.get(LIST, {**params, "export": "xlsx"}).content)).active
    assert sheet["A1"].value == "Dữ liệu trích xuất lúc 17h00 ngày 30/06/2025"
    by_content = {row[3]: row for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert by_content[moved.content][4] == "Sở Tư pháp"
    assert by_content[done.content][8] is None  # not known to be completed then
    assert by_content[done.content][10] == "Chưa hoàn thành, trễ hạn"


def test_filter_by_unit_with_or_without_its_sub_units_and_as_coordinator(client, cast, history):
    history["justice"].coordinating_units.add(cast.district)
    district = cast.district.pk
    assert listed(client, cast.desk, unit=district) == []
    assert listed(client, cast.desk, unit=district, subunits="1") == [history["district"].pk]
    assert listed(client, cast.desk, unit=district, role="coordinating") == [history["justice"].pk]


def test_filter_by_lifecycle_period_due_range_directive_desk_officer_field_and_key(client, cast):
    directive = DirectiveFactory(number_symbol="270/QĐ-UBND", issued_on=date(2025, 2, 1))
    base = {"lead_unit": cast.agriculture_department, "assigning_unit": cast.province}
    early = make_task(assigned_on=date(2025, 2, 3), due_on=date(2025, 2, 28), directive=directive, **base)
    keyed = make_task(assigned_on=date(2025, 5, 5), due_on=date(2025, 9, 30), is_key=True, **base)
    followed = make_task(
        assigned_on=date(2025, 8, 8),
        tracking_desk=cast.office,
        tracking_officer=cast.desk,
        field=cast.justice,
        **base,
    )
    services.accept(keyed, by=cast.focal_officer, at=moment(date(2025, 5, 6)))
    user = cast.admin
    assert listed(client, user, lifecycle="in_progress") == [keyed.pk]
    assert listed(client, user, assigned_from="01/05/2025", assigned_to="31/05/2025") == [keyed.pk]
    assert listed(client, user, due_from="2025-02-01", due_to="2025-03-01") == [early.pk]
    assert listed(client, user, directive=directive.pk) == [early.pk]
    assert listed(client, user, desk=cast.office.pk) == [followed.pk]
    assert listed(client, user, officer=cast.desk.pk) == [followed.pk]
    assert listed(client, user, field=cast.justice.pk) == [followed.pk]
    assert listed(client, user, key="1") == [keyed.pk]
    assert listed(client, user, sort="due") == [early.pk, keyed.pk, followed.pk]  # no due date last
    assert listed(client, user) == [followed.pk, keyed.pk, early.pk]  # newest first


def test_timeliness_on_a_day_of_choice(client, cast):
    task = make_task(
        lead_unit=cast.agriculture_department,
        assigning_unit=cast.province,
        assigned_on=date(2025, 3, 3),
        due_on=date(2025, 3, 31),
    )
    assert listed(client, cast.desk, timeliness="open_not_due", on="31/03/2025") == [task.pk]
    assert listed(client, cast.desk, timeliness="open_overdue", on="01/04/2025") == [task.pk]


def test_free_text_ignores_case_and_diacritics_and_finds_the_directive_number(client, cast):
    directive = DirectiveFactory(number_symbol="1196/UBND-TH", issued_on=date(2025, 3, 1))
    plan = make_task(
        lead_unit=cast.agriculture_department,
        assigning_unit=cast.province,
        assigned_on=date(2025, 3, 3),
        content="Xây dựng Kế hoạch phòng, chống cháy rừng; đôn đốc các đơn vị",
        directive=directive,
    )
    make_task(
        lead_unit=cast.agriculture_department,
        assigning_unit=cast.province,
        assigned_on=date(2025, 3, 3),
        content="Báo cáo kết quả thi đua",
    )
    for words in ("ke hoach", "KẾ HOẠCH", "chay rung don doc", "1196/ubnd"):
        assert listed(client, cast.desk, q=words) == [plan.pk], words
    assert listed(client, cast.desk, q="ke hoach thi dua") == []


def test_the_export_is_exactly_the_filtered_list(client, cast, history):
    client.force_login(cast.desk)
    params = {"unit": cast.agriculture_department.pk, "sort": "due"}
    shown = listed(client, cast.desk, **params)
    response = client.get(LIST, {**params, "export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value.startswith("Dữ liệu trích xuất lúc")
    assert sheet["D2"].value == "Nội dung nhiệm vụ" and sheet.freeze_panes == "A3"
    contents = [row[3] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert contents == [Task.objects.get(pk=pk).content for pk in shown]
    assert isinstance(sheet["G3"].value, datetime) and sheet["G3"].number_format == "DD/MM/YYYY"


def test_an_export_above_the_limit_is_refused_with_a_message(client, cast, history, settings):
    settings.TASK_EXPORT_MAX_ROWS = 2
    client.force_login(cast.desk)
    response = client.get(LIST, {"export": "xlsx"}, follow=True)
    assert "quá giới hạn xuất tệp 2" in response.content.decode()
    assert response.redirect_chain and "export" not in response.redirect_chain[-1][0]


def test_a_formula_in_the_content_stays_text_in_the_export(client, cast):
    make_task(
        lead_unit=cast.agriculture_department,
        assigning_unit=cast.province,
        assigned_on=date(2025, 3, 3),
        content='=HYPERLINK("http://x")',
    )
    client.force_login(cast.desk)
    sheet = load_workbook(io.BytesIO(client.get(LIST, {"export": "xlsx"}).content)).active
    assert sheet["D3"].value.startswith("'=")


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"assigned_from": "31/02/2026"}, "Ngày không hợp lệ"),
        ({"due_to": "01/01/0018"}, "Ngày phải từ 01/01/1900"),
        ({"as_of": "31/02/2026 10:00"}, "Thời điểm không hợp lệ"),
        ({"unit": "999999"}, "Giá trị không có trong danh sách"),
        ({"unit": "abc"}, "Không tìm thấy đơn vị “abc”."),
        ({"directive": "999999"}, "Giá trị không có trong danh sách"),
        ({"timeliness": "late-ish"}, "Giá trị không có trong danh sách"),
        ({"sort": "password"}, "Giá trị không có trong danh sách"),
    ],
)
def test_a_bad_filter_value_is_a_vietnamese_message_not_an_error_page(client, cast, params, message):
    client.force_login(cast.desk)
    response = client.get(LIST, params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_moment_in_the_future_is_refused(client, cast):
    client.force_login(cast.desk)
    later = timezone.localtime() + timedelta(days=2)
    response = client.get(LIST, {"as_of": f"{later:%d/%m/%Y %H:%M}"})
    assert response.status_code == 400
    assert "không được sau thời điểm hiện tại" in response.content.decode()


def test_today_alone_as_the_moment_means_now(client, cast, history):
    everything = listed(client, cast.desk)
    assert listed(client, cast.desk, as_of=f"{timezone.localdate():%d/%m/%Y}") == everything


def test_the_htmx_fragment_is_the_table_alone(client, cast, history):
    client.force_login(cast.desk)
    response = client.get(LIST, {"q": "nhiem vu"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="task-list"' in page and "<html" not in page


@pytest.mark.parametrize("count", [3, 40])
def test_the_list_reads_a_bounded_number_of_queries_whatever_the_rows(
    client, cast, count, django_assert_max_num_queries
):
    for _ in range(count):
        make_task(
            lead_unit=cast.agriculture_department, assigning_unit=cast.province, assigned_on=date(2025, 3, 3)
        )
    client.force_login(cast.desk)
    with django_assert_max_num_queries(14):
        response = client.get(
            LIST, {"timeliness": "open_no_deadline", "unit": cast.agriculture_department.pk}
        )
    assert len(response.context["rows"]) == count


def test_the_list_speaks_the_language_chosen_sort_labels_included(client, cast, settings):
    client.force_login(cast.desk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(LIST).content.decode()
    assert "Due date, earliest first" in page and "Export to Excel" in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    page = client.get(LIST).content.decode()
    assert "Hạn xử lý, sớm trước" in page and "descending" not in page


def test_the_unit_filter_takes_the_pickers_text_and_shows_the_chosen_unit_without_a_select(client, cast):
    make_task(lead_unit=cast.justice_department, assigning_unit=cast.province, assigned_on=date(2026, 3, 2))
    make_task(lead_unit=cast.finance_department, assigning_unit=cast.province, assigned_on=date(2026, 3, 2))
    client.force_login(cast.desk)
    by_text = client.get(reverse("tracking:task_list"), {"unit": "Sở Tư pháp (KT.STP)"})
    by_id = client.get(reverse("tracking:task_list"), {"unit": cast.justice_department.pk})
    assert by_text.context["page"].paginator.count == by_id.context["page"].paginator.count == 1
    page = by_id.content.decode()
    assert 'value="Sở Tư pháp (KT.STP)"' in page and "<option" not in page.split('id="id_unit"')[1][:300]
    UnitFactory(name="Sở Ngoại vụ tỉnh khác", code="KHAC.SNGV")  # outside the desk's province
    refused = client.get(reverse("tracking:task_list"), {"unit": "KHAC.SNGV"})
    assert refused.status_code == 400 and "Giá trị không có trong danh sách" in refused.content.decode()
