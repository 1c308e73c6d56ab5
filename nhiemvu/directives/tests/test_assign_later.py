"""Seed 003 art. 6.1.b, seed 004 art. 6.1.b: the clerk records a directive on receipt, then the
office classifies it and assigns its tasks within 1 working day (2 for many units). Until then
it waits on the home page of every desk of its receiving unit's office; assigning it takes it
off that list. Both steps go through the services of the entry form, all or nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from nhiemvu.accounts.choices import Role
from nhiemvu.directives.choices import SourceChannel
from nhiemvu.directives.entry import TaskRow, assign_directive_tasks
from nhiemvu.directives.models import Directive
from nhiemvu.directives.services import register_directive
from nhiemvu.tracking.agenda import Need
from nhiemvu.tracking.models import Task
from tests.factories import UnitFactory, make_task, person

pytestmark = pytest.mark.django_db


def _management(count):
    return {
        "tasks-TOTAL_FORMS": str(count),
        "tasks-INITIAL_FORMS": "0",
        "tasks-MIN_NUM_FORMS": "0",
        "tasks-MAX_NUM_FORMS": "200",
    }


def _rows(rows):
    data = _management(len(rows))
    for index, row in enumerate(rows):
        data.update({f"tasks-{index}-{name}": value for name, value in row.items()})
    return data


def _entry(cast, rows=({"content": ""},), button="record_only", **directive):
    received = timezone.localdate() - timedelta(days=3)
    return {
        "assigning_unit": cast.province.pk,
        "number_symbol": "1196/UBND-TH",
        "issuer": "Văn phòng Chính phủ",
        "issued_on": f"{received:%d/%m/%Y}",
        "received_on": f"{received:%d/%m/%Y}",
        "summary": "V/v triển khai Nghị quyết của Chính phủ",
        "channel": "eoffice",
        button: "1",
        **_rows(rows),
        **directive,
    }


def _waiting(client):
    """The directives on the home page's received-not-assigned list."""
    sections = client.get(reverse("home")).context["sections"]
    return [item for s in sections if s.need == Need.DIRECTIVE_TO_ASSIGN for item in s.items]


@pytest.fixture
def second_desk(cast):
    """Another desk of the provincial office: not the one who recorded the directive."""
    return person(Role.OFFICE_DESK, cast.province, username="vp_kinhte")


@pytest.fixture
def received(cast):
    """A directive the provincial office received three days ago and has not assigned."""
    day = timezone.localdate() - timedelta(days=3)
    return register_directive(
        by=cast.desk,
        on_behalf_of=cast.province,
        number_symbol="25/NQ-CP",
        issuer="Chính phủ",
        issued_on=day,
        received_on=day,
        summary="Nghị quyết về nhiệm vụ, giải pháp chủ yếu",
        channel=SourceChannel.EOFFICE,
    )


def test_seed_003_art_6_1_b_recorded_without_tasks_it_waits_on_every_desk_of_its_office(
    cast, client, second_desk
):
    client.force_login(cast.desk)
    response = client.post(reverse("directive_add"), _entry(cast))
    directive = Directive.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "directive_detail", args=[directive.pk]
    )
    assert directive.receiving_unit == cast.province and not directive.tasks.exists()
    page = client.get(response["Location"]).content.decode()
    assert "Đã ghi nhận văn bản. Văn phòng giao nhiệm vụ sau." in page
    assert f'href="{reverse("directive_assign", args=[directive.pk])}"' in page
    client.force_login(second_desk)
    assert _waiting(client) == [directive]


def test_the_save_button_with_every_task_row_left_empty_records_the_directive_alone(cast, client):
    client.force_login(cast.desk)
    response = client.post(reverse("directive_add"), _entry(cast, rows=[{"content": ""}] * 2, button="save"))
    assert response.status_code == 302 and Directive.objects.count() == 1 and not Task.objects.exists()


def test_recording_only_while_task_rows_are_filled_in_loses_nothing(cast, client):
    client.force_login(cast.desk)
    rows = [{"content": "Rà soát hồ sơ", "lead_unit": "KT.SNN"}]
    response = client.post(reverse("directive_add"), _entry(cast, rows=rows))
    assert response.status_code == 200 and not Directive.objects.exists()
    assert "Đã có dòng nhiệm vụ: chọn “Lưu văn bản và giao nhiệm vụ”" in response.content.decode()
    assert response.context["formset"].forms[0]["content"].value() == "Rà soát hồ sơ"


def test_a_directive_recorded_without_tasks_needs_its_receipt_date_the_deadline_counts_from(cast, client):
    client.force_login(cast.desk)
    response = client.post(reverse("directive_add"), _entry(cast, received_on=""))
    assert response.status_code == 200 and not Directive.objects.exists()
    assert response.context["form"].errors["received_on"] == [
        "Nhập ngày nhận: hạn giao nhiệm vụ của văn bản tính từ ngày nhận."
    ]


