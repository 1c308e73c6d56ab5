import copy

import pytest
from django.db import transaction
from hypothesis import settings as hypothesis_settings

# Generated-data tests: bounded, and no wall-clock deadline (a loaded CI machine is not a
# failure). A test's own @settings still wins.
hypothesis_settings.register_profile("nhiemvu", max_examples=40, deadline=None)
hypothesis_settings.load_profile("nhiemvu")


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    """A fast password hasher; files and huey's queue in a per-test folder."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="module")
def _module_cast(django_db_setup, django_db_blocker):
    """tests.cast built once per module, in a transaction rolled back after the module."""
    from tests.cast import build_cast

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            built = build_cast()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def cast(_module_cast, db):
    """The shared cast of units and users (tests/cast.py); each test gets its own copies,
    and its changes are rolled back with the test's savepoint."""
    return copy.deepcopy(_module_cast)


# The units most tests need, as the seeds name them. A test module that needs others
# defines its own fixture of the same name, which pytest prefers.


@pytest.fixture
def province():
    """The provincial People's Committee of the seeds."""
    from nhiemvu.units.choices import UnitKind
    from tests.factories import UnitFactory

    return UnitFactory(name="UBND tỉnh Kon Tum", kind=UnitKind.PROVINCE)


@pytest.fixture
def department(province):
    """A department of the province (the seeds' Department of Agriculture)."""
    from tests.factories import UnitFactory

    return UnitFactory(name="Sở Nông nghiệp và Phát triển nông thôn", parent=province)
