"""The consent tests read the English source strings, whatever the Dutch catalogue holds."""

import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture
def client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield
