import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    """Messages raised by services read in English here; pages keep their Dutch (see the test
    of the end date)."""
    with translation.override("en"):
        yield
