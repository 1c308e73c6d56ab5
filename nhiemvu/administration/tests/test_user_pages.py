"""Users and roles in the app (issue 13, administration), through accounts.services, for
administrators only; what they change is in the audit trail."""

import pytest
from django.core import mail
from django.urls import reverse

from nhiemvu.accounts.choices import Role
from nhiemvu.accounts.models import RoleAssignment, User
from nhiemvu.audit.choices import EventKind
from nhiemvu.audit.models import SecurityEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, cast):
    client.force_login(cast.admin)
    return client


def test_only_administrators_reach_the_user_pages(client, cast):
    client.force_login(cast.desk)
    for url in (
        reverse("administration:user_list"),
        reverse("administration:user_create"),
        reverse("administration:user_detail", args=[cast.specialist.pk]),
    ):
        assert client.get(url).status_code == 403
    response = client.post(
        reverse("administration:role_add", args=[cast.specialist.pk]), {"role": Role.ADMIN}
    )
    assert response.status_code == 403
    assert not cast.specialist.roles.filter(role=Role.ADMIN).exists()


def test_the_list_finds_users_by_name_in_bounded_queries(admin_client, cast, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):  # the session and the administrator's roles; one page of users
        page = admin_client.get(reverse("administration:user_list"), {"q": "daumoi"}).content.decode()
    assert "daumoi_snn" in page and "daumoi_stp" in page and "vp_tonghop" not in page


def test_a_user_without_e_mail_gets_a_password_shown_once(admin_client):
    response = admin_client.post(
        reverse("administration:user_create"), {"username": "nguyenvanb", "full_name": "Nguyễn Văn B"}
    )
    user = User.objects.get(username="nguyenvanb")
    page = response.content.decode()
    assert response.status_code == 200 and 'id="new-password"' in page
    password = page.split('<code class="fs-5">')[1].split("</code>")[0]
    assert user.check_password(password) and user.get_full_name() == "Nguyễn Văn B"
    assert (
        "new-password"
        not in admin_client.get(reverse("administration:user_detail", args=[user.pk])).content.decode()
    )


def test_a_user_with_e_mail_is_sent_the_password_link(admin_client):
    admin_client.post(
        reverse("administration:user_create"),
        {"username": "tranthic", "full_name": "Trần Thị C", "email": "c@kontum.example"},
    )
    [message] = mail.outbox
    assert message.to == ["c@kontum.example"] and "/dat-mat-khau/" in message.body
    assert not User.objects.get(username="tranthic").has_usable_password()


def test_a_taken_username_or_bad_e_mail_is_refused_and_nothing_is_created(admin_client, cast):
    taken = admin_client.post(
        reverse("administration:user_create"), {"username": "vp_tonghop", "full_name": "X"}
    )
    assert taken.status_code == 200 and "Tên đăng nhập đã được sử dụng" in taken.content.decode()
    bad = admin_client.post(
        reverse("administration:user_create"),
        {"username": "moi", "full_name": "Y", "email": "khong-phai-email"},
    )
    assert "Nhập địa chỉ email." in bad.content.decode()
    assert not User.objects.filter(username="moi").exists()


def test_a_role_is_given_in_a_unit_found_by_its_code_and_taken_back(admin_client, cast):
    user = cast.specialist
    url = reverse("administration:role_add", args=[user.pk])
    response = admin_client.post(url, {"role": Role.FOCAL_OFFICER, "unit": "KT.STP"})
    assert response.status_code == 302
    assignment = user.roles.get(role=Role.FOCAL_OFFICER)
    assert assignment.unit == cast.justice_department
    assert SecurityEvent.objects.filter(kind=EventKind.ROLE_ADDED, subject_user=user).exists()
    admin_client.post(reverse("administration:role_remove", args=[user.pk, assignment.pk]))
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
    assert SecurityEvent.objects.filter(kind=EventKind.ROLE_REMOVED, subject_user=user).exists()


def test_a_role_needs_a_unit_and_an_unknown_unit_is_named(admin_client, cast):
    url = reverse("administration:role_add", args=[cast.specialist.pk])
    without = admin_client.post(url, {"role": Role.LEADER})
    assert without.status_code == 400 and "Vai trò này cần một đơn vị." in without.content.decode()
    unknown = admin_client.post(url, {"role": Role.LEADER, "unit": "KHONG-CO"})
    assert unknown.status_code == 400
    assert cast.specialist.roles.count() == 1


def test_a_role_of_another_user_is_not_removed_through_this_users_page(admin_client, cast):
    other_role = cast.desk.roles.get()
    response = admin_client.post(
        reverse("administration:role_remove", args=[cast.specialist.pk, other_role.pk])
    )
    assert response.status_code == 404
    assert RoleAssignment.objects.filter(pk=other_role.pk).exists()


def test_the_list_pages_by_50_and_keeps_the_search(admin_client, cast):
    for number in range(55):
        User.objects.create(username=f"canbo{number:02d}", first_name="Cán bộ")
    first = admin_client.get(reverse("administration:user_list"), {"q": "canbo"}).content.decode()
    assert "canbo49" in first and "canbo50" not in first and "?q=canbo&amp;page=2" in first
    second = admin_client.get(
        reverse("administration:user_list"), {"q": "canbo", "page": "2"}
    ).content.decode()
    assert "canbo54" in second and "daumoi_snn" not in second
