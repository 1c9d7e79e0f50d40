"""The demo: the shipped courses published and the demo teacher two steps into one."""

import pytest

from videoklub.courses.models import CoursePage, Enrolment
from videoklub.courses.starter import COURSES
from videoklub.demo.courses import seed_demo_courses
from videoklub.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_teacher_is_enrolled_once_with_two_steps_done():
    if not list(COURSES.glob("*.toml")):
        pytest.skip("no shipped course files yet")
    lotte = UserFactory(email="lotte.peeters@demo.videoklub.be", full_name="Lotte Peeters")
    assert seed_demo_courses()
    assert not seed_demo_courses()  # run again: nothing new
    enrolment = Enrolment.objects.get(user=lotte)
    assert enrolment.responses.count() == 2
    assert enrolment.completed_at is None
    assert enrolment.last_step_id
    assert CoursePage.objects.live().count() == len(list(COURSES.glob("*.toml")))
