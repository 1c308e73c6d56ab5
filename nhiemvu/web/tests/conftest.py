import pytest

from nhiemvu.web import services


@pytest.fixture(autouse=True)
def empty_cache():
    """The dashboard caches its counts keyed on ids and times, which a rolled-back test's
    successor may reuse on SQLite: every test starts from an empty cache."""
    services.forget_counts()
