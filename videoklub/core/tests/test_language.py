import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")


def test_an_english_browser_still_gets_dutch_until_the_person_chooses(client):
    response = client.get(LOGIN, headers={"Accept-Language": "en-US,en;q=0.9"})
    assert 'lang="nl-be"' in response.content.decode()


def test_the_language_switch_wins(client):
    client.post(reverse("set_language"), {"language": "en"})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    response = client.get(LOGIN, headers={"Accept-Language": "nl-BE"})
    assert 'lang="en"' in response.content.decode()


def test_an_unknown_language_cookie_falls_back_to_dutch(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert 'lang="nl-be"' in client.get(LOGIN).content.decode()
