"""Who an audience reaches is defined once (sharing.permissions.REACH) and read twice: "may this
person see it?" (in_audience, from the person's memberships) and "who can see it?"
(audience_people, a query). Exhaustively over a programme with several schools and klubs,
every audience and every person, both give the same answer."""

import itertools

import pytest

from videoklub.organisations.models import Role
from videoklub.sharing.models import Audience, Share
from videoklub.sharing.permissions import in_audience
from videoklub.sharing.selectors import audience_people
from videoklub.testing.factories import (
    KlubFactory,
    MembershipFactory,
    SchoolFactory,
    UserFactory,
)


@pytest.fixture
def people(world):
    """The world's people plus: a second klub at the same school, a klub at another school of
    the same programme, their teachers, coaches and leaders, someone with two roles, and a
    deactivated teacher."""
    second = KlubFactory(school=world.school, programme=world.programme)
    elsewhere = KlubFactory(school=SchoolFactory(), programme=world.programme)
    extra = {
        "second_teacher": MembershipFactory(klub=second, role=Role.TEACHER).user,
        "second_coach": MembershipFactory(klub=second, role=Role.COACH).user,
        "elsewhere_teacher": MembershipFactory(klub=elsewhere, role=Role.TEACHER).user,
        "elsewhere_coach": MembershipFactory(klub=elsewhere, role=Role.COACH).user,
        "elsewhere_leader": MembershipFactory(
            klub=None, school=elsewhere.school, role=Role.SCHOOL_LEADER
        ).user,
    }
    both = UserFactory()
    MembershipFactory(user=both, klub=elsewhere, role=Role.COACH)
    MembershipFactory(user=both, klub=None, school=world.school, role=Role.SCHOOL_LEADER)
    extra["coach_elsewhere_and_leader_here"] = both
    gone = MembershipFactory(klub=world.klub, role=Role.TEACHER).user
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    extra["deactivated_teacher"] = gone
    everyone = {
        role: world.user(role)
        for role in [
            "teacher",
            "colleague",
            "coach",
            "school_leader",
            "project_staff",
            "no_membership",
            "other_teacher",
            "other_coach",
            "other_school_leader",
            "other_project_staff",
        ]
    }
    return {**everyone, **extra}, [world.klub, second, elsewhere, world.other_klub]


def test_may_see_and_who_can_see_agree_for_every_audience_and_person(world, people):
    persons, klubs = people
    checked = 0
    for audience, klub in itertools.product(Audience.values, klubs):
        share = Share(audience=audience, klub=klub, created_by=None)
        reached = {user.pk for user in audience_people(share)}
        for name, person in persons.items():
            person.refresh_from_db()
            person.__dict__.pop("_videoklub_memberships", None)
            assert in_audience(person, share) == (person.pk in reached), (audience, klub, name)
            checked += 1
    assert checked == len(Audience.values) * len(klubs) * len(persons)


def test_the_audiences_reach_whom_the_page_promises(world, people):
    """A few answers spelled out, so the shared definition cannot drift unnoticed."""
    persons, klubs = people
    klub = klubs[0]

    def reached(audience):
        share = Share(audience=audience, klub=klub, created_by=None)
        return {name for name, p in persons.items() if in_audience(p, share)}

    assert reached(Audience.COACH) == {"coach"}
    assert reached(Audience.KLUB) == {"teacher", "colleague", "coach"}
    assert reached(Audience.SCHOOL) == {
        "teacher",
        "colleague",
        "coach",
        "school_leader",
        "second_teacher",
        "second_coach",
        "coach_elsewhere_and_leader_here",
    }
    assert reached(Audience.PROGRAMME) == reached(Audience.FESTIVAL)
    assert reached(Audience.PROGRAMME) == {
        "teacher",
        "colleague",
        "coach",
        "project_staff",
        "second_teacher",
        "second_coach",
        "elsewhere_teacher",
        "elsewhere_coach",
        "coach_elsewhere_and_leader_here",
    }


def test_a_share_whose_audience_is_no_longer_known_reaches_nobody(world, people):
    # An old row with an audience that is no longer offered: no answer, and no error either.
    persons, _klubs = people
    share = Share(audience="retired", klub=world.klub, created_by=None)
    assert audience_people(share) == []
    assert [name for name, person in persons.items() if in_audience(person, share)] == []
