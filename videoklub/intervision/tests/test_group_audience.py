"""The audience "my intervision group" as intervision defines it for sharing: who it reaches (the
group's members, read once per request), who that is as a query, and the name a share shows."""

import pytest
from django.contrib.auth.models import AnonymousUser

from videoklub.intervision import permissions, services
from videoklub.intervision.models import Group
from videoklub.intervision.tests.conftest import coach_fragment
from videoklub.sharing.models import Audience, Share
from videoklub.sharing.permissions import in_audience, reach_name
from videoklub.sharing.selectors import audience_people

pytestmark = pytest.mark.django_db


def test_an_intervision_share_is_named_after_its_group(world, iv):
    case = services.case_submit(
        by=world.coach,
        group=iv.group,
        title="Lotte",
        question="Hoe?",
        fragment=coach_fragment(world, "training"),
    )
    assert reach_name(case.share) == "Groep A"
    # A group that is gone (or none named) gives no name rather than another group's.
    gone = Share(audience=Audience.INTERVISION, audience_group=iv.group.pk + 1000)
    assert permissions.share_reach_name(gone) == ""
    assert permissions.share_reach_name(Share(audience=Audience.INTERVISION)) == ""


def test_the_group_reaches_its_members_and_the_query_agrees(world, iv):
    share = Share(audience=Audience.INTERVISION, audience_group=iv.group.pk, klub=world.klub)
    members = {world.coach, iv.second, iv.third}
    for person in [world.coach, iv.second, iv.third, iv.outsider, iv.colleague_coach]:
        assert permissions.share_reaches(person, share) == (person in members)
        assert in_audience(person, share) == (person in members)
    share.created_by = world.coach
    assert set(audience_people(share)) == {iv.second, iv.third}


def test_nobody_signed_out_is_in_a_group(iv):
    assert permissions.group_ids_of(AnonymousUser()) == set()


def test_the_groups_are_read_once_per_user_object_and_forgotten_on_joining(
    world, iv, django_assert_num_queries
):
    coach = type(world.coach).objects.get(pk=world.coach.pk)
    with django_assert_num_queries(1):
        assert permissions.group_ids_of(coach) == {iv.group.pk}
        assert permissions.group_ids_of(coach) == {iv.group.pk}
    Group.objects.filter(pk=iv.group.pk).delete()
    assert permissions.group_ids_of(coach) == {iv.group.pk}  # the request's answer stands
    permissions.forget_groups(coach)
    assert permissions.group_ids_of(coach) == set()
