"""What the recording page shows of sharing: the fragments in the order of the video, each with
its active shares only; the recording's own shares for its owner only; and the name of the place
a share reaches (its klub, school or programme)."""

from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone

from videoklub.sharing.models import Audience, Share
from videoklub.sharing.permissions import reach_name
from videoklub.sharing.selectors import fragments_with_shares, recording_page_context, shares_of
from videoklub.testing.factories import FragmentFactory, RecordingFactory, ShareFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def recording(world):
    return RecordingFactory(owner=world.teacher, klub=world.klub)


def test_the_fragments_come_in_the_order_of_the_video_with_their_active_shares_only(
    world, recording
):
    late = FragmentFactory(recording=recording, title="Afsluiting", start=90, end=100)
    early = FragmentFactory(recording=recording, title="Start", start=5, end=15)
    middle = FragmentFactory(recording=recording, title="Uitleg", start=40, end=50)
    klub = ShareFactory(fragment=early, audience=Audience.KLUB, klub=world.klub)
    ShareFactory(
        fragment=early, audience=Audience.SCHOOL, klub=world.klub, revoked_at=timezone.now()
    )
    ShareFactory(
        fragment=middle,
        audience=Audience.COACH,
        klub=world.klub,
        expires_at=timezone.now() - timedelta(days=1),
    )
    fragments = list(fragments_with_shares(recording))
    assert [f.title for f in fragments] == ["Start", "Uitleg", "Afsluiting"]
    assert [f.active_shares for f in fragments] == [[klub], [], []]
    assert fragments[-1] == late


def test_the_owner_sees_the_recordings_active_shares_and_others_do_not(world, recording):
    FragmentFactory(recording=recording, title="Start", start=5, end=15)
    shared = Share.objects.create(
        recording=recording, audience=Audience.COACH, klub=world.klub, created_by=world.teacher
    )
    Share.objects.create(
        recording=recording,
        audience=Audience.KLUB,
        klub=world.klub,
        created_by=world.teacher,
        revoked_at=timezone.now(),
    )
    request = RequestFactory().get("/")
    mine = recording_page_context(request, recording, may_change=True)
    assert set(mine) == {"fragments", "recording_shares"}
    assert mine["recording_shares"] == [shared]
    assert [f.title for f in mine["fragments"]] == ["Start"]
    theirs = recording_page_context(request, recording, may_change=False)
    assert theirs["recording_shares"] == []
    assert [f.title for f in theirs["fragments"]] == ["Start"]


@pytest.mark.parametrize(
    ("audience", "place"),
    [
        (Audience.COACH, "VideoKLuB Wegwijzer"),
        (Audience.KLUB, "VideoKLuB Wegwijzer"),
        (Audience.SCHOOL, "De Wegwijzer"),
        (Audience.PROGRAMME, "Brede basiszorg"),
        (Audience.FESTIVAL, "Brede basiszorg"),
    ],
)
def test_a_share_is_named_after_the_place_it_reaches(world, recording, audience, place):
    fragment = FragmentFactory(recording=recording)
    assert reach_name(ShareFactory(fragment=fragment, audience=audience, klub=world.klub)) == place


def test_the_share_history_names_the_place_each_share_reaches(world, recording):
    fragment = FragmentFactory(recording=recording)
    ShareFactory(fragment=fragment, audience=Audience.SCHOOL, klub=world.klub)
    ShareFactory(
        fragment=fragment,
        audience=Audience.PROGRAMME,
        klub=world.klub,
        revoked_at=timezone.now(),
    )
    assert sorted(share.reach_name for share in shares_of(fragment)) == [
        "Brede basiszorg",
        "De Wegwijzer",
    ]
