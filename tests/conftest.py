import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _french():
    """Pages are French first; tests read them as a French reader does."""
    with translation.override("fr"):
        yield
