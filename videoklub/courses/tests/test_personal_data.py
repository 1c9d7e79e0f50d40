"""A learner's courses in their data export; on erasure their answers go and their feedback
stays without them."""

import pytest

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
