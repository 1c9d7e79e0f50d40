"""An invitation "being sent" turns into "sent" without a reload: htmx polls the list of open
invitations while one is still waiting for the task queue, gets a 204 while nothing changed and
stops once every invitation went out."""

import html
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from videoklub.accounts import services
from videoklub.accounts.models import Invitation
from videoklub.organisations.models import Role

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _being_sent(world, email="nieuw@school.test", **scope) -> Invitation:
    """Created as the invite form does; the mail task has not run (on commit, never here)."""
    invitation = services.invitation_create(
        invited_by=world.coach,
        email=email,
        role=scope.pop("role", Role.TEACHER),
        **(scope or {"klub": world.klub}),
    )
    assert invitation.sent_at is None
    return invitation


def _sent(invitation: Invitation) -> None:
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())


def _poll_url(content: str) -> str | None:
    """Where the list asks again, or None when it does not poll."""
    found = re.search(r'id="invitation-list"[^>]*hx-get="([^"]+)"[^>]*hx-trigger="every', content)
    return html.unescape(found.group(1)) if found else None


def _nl(message: str) -> str:
    with translation.override("nl-be"):
        return gettext(message)


@pytest.mark.parametrize("page", ["home:klub_detail", "home:klub_invite"])
def test_the_klub_pages_follow_an_invitation_until_it_is_sent(world, page):
    invitation = _being_sent(world)
    client = _client(world.coach)
    content = client.get(reverse(page, args=[world.klub.pk])).content.decode()
    assert _nl("being sent") in content
    poll = _poll_url(content)
    assert poll is not None and "part=invitations" in poll

    assert client.get(poll, **HTMX).status_code == 204  # nothing changed yet

    _sent(invitation)
    response = client.get(poll, **HTMX)

    assert response.status_code == 200
    part = response.content.decode()
    assert part.lstrip().startswith('<ul class="invitations" id="invitation-list"')
    assert "<h1>" not in part and 'id="invite-panel"' not in part  # the list, not the form
    assert invitation.email in part
    assert _nl("being sent") not in part
    assert _poll_url(part) is None  # final: polling stops


def test_the_programme_invite_page_follows_its_invitations(world):
    invitation = _being_sent(world, "coach2@school.test", role=Role.COACH, klub=world.klub)
    client = _client(world.project_staff)
    content = client.get(reverse("home:programme_invite", args=[world.programme.pk])).content
    poll = _poll_url(content.decode())
    assert poll is not None and poll.startswith(
        reverse("home:programme_invite", args=[world.programme.pk])
    )
    assert client.get(poll, **HTMX).status_code == 204

    _sent(invitation)
    part = client.get(poll, **HTMX).content.decode()

    assert "coach2@school.test" in part and _poll_url(part) is None


def test_sent_invitations_are_not_polled(world):
    _sent(_being_sent(world))
    content = _client(world.coach).get(reverse("home:klub_detail", args=[world.klub.pk]))
    assert _poll_url(content.content.decode()) is None


def test_a_teacher_cannot_poll_the_klub_invitations(world):
    _being_sent(world)
    response = _client(world.teacher).get(
        reverse("home:klub_invite", args=[world.klub.pk]), {"part": "invitations"}, **HTMX
    )
    assert response.status_code in (403, 404)
    assert b"nieuw@school.test" not in response.content


def test_without_htmx_the_whole_invite_page_is_served(world):
    _being_sent(world)
    response = _client(world.coach).get(
        reverse("home:klub_invite", args=[world.klub.pk]), {"part": "invitations"}
    )
    assert 'id="invite-panel"' in response.content.decode()
