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


def test_lottes_klub_takes_the_course_as_a_team_and_the_coach_sees_one_shared_reflection(
    client,
):
    from django.urls import reverse

    from videoklub.demo.courses import TEAM
    from videoklub.organisations.models import Role
    from videoklub.testing.factories import KlubFactory, MembershipFactory

    klub = KlubFactory(name="VideoKLuB De Wegwijzer")
    lotte = UserFactory(email=demo_email("Lotte Peeters"), full_name="Lotte Peeters")
    coach = UserFactory(email=demo_email("An Verstraeten"), full_name="An Verstraeten")
    MembershipFactory(user=lotte, role=Role.TEACHER, klub=klub)
    MembershipFactory(user=coach, role=Role.COACH, klub=klub)
    for name, _text, _shared in TEAM:
        MembershipFactory(
            user=UserFactory(email=demo_email(name), full_name=name), role=Role.TEACHER, klub=klub
        )
    seed_demo_courses()
    team = Enrolment.objects.filter(klub=klub)
    assert team.count() == 3
    client.force_login(coach)
    page = client.get(
        reverse("courses:team_detail", args=[team.first().course.slug, klub.pk])
    ).content.decode()
    (shared,) = [text for _name, text, shared in TEAM if shared]
    (private,) = [text for _name, text, shared in TEAM if not shared]
    assert shared.replace("'", "&#x27;") in page
    assert private.replace("'", "&#x27;") not in page
