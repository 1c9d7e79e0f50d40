from datetime import timedelta

import pytest
from django.utils import timezone

from videoklub.meetings import services
from videoklub.testing.factories import FragmentFactory, RecordingFactory, ShareFactory


@pytest.fixture
def meeting(world):
    start = timezone.now() + timedelta(days=7)
    return services.meeting_create(
        klub=world.klub,
        created_by=world.coach,
        title="Bijeenkomst 1",
        starts_at=start,
        ends_at=start + timedelta(hours=1, minutes=15),
        place="Refter",
        work_form=None,
    )


@pytest.fixture
def make_fragment(world):
    """A fragment of `owner` (the colleague by default) in `klub`, shared as asked."""

    def make(*, owner=None, klub=None, share=True, title="Instructie", **share_fields):
        owner = owner or world.colleague
        klub = klub or world.klub
        recording = RecordingFactory(owner=owner, klub=klub)
        fragment = FragmentFactory(recording=recording, title=title)
        if share:
            ShareFactory(fragment=fragment, klub=klub, **share_fields)
        return fragment

    return make


@pytest.fixture
def client(client):
    """Pages in English: the tests read the English source strings (the Dutch catalogue is
    checked by core/tests/test_translations.py)."""
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture(autouse=True)
def _english():
    from django.utils import translation

    with translation.override("en"):
        yield
