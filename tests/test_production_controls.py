"""Production controls from the environment (issue 12, findings 6 and 13): a clean
`check --deploy`, CSP, Permissions-Policy, no-store, private files, a busy database."""

import re
import runpy
import sqlite3
import stat
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from nhiemvu.accounts.choices import Role
from nhiemvu.private_files import make_private
from nhiemvu.units.choices import UnitKind
from tests.factories import UnitFactory, person

SETTINGS_FILE = Path(__file__).resolve().parents[1] / "nhiemvu" / "settings.py"
# What `check --deploy` reads, taken from a settings module loaded under the README's variables.
DEPLOY_SETTINGS = [
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "MIDDLEWARE",
]


# Units of its own, not the shared cast: this module counts what is recorded from an empty
# database (and, for the write lock, commits).
@pytest.fixture
def province():
    return UnitFactory(name="UBND tỉnh Kon Tum", kind=UnitKind.PROVINCE)


@pytest.fixture
def department(province):
    return UnitFactory(name="Sở Nông nghiệp và Phát triển nông thôn", parent=province)


def production_settings(monkeypatch, tmp_path) -> dict:
    """The settings module as the README's production variables make it."""
    key_file = tmp_path / "secret"
    key_file.write_text("k3y-" + "x7Q!pL9#" * 8, encoding="utf-8")
    # DJANGO_ALLOW_ASYNC_UNSAFE: set by the browser journeys when they share the process.
    for name in (
        "DEBUG",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECRET_KEY",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", "postgres://nhiemvu:secret@db:5432/nhiemvu")
    monkeypatch.setenv("REDIS_URL", "redis://redis:6379/0")
    monkeypatch.setenv("SECRET_KEY_FILE", str(key_file))
    monkeypatch.setenv("ALLOWED_HOSTS", "nhiemvu.example.gov.vn")
    monkeypatch.setenv("SECURE_COOKIES", "true")
    monkeypatch.setenv("NHIEMVU_DATA_DIR", str(tmp_path / "data"))
    return runpy.run_path(str(SETTINGS_FILE))


def test_check_deploy_is_clean_with_the_readmes_production_variables(monkeypatch, tmp_path):
    loaded = production_settings(monkeypatch, tmp_path)
    with override_settings(**{name: loaded[name] for name in DEPLOY_SETTINGS if name in loaded}):
        # fail_level WARNING: any warning (W004 HSTS, W008 SSL redirect …) raises SystemCheckError.
        call_command("check", "--deploy", fail_level="WARNING")
    assert loaded["SECURE_HSTS_SECONDS"] >= 31536000 and loaded["SECURE_SSL_REDIRECT"]


def test_behind_a_proxy_the_forwarded_scheme_is_trusted_only_when_asked(monkeypatch, tmp_path):
    assert "SECURE_PROXY_SSL_HEADER" not in production_settings(monkeypatch, tmp_path)
    monkeypatch.setenv("SECURE_PROXY_SSL_HEADER", "true")
    loaded = runpy.run_path(str(SETTINGS_FILE))
    assert loaded["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")


@pytest.mark.django_db
def test_pages_carry_a_self_only_csp_and_a_permissions_policy(client, province):
    client.force_login(person(Role.OFFICE_DESK, province))
    response = client.get(reverse("home"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "frame-ancestors 'none'" in csp
    policy = response["Permissions-Policy"]
    assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy


def test_our_templates_hold_no_inline_script_style_or_handler():
    """What a 'self'-only CSP would block: <script> without src, <style>, style="…", on…="…"."""
    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", re.IGNORECASE)
    # E-mail bodies are not pages: no CSP applies to them, and mail readers honour inline
    # styles only (reminders/templates/reminders/email/).
    templates = [p for p in (SETTINGS_FILE.parent).rglob("templates/**/*.html") if "email" not in p.parts]
    assert templates
    found = {str(p): inline.findall(p.read_text(encoding="utf-8")) for p in templates}
    assert {path: hits for path, hits in found.items() if hits} == {}


@pytest.mark.django_db
def test_pages_for_a_signed_in_user_are_not_stored(client, province):
    client.force_login(person(Role.OFFICE_DESK, province))
    for url in (reverse("home"), reverse("secret_entry_list")):
        assert "no-store" in client.get(url)["Cache-Control"]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_data_dir_is_0700_and_the_database_file_0600(tmp_path, monkeypatch):
    monkeypatch.setattr("os.umask", lambda *_: 0)  # whatever the process's umask
    data_dir, database = tmp_path / "data", tmp_path / "data" / "nhiemvu.sqlite3"
    make_private(data_dir, database)
    sqlite3.connect(database).execute("PRAGMA journal_mode=WAL").close()
    assert mode(data_dir) == 0o700 and mode(database) == 0o600


def test_an_existing_open_data_dir_is_narrowed(tmp_path):
    data_dir, database = tmp_path / "data", tmp_path / "data" / "nhiemvu.sqlite3"
    data_dir.mkdir(mode=0o755)
    database.write_bytes(b"")
    database.chmod(0o644)
    make_private(data_dir, database)
    assert mode(data_dir) == 0o700 and mode(database) == 0o600


def test_the_configured_data_dir_is_private(settings):
    assert mode(Path(settings.DATA_DIR)) == 0o700
    assert settings.FILE_UPLOAD_PERMISSIONS == 0o600 and settings.FILE_UPLOAD_DIRECTORY_PERMISSIONS == 0o700


# SQLite under concurrent writes (finding 6)


def test_sqlite_waits_for_a_lock_before_giving_up(settings):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    assert settings.DATABASES["default"]["OPTIONS"]["timeout"] >= 20


@contextmanager
def database_lock_held(tmp_path):
    """The test database copied to a file whose write lock another connection holds; the
    in-memory test database (gone once its last connection closes) is kept aside meanwhile,
    and requests wait 0.2 s for the lock instead of 20."""
    path = tmp_path / "nhiemvu.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(path) as copy:
        connection.connection.backup(copy)
    kept, saved = connection.connection, dict(connection.settings_dict)
    connection.connection = None
    connection.settings_dict["NAME"] = str(path)
    connection.settings_dict["OPTIONS"] = {**saved["OPTIONS"], "timeout": 0.2}
    holder = sqlite3.connect(path, timeout=0.1)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        holder.rollback()
        holder.close()
        connection.close()
        connection.settings_dict.update(saved)
        connection.connection = kept


@pytest.mark.django_db(transaction=True)
def test_a_write_lock_held_elsewhere_gets_a_vietnamese_503_not_a_500(client, province, tmp_path):
    """Another process (an import) holds the write lock beyond the busy timeout, while a
    user signs in (which writes the session)."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: PostgreSQL takes row locks")
    person(Role.OFFICE_DESK, province, username="vp_tonghop")
    with database_lock_held(tmp_path):
        response = client.post(reverse("login"), {"username": "vp_tonghop", "password": "matkhau-thu-nghiem"})
    assert response.status_code == 503 and response["Retry-After"]
    page = response.content.decode()
    assert "Hệ thống đang bận" in page and "thử lại" in page and "navbar" in page  # the site's layout
