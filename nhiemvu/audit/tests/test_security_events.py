"""The security audit (TCVN 11930:2017 level 3): logins, lock-outs, role and account changes,
whatever the door, in a trail that an administrator reads and nobody rewrites."""

import pytest
from django.forms import MultiWidget
from django.test import Client
from django.urls import reverse

from nhiemvu.accounts.choices import Role
from nhiemvu.accounts.models import RoleAssignment
from nhiemvu.audit.choices import EventKind
from nhiemvu.audit.models import AppendOnlyError, SecurityEvent
from nhiemvu.audit.services import record
from nhiemvu.units.choices import UnitKind
from tests.factories import FieldFactory, UnitFactory, UserFactory, with_role

pytestmark = pytest.mark.django_db

PASSWORD = "hoa sen nở giữa đầm lầy"
BROWSER = "Mozilla/5.0 (thu nghiem)"


# Units of its own, not the shared cast: this module counts what is recorded from an empty
# database (and, for the write lock, commits).
@pytest.fixture
def province():
    return UnitFactory(name="UBND tỉnh Kon Tum", kind=UnitKind.PROVINCE)


@pytest.fixture
def department(province):
    return UnitFactory(name="Sở Nông nghiệp và Phát triển nông thôn", parent=province)


@pytest.fixture
def officer():
    return UserFactory(username="vanphong", password=PASSWORD)


@pytest.fixture
def superuser():
    return UserFactory(username="quantri", is_staff=True, is_superuser=True)


def events(kind):
    return list(SecurityEvent.objects.filter(kind=kind).order_by("id"))


def post_login(client, password, path=None, username="vanphong"):
    return client.post(
        path or reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR="10.1.2.3",
        HTTP_USER_AGENT=BROWSER,
    )


def test_a_login_is_recorded_with_who_where_and_which_browser(client, officer):
    post_login(client, PASSWORD)
    [event] = events(EventKind.LOGIN_SUCCEEDED)
    assert (event.actor, event.subject_user, event.ip_address, event.user_agent) == (
        officer,
        officer,
        "10.1.2.3",
        BROWSER,
    )


def test_a_failed_login_is_recorded_by_username_without_the_password(client, officer):
    post_login(client, "sai-mat-khau")
    [event] = events(EventKind.LOGIN_FAILED)
    assert event.actor is None
    assert event.subject == "vanphong"
    assert "sai-mat-khau" not in str(event.details)


def test_the_admins_login_is_recorded_too(client, superuser):
    superuser.set_password(PASSWORD)
    superuser.save()
    post_login(client, PASSWORD, path=reverse("admin:login"), username="quantri")
    assert [event.actor for event in events(EventKind.LOGIN_SUCCEEDED)] == [superuser]


def test_the_fifth_failure_records_a_lock_out(client, officer):
    for _ in range(4):
        post_login(client, "sai-mat-khau")
    assert events(EventKind.LOCKED_OUT) == []
    post_login(client, "sai-mat-khau")
    [event] = events(EventKind.LOCKED_OUT)
    assert event.subject == "vanphong"
    assert event.details == {"username": "vanphong", "ip_address": "10.1.2.3"}


def test_a_logout_is_recorded(client, officer):
    post_login(client, PASSWORD)
    client.post(reverse("logout"))
    assert [event.actor for event in events(EventKind.LOGGED_OUT)] == [officer]


def test_a_role_given_in_code_is_recorded_without_an_actor(officer, province):
    with_role(officer, Role.UNIT_LEADER, province)
    [event] = events(EventKind.ROLE_ADDED)
    assert event.actor is None
    assert event.subject_user == officer
    assert event.details == {"role": Role.UNIT_LEADER, "unit": str(province)}


def test_changing_a_roles_unit_and_its_fields_is_recorded(officer, province, department):
    with_role(officer, Role.UNIT_LEADER, province)
    assignment = RoleAssignment.objects.get()
    assignment.unit = department
    assignment.save()
    assignment.fields.add(FieldFactory(name="Nông nghiệp"))
    unit_change, fields_change = events(EventKind.ROLE_CHANGED)
    assert unit_change.details == {"unit": [str(province), str(department)]}
    assert fields_change.details == {"fields": ["Nông nghiệp"]}


def test_saving_a_role_unchanged_records_nothing(officer, province):
    with_role(officer, Role.UNIT_LEADER, province)
    RoleAssignment.objects.get().save()
    assert events(EventKind.ROLE_CHANGED) == []


def test_removing_a_role_is_recorded(officer, province):
    with_role(officer, Role.UNIT_LEADER, province)
    RoleAssignment.objects.get().delete()
    [event] = events(EventKind.ROLE_REMOVED)
    assert (event.subject_user, event.details["role"]) == (officer, Role.UNIT_LEADER)


def test_deleting_a_user_records_his_roles_removed_and_keeps_the_trail(officer, province):
    with_role(officer, Role.UNIT_LEADER, province)
    officer.delete()
    [event] = events(EventKind.ROLE_REMOVED)
    assert (event.subject_user, event.subject) == (None, "vanphong")
    assert SecurityEvent.objects.filter(
        kind=EventKind.ROLE_ADDED, subject="vanphong", subject_user=None
    ).exists()


