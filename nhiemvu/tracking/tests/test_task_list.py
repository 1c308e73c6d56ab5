"""The task list (issue 13): what the user may see and nothing else, filtered by one FilterSet
that the page, its htmx fragment and the .xlsx export share. The tests over one shared history
(timeliness classes counted as the report counts them, as-of moments) are in
test_task_list_history.py."""

import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from nhiemvu.tracking import services
from nhiemvu.tracking.permissions import sees_every_task_led_within
from nhiemvu.tracking.tests.listing import LIST, listed
from nhiemvu.units.models import Unit
from tests.factories import DirectiveFactory, UnitFactory, make_task, moment

pytestmark = pytest.mark.django_db


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


def test_a_directive_the_user_may_not_see_is_refused_like_one_that_does_not_exist(client, cast):
    hidden = make_task(
        lead_unit=cast.justice_department, assigning_unit=cast.province, assigned_on=date(2025, 3, 3)
    ).directive
    client.force_login(cast.focal_officer)
    response = client.get(LIST, {"directive": hidden.pk})
    assert response.status_code == 400
    assert "Giá trị không có trong danh sách" in response.content.decode()


def test_a_moment_in_the_future_is_refused(client, cast):
    client.force_login(cast.desk)
    later = timezone.localtime() + timedelta(days=2)
    response = client.get(LIST, {"as_of": f"{later:%d/%m/%Y %H:%M}"})
    assert response.status_code == 400
    assert "không được sau thời điểm hiện tại" in response.content.decode()


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


def test_each_scope_gets_its_own_filter_form_in_one_process(client, cast):
    """The filter form's class is built once per scope and language (tracking.filters): the
    administrator's, which accepts any unit, must not serve the desk, whose scope stops at
    its province, nor the focal officer, whose own department is all it may pick."""
    outside = UnitFactory(name="Sở Ngoại vụ tỉnh khác", code="KHAC.SNGV")
    client.force_login(cast.admin)
    assert client.get(LIST, {"unit": outside.pk}).status_code == 200
    client.force_login(cast.desk)
    assert client.get(LIST, {"unit": outside.pk}).status_code == 400
    assert client.get(LIST, {"unit": cast.justice_department.pk}).status_code == 200
    client.force_login(cast.focal_officer)
    assert client.get(LIST, {"unit": cast.justice_department.pk}).status_code == 400
    assert client.get(LIST, {"unit": cast.agriculture_department.pk}).status_code == 200


def test_a_unit_with_its_sub_units_lists_its_subtrees_tasks_and_the_roots_lists_all(client, cast):
    day = date(2026, 3, 2)
    inside = make_task(lead_unit=cast.agriculture_department, assigning_unit=cast.province, assigned_on=day)
    elsewhere = make_task(lead_unit=cast.province, assigning_unit=cast.province, assigned_on=day)
    subtree = listed(client, cast.admin, unit=cast.agriculture_department.pk, subunits="1")
    assert inside.pk in subtree and elsewhere.pk not in subtree
    (root,) = Unit.objects.filter(parent__isnull=True)
    everything = listed(client, cast.admin)
    assert sorted(listed(client, cast.admin, unit=root.pk, subunits="1")) == sorted(everything)
    assert {inside.pk, elsewhere.pk} <= set(everything)


def test_a_unit_filter_within_the_users_sight_lists_what_the_scope_lists(client, cast):
    """A list narrowed to lead units the user sees wholly is read without the scope
    (permissions.sees_every_task_led_within): the same tasks as through the scope; the
    field-limited leader, whose scope keeps agriculture only, still gets the scope."""
    day = date(2026, 3, 2)
    agriculture = make_task(
        lead_unit=cast.agriculture_department,
        assigning_unit=cast.province,
        assigned_on=day,
        field=cast.agriculture,
    )
    justice = make_task(
        lead_unit=cast.forestry, assigning_unit=cast.province, assigned_on=day, field=cast.justice
    )
    assert sees_every_task_led_within(cast.desk, cast.province)
    assert sees_every_task_led_within(cast.focal_officer, cast.forestry)
    assert not sees_every_task_led_within(cast.focal_officer, cast.province)
    assert not sees_every_task_led_within(cast.leader, cast.agriculture_department)
    assert not sees_every_task_led_within(cast.other_officer, cast.forestry)
    for user, unit, expected in [
        (cast.desk, cast.province, {agriculture.pk, justice.pk}),
        (cast.focal_officer, cast.agriculture_department, {agriculture.pk, justice.pk}),
        (cast.leader, cast.agriculture_department, {agriculture.pk}),
    ]:
        assert set(listed(client, user, unit=unit.pk, subunits="1")) == expected, user
    assert set(listed(client, cast.focal_officer, unit=cast.forestry.pk)) == {justice.pk}
