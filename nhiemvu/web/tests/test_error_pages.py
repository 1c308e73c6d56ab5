"""The error pages are ours: Vietnamese, in the site's layout, for every URL of the app."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from nhiemvu.accounts.choices import Role
from tests.factories import UserFactory, person

pytestmark = pytest.mark.django_db

LAYOUT = 'class="navbar-brand fw-semibold"'
DJANGO_ENGLISH = ["Not Found", "Forbidden", "CSRF verification failed", "Server Error", "Bad Request"]
# What a converter in a route is filled with to get a concrete address.
SAMPLE_VALUES = {"int": "1", "path": "mau/thu", "slug": "mau-thu", "str": "mau-thu", "uuid": "0" * 32}


def concrete_paths(patterns=None, prefix="/"):
    """Every route of the app with its converters filled in. Regex routes (the admin's app
    index and catch-all) are left to the unknown-path checks, which reach them anyway."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if not isinstance(entry.pattern, RoutePattern):
            continue
        route = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE_VALUES[m.group(1) or "str"], str(entry.pattern))
        if isinstance(entry, URLResolver):
            yield from concrete_paths(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern):
            yield prefix + route


def assert_ours_in_vietnamese(response, status: int, heading: str):
    page = response.content.decode()
    assert response.status_code == status
    assert heading in page
    assert LAYOUT in page
    assert '<html lang="vi">' in page
    assert not [english for english in DJANGO_ENGLISH if english in page]


def test_the_app_has_the_routes_this_check_walks():
    paths = set(concrete_paths())
    assert {"/", "/dang-nhap/", "/dang-xuat/", "/i18n/setlang/", "/admin/login/"} <= paths
    assert len(paths) > 50  # the admin's pages too


def test_every_url_refuses_a_post_without_csrf_token_with_our_vietnamese_page():
    client = Client(enforce_csrf_checks=True)
    for path in sorted(concrete_paths()):
        response = client.post(path, {"username": "vanphong", "password": "x"}, HTTP_ACCEPT_LANGUAGE="en")
        assert_ours_in_vietnamese(response, 403, "Phiên làm việc đã hết hạn")


def test_an_unknown_address_below_every_url_answers_our_vietnamese_404():
    client = Client()
    client.force_login(UserFactory(username="quantri", is_staff=True, is_superuser=True))
    answered_404_below = set()
    for path in sorted(concrete_paths()):
        response = client.get(f"{path.rstrip('/')}/khong-co-trang-nay/", HTTP_ACCEPT_LANGUAGE="en")
        if response.status_code == 302:
            # The admin reads the extra segment as an object id and sends a missing object back
            # to its list with a (Vietnamese) message.
            assert response.url.startswith("/admin/")
            continue
        assert_ours_in_vietnamese(response, 404, "Không tìm thấy trang")
        answered_404_below.add(path.split("/")[1])
    assert answered_404_below >= {"", "dang-nhap", "dang-xuat", "i18n", "admin"}


def test_an_unknown_address_answers_our_vietnamese_404_to_a_visitor(client):
    assert_ours_in_vietnamese(client.get("/khong-co-trang-nay/"), 404, "Không tìm thấy trang")


@pytest.mark.urls("nhiemvu.web.tests.urls_with_errors")
def test_a_failing_view_answers_our_vietnamese_500_without_a_request_context():
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory())
    assert_ours_in_vietnamese(client.get("/loi-thu/"), 500, "Hệ thống gặp lỗi")


@pytest.mark.urls("nhiemvu.web.tests.urls_with_errors")
def test_a_suspicious_request_answers_our_vietnamese_400():
    client = Client(raise_request_exception=False)
    assert_ours_in_vietnamese(client.get("/yeu-cau-sai/"), 400, "Yêu cầu không hợp lệ")


def test_a_forbidden_admin_page_answers_our_vietnamese_403():
    client = Client()
    # A system administrator (the only kind of user the admin lets in) without the model
    # permission to add users.
    client.force_login(person(Role.ADMIN, None, is_staff=True))
    assert_ours_in_vietnamese(client.get("/admin/accounts/user/add/"), 403, "Không có quyền truy cập")
