"""Team mode (issue 12): a learner takes a course with one of their klubs; the klub's coach and
members see the team's progress and the reflections members chose to share, never a private
answer, a choice answer, another klub's member or someone who took the course alone."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from videoklub.courses.models import Enrolment
from videoklub.courses.services import (
    enrolment_start,
    enrolment_team_set,
    step_response_save,
)
from videoklub.courses.tests.helpers import make_course, steps_by_kind, steps_of
from videoklub.organisations.models import Membership, Role
from videoklub.testing.factories import MembershipFactory

pytestmark = pytest.mark.django_db

SHARED = "Ik benoem nu eerst wat goed gaat."
PRIVATE = "Dit houd ik liever voor mezelf."
OPEN_ANSWER = "Een open antwoord dat niemand anders leest."


def _team_url(course, klub):
    return reverse("courses:team_detail", args=[course.slug, klub.pk])


def _reflect(user, course, text, *, share, number=0):
    reflection = steps_by_kind(course, "reflection")[number]
    step_response_save(
        user=user, course=course, step_id=reflection.id, answer=text, shared_with_klub=share
    )


def _answer_all(user, course):
    for step in steps_of(course):
        step_response_save(
            user=user,
            course=course,
            step_id=step.id,
            answer=OPEN_ANSWER if step.answered and not step.is_choice else "",
            choice=0 if step.is_choice else None,
        )


@pytest.fixture
def team(world):
    """The teacher and the colleague take the course with the klub: the teacher shares a
    reflection and keeps another private; the colleague shares nothing. The other klub's teacher
    shares with their own klub; a third teacher of the klub took the course alone and shared."""
    course = make_course()
    enrolment_start(user=world.teacher, course=course, klub=world.klub)
    _answer_all(world.teacher, course)
    _reflect(world.teacher, course, SHARED, share=True)
    _reflect(world.teacher, course, PRIVATE, share=False, number=1)
    enrolment_start(user=world.colleague, course=course, klub=world.klub)
    _reflect(world.colleague, course, "Niet gedeeld door Jens.", share=False)
    enrolment_start(user=world.other_teacher, course=course, klub=world.other_klub)
    _reflect(world.other_teacher, course, "Gedeeld in de andere klub.", share=True)
    alone = MembershipFactory(role=Role.TEACHER, klub=world.klub).user
    _reflect(alone, course, "Alleen gevolgd en toch gedeeld.", share=True)
    return course, alone


# --- Joining --------------------------------------------------------------------------------


def test_a_klub_member_starts_the_course_with_their_klub_from_the_course_page(client, world):
    course = make_course()
    client.force_login(world.teacher)
    page = client.get(reverse("courses:detail", args=[course.slug])).content.decode()
    assert world.klub.name in page
    assert reverse("courses:team_choose", args=[course.slug]) in page
    response = client.post(
        reverse("courses:team_choose", args=[course.slug]), {"klub": world.klub.pk}
    )
    first = steps_of(course)[0]
    assert response["Location"] == reverse("courses:step", args=[course.slug, first.id])
    assert Enrolment.objects.get(user=world.teacher, course=course).klub == world.klub


def test_a_learner_links_and_unlinks_their_enrolment_and_keeps_their_answers(client, world):
    course = make_course()
    _reflect(world.teacher, course, PRIVATE, share=False)
    client.force_login(world.teacher)
    url = reverse("courses:team_choose", args=[course.slug])
    assert client.post(url, {"klub": world.klub.pk}).status_code == 302
    enrolment = Enrolment.objects.get(user=world.teacher, course=course)
    assert enrolment.klub == world.klub
    assert enrolment.responses.count() == 1
    assert client.post(url, {"klub": ""}).status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.klub is None
    assert enrolment.responses.count() == 1


def test_linking_to_a_klub_one_is_not_in_is_refused_with_a_clear_message(client, world):
    course = make_course()
    enrolment_start(user=world.teacher, course=course, klub=world.klub)
    client.force_login(world.teacher)
    response = client.post(
        reverse("courses:team_choose", args=[course.slug]), {"klub": world.other_klub.pk}
    )
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert "klub" in response.context["team_form"].errors["klub"][0]
    assert Enrolment.objects.get(user=world.teacher).klub == world.klub  # nothing lost


def test_the_services_ask_that_the_learner_links_and_is_in_the_klub(world):
    course = make_course()
    with pytest.raises(ValidationError) as error:
        enrolment_start(user=world.teacher, course=course, klub=world.other_klub)
    assert "klub" in error.value.message_dict
    assert not Enrolment.objects.exists()
    enrolment = enrolment_start(user=world.teacher, course=course)
    with pytest.raises(PermissionDenied):
        enrolment_team_set(enrolment=enrolment, klub=world.klub, by=world.coach)
    with pytest.raises(ValidationError):
        enrolment_team_set(enrolment=enrolment, klub=world.other_klub, by=world.teacher)
    enrolment_team_set(enrolment=enrolment, klub=world.klub, by=world.teacher)
    enrolment.refresh_from_db()
    assert enrolment.klub == world.klub


# --- The team page --------------------------------------------------------------------------


def test_the_coach_sees_progress_and_only_the_answers_shared_with_the_klub(client, world, team):
    course, alone = team
    client.force_login(world.coach)
    response = client.get(_team_url(course, world.klub))
    assert response.status_code == 200
    page = response.content.decode()
    assert world.teacher.full_name in page
    assert "Jens D&#x27;Hondt" in page  # the colleague, enrolled with the klub, shared nothing
    assert SHARED in page
    for hidden in (
        PRIVATE,
        OPEN_ANSWER,
        "Niet gedeeld door Jens.",
        "Gedeeld in de andere klub.",
        "Alleen gevolgd en toch gedeeld.",
        world.other_teacher.full_name,
    ):
        assert hidden not in page
    members = {m.user: m for m in response.context["team"].members}
    assert set(members) == {world.teacher, world.colleague}
    assert members[world.teacher].enrolment.completed_at is not None
    assert members[world.teacher].done == members[world.teacher].required == 10
    assert [(m.done, m.required) for m in members[world.colleague].modules] == [(1, 5), (0, 5)]
    # Enrolled alone: listed with the klub's teachers who did not start with the klub.
    assert response.context["team"].not_started == [alone]


def test_a_member_who_left_the_klub_drops_out_of_the_team(client, world, team):
    course, _alone = team
    Membership.objects.filter(user=world.teacher, klub=world.klub).delete()
    client.force_login(world.coach)
    page = client.get(_team_url(course, world.klub)).content.decode()
    assert SHARED not in page
    assert world.teacher.full_name not in page


def test_staff_and_school_leaders_do_not_see_the_team(client, world, team):
    course, _alone = team
    for person, status in [
        (world.school_leader, 403),
        (world.project_staff, 403),
        (world.other_coach, 404),
        (world.no_membership, 404),
    ]:
        client.force_login(person)
        assert client.get(_team_url(course, world.klub)).status_code == status, person


def test_the_team_page_costs_the_same_queries_for_more_members(client, world):
    course = make_course()
    enrolment_start(user=world.teacher, course=course, klub=world.klub)
    _reflect(world.teacher, course, SHARED, share=True)
    client.force_login(world.coach)
    url = _team_url(course, world.klub)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for _ in range(4):
        teacher = MembershipFactory(role=Role.TEACHER, klub=world.klub).user
        enrolment_start(user=teacher, course=course, klub=world.klub)
        _reflect(teacher, course, SHARED, share=True)
        MembershipFactory(role=Role.TEACHER, klub=world.klub)  # not started
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["team"].members) == 5
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_the_course_page_and_the_klub_page_link_to_the_team_page(client, world, team):
    course, _alone = team
    url = _team_url(course, world.klub)
    for person in (world.coach, world.teacher):
        client.force_login(person)
        assert url in client.get(reverse("courses:detail", args=[course.slug])).content.decode()
        assert url in client.get(reverse("home:klub_detail", args=[world.klub.pk])).content.decode()
    client.force_login(world.school_leader)
    assert url not in client.get(reverse("home:klub_detail", args=[world.klub.pk])).content.decode()


# --- The discussion step --------------------------------------------------------------------


def test_a_discussion_step_shows_the_klubs_shared_reflections_of_its_module(client, world, team):
    course, _alone = team
    discussion = steps_by_kind(course, "discussion")[0]
    url = reverse("courses:step", args=[course.slug, discussion.id])
    client.force_login(world.colleague)
    page = client.get(url).content.decode()
    assert SHARED in page
    assert "Niet gedeeld door Jens." not in page
    assert "Gedeeld in de andere klub." not in page
    assert PRIVATE not in page  # the teacher's private reflection is in module 2 anyway
    # Alone, there is no team to show.
    client.force_login(_alone)
    assert SHARED not in client.get(url).content.decode()


def test_with_htmx_the_form_swaps_itself_on_an_error_and_the_page_moves_on_success(client, world):
    course = make_course()
    client.force_login(world.teacher)
    url = reverse("courses:team_choose", args=[course.slug])
    refused = client.post(url, {"klub": world.other_klub.pk}, headers={"HX-Request": "true"})
    assert refused.content.decode().lstrip().startswith('<form id="course-team-form"')
    done = client.post(url, {"klub": world.klub.pk}, headers={"HX-Request": "true"})
    assert done["HX-Redirect"] == reverse(
        "courses:step", args=[course.slug, steps_of(course)[0].id]
    )