def test_making_a_user_superuser_is_recorded_with_before_and_after(officer):
    officer.is_staff = officer.is_superuser = True
    officer.save()
    [event] = events(EventKind.USER_FLAGS_CHANGED)
    assert event.details == {"is_staff": [False, True], "is_superuser": [False, True]}


def test_a_new_superuser_is_recorded_and_a_plain_new_user_is_not():
    UserFactory(username="thuong")
    assert events(EventKind.USER_FLAGS_CHANGED) == []
    UserFactory(username="quantri2", is_staff=True, is_superuser=True)
    [event] = events(EventKind.USER_FLAGS_CHANGED)
    assert event.subject == "quantri2"


def test_a_password_change_is_recorded_and_a_login_is_not(client, officer):
    post_login(client, PASSWORD)
    assert events(EventKind.PASSWORD_CHANGED) == []
    officer.set_password("một câu khác cũng dài")
    officer.save()
    [event] = events(EventKind.PASSWORD_CHANGED)
    assert event.subject_user == officer


def _change_form_data(response) -> dict:
    """What the admin's change page would post back unchanged: its form and inline formsets."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data |= {management.add_prefix(name): value for name, value in management.initial.items()}
        forms += list(inline.formset.forms)
    for form in forms:
        for name, field in form.fields.items():
            value = form[name].value()
            if value is None or value is False or field.disabled:
                continue
            if isinstance(field.widget, MultiWidget):  # date and time of date_joined, last_login
                parts = zip(field.widget.widgets, field.widget.decompress(value), strict=True)
                data |= {f"{form.add_prefix(name)}_{n}": w.format_value(v) for n, (w, v) in enumerate(parts)}
                continue
            data[form.add_prefix(name)] = [str(item) for item in value] if isinstance(value, list) else value
    return data


def test_the_admin_door_records_the_acting_administrator_and_his_address(superuser, officer, province):
    with_role(officer, Role.UNIT_LEADER, province)
    client = Client(REMOTE_ADDR="10.9.9.9")
    client.force_login(superuser)
    change = reverse("admin:accounts_user_change", args=[officer.pk])
    data = _change_form_data(client.get(change))
    data["is_staff"] = "on"
    data["roles-0-role"] = Role.OFFICE_DESK
    response = client.post(change, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    [flags] = [event for event in events(EventKind.USER_FLAGS_CHANGED) if event.subject_user == officer]
    [role] = events(EventKind.ROLE_CHANGED)
    assert (flags.actor, flags.ip_address, flags.details) == (
        superuser,
        "10.9.9.9",
        {"is_staff": [False, True]},
    )
    assert (role.actor, role.details) == (superuser, {"role": [Role.UNIT_LEADER, Role.OFFICE_DESK]})


def test_an_export_of_personal_data_is_recorded_through_the_service(superuser):
    event = record(
        EventKind.PERSONAL_DATA_EXPORTED, actor=superuser, subject="export-users", details={"rows": 3}
    )
    assert (event.actor_username, event.subject, event.details, event.ip_address) == (
        "quantri",
        "export-users",
        {"rows": 3},
        None,
    )


def test_the_address_behind_a_proxy_is_read_only_when_proxies_are_declared(client, officer, settings):
    headers = {"HTTP_X_FORWARDED_FOR": "203.0.113.7, 10.0.0.5", "REMOTE_ADDR": "10.0.0.1"}
    client.post(reverse("login"), {"username": "vanphong", "password": "x"}, **headers)
    settings.PROXY_COUNT = 1
    client.post(reverse("login"), {"username": "vanphong", "password": "x"}, **headers)
    assert [event.ip_address for event in events(EventKind.LOGIN_FAILED)] == ["10.0.0.1", "10.0.0.5"]


def test_the_trail_is_never_updated_nor_deleted(officer):
    event = record(EventKind.LOGIN_FAILED, actor=None, subject="x")
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        SecurityEvent.objects.update(subject="y")
    with pytest.raises(AppendOnlyError):
        SecurityEvent.objects.all().delete()


def test_an_administrator_reads_the_trail_in_the_admin_and_cannot_change_it(superuser, officer):
    event = record(EventKind.LOGIN_FAILED, actor=None, subject="vanphong")
    client = Client()
    client.force_login(superuser)
    listing = client.get(reverse("admin:audit_securityevent_changelist"))
    assert listing.status_code == 200
    assert "Đăng nhập thất bại" in listing.content.decode()
    assert client.get(reverse("admin:audit_securityevent_change", args=[event.pk])).status_code == 200
    assert client.get(reverse("admin:audit_securityevent_add")).status_code == 403
    assert (
        client.post(reverse("admin:audit_securityevent_delete", args=[event.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert (
        client.post(
            reverse("admin:audit_securityevent_change", args=[event.pk]), {"subject": "y"}
        ).status_code
        == 403
    )
    assert SecurityEvent.objects.get(pk=event.pk).subject == "vanphong"


def test_a_unit_is_not_a_user_subject(superuser):
    unit = UnitFactory(name="Sở Tài chính")
    event = record(EventKind.PERSONAL_DATA_EXPORTED, actor=superuser, subject=unit)
    assert (event.subject_user, event.subject) == (None, str(unit))
