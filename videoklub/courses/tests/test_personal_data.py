"""A learner's courses in their data export; on erasure their answers go and their feedback
stays without them."""

import pytest
from django.urls import reverse

from videoklub.core.personal_data import export_parts
from videoklub.courses.models import Enrolment, FeedbackResponse, StepResponse
from videoklub.courses.services import feedback_save, step_response_save
from videoklub.courses.tests.helpers import make_course, steps_of
from videoklub.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def _taken(user):
    course = make_course()
    for step in steps_of(course):
        step_response_save(
            user=user,
            course=course,
            step_id=step.id,
            answer="Mijn reflectie" if step.answered and not step.is_choice else "",
            choice=1 if step.is_choice else None,
        )
    (scale,) = [str(b.id) for b in course.feedback_questions if b.block_type == "scale"]
    feedback_save(user=user, course=course, answers={scale: 3})
    return course


def test_the_export_holds_the_enrolments_answers_and_feedback():
    user = UserFactory()
    _taken(user)
    parts = {part.filename: part for part in export_parts()}
    (enrolment,) = parts["e-cursussen.json"].build(user, None)
    assert enrolment["cursus"] == "Groeigerichte feedback in de klas"
    assert enrolment["afgerond_op"] is not None
    answers = {a["stap"]: a for a in enrolment["antwoorden"]}
    assert answers["Reflectie 1"]["antwoord"] == "Mijn reflectie"
    assert answers["Meerkeuze 1"]["gekozen_antwoord"] == "De stand"
    (feedback,) = parts["cursusfeedback.json"].build(user, None)
    assert feedback["antwoorden"] == {"Hoe bruikbaar was de cursus?": 3}
    assert parts["e-cursussen.json"].build(UserFactory(), None) == []


def test_erasure_deletes_the_answers_and_keeps_the_feedback_without_its_author():
    from videoklub.privacy.erasure import account_erase

    user = UserFactory()
    _taken(user)
    account_erase(user=user)
    assert not Enrolment.objects.exists()
    assert not StepResponse.objects.exists()
    feedback = FeedbackResponse.objects.get()
    assert feedback.author is None
    assert feedback.answers


def test_the_export_names_the_klub_and_erasure_takes_the_shared_answers_off_the_team_page(
    client, world
):
    from videoklub.courses.services import enrolment_start
    from videoklub.privacy.erasure import account_erase

    course = make_course()
    enrolment_start(user=world.teacher, course=course, klub=world.klub)
    reflection = next(s for s in steps_of(course) if s.kind == "reflection")
    step_response_save(
        user=world.teacher,
        course=course,
        step_id=reflection.id,
        answer="Mijn gedeelde reflectie",
        shared_with_klub=True,
    )
    parts = {part.filename: part for part in export_parts()}
    (enrolment,) = parts["e-cursussen.json"].build(world.teacher, None)
    assert enrolment["met_klub"] == world.klub.name
    assert enrolment["antwoorden"][0]["gedeeld_met_klub"] is True
    url = reverse("courses:team_detail", args=[course.slug, world.klub.pk])
    client.force_login(world.coach)
    assert "Mijn gedeelde reflectie" in client.get(url).content.decode()
    account_erase(user=world.teacher)
    page = client.get(url).content.decode()
    assert "Mijn gedeelde reflectie" not in page
    assert not StepResponse.objects.exists()
