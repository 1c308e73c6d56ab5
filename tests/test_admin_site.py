"""The Django admin is for system administrators only, and answers bad filters with a
message (issue 12, findings 2 and 10)."""

from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from nhiemvu.accounts.choices import Role
from nhiemvu.adminsite import AdminSite
from nhiemvu.tracking.models import Task
from tests.factories import DirectiveFactory, UnitFactory, make_task, person

pytestmark = pytest.mark.django_db

INVALID_FILTER = "Giá trị lọc không hợp lệ"


@pytest.fixture
def task(province, department):
    return make_task(lead_unit=department, assigning_unit=province, assigned_on=date(2018, 5, 15))


@pytest.fixture
def staff_unit_leader(department):
    """A unit leader given the staff flag and every view permission (the probe's set-up)."""
    leader = person(Role.UNIT_LEADER, department, username="giamdoc_so", is_staff=True)
    leader.user_permissions.set(Permission.objects.filter(codename__startswith="view_"))
    return leader


def test_admin_site_is_ours():
    from django.contrib import admin

    assert isinstance(admin.site, AdminSite)
    assert admin.site.is_registered(Task)


@pytest.mark.parametrize(
    "url_name, args",
    [
        ("admin:index", []),
        ("admin:tracking_task_changelist", []),
        ("admin:directives_directive_changelist", []),
        ("admin:units_unit_changelist", []),
    ],
)
def test_a_staff_unit_leader_with_every_view_permission_gets_the_admin_login(
    client, staff_unit_leader, task, url_name, args
):
    client.force_login(staff_unit_leader)
    response = client.get(reverse(url_name, args=args))
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))


def test_a_staff_unit_leader_gets_no_task_change_page(client, staff_unit_leader, task):
    client.force_login(staff_unit_leader)
    response = client.get(reverse("admin:tracking_task_change", args=[task.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))
    assert task.content not in response.content.decode()


def test_a_staff_unit_leader_gets_no_autocomplete(client, staff_unit_leader, department):
    client.force_login(staff_unit_leader)
    query = {"app_label": "directives", "model_name": "directive", "field_name": "issuer_unit", "term": "Sở"}
    response = client.get(reverse("admin:autocomplete"), query)
    assert response.status_code in {302, 403}
    assert department.name not in response.content.decode()


def test_signing_in_to_the_admin_as_a_staff_unit_leader_leads_back_to_its_login(
    client, staff_unit_leader, task
):
    response = client.post(
        reverse("admin:login"),
        {"username": "giamdoc_so", "password": "matkhau-thu-nghiem", "next": reverse("admin:index")},
        follow=True,
    )
    assert response.wsgi_request.path == reverse("admin:login")
    assert task.content not in response.content.decode()


@pytest.mark.parametrize("who", ["superuser", "admin_role"])
def test_system_administrators_use_the_admin(client, who, task):
    if who == "superuser":
        user = person(username="root", is_staff=True, is_superuser=True)
    else:
        user = person(Role.ADMIN, None, username="quantri_he_thong", is_staff=True)
        user.user_permissions.set(Permission.objects.filter(codename="view_task"))
    client.force_login(user)
    response = client.get(reverse("admin:tracking_task_changelist"))
    assert response.status_code == 200 and task.content in response.content.decode()


HOSTILE_DATE_HIERARCHY = [
    {"{f}__year": "0"},
    {"{f}__year": "9999999999"},
    {"{f}__year": "9999", "{f}__month": "12"},
    {"{f}__year": "9999"},
    {"{f}__year": "-1"},
    {"{f}__year": "abc"},
    {"{f}__year": "2018", "{f}__month": "13"},
    {"{f}__year": "2018", "{f}__month": "2", "{f}__day": "30"},
    {"{f}__year": "2018", "{f}__month": "99999999999999999999"},
]
# Accepted as they are: full-width digits are digits to Python (year 12, nothing found), and
# SQLite compares an id beyond 64 bits without complaint.
HARMLESS = [{"{f}__year": "１２"}, {"id__exact": "99999999999999999999999"}]
HOSTILE_FILTERS = [
    {"{f}__gte": "not-a-date"},
    {"{f}__lt": "0000-00-00"},
    {"{f}__exact": "99999-01-01"},
    {"id__in": "1,x"},
    {"no_such_field": "1"},
]
DATE_HIERARCHY_CHANGELISTS = [
    ("admin:directives_directive_changelist", "issued_on"),
    ("admin:tracking_task_changelist", "assigned_on"),
    ("admin:workdays_dayoverride_changelist", "date"),
]


@pytest.fixture
def superuser_client(client):
    client.force_login(person(username="root", is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("url_name, field", DATE_HIERARCHY_CHANGELISTS)
@pytest.mark.parametrize("hostile", HOSTILE_DATE_HIERARCHY + HOSTILE_FILTERS, ids=str)
def test_a_bad_filter_value_gets_a_vietnamese_message_not_a_500(
    superuser_client, task, url_name, field, hostile
):
    DirectiveFactory(issued_on=date(2018, 6, 1))
    query = {key.format(f=field): value for key, value in hostile.items()}
    response = superuser_client.get(reverse(url_name), query, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert INVALID_FILTER in page
    assert response.redirect_chain == [(reverse(url_name), 302)]  # the list without the filter


@pytest.mark.parametrize("url_name, field", DATE_HIERARCHY_CHANGELISTS)
@pytest.mark.parametrize("harmless", HARMLESS, ids=str)
def test_odd_but_usable_filter_values_list_what_matches(superuser_client, task, url_name, field, harmless):
    query = {key.format(f=field): value for key, value in harmless.items()}
    response = superuser_client.get(reverse(url_name), query)
    assert response.status_code == 200 and INVALID_FILTER not in response.content.decode()


@pytest.mark.parametrize(
    "url_name",
    ["admin:units_unit_changelist", "admin:accounts_user_changelist", "admin:units_field_changelist"],
)
@pytest.mark.parametrize(
    "hostile", [{"id__exact": "x"}, {"kind__exact": "\x00"}, {"is_staff__exact": "2"}], ids=str
)
def test_bad_filter_values_on_other_changelists_get_no_500(superuser_client, province, url_name, hostile):
    UnitFactory(parent=province)
    response = superuser_client.get(reverse(url_name), hostile, follow=True)
    assert response.status_code == 200
