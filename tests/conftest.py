import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _french():
    """Pages are French first; tests read them as a French reader does."""
    with translation.override("fr"):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: rows are rolled back between tests, cached pages
    and the site generation are not."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
