"""The register of directives: who sees which directive (tracking.permissions.task_scope
decides on the tasks), its filters, and its search without diacritics."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nhiemvu.accounts.choices import Role
from nhiemvu.directives.register import register
from nhiemvu.directives.services import visible_directives
from nhiemvu.tracking import services
from nhiemvu.units.choices import UnitKind
from tests.factories import DirectiveFactory, UnitFactory, make_task, moment, person

pytestmark = pytest.mark.django_db

DAY = date(2026, 3, 2)


def _task_for(cast, unit, **directive_fields):
    directive = DirectiveFactory(issued_on=DAY, **directive_fields)
    make_task(lead_unit=unit, assigning_unit=cast.province, assigned_on=DAY, directive=directive)
    return directive


def test_a_unit_sees_the_directives_of_its_tasks_and_those_it_issued_and_no_other(cast):
    own_task = _task_for(cast, cast.agriculture_department)
    others_task = _task_for(cast, cast.justice_department)
    issued = DirectiveFactory(issuer_unit=cast.forestry, issued_on=DAY)  # a sub-unit of Sở NN
    seen = set(visible_directives(cast.focal_officer))
    assert own_task in seen and issued in seen
    assert others_task not in seen
    assert set(visible_directives(cast.other_officer)) == {others_task}


def test_the_office_sees_what_its_province_assigned_and_the_admin_everything(cast):
    assigned = _task_for(cast, cast.justice_department)
    stray = DirectiveFactory(issued_on=DAY)  # no task, nobody's unit: only the admin
    assert assigned in visible_directives(cast.desk)
    assert stray not in visible_directives(cast.desk)
    assert set(visible_directives(cast.admin)) >= {assigned, stray}


def test_a_unit_sees_what_its_office_received_before_any_task_and_another_province_does_not(cast, client):
    received = DirectiveFactory(issued_on=DAY, received_on=DAY, receiving_unit=cast.agriculture_department)
    neighbour = UnitFactory(name="UBND tỉnh Gia Lai", kind=UnitKind.PROVINCE, code="GL")
    neighbour_desk = person(Role.OFFICE_DESK, neighbour, username="vp_gialai")
    assert received in visible_directives(cast.focal_officer)  # the Sở NN received it
    assert received in visible_directives(cast.desk)  # the province follows the Sở NN
    assert received not in visible_directives(cast.other_officer)
    assert received not in visible_directives(neighbour_desk)
    client.force_login(neighbour_desk)
    assert client.get(reverse("directive_detail", args=[received.pk])).status_code == 404
    client.force_login(cast.focal_officer)
    page = client.get(reverse("directive_detail", args=[received.pk])).content.decode()
    assert "Sở Nông nghiệp và Phát triển nông thôn" in page  # its receiving unit
    assert (
        "Hạn phân loại, giao nhiệm vụ" in page and "03/03/2026" in page
    )  # 1 working day, seed 003 art. 6.1.b


def test_a_leader_limited_to_a_field_sees_only_that_fields_directives_once_assigned(cast):
    farming = DirectiveFactory(issued_on=DAY)
    make_task(
        lead_unit=cast.agriculture_department,
        assigning_unit=cast.province,
        assigned_on=DAY,
        directive=farming,
        field=cast.agriculture,
    )
    justice = DirectiveFactory(issued_on=DAY)
    make_task(
        lead_unit=cast.justice_department,
        assigning_unit=cast.province,
        assigned_on=DAY,
        directive=justice,
        field=cast.justice,
    )
    assert set(visible_directives(cast.leader)) == {farming}
    received = DirectiveFactory(issued_on=DAY, received_on=DAY, receiving_unit=cast.province)
    assert received in visible_directives(cast.leader)  # the province's, not yet assigned
    make_task(
        lead_unit=cast.justice_department,
        assigning_unit=cast.province,
        assigned_on=DAY,
        directive=received,
        field=cast.justice,
    )
    assert received not in visible_directives(cast.leader)  # now its tasks decide


def test_the_search_ignores_diacritics_and_case_in_number_summary_and_issuer(cast):
    letter = _task_for(cast, cast.justice_department, number_symbol="1196/UBND-TH", summary="Về việc đôn đốc")
    other = _task_for(cast, cast.justice_department, number_symbol="270/QĐ-UBND", summary="Quy định tạm thời")
    assert list(register(cast.desk, {"q": "don doc"})) == [letter]
    assert list(register(cast.desk, {"q": "ĐÔN ĐỐC"})) == [letter]
    assert list(register(cast.desk, {"q": "qd-ubnd"})) == [other]
    assert set(register(cast.desk, {"q": "ubnd tinh kon tum"})) == {letter, other}  # the issuer


def test_the_filters_on_type_dates_and_open_tasks(cast):
    early = _task_for(
        cast, cast.justice_department, number_symbol="10/KH-UBND", doc_type="KH", received_on=date(2026, 3, 3)
    )
    late = DirectiveFactory(issued_on=date(2026, 6, 1), number_symbol="11/UBND-TH")
    task = make_task(
        lead_unit=cast.justice_department,
        assigning_unit=cast.province,
        assigned_on=date(2026, 6, 1),
        directive=late,
    )
    services.cancel(task, by=None, at=moment(date(2026, 6, 2)), reason="Không còn cần thiết")
    assert list(register(cast.desk, {"doc_type": "KH"})) == [early]
    assert list(register(cast.desk, {"issued_from": date(2026, 4, 1)})) == [late]
    assert list(
        register(cast.desk, {"received_from": date(2026, 3, 3), "received_to": date(2026, 3, 3)})
    ) == [early]
    assert list(register(cast.desk, {"open_tasks": "open"})) == [early]
    assert list(register(cast.desk, {"open_tasks": "none_open"})) == [late]
    counted = register(cast.desk).get(pk=early.pk)
    assert (counted.task_count, counted.open_count) == (1, 1)


def test_the_register_page_paginates_with_a_bounded_number_of_queries(
    cast, client, django_assert_max_num_queries
):
    for number in range(30):
        _task_for(cast, cast.justice_department, number_symbol=f"{number + 1}/UBND-TH", summary="Đôn đốc")
    client.force_login(cast.desk)
    with django_assert_max_num_queries(10):  # 7 are the session, the user and their roles
        response = client.get(reverse("directive_list"), {"q": "don doc", "page": 2})
    assert response.status_code == 200
    page = response.context["page"]
    assert (page.paginator.count, len(page.object_list), page.number) == (30, 5, 2)
    assert "q=don+doc&amp;page=1" in response.content.decode()  # the filter stays in the page links


def test_a_bad_date_in_the_filters_is_a_message_not_an_error(cast, client):
    client.force_login(cast.desk)
    response = client.get(reverse("directive_list"), {"issued_from": "32/13/2026"})
    assert response.status_code == 200
    assert response.context["form"].errors["issued_from"]


def test_a_directive_page_is_a_404_to_a_user_who_may_not_see_it(cast, client):
    directive = _task_for(cast, cast.agriculture_department)
    client.force_login(cast.other_officer)
    assert client.get(reverse("directive_detail", args=[directive.pk])).status_code == 404
    client.force_login(cast.focal_officer)
    response = client.get(reverse("directive_detail", args=[directive.pk]))
    assert response.status_code == 200
    assert "Chưa hoàn thành, trễ hạn" not in response.content.decode()


def test_the_directive_page_reads_the_same_number_of_queries_for_2_or_6_tasks(cast, client):
    client.force_login(cast.desk)
    counts = []
    for tasks in (2, 6):
        directive = DirectiveFactory(issued_on=DAY, received_on=DAY)
        for number in range(tasks):
            task = make_task(
                lead_unit=cast.justice_department,
                assigning_unit=cast.province,
                assigned_on=DAY,
                directive=directive,
                content=f"Nhiệm vụ {number}",
            )
            task.coordinating_units.add(cast.finance_department)
        client.get(reverse("directive_detail", args=[directive.pk]))  # the per-process caches warm up
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("directive_detail", args=[directive.pk])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
