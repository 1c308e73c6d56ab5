import pytest


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    """A fast password hasher; files and huey's queue in a per-test folder."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"


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
