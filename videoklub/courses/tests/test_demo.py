"""The demo: the shipped courses published, the demo teacher two steps into one, and three
teachers who finished it with their feedback for the staff's overview."""

import pytest

from videoklub.courses.models import CoursePage, Enrolment, FeedbackResponse
from videoklub.courses.starter import COURSES
from videoklub.demo.courses import FINISHED, seed_demo_courses
from videoklub.demo.people import demo_email
from videoklub.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_teacher_is_enrolled_once_with_two_steps_done_and_others_gave_feedback():
    lotte = UserFactory(email="lotte.peeters@demo.videoklub.be", full_name="Lotte Peeters")
    for name, _scores, _texts in FINISHED:
        UserFactory(email=demo_email(name), full_name=name)
    assert seed_demo_courses()
    assert not seed_demo_courses()  # run again: nothing new
    enrolment = Enrolment.objects.get(user=lotte)
    assert enrolment.responses.count() == 2
    assert enrolment.completed_at is None
    assert enrolment.last_step_id
    assert CoursePage.objects.live().count() == len(list(COURSES.glob("*.toml"))) == 2
    finished = Enrolment.objects.exclude(user=lotte)
    assert finished.count() == len(FINISHED)
    assert all(e.completed_at is not None for e in finished)
    assert FeedbackResponse.objects.filter(course=enrolment.course).count() == len(FINISHED)
