"""Data for the school track tests, made through the app's own services."""

from __future__ import annotations

from django.urls import reverse

from videoklub.baseline import selectors
from videoklub.baseline.models import SchoolTrack
from videoklub.cycles.models import CorePractice
from videoklub.testing.factories import KlubFactory, MembershipFactory, SchoolFactory


def track_of(world) -> SchoolTrack:
    """The track of the world's school in its programme, opened by the project staff."""
    return selectors.track_for_user(world.project_staff, world.programme.pk, world.school.pk)


def url(name: str, world, *args, school=None, programme=None) -> str:
    programme = programme or world.programme
    school = school or world.school
    return reverse(f"baseline:{name}", args=[programme.pk, school.pk, *args])


def second_school(world, *, name: str = "Sint-Jozef"):
    """Another school in the world's programme, with its own klub, coach and leader."""
    klub = KlubFactory(school=SchoolFactory(name=name), programme=world.programme)
    coach = MembershipFactory(role="coach", klub=klub).user
    leader = MembershipFactory(role="school_leader", klub=None, school=klub.school).user
    return klub.school, coach, leader


def practice(code: str = "growth-oriented-feedback") -> CorePractice:
    return CorePractice.objects.get(code=code)