def test_seed_003_art_6_1_b_another_desk_assigns_the_tasks_later_and_it_leaves_the_list(
    cast, client, second_desk, received
):
    client.force_login(second_desk)
    assert _waiting(client) == [received]
    url = reverse("directive_assign", args=[received.pk])
    page = client.get(url).content.decode()
    assert 'id="assigning-unit">UBND tỉnh Kon Tum<' in page  # its receiving unit: no choice to make
    assert reverse("directive_task_row") in page and reverse("directive_due_date") in page  # the entry's rows
    rows = [
        {"content": "Rà soát quy hoạch", "lead_unit": "KT.SNN", "working_days": "5", "is_key": "on"},
        {"content": "Báo cáo kết quả", "lead_unit": "ubnd huyen dak ha", "coordinating_units": "KT.STC"},
    ]
    response = client.post(url, _rows(rows) | {"save": "1"})
    assert response.status_code == 302 and response["Location"] == reverse(
        "directive_detail", args=[received.pk]
    )
    first, second = received.tasks.order_by("pk")
    today = timezone.localdate()
    assert (first.lead_unit, first.assigning_unit, first.assigned_on, first.is_key) == (
        cast.agriculture_department,
        cast.province,
        today,
        True,
    )
    assert first.due_on is not None and first.due_on > today
    assert (second.lead_unit, list(second.coordinating_units.all())) == (
        cast.district,
        [cast.finance_department],
    )
    assert "Đã giao 2 nhiệm vụ." in client.get(response["Location"]).content.decode()
    assert _waiting(client) == []
    client.force_login(cast.desk)
    assert _waiting(client) == []


def test_a_pasted_list_and_a_new_row_on_the_assign_page_save_nothing_yet(cast, client, received):
    client.force_login(cast.desk)
    url = reverse("directive_assign", args=[received.pk])
    data = _rows([{"content": ""}]) | {"paste": "1. Rà soát\n2. Báo cáo", "split": "1"}
    response = client.post(url, data)
    assert [row["content"].value() for row in response.context["formset"]] == ["Rà soát", "Báo cáo"]
    response = client.post(url, _rows([{"content": "Rà soát"}]) | {"add_row": "1"})
    assert len(response.context["formset"].forms) == 2
    assert not Task.objects.exists() and "invalid-feedback" not in response.content.decode()


def test_one_bad_row_assigns_no_task_and_says_why_in_vietnamese(cast, client, received):
    client.force_login(cast.desk)
    yesterday = timezone.localdate() - timedelta(days=1)
    rows = [
        {"content": "Nhiệm vụ đúng", "lead_unit": "KT.SNN"},
        {"content": "Hạn trước ngày giao", "lead_unit": "KT.STP", "due_on": f"{yesterday:%d/%m/%Y}"},
        {"content": "Đơn vị không có", "lead_unit": "Sở không có"},
    ]
    url = reverse("directive_assign", args=[received.pk])
    response = client.post(url, _rows(rows) | {"save": "1"})
    page = response.content.decode()
    assert response.status_code == 200 and not Task.objects.exists()
    assert "Không tìm thấy đơn vị “Sở không có”." in page
    response = client.post(url, _rows(rows[:2]) | {"save": "1"})
    assert not Task.objects.exists()
    assert "Hạn xử lý không được trước ngày giao." in response.content.decode()
    response = client.post(url, _rows([{"content": ""}]) | {"save": "1"})
    assert "Nhập ít nhất một nhiệm vụ để giao." in response.content.decode() and not Task.objects.exists()
    response = client.post(url, {"save": "1", "tasks-TOTAL_FORMS": "x"})
    assert response.status_code == 200 and response.context["formset"].non_form_errors()


def test_a_lead_unit_outside_the_assigning_unit_is_an_error_on_that_row(cast, client, received):
    """A department assigns to itself and its sub-units only (tracking.permissions.can_assign_from);
    the focal officer of the Sở NN sees the directive through its task and assigns from the Sở."""
    make_task(
        directive=received,
        lead_unit=cast.agriculture_department,
        assigning_unit=cast.province,
        assigned_on=received.received_on,
    )
    client.force_login(cast.focal_officer)
    url = reverse("directive_assign", args=[received.pk])
    form = client.get(url).context["form"]
    assert list(form.fields["assigning_unit"].queryset) == [cast.agriculture_department]
    rows = [
        {"content": "Kiểm tra rừng", "lead_unit": "KT.SNN.CCKL"},
        {"content": "Góp ý", "lead_unit": "KT.STP"},
    ]
    data = _rows(rows) | {"save": "1", "assigning_unit": cast.agriculture_department.pk}
    response = client.post(url, data)
    assert response.context["formset"].forms[1].errors["lead_unit"] == [
        "Sở Nông nghiệp và Phát triển nông thôn chỉ giao nhiệm vụ cho chính đơn vị và các đơn vị trực thuộc."
    ]
    assert received.tasks.count() == 1  # neither row
    response = client.post(url, data | {"assigning_unit": cast.province.pk})  # not one of theirs
    assert "assigning_unit" in response.context["form"].errors and received.tasks.count() == 1
    response = client.post(
        url, _rows(rows[:1]) | {"save": "1", "assigning_unit": cast.agriculture_department.pk}
    )
    assert response.status_code == 302
    assert received.tasks.get(lead_unit=cast.forestry).assigning_unit == cast.agriculture_department


