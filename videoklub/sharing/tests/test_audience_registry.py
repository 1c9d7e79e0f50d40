"""Audiences an upper app defines (sharing/audiences.py): the registry, and what sharing itself
guarantees whatever the app's rule says – a group audience's share names its group, a share
without one reaches nobody, and only fragments are shared with a group.

The app's rule is replaced here by a stand-in that reaches everyone, so that what is checked is
sharing's own guard, not intervision's membership test (intervision/tests checks that)."""

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Q

from videoklub.accounts.models import User
from videoklub.sharing import audiences, services
from videoklub.sharing.models import Audience, Share
from videoklub.sharing.permissions import in_audience, reach_name, reach_q
from videoklub.testing.factories import FragmentFactory, RecordingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def queued_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture(autouse=True)
def english():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def everyone_reach(monkeypatch):
    """The group audience, defined by a stand-in rule that reaches every person."""
    monkeypatch.setattr(audiences, "_REGISTRY", {})
    audiences.register(
        Audience.INTERVISION,
        includes=lambda user, share: True,
        people_q=lambda share: Q(),
        name=lambda share: f"Groep {share.audience_group}",
    )


@pytest.fixture
def fragment(world):
    return FragmentFactory(recording=RecordingFactory(owner=world.teacher, klub=world.klub))


def test_the_registry_hands_back_what_was_registered_and_refuses_a_second_definition(monkeypatch):
    monkeypatch.setattr(audiences, "_REGISTRY", {})

    def includes(user, share):
        return True

    def people_q(share):
        return Q()

    def name(share):
        return "Groep"

    assert audiences.reach_of("intervision") is None
    assert not audiences.is_registered("intervision")
    audiences.register("intervision", includes=includes, people_q=people_q, name=name)
    reach = audiences.reach_of("intervision")
    assert reach is not None
    assert (reach.includes, reach.people_q, reach.name) == (includes, people_q, name)
    assert audiences.is_registered("intervision")
    assert not audiences.is_registered("klub")
    assert audiences.reach_of("klub") is None
    with pytest.raises(ValueError, match="The reach of audience 'intervision' is defined already"):
        audiences.register("intervision", includes=includes, people_q=people_q, name=name)
    assert audiences.reach_of("intervision").includes is includes  # the first stays


def test_the_intervision_app_defines_its_audience():
    assert audiences.is_registered(Audience.INTERVISION)
    assert not audiences.is_registered(Audience.KLUB)


def test_a_group_audience_share_without_its_group_reaches_nobody(world, fragment, everyone_reach):
    share = Share.objects.create(
        fragment=fragment, klub=world.klub, audience=Audience.INTERVISION, created_by=world.teacher
    )
    assert not in_audience(world.coach, share)
    assert not User.objects.filter(reach_q(share)).exists()
    share.audience_group = 7
    assert in_audience(world.coach, share)
    assert User.objects.filter(reach_q(share)).count() == User.objects.count()
    assert reach_name(share) == "Groep 7"


def test_a_group_audience_needs_its_group(world, fragment, everyone_reach):
    with pytest.raises(ValidationError) as error:
        services.fragment_share(fragment=fragment, by=world.teacher, audience=Audience.INTERVISION)
    assert error.value.messages == ["Choose the group to share this with."]
    assert not Share.objects.exists()


def test_a_group_audience_no_app_defines_cannot_be_shared_with(world, fragment, monkeypatch):
    monkeypatch.setattr(audiences, "_REGISTRY", {})
    with pytest.raises(ValidationError) as error:
        services.fragment_share(
            fragment=fragment, by=world.teacher, audience=Audience.INTERVISION, audience_group=3
        )
    assert error.value.messages == ["Choose the group to share this with."]
    assert not Share.objects.exists()


def test_another_audience_names_no_group(world, fragment):
    with pytest.raises(ValidationError) as error:
        services.fragment_share(
            fragment=fragment, by=world.teacher, audience=Audience.KLUB, audience_group=3
        )
    assert error.value.messages == ["This audience is not a group."]
    assert not Share.objects.exists()
    share = services.fragment_share(fragment=fragment, by=world.teacher, audience=Audience.KLUB)
    assert share.audience_group is None


def test_a_group_gets_a_fragment_never_the_whole_recording(world, everyone_reach):
    recording = RecordingFactory(owner=world.teacher, klub=world.klub)
    with pytest.raises(ValidationError) as error:
        services.recording_share(
            recording=recording, by=world.teacher, audience=Audience.INTERVISION
        )
    assert error.value.messages == ["Share a fragment with a group, not the whole recording."]
    assert not Share.objects.exists()


def test_a_share_for_a_group_audience_no_app_defines_reaches_nobody_and_names_its_klub(
    world, fragment, monkeypatch
):
    # Not REACH's own audiences: with the app gone (not installed) its shares stay in the
    # database; they reach nobody and the owner's list of shares still shows them.
    share = Share.objects.create(
        fragment=fragment,
        klub=world.klub,
        audience=Audience.INTERVISION,
        audience_group=7,
        created_by=world.teacher,
    )
    monkeypatch.setattr(audiences, "_REGISTRY", {})
    assert not any(in_audience(person, share) for person in User.objects.all())
    assert not User.objects.filter(reach_q(share)).exists()
    assert reach_name(share) == world.klub.name
