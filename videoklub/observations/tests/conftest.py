"""Observation tests read the English source strings, whatever the Dutch catalogue holds."""

import pytest
from django.conf import settings
from django.utils import translation

from videoklub.observations import services
from videoklub.observations.models import Framework

SCALE = [
    {"value": 1, "label": "nog niet", "anchor": "Niet gezien."},
    {"value": 2, "label": "soms", "anchor": "Af en toe."},
    {"value": 3, "label": "vaak", "anchor": "Meestal."},
]


def domains(*texts: str, name: str = "Vragen") -> list[dict]:
    return [{"name": name, "indicators": [{"text": t, "description": ""} for t in texts]}]


@pytest.fixture
def klub_framework(world) -> Framework:
    """An own kijkwijzer of the world's klub, made by its coach."""
    return services.framework_create(
        created_by=world.coach,
        name="Vragen stellen",
        description="",
        klub=world.klub,
        domains=domains("Wachttijd", "Iedereen antwoordt"),
        scale=SCALE,
    )


@pytest.fixture
def shipped_feedback() -> Framework:
    return Framework.objects.get(code="groeigerichte-feedback")


@pytest.fixture
def client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield
