"""Every signed-in user changes their own password (issue 13), under the project's password
rules (accounts.passwords), with the change recorded in the audit log."""

import pytest
from django.urls import reverse

from nhiemvu.audit.choices import EventKind
from nhiemvu.audit.models import SecurityEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OLD = "hoa sen nở giữa đầm lầy"
NEW = "một câu khác cũng đủ dài"
CHANGE = reverse("password_change")


@pytest.fixture
def officer(client):
    user = UserFactory(username="vanphong", password=OLD)
    client.post(reverse("login"), {"username": "vanphong", "password": OLD})
    return user


def change(client, old, new, again=None):
    return client.post(
        CHANGE, {"old_password": old, "new_password1": new, "new_password2": new if again is None else again}
    )


def test_the_user_menu_offers_the_change_and_it_needs_a_signed_in_user(client, officer):
    assert f'href="{CHANGE}"' in client.get(reverse("home")).content.decode()
    client.post(reverse("logout"))
    response = client.get(CHANGE)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={CHANGE}"


def test_the_page_is_in_vietnamese_with_the_password_rules(client, officer):
    page = client.get(CHANGE).content.decode()
    assert "Mật khẩu cũ" in page
    assert "Xác nhận mật khẩu mới" in page
    assert "12 ký tự" in page


def test_the_page_is_in_english_when_the_user_chose_english(client, officer):
    client.post(reverse("set_language"), {"language": "en", "next": CHANGE})
    page = client.get(CHANGE).content.decode()
    assert "Old password" in page
    assert "Change password" in page


def test_changing_with_the_old_password_keeps_the_session_and_is_recorded(client, officer):
    response = change(client, OLD, NEW)
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")
    assert "Đã đổi mật khẩu" in client.get(response["Location"]).content.decode()
    assert client.get(reverse("home")).status_code == 200  # still signed in
    officer.refresh_from_db()
    assert officer.check_password(NEW)
    [event] = SecurityEvent.objects.filter(kind=EventKind.PASSWORD_CHANGED)
    assert (event.actor, event.subject_user) == (officer, officer)


@pytest.mark.parametrize(
    ("old", "new", "again", "message"),
    [
        ("sai mật khẩu cũ rồi", NEW, None, "Mật khẩu cũ không chính xác."),
        (OLD, "ngắn quá", None, "Mật khẩu quá ngắn: cần ít nhất 12 ký tự."),
        (OLD, NEW, "một câu khác hẳn nữa", "Hai trường mật khẩu không giống nhau."),
    ],
)
def test_a_refused_change_says_why_in_vietnamese_and_changes_nothing(
    client, officer, old, new, again, message
):
    response = change(client, old, new, again)
    assert response.status_code == 200
    assert message in response.content.decode()
    officer.refresh_from_db()
    assert officer.check_password(OLD)
    assert not SecurityEvent.objects.filter(kind=EventKind.PASSWORD_CHANGED).exists()
    assert client.get(reverse("home")).status_code == 200
