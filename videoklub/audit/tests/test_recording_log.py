""" "Who watched it" on a recording: its own entries and its fragments', each fragment named,
for its owner only."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from videoklub.audit.models import Action
from videoklub.audit.services import audit_record
from videoklub.recordings.models import Fragment, Recording
from videoklub.sharing.models import Audience, Share

pytestmark = pytest.mark.django_db


@pytest.fixture
def recording(world):
    return Recording.objects.create(
        owner=world.teacher,
        klub=world.klub,
        title="Rekenles",
        status=Recording.Status.READY,
        duration=60,
    )


def _fragment(recording, title: str) -> Fragment:
    fragment = Fragment.objects.create(
        recording=recording,
        created_by=recording.owner,
        title=title,
        reason=Fragment.Reason.STRENGTH,
        start=5,
        end=20,
    )
    Share.objects.create(
        fragment=fragment, audience=Audience.KLUB, klub=recording.klub, created_by=recording.owner
    )
    return fragment


def _who_watched(user, recording) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(
        reverse("audit:my_log"), {"soort": "recording", "item": str(recording.uuid)}
    )
    assert response.status_code == 200
    return response.content.decode()


def _fragment_label(title: str) -> str:
    with translation.override("nl-be"):
        return escape(gettext("fragment “%(title)s”") % {"title": title})


def test_plays_of_a_shared_fragment_show_on_its_recording(world, recording):
    fragment = _fragment(recording, "Instructie")
    for _ in range(5):
        audit_record(actor=world.colleague, action=Action.STREAM, item=fragment)

    page = _who_watched(world.teacher, recording)

    assert "Nog niets" not in page
    assert page.count(escape(world.colleague.full_name)) == 5
    assert page.count(_fragment_label("Instructie")) == 5


def test_each_fragment_is_named_and_the_recording_itself_too(world, recording):
    audit_record(actor=world.coach, action=Action.STREAM, item=recording)
    audit_record(actor=world.coach, action=Action.STREAM, item=_fragment(recording, "Start"))
    audit_record(actor=world.colleague, action=Action.VIEW, item=_fragment(recording, "Slot"))

    page = _who_watched(world.teacher, recording)

    rows = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0].count("<tr>")
    assert rows == 3
    assert _fragment_label("Start") in page and _fragment_label("Slot") in page


def test_another_recordings_fragments_stay_out(world, recording):
    other = Recording.objects.create(
        owner=world.teacher, klub=world.klub, title="Taalles", status=Recording.Status.READY
    )
    audit_record(actor=world.coach, action=Action.STREAM, item=_fragment(other, "Elders"))

    page = _who_watched(world.teacher, recording)

    assert _fragment_label("Elders") not in page
    assert escape(world.coach.full_name) not in page


def test_nobody_but_the_owner_reads_the_log_of_a_recording(world, recording):
    fragment = _fragment(recording, "Instructie")
    audit_record(actor=world.colleague, action=Action.STREAM, item=fragment)
    audit_record(actor=world.colleague, action=Action.STREAM, item=recording)

    for reader in (world.colleague, world.coach):
        page = _who_watched(reader, recording)
        assert _fragment_label("Instructie") not in page
        assert "Rekenles" not in page


def test_the_next_page_stays_on_the_same_recording(world, recording):
    fragment = _fragment(recording, "Instructie")
    for _ in range(51):
        audit_record(actor=world.colleague, action=Action.STREAM, item=fragment)

    page = _who_watched(world.teacher, recording)

    assert f"?pagina=2&amp;soort=recording&amp;item={recording.uuid}" in page


def test_an_entry_names_no_anonymous_actor_and_a_signed_in_one_by_name(world, recording):
    # No page lets a visitor who is not signed in reach a recording today (every reader goes
    # through `policy.authorize`, which refuses them); the log must still never fail on, or
    # store, such an actor if a later path hands one over.
    from django.contrib.auth.models import AnonymousUser

    anonymous = audit_record(actor=AnonymousUser(), action=Action.VIEW, item=recording)
    nobody = audit_record(actor=None, action=Action.VIEW, item=recording)
    coach = audit_record(actor=world.coach, action=Action.VIEW, item=recording)

    assert (anonymous.actor, nobody.actor, coach.actor) == (None, None, world.coach)
