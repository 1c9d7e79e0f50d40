"""The admin's index names the libraries' apps and models, and ours, in words our catalogue
translates. The Dutch test passes once the catalogue holds the new names."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from videoklub.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

# Names the libraries give (or the admin makes of their labels), which no catalogue translates.
LIBRARY_NAMES = {
    "Axes",
    "Django_Rq",
    "Django-RQ",
    "Tasks Database Backend",
    "Otp_Totp",
    "TOTP devices",
}
# The libraries' own translatable names, and ours: Dutch once the catalogue has them.
ENGLISH = {
    "Access attempts",
    "Access failures",
    "Access logs",
    "Task Results",
    "Login protection",
    "Background tasks",
    "Task queues (RQ)",
    "Queues",
    "Authenticator apps",
    "Agenda items",
    "Attendances",
    "Attendance records",
    "Domains",
    "Uploads",
}


def _index_labels(language: str) -> set[str]:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(
        UserFactory(is_staff=True, is_superuser=True),
        backend="django.contrib.auth.backends.ModelBackend",
    )
    html = client.get(reverse("admin:index"), headers={"accept-language": language}).content
    text = re.sub(r"\s+", " ", html.decode())
    captions = re.findall(r"<caption> ?<a [^>]*>([^<]+)</a>", text)
    rows = re.findall(r'<th scope="row"[^>]*> ?(?:<a [^>]*>)?([^<]+)', text)
    return {label.strip() for label in captions + rows}


def test_the_libraries_apps_and_models_get_our_names():
    labels = _index_labels("en")
    assert not labels & LIBRARY_NAMES
    assert {"Login protection", "Background tasks", "Task queues (RQ)", "Queues"} <= labels
    assert {"Two-step verification", "Authenticator apps"} <= labels


def test_the_dutch_admin_index_has_no_english_names():
    labels = _index_labels("nl-be")
    assert not labels & (LIBRARY_NAMES | ENGLISH)
