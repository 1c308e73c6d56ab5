import copy
import itertools

import pytest
from hypothesis import settings as hypothesis_settings

# Generated-data tests: bounded, and no wall-clock deadline (a loaded CI machine is not a
# failure). A test's own @settings still wins.
hypothesis_settings.register_profile("nhiemvu", max_examples=40, deadline=None)
hypothesis_settings.load_profile("nhiemvu")


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hasher():
    """For the whole session, before any setUpTestData: hashing each test user's password
    with PBKDF2's 1M rounds would cost half a second per user."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _no_cached_counts():
    """The dashboard and the home page cache their counts keyed on ids and times, and the
    permissions the role assignments keyed on the directory's stamp, which a rolled-back test's
    successor may reuse: every test starts from empty caches."""
    from nhiemvu.accounts.permissions import forget_role_assignments
    from nhiemvu.web import counts

    counts.forget_counts()
    forget_role_assignments()


@pytest.fixture(scope="session")
def _media_folders(tmp_path_factory):
    """A folder per test under one folder of the session, named by a counter."""
    root = tmp_path_factory.mktemp("media")
    return (root / str(number) for number in itertools.count())


@pytest.fixture(autouse=True)
def _isolated_files(settings, _media_folders):
    """Uploaded files in a per-test folder, made only when a file is stored there (the
    storage makes it): tmp_path made and removed a folder for each of 2,000 tests, ~5 ms each."""
    settings.MEDIA_ROOT = next(_media_folders)


@pytest.fixture(scope="module")
def _module_cast(django_db_setup, django_db_blocker):
    """tests.cast built once per module, in a transaction rolled back after the module."""
    from tests.cast import build_cast, built_for_the_module

    yield from built_for_the_module(build_cast, django_db_blocker)


@pytest.fixture
def cast(_module_cast, db):
    """The shared cast of units and users (tests/cast.py); each test gets its own copies,
    and its changes are rolled back with the test's savepoint."""
    return copy.deepcopy(_module_cast)


# The units most tests need, as the seeds name them: the shared cast's. A test module that
# needs others defines its own fixture of the same name, which pytest prefers.


@pytest.fixture
def province(cast):
    """The provincial People's Committee of the seeds (cast.province, code KT)."""
    return cast.province


@pytest.fixture
def department(cast):
    """A department of the province: the seeds' Department of Agriculture (cast.agriculture_department)."""
    return cast.agriculture_department
