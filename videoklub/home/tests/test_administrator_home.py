"""The administrator (staff, usually without any membership) gets a home block that leads to
the admin and what they manage, not the advice to ask for an invitation."""

import re

import pytest
from django.urls import reverse

from videoklub.accounts.models import User
from videoklub.demo.people import ADMIN_EMAIL, seed_demo
from videoklub.testing.factories import UserFactory

pytestmark = pytest.mark.django_db
HOME = reverse("home:home")
NO_MEMBERSHIP = 'id="no-membership"'


def _home(client, user) -> str:
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def test_the_administrator_home_leads_to_the_admin_and_what_they_manage(client):
    html = _home(client, UserFactory(is_staff=True, is_superuser=True))
    assert 'data-role="administrator"' in html
    assert NO_MEMBERSHIP not in html
    for url in (
        reverse("admin:index"),
        reverse("admin:accounts_user_changelist"),
        reverse("admin:accounts_invitation_changelist"),
        reverse("admin:app_list", args=["organisations"]),
        reverse("admin:audit_auditevent_changelist"),
        reverse("admin:django_tasks_database_dbtaskresult_changelist"),
    ):
        assert f'href="{url}"' in html


def test_someone_without_a_membership_is_still_told_to_ask_for_an_invitation(client):
    html = _home(client, UserFactory())
    assert NO_MEMBERSHIP in html
    assert 'data-role="administrator"' not in html
    assert reverse("admin:index") not in html


def test_the_demo_administrators_header_names_the_admin_once(client):
    seed_demo()
    administrator = User.objects.get(email=ADMIN_EMAIL)
    html = _home(client, administrator)
    header = html.split("<main", 1)[0]
    labels = [
        re.sub(r"<[^>]+>", "", text).strip()
        for text in re.findall(r"<a [^>]*>(.*?)</a>", header, flags=re.S)
    ]
    assert labels.count("Beheer") == 1, labels
    assert administrator.get_short_name() in labels
