"""Signing in and out."""

import pytest
from django.urls import reverse

from nhiemvu.accounts.choices import Role
from tests.factories import UserFactory, with_role

pytestmark = pytest.mark.django_db


def test_the_login_page_is_in_vietnamese(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "Đăng nhập" in response.content.decode()
    assert "web/login.html" in [t.name for t in response.templates]


def test_signing_in_leads_to_my_work_and_signing_out_is_a_post(client, province):
    with_role(UserFactory(username="vanphong"), Role.OFFICE_DESK, province)
    response = client.post(reverse("login"), {"username": "vanphong", "password": "matkhau-thu-nghiem"})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("home")).status_code == 302
