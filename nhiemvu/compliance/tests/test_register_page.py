"""`/quan-tri/tuan-thu/`: the office fills the compliance register in the web (seed 000
appendix 03), each unit's line in place with htmx or by a plain POST; errors in place (400),
refusal 403, a unit the user does not keep 404."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from nhiemvu.compliance.models import RegisterLine, SentReport

pytestmark = pytest.mark.django_db

REGISTER = reverse("compliance:register")
HTMX = {"HTTP_HX_REQUEST": "true"}


def this_year() -> int:
    return timezone.localdate().year


def line_url(unit) -> str:
    return reverse("compliance:unit_line", args=[this_year(), unit.pk])


def sent_url(unit) -> str:
    return reverse("compliance:sent_report", args=[this_year(), unit.pk])


def test_the_register_lists_the_units_the_office_keeps(client, cast):
    client.force_login(cast.desk)
    response = client.get(REGISTER)
    content = response.content.decode()
    assert response.status_code == 200
    assert f'id="line-{cast.justice_department.pk}"' in content
    assert line_url(cast.justice_department) in content
    for unit in (cast.justice_department, cast.district):  # each line's fields have ids of their own
        assert (
            f'id="id_dong-remarks_{unit.pk}"' in content and f'id="id_bao_cao-sent_on_{unit.pk}"' in content
        )


def test_picking_a_unit_opens_its_line_and_an_unknown_one_is_said(client, cast):
    client.force_login(cast.desk)
    response = client.get(REGISTER, {"don_vi": cast.forestry.code})
    assert response.status_code == 302 and response.url == line_url(cast.forestry)
    response = client.get(REGISTER, {"don_vi": "KHONG-CO"})
    assert response.status_code == 400
    assert "Đơn vị không có trong danh sách bạn theo dõi" in response.content.decode()


def test_htmx_saves_the_line_and_answers_it_in_place(client, cast):
    client.force_login(cast.desk)
    response = client.post(
        line_url(cast.justice_department),
        {
            "dong-regulation_issued": "on",
            "dong-regulation_number": "45/QĐ-STP",
            "dong-regulation_issued_on": "05/03/2020",
            "dong-remarks": "Chất lượng báo cáo tốt",
        },
        **HTMX,
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert content.lstrip().startswith("<li") and "Đã lưu dòng của đơn vị." in content
    line = RegisterLine.objects.get()
    assert (line.regulation_number, line.regulation_issued_on, line.recorded_by) == (
        "45/QĐ-STP",
        date(2020, 3, 5),
        cast.desk,
    )


def test_htmx_errors_come_back_in_place_with_400_and_nothing_saved(client, cast):
    client.force_login(cast.desk)
    response = client.post(
        sent_url(cast.justice_department), {"bao_cao-report": "year", "bao_cao-sent_on": "2020-13-45"}, **HTMX
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert content.lstrip().startswith("<li") and 'class="text-danger small"' in content
    future = timezone.localdate().replace(year=this_year() + 1).strftime("%d/%m/%Y")
    response = client.post(
        sent_url(cast.justice_department), {"bao_cao-report": "year", "bao_cao-sent_on": future}, **HTMX
    )
    assert response.status_code == 400
    assert "không ghi ngày trong tương lai" in response.content.decode()
    assert not SentReport.objects.exists()


def test_a_plain_post_records_the_report_and_goes_back_to_the_register(client, cast):
    client.force_login(cast.admin)
    today = timezone.localdate().strftime("%d/%m/%Y")
    response = client.post(
        sent_url(cast.district),
        {"bao_cao-report": "year", "bao_cao-sent_on": today, "bao_cao-number_symbol": "12/BC-UBND"},
    )
    assert response.status_code == 302
    assert response.url == f"{REGISTER}?nam={this_year()}#line-{cast.district.pk}"
    assert SentReport.objects.get().recorded_by == cast.admin
    response = client.post(line_url(cast.district), {"dong-regulation_number": "12/QĐ-UBND"})
    assert response.status_code == 400  # a number without the regulation: the whole page, the error on it
    assert "<html" in response.content.decode() and "chưa ban hành quy chế" in response.content.decode()


@pytest.mark.parametrize(
    "persona", ["leader", "unit_leader", "focal_officer", "specialist", "inspection", "viewer"]
)
def test_who_keeps_no_units_line_is_refused_403(client, cast, persona):
    client.force_login(getattr(cast, persona))
    assert client.get(REGISTER).status_code == 403
    assert (
        client.post(line_url(cast.agriculture_department), {"dong-remarks": "x"}, **HTMX).status_code == 403
    )
    assert not RegisterLine.objects.exists()


def test_a_unit_outside_the_office_desks_own_is_not_found(client, cast):
    from nhiemvu.accounts.choices import Role
    from tests.factories import person

    client.force_login(person(Role.OFFICE_DESK, cast.agriculture_department, username="vp_snn"))
    assert client.get(line_url(cast.forestry)).status_code == 200
    assert client.post(sent_url(cast.justice_department), {"bao_cao-report": "year"}).status_code == 404
    assert client.get(reverse("compliance:unit_line", args=[1999, cast.forestry.pk])).status_code == 404


def test_the_register_reads_a_page_of_lines_in_the_same_queries_however_many_units(client, cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import UnitFactory

    client.force_login(cast.desk)
    client.get(REGISTER)  # the session and the user's roles warm up
    with CaptureQueriesContext(connection) as few:
        client.get(REGISTER)
    for number in range(5):
        UnitFactory(name=f"Sở thứ {number}", parent=cast.province, code=f"KT.S{number}")
    with CaptureQueriesContext(connection) as more:
        content = client.get(REGISTER).content.decode()
    assert "Sở thứ 4" in content
    assert len(more) == len(few)
