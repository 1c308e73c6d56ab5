"""Lock-out after repeated failed logins (django-axes), on the site's login and the admin's."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")
ADMIN_LOGIN = reverse("admin:login")
PASSWORD = "hoa sen nở giữa đầm lầy"
LOCKED_MESSAGE = "Đăng nhập tạm thời bị khóa vì đã nhập sai 5 lần"


@pytest.fixture
def officer():
    return UserFactory(username="vanphong", password=PASSWORD)


def attempt(client, username="vanphong", password="sai-mat-khau", *, path=LOGIN, address="10.0.0.1"):
    return client.post(path, {"username": username, "password": password}, REMOTE_ADDR=address)


def signs_in(response) -> bool:
    return response.status_code == 302 and "_auth_user_id" in response.client.session


def test_four_failures_then_the_right_password_signs_in(client, officer):
    for _ in range(4):
        assert attempt(client).status_code == 200
    assert signs_in(attempt(client, password=PASSWORD))


def test_the_fifth_failure_locks_and_the_sixth_attempt_is_refused_even_with_the_right_password(
    client, officer
):
    for _ in range(4):
        attempt(client)
    fifth = attempt(client)
    assert fifth.status_code == 429
    assert LOCKED_MESSAGE in fifth.content.decode()
    assert "30 phút" in fifth.content.decode()
    sixth = attempt(client, password=PASSWORD)
    assert sixth.status_code == 429
    assert "_auth_user_id" not in client.session


def test_five_failures_for_one_username_lock_it_from_every_address(client, officer):
    for number in range(5):
        attempt(client, address=f"10.0.1.{number}")
    assert attempt(client, password=PASSWORD, address="10.0.2.1").status_code == 429


def test_five_failures_from_one_address_lock_that_address_for_every_username(client, officer):
    for number in range(5):
        attempt(client, username=f"doan{number}")
    assert attempt(client, password=PASSWORD).status_code == 429
    assert signs_in(attempt(client, password=PASSWORD, address="10.0.0.2"))  # elsewhere, the user may


def test_the_admin_login_locks_out_the_same_way_with_the_same_vietnamese_page(client, officer):
    officer.is_staff = True
    officer.save()
    for _ in range(4):
        assert attempt(client, path=ADMIN_LOGIN).status_code == 200
    fifth = attempt(client, path=ADMIN_LOGIN)
    assert fifth.status_code == 429
    assert LOCKED_MESSAGE in fifth.content.decode()
    assert attempt(client, password=PASSWORD).status_code == 429  # and the site's login with it


def _age_failures(minutes: int) -> None:
    """As if the failures had happened `minutes` ago."""
    for failure in AccessAttempt.objects.all():
        AccessAttempt.objects.filter(pk=failure.pk).update(
            attempt_time=failure.attempt_time - timedelta(minutes=minutes)
        )


def test_the_lock_holds_29_minutes_after_the_last_failure(client, officer):
    for _ in range(5):
        attempt(client)
    _age_failures(29)
    assert attempt(client, password=PASSWORD).status_code == 429


def test_the_lock_lifts_after_the_30_minute_cool_off(client, officer):
    for _ in range(5):
        attempt(client)
    _age_failures(31)
    assert signs_in(attempt(client, password=PASSWORD))


def test_an_administrator_unlocks_by_deleting_the_failed_attempts_in_the_admin(client, officer):
    for _ in range(5):
        attempt(client)
    admin_client = type(client)()
    admin_client.force_login(UserFactory(username="quantri", is_staff=True, is_superuser=True))
    changelist = reverse("admin:axes_accessattempt_changelist")
    listing = admin_client.get(changelist).content.decode()
    assert "Số lần đăng nhập sai" in listing  # axes ships no Vietnamese: nhiemvu/locale/vi does
    assert "vanphong" in listing
    selected = list(AccessAttempt.objects.values_list("pk", flat=True))
    answer = admin_client.post(
        changelist, {"action": "delete_selected", "_selected_action": selected, "post": "yes"}
    )
    assert answer.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert signs_in(attempt(client, password=PASSWORD))


def test_a_successful_login_resets_the_count(client, officer):
    for _ in range(4):
        attempt(client)
    assert signs_in(attempt(client, password=PASSWORD))
    client.logout()
    assert attempt(client).status_code == 200
    assert signs_in(attempt(client, password=PASSWORD))


def test_attempts_refused_during_the_lock_do_not_extend_it(client, officer):
    for _ in range(5):
        attempt(client)
    _age_failures(20)
    assert attempt(client, password=PASSWORD).status_code == 429
    _age_failures(11)
    assert signs_in(attempt(client, password=PASSWORD))
