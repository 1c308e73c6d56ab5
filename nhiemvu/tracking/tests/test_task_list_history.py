"""The task list over one 2025 history of the Sở NN, the Sở Tư pháp and the district, built
once for the module: each timeliness class lists what the report counts, now and as of a past
moment; the rows, filters and export agree with it."""

import copy
import io
from datetime import date, datetime

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from nhiemvu.reports.services import unit_report
from nhiemvu.tracking import services
from nhiemvu.tracking.choices import Timeliness
from nhiemvu.tracking.models import Task
from nhiemvu.tracking.permissions import task_scope
from nhiemvu.tracking.tests.listing import LIST, listed
from nhiemvu.web.services import visible_units
from tests.factories import make_task, moment

pytestmark = pytest.mark.django_db

YEAR = date(2025, 1, 1), date(2025, 12, 31)
# After the first half of the history, before the second.
MIDDLE = moment(date(2025, 6, 30), 17)


@pytest.fixture(scope="module")
def _module_history(_module_cast, django_db_blocker):
    """Tasks of the Sở NN, the Sở Tư pháp and the district in 2025, some changed after MIDDLE:
    built once, in the module's transaction (conftest `_module_cast`), for the tests that ask."""
    cast = _module_cast
    django_db_blocker.unblock()
    try:
        return _build_history(cast)
    finally:
        django_db_blocker.restore()


def _build_history(cast):
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


@pytest.fixture
def history(_module_history, cast):
    return copy.deepcopy(_module_history)


@pytest.mark.parametrize(
    "persona", ["desk", "leader", "focal_officer", "specialist", "other_officer", "viewer", "admin"]
)
def test_the_list_shows_exactly_the_tasks_of_task_scope(client, cast, history, persona):
    user = getattr(cast, persona)
    expected = set(Task.objects.filter(task_scope(user)).values_list("pk", flat=True))
    assert set(listed(client, user)) == expected


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


def test_today_alone_as_the_moment_means_now(client, cast, history):
    everything = listed(client, cast.desk)
    assert listed(client, cast.desk, as_of=f"{timezone.localdate():%d/%m/%Y}") == everything


def test_the_htmx_fragment_is_the_table_alone(client, cast, history):
    client.force_login(cast.desk)
    response = client.get(LIST, {"q": "nhiem vu"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="task-list"' in page and "<html" not in page
