"""The e-course numbers monitoring reads: teachers enrolled and completed, per course, school
and wave of a programme, counted once per school, never with names."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from videoklub.courses.numbers import CourseNumbers, course_numbers_for_programme
from videoklub.courses.services import step_response_save
from videoklub.courses.tests.helpers import make_course, steps_of
from videoklub.organisations.models import Role
from videoklub.testing.factories import KlubFactory, MembershipFactory, SchoolFactory, WaveFactory

pytestmark = pytest.mark.django_db


def _answer_first_step(user, course):
    first = steps_of(course)[0]
    step_response_save(user=user, course=course, step_id=first.id)


def _complete(user, course):
    for step in steps_of(course):
        step_response_save(
            user=user,
            course=course,
            step_id=step.id,
            answer="Mijn antwoord" if step.answered and not step.is_choice else "",
            choice=0 if step.is_choice else None,
        )


def test_teachers_are_counted_per_course_school_and_wave(world, django_assert_max_num_queries):
    wave = WaveFactory(programme=world.programme, number=2)
    world.klub.wave = wave
    world.klub.save()
    second_school = SchoolFactory(name="Sint-Jozef")
    second_klub = KlubFactory(school=second_school, programme=world.programme)
    MembershipFactory(user=world.teacher, klub=second_klub, role=Role.TEACHER)
    # The same teacher in a second klub of the same school and wave counts once there.
    MembershipFactory(
        user=world.teacher,
        klub=KlubFactory(school=world.school, programme=world.programme, wave=wave),
        role=Role.TEACHER,
    )
    feedback = make_course()
    calm = make_course(title="Een rustige les", slug="rustige-les")
    _complete(world.teacher, feedback)
    _answer_first_step(world.colleague, feedback)
    _answer_first_step(world.colleague, calm)
    _answer_first_step(world.coach, feedback)  # a coach is not a teacher reached
    _complete(world.other_teacher, feedback)  # another programme

    with django_assert_max_num_queries(4):  # the two reads and the policy's memberships
        numbers = course_numbers_for_programme(world.project_staff, world.programme)

    assert numbers == [
        CourseNumbers("Een rustige les", "De Wegwijzer", 2, enrolled=1, completed=0),
        CourseNumbers("Groeigerichte feedback in de klas", "De Wegwijzer", 2, 2, 1),
        CourseNumbers("Groeigerichte feedback in de klas", "Sint-Jozef", None, 1, 1),
    ]


@pytest.mark.parametrize("role", ["teacher", "coach", "school_leader", "other_project_staff"])
def test_only_the_programmes_staff_read_its_numbers(world, role):
    with pytest.raises((PermissionDenied, Http404)):
        course_numbers_for_programme(getattr(world, role), world.programme)
