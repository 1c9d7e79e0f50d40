"""The festival page's rule for people who are signed in: the programme's members always, anyone
else only when the festival is public (visitors without an account: see test_pages)."""

import pytest

from videoklub import policy
from videoklub.festival.models import Festival

pytestmark = pytest.mark.django_db


def test_a_public_festival_is_open_to_people_of_other_programmes_too(world, festival):
    outsiders = [world.other_teacher, world.other_coach, world.other_project_staff]
    outsiders.append(world.no_membership)
    for person in outsiders:
        assert not policy.can(person, "view_festival", festival)
    assert policy.can(world.teacher, "view_festival", festival)
    festival.visibility = Festival.Visibility.PUBLIC
    for person in outsiders:
        assert policy.can(person, "view_festival", festival)
    # Public is for watching: outsiders still submit, curate and change nothing.
    assert not policy.can(world.other_teacher, "submit_to_festival", festival)
    assert not policy.can(world.other_project_staff, "curate_festival", festival)