def test_who_may_see_but_not_assign_is_refused_and_another_province_finds_nothing(cast, client, received):
    client.force_login(cast.viewer)  # sees what the province received, assigns nothing
    assert client.get(reverse("directive_detail", args=[received.pk])).status_code == 200
    assert (
        reverse("directive_assign", args=[received.pk])
        not in client.get(reverse("directive_detail", args=[received.pk])).content.decode()
    )
    url = reverse("directive_assign", args=[received.pk])
    assert client.get(url).status_code == 403
    rows = _rows([{"content": "Nhiệm vụ", "lead_unit": "KT.SNN"}]) | {"save": "1"}
    assert client.post(url, rows).status_code == 403
    other_province = UnitFactory(name="UBND tỉnh Quảng Ngãi", short_name="UBND tỉnh", code="QN")
    client.force_login(person(Role.OFFICE_DESK, other_province, username="vp_quangngai"))
    assert client.get(url).status_code == 404 and client.post(url, rows).status_code == 404
    assert client.get(reverse("directive_assign", args=[received.pk + 1000])).status_code == 404
    assert not Task.objects.exists()


def test_the_service_assigns_nothing_on_a_directive_its_caller_may_not_see(cast, received):
    other_province = UnitFactory(name="UBND tỉnh Quảng Ngãi", short_name="UBND tỉnh", code="QN")
    outsider = person(Role.OFFICE_DESK, other_province, username="vp_quangngai")
    row = TaskRow(content="Nhiệm vụ", lead_unit=other_province)
    with pytest.raises(PermissionDenied):
        assign_directive_tasks(
            by=outsider, at=timezone.now(), directive=received, assigning_unit=other_province, tasks=[row]
        )
    assert not Task.objects.exists()


def test_an_officer_of_another_province_is_not_a_choice_of_any_row(cast, client, received):
    other_province = UnitFactory(name="UBND tỉnh Quảng Ngãi", short_name="UBND tỉnh", code="QN")
    stranger = person(Role.OFFICE_DESK, other_province, username="vp_quangngai")
    client.force_login(cast.desk)
    rows = [
        {"content": "Nhiệm vụ", "lead_unit": "KT.SNN", "tracking_officer": stranger.pk, "field": "999999"}
    ]
    response = client.post(reverse("directive_assign", args=[received.pk]), _rows(rows) | {"save": "1"})
    errors = response.context["formset"].forms[0].errors
    assert (
        set(errors) == {"tracking_officer", "field"} and "Hãy chọn một lựa chọn hợp lệ" in errors["field"][0]
    )
    assert not Task.objects.exists()


def _queries(client, url, data):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data)
    assert response.status_code == 200  # shown again, with the rows' errors
    return len(queries)


@pytest.mark.parametrize("page", ["directive_add", "directive_assign"])
def test_the_task_rows_read_their_choices_once_not_once_a_row(cast, client, received, page):
    """Each row's officer and field are validated and shown from one read of each list: a form
    of 20 rows costs what a form of 2 costs."""
    client.force_login(cast.desk)
    url = reverse(page, args=[received.pk]) if page == "directive_assign" else reverse(page)

    def data(count):  # each row chooses an officer and a field and lacks its lead unit
        row = {"content": "Nhiệm vụ", "tracking_officer": cast.desk.pk, "field": cast.agriculture.pk}
        return _entry(cast, rows=[row] * count, button="save")

    two, twenty = _queries(client, url, data(2)), _queries(client, url, data(20))
    assert two == twenty
    assert not Task.objects.exists()


def test_the_assign_page_speaks_english_to_whoever_chose_it(cast, client, received, settings):
    client.force_login(cast.desk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("directive_assign", args=[received.pk])).content.decode()
    assert "Assign the tasks of directive 25/NQ-CP" in page and "Add a task row" in page
    page = client.get(reverse("directive_add")).content.decode()
    assert "Record the directive, assign its tasks later" in page
