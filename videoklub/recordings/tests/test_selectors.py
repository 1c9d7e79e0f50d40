"""The read selectors: each finds exactly the item asked for, for whom may see it."""

import pytest
from django.http import Http404

from videoklub.recordings.selectors import (
    fragment_get_for_user,
    recording_get_for_user,
    recordings_of_owner,
)
from videoklub.testing.factories import FragmentFactory, RecordingFactory

pytestmark = pytest.mark.django_db


def test_a_recording_is_found_by_its_uuid_among_the_owners_recordings(world):
    first, second = RecordingFactory(owner=world.teacher), RecordingFactory(owner=world.teacher)
    assert recording_get_for_user(world.teacher, second.uuid) == second
    assert recording_get_for_user(world.teacher, first.uuid) == first


def test_an_unknown_uuid_is_not_found_even_when_the_owner_has_one_recording(world):
    import uuid

    RecordingFactory(owner=world.teacher)
    with pytest.raises(Http404):
        recording_get_for_user(world.teacher, uuid.uuid4())


def test_a_fragment_is_found_only_under_its_own_recording(world):
    recording, other = RecordingFactory(owner=world.teacher), RecordingFactory(owner=world.teacher)
    fragment = FragmentFactory(recording=recording)
    assert fragment_get_for_user(world.teacher, recording.uuid, fragment.pk) == fragment
    with pytest.raises(Http404):
        fragment_get_for_user(world.teacher, other.uuid, fragment.pk)


def test_the_recordings_of_an_owner_are_theirs_newest_first(world):
    older, newer = RecordingFactory(owner=world.teacher), RecordingFactory(owner=world.teacher)
    RecordingFactory(owner=world.colleague)
    assert list(recordings_of_owner(world.teacher)) == [newer, older]
