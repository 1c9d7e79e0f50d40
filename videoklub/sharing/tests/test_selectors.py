"""What a klub's shared page and a programme's Filmfestival list: which fragments, in what
order, and with which of their shares."""

from datetime import timedelta

import pytest
from django.utils import timezone

from videoklub.recordings.models import Fragment, Recording
from videoklub.sharing import selectors
from videoklub.sharing.models import Audience, Share
from videoklub.testing.factories import KlubFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def _fragment(owner, klub, title="Instructie", *, start=5, created_at=None):
    recording = Recording.objects.create(
        owner=owner,
        klub=klub,
        title=f"Les van {title}",
        status=Recording.Status.READY,
        duration=60,
        created_at=created_at or timezone.now(),
    )
    return Fragment.objects.create(
        recording=recording,
        created_by=owner,
        title=title,
        reason=Fragment.Reason.STRENGTH,
        start=start,
        end=start + 10,
    )


def _share(fragment, audience, klub=None, **fields):
    return Share.objects.create(
        fragment=fragment,
        audience=audience,
        klub=klub or fragment.recording.klub,
        created_by=fragment.recording.owner,
        **fields,
    )


def test_a_klub_sees_its_own_shares_newest_recording_first_with_only_their_active_shares(world):
    now = timezone.now()
    older = _fragment(world.teacher, world.klub, "Ouder", created_at=now - timedelta(days=2))
    later = _fragment(world.colleague, world.klub, "Later", start=30)
    sooner = Fragment.objects.create(
        recording=later.recording,
        created_by=world.colleague,
        title="Vroeger",
        reason=Fragment.Reason.STRENGTH,
        start=10,
        end=20,
    )
    for fragment in (older, later, sooner):
        _share(fragment, Audience.KLUB)
    # A revoked and an expired share of the same fragment are not what the klub is shown.
    _share(older, Audience.SCHOOL, revoked_at=now - timedelta(hours=1))
    _share(older, Audience.PROGRAMME, expires_at=now - timedelta(hours=1))
    # Shared with another klub only: not this klub's.
    _share(_fragment(world.other_teacher, world.other_klub, "Elders"), Audience.KLUB)

    listed = list(selectors.fragments_shared_with_klub(world.teacher, world.klub))

    assert [f.title for f in listed] == ["Vroeger", "Later", "Ouder"]
    assert [[s.audience for s in f.klub_shares] for f in listed] == [["klub"]] * 3


def test_the_festival_lists_the_programmes_choices_by_school_then_title_with_their_festival_shares(
    world,
):
    atheneum_klub = KlubFactory(
        school=SchoolFactory(name="Atheneum"), programme=world.programme, name="Atheneum klub"
    )
    zebra = _fragment(world.teacher, world.klub, "Zebra")
    appel = _fragment(world.colleague, world.klub, "Appel")
    beta = _fragment(world.teacher, atheneum_klub, "Beta")
    for fragment in (zebra, appel, beta):
        _share(fragment, Audience.FESTIVAL, anonymised=fragment is beta)
    # Zebra's other shares (another audience, a revoked festival share) are not festival choices.
    _share(zebra, Audience.KLUB)
    _share(zebra, Audience.FESTIVAL, revoked_at=timezone.now())
    # Another programme's festival.
    _share(_fragment(world.other_teacher, world.other_klub, "Elders"), Audience.FESTIVAL)

    listed = list(selectors.festival_selection(world.programme))

    assert [(f.recording.klub.school.name, f.title) for f in listed] == [
        ("Atheneum", "Beta"),
        ("De Wegwijzer", "Appel"),
        ("De Wegwijzer", "Zebra"),
    ]
    assert [[(s.audience, s.anonymised) for s in f.festival_shares] for f in listed] == [
        [("festival", True)],
        [("festival", False)],
        [("festival", False)],
    ]
