"""Vietnamese first, whatever the browser asks for; English only when the user chooses it."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")


def test_a_browser_asking_for_english_gets_vietnamese(client):
    page = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="vi">' in page
    assert "Tên đăng nhập" in page


def test_after_choosing_english_the_pages_are_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": LOGIN})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert '<html lang="en">' in page
    assert "Sign in" in page


def test_choosing_vietnamese_again_brings_vietnamese_back(client):
    client.post(reverse("set_language"), {"language": "en", "next": LOGIN})
    client.post(reverse("set_language"), {"language": "vi", "next": LOGIN})
    assert '<html lang="vi">' in client.get(LOGIN).content.decode()


def test_a_language_cookie_naming_an_unknown_language_gives_vietnamese(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert '<html lang="vi">' in client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="fr").content.decode()


def test_the_login_page_offers_the_language_switch(client):
    page = client.get(LOGIN).content.decode()
    assert f'action="{reverse("set_language")}"' in page
    assert "English" in page


def test_a_page_in_english_leaves_the_next_message_of_the_same_thread_in_vietnamese(client, settings):
    from django.utils.translation import gettext

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.get(reverse("login"))
    assert gettext("Đăng nhập") == "Đăng nhập"
