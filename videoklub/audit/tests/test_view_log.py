"""Reading shared content is logged for its owner: once per person, item and hour."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from videoklub.audit.models import Action, AuditEvent
from videoklub.audit.services import VIEW_LOG_WINDOW_SECONDS, audit_view
from videoklub.meetings.models import AgendaItem, Meeting
from videoklub.observations.models import Framework, Observation
from videoklub.recordings.models import Fragment, Recording
from videoklub.sharing.models import Audience, Share


@pytest.fixture
def fragment(world):
    recording = Recording.objects.create(
        owner=world.teacher,
        klub=world.klub,
        title="Rekenles",
        status=Recording.Status.READY,
        duration=60,
    )
    fragment = Fragment.objects.create(
        recording=recording,
        created_by=world.teacher,
        title="Instructie",
        reason=Fragment.Reason.STRENGTH,
        start=5,
        end=20,
    )
    Share.objects.create(
        fragment=fragment, audience=Audience.KLUB, klub=world.klub, created_by=world.teacher
    )
    return fragment


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _kwargs(fragment) -> dict:
    return {"recording_uuid": fragment.recording.uuid, "pk": fragment.pk}


def _views(fragment, actor=None):
    events = AuditEvent.objects.filter(
        action=Action.VIEW, item_type="fragment", item_id=str(fragment.pk)
    )
    return events.filter(actor=actor) if actor is not None else events


def test_opening_a_shared_fragment_is_logged_for_its_owner(world, fragment):
    response = _client(world.colleague).get(reverse("analysis:fragment", kwargs=_kwargs(fragment)))

    assert response.status_code == 200
    [event] = _views(fragment)
    assert event.actor == world.colleague
    assert event.owner == world.teacher
    assert event.details["page"] == "workspace"
    log = _client(world.teacher).get(reverse("audit:my_log"))
    assert escape(world.colleague.full_name) in log.content.decode()
    assert "in de analysewerkruimte" in log.content.decode()


def test_polling_the_annotation_list_logs_one_view_an_hour(world, fragment):
    client = _client(world.coach)
    url = reverse("analysis:fragment_annotations", kwargs=_kwargs(fragment))
    for _ in range(10):
        assert client.get(url).status_code == 200

    assert _views(fragment, world.coach).count() == 1
    # The workspace in the same hour adds nothing; another reader gets an entry of their own.
    client.get(reverse("analysis:fragment", kwargs=_kwargs(fragment)))
    _client(world.colleague).get(url)
    assert _views(fragment, world.coach).count() == 1
    assert _views(fragment, world.colleague).count() == 1


def test_a_view_after_the_hour_is_logged_again(world, fragment):
    client = _client(world.colleague)
    url = reverse("analysis:fragment", kwargs=_kwargs(fragment))
    client.get(url)
    # The hour is the cache's: a key that expired is a key that is gone.
    cache.delete(f"audit-view:{world.colleague.pk}:fragment:{fragment.pk}")
    client.get(url)

    assert _views(fragment, world.colleague).count() == 2


@pytest.mark.skipif(
    not settings.CACHES["default"]["BACKEND"].endswith("RedisCache"),
    reason="reads the time left on the key from Redis",
)
def test_the_window_of_one_view_is_kept_for_an_hour(world, fragment):
    assert audit_view(actor=world.colleague, item=fragment, page="fragment") is not None

    key = cache.make_and_validate_key(f"audit-view:{world.colleague.pk}:fragment:{fragment.pk}")
    seconds_left = cache._cache.get_client(key).ttl(key)
    # Neither the cache's default (five minutes) nor forever: an hour, less a moment.
    assert VIEW_LOG_WINDOW_SECONDS - 60 < seconds_left <= VIEW_LOG_WINDOW_SECONDS == 3600


def test_reading_an_observation_of_a_shared_fragment_is_logged(world, fragment):
    framework = Framework.objects.filter(klub=None, school=None, programme=None).first()
    observation = Observation.objects.create(
        fragment=fragment,
        version=framework.versions.order_by("-number").first(),
        observer=world.coach,
    )
    client = _client(world.colleague)

    response = client.get(reverse("observations:observation_detail", args=[observation.pk]))

    assert response.status_code == 200
    [event] = _views(fragment, world.colleague)
    assert event.details["page"] == "observation"


def test_the_observation_form_is_a_view_of_the_fragment(world, fragment):
    response = _client(world.colleague).get(
        reverse("observations:observation_create", kwargs=_kwargs(fragment))
    )

    assert response.status_code == 200
    assert _views(fragment, world.colleague).count() == 1


def test_session_mode_logs_the_fragment_on_screen(world, fragment):
    start = timezone.now() + timedelta(days=1)
    meeting = Meeting.objects.create(
        klub=world.klub,
        title="Sessie",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        created_by=world.coach,
        ical_uid="view-log@videoklub",
    )
    AgendaItem.objects.create(meeting=meeting, fragment=fragment)

    response = _client(world.coach).get(reverse("meetings:session", args=[meeting.pk]))

    assert response.status_code == 200
    [event] = _views(fragment, world.coach)
    assert event.details["page"] == "session"


def test_a_refused_request_logs_nothing(world, fragment):
    response = _client(world.other_teacher).get(
        reverse("analysis:fragment", kwargs=_kwargs(fragment))
    )

    assert response.status_code == 404
    assert not _views(fragment).exists()
