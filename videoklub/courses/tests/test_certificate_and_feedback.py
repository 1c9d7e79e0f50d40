"""The certificate (only for one's own completed course) and the anonymous feedback: one per
learner, editable by them; the staff read all of it without names, also as CSV and PDF."""

import csv
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from videoklub.courses.models import FeedbackResponse
from videoklub.courses.services import step_response_save
from videoklub.courses.tests.helpers import make_course, steps_of
from videoklub.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def _pdf_text(response) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def _complete(user, course):
    for step in steps_of(course):
        step_response_save(
            user=user,
            course=course,
            step_id=step.id,
            answer="Antwoord" if step.answered and not step.is_choice else "",
            choice=0 if step.is_choice else None,
        )


def _questions(course):
    return {block.block_type: str(block.id) for block in course.feedback_questions}


def test_the_certificate_names_the_learner_course_and_hours_once_completed(client):
    course = make_course()
    learner = UserFactory(full_name="Lotte Peeters")
    client.force_login(learner)
    url = reverse("courses:certificate", args=[course.slug])
    step_response_save(user=learner, course=course, step_id=steps_of(course)[0].id)
    assert client.get(url).status_code == 403  # started, not completed
    _complete(learner, course)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response)
    assert "Groeigerichte feedback in de klas" in text
    assert "Lotte Peeters" in text
    assert "2.0" in text or "2,0" in text


def test_nobody_else_gets_a_learners_certificate(client):
    course = make_course(is_open=True)
    _complete(UserFactory(), course)
    url = reverse("courses:certificate", args=[course.slug])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403


def test_feedback_is_one_per_learner_and_changing_it_keeps_one(client):
    course = make_course()
    learner = UserFactory()
    url = reverse("courses:feedback", args=[course.slug])
    client.force_login(learner)
    assert client.get(url).status_code == 403  # before completion
    _complete(learner, course)
    ids = _questions(course)
    response = client.post(url, {f"q_{ids['scale']}": "4", f"q_{ids['open']}": "Meer video."})
    assert response.status_code == 302
    client.post(url, {f"q_{ids['scale']}": "5", f"q_{ids['open']}": "Meer oefeningen."})
    feedback = FeedbackResponse.objects.get()
    assert feedback.answers == {ids["scale"]: 5, ids["open"]: "Meer oefeningen."}
    assert "Meer oefeningen." in client.get(url).content.decode()


def test_a_missing_score_is_refused_and_the_typed_text_kept(client):
    course = make_course()
    learner = UserFactory()
    _complete(learner, course)
    client.force_login(learner)
    ids = _questions(course)
    response = client.post(
        reverse("courses:feedback", args=[course.slug]), {f"q_{ids['open']}": "Tekst blijft."}
    )
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert "Tekst blijft." in response.content.decode()
    assert not FeedbackResponse.objects.exists()


def _feedback_from_two(course):
    ids = _questions(course)
    for name, score, text in (("Anna Aerts", 4, "Heel bruikbaar."), ("Bert Bos", 2, "")):
        learner = UserFactory(full_name=name)
        _complete(learner, course)
        from videoklub.courses.services import feedback_save

        feedback_save(user=learner, course=course, answers={ids["scale"]: score, ids["open"]: text})


def test_the_staff_see_all_feedback_with_aggregates_and_without_names(client, world):
    course = make_course()
    _feedback_from_two(course)
    client.force_login(world.user("project_staff"))
    page = client.get(reverse("courses:feedback_overview", args=[course.slug]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Heel bruikbaar." in body
    assert "3.0" in body or "3,0" in body  # the mean of 4 and 2
    assert "Anna Aerts" not in body and "Bert Bos" not in body


def test_the_feedback_exports_as_csv_and_pdf_without_names(client, world):
    course = make_course()
    _feedback_from_two(course)
    client.force_login(world.user("project_staff"))
    exported = client.get(reverse("courses:feedback_csv", args=[course.slug]))
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[0] == ["Hoe bruikbaar was de cursus?", "Wat mis je nog?"]
    assert sorted(rows[1:]) == [["2", ""], ["4", "Heel bruikbaar."]]
    assert "Anna" not in exported.content.decode()
    text = _pdf_text(client.get(reverse("courses:feedback_pdf", args=[course.slug])))
    assert "Hoe bruikbaar was de cursus?" in text
    assert "Heel bruikbaar." in text
    assert "Anna Aerts" not in text


@pytest.mark.parametrize("name", ["feedback_overview", "feedback_csv", "feedback_pdf"])
def test_learners_and_visitors_do_not_read_the_feedback(client, world, name):
    course = make_course(is_open=True)
    url = reverse(f"courses:{name}", args=[course.slug])
    assert client.get(url).status_code == 302
    client.force_login(world.user("teacher"))
    assert client.get(url).status_code == 403
