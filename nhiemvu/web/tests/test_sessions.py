"""Sessions end after SESSION_IDLE_HOURS (8) without a request, and with the browser window
unless "Ghi nhớ đăng nhập" was ticked."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from nhiemvu.accounts.choices import Role
from tests.factories import person

pytestmark = pytest.mark.django_db

PASSWORD = "hoa sen nở giữa đầm lầy"
HOME = reverse("home")


@pytest.fixture
def officer(province):
    return person(Role.OFFICE_DESK, province, username="vanphong", password=PASSWORD)


@pytest.fixture
def clock(monkeypatch):
    """The time as the session store reads it (`django.utils.timezone.now`), moved by hand."""
    real_now = timezone.now
    offset = {"by": timedelta(0)}
    monkeypatch.setattr(timezone, "now", lambda: real_now() + offset["by"])

    def advance(**delta):
        offset["by"] += timedelta(**delta)

    return advance


def sign_in(client, **extra):
    response = client.post(reverse("login"), {"username": "vanphong", "password": PASSWORD, **extra})
    assert response.status_code == 302
    return response


def test_the_idle_limit_is_8_hours_by_default():
    assert settings.SESSION_COOKIE_AGE == 8 * 3600


def test_a_session_idle_for_7_hours_59_is_still_open_and_each_request_restarts_the_count(
    client, officer, clock
):
    sign_in(client)
    clock(hours=7, minutes=59)
    assert client.get(HOME).status_code == 200
    clock(hours=7, minutes=59)
    assert client.get(HOME).status_code == 200


def test_a_session_idle_for_8_hours_1_minute_has_ended(client, officer, clock):
    sign_in(client)
    clock(hours=8, minutes=1)
    response = client.get(HOME)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_without_remember_me_the_cookie_ends_with_the_browser(client, officer, clock):
    cookie = sign_in(client).cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == ""
    assert cookie["expires"] == ""
    clock(minutes=6)
    assert client.get(HOME).cookies[settings.SESSION_COOKIE_NAME]["max-age"] == ""


def test_with_remember_me_the_cookie_outlives_the_browser_for_the_idle_limit(client, officer, clock):
    cookie = sign_in(client, remember_me="on").cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == 8 * 3600
    clock(minutes=6)
    assert client.get(HOME).cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 8 * 3600


def test_a_page_view_writes_the_session_only_when_its_last_save_is_5_minutes_old(client, officer, clock):
    """Not one write of the session per page view (SESSION_SAVE_EVERY_REQUEST): on SQLite each
    would take the database's write lock."""
    sign_in(client)  # saves it
    clock(minutes=4)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(HOME)
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert not [q for q in queries if "django_session" in q["sql"] and not q["sql"].startswith("SELECT")]
    clock(minutes=2)
    assert settings.SESSION_COOKIE_NAME in client.get(HOME).cookies


def test_a_request_within_5_minutes_of_the_last_save_leaves_the_end_where_it_was(client, officer, clock):
    """So a session ends up to 5 minutes before 8 idle hours, never after."""
    sign_in(client)  # saved: the session ends 8 hours from now
    clock(minutes=4)
    client.get(HOME)  # not saved
    clock(hours=7, minutes=55)
    assert client.get(HOME).status_code == 200  # 7 h 59 after the save
    clock(hours=7, minutes=59)
    client.get(HOME)
    clock(minutes=4)
    client.get(HOME)
    clock(hours=7, minutes=57)
    assert client.get(HOME).status_code == 302  # 8 h 1 after the save, 7 h 57 idle


def test_remember_me_does_not_lift_the_idle_limit(client, officer, clock):
    sign_in(client, remember_me="on")
    clock(hours=8, minutes=1)
    assert client.get(HOME).status_code == 302


def test_the_login_page_offers_remember_me(client):
    assert "Ghi nhớ đăng nhập" in client.get(reverse("login")).content.decode()


def test_an_htmx_request_after_the_session_ended_opens_the_sign_in_page_whole(client):
    """Not the sign-in form swapped into the part of the page being updated; signed in again,
    the user comes back to the page they were on, not to the address htmx posted to."""
    page = "http://testserver/nhiem-vu/7/"
    response = client.post("/nhiem-vu/7/accept/", headers={"HX-Request": "true", "HX-Current-URL": page})
    assert response.status_code == 200
    assert response["HX-Redirect"] == f"{reverse('login')}?next=/nhiem-vu/7/"


def test_a_plain_request_after_the_session_ended_is_redirected_as_usual(client):
    response = client.get(reverse("tracking:task_list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
