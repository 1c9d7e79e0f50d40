"""A course's video step: observation tasks answered one by one, done when all are."""

from __future__ import annotations

import pytest
from django.urls import reverse

from videoklub.core.personal_data import export_parts
from videoklub.courses.models import Enrolment
from videoklub.courses.selectors import outline_for
from videoklub.courses.services import step_response_save
from videoklub.courses.tests.helpers import make_course, steps_of
from videoklub.knowledge.tests.helpers import make_video_page
from videoklub.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def video_course():
    page = make_video_page(slug="juf-nadia", is_open=True)
    step = (
        "video",
        {
            "title": "Juf Nadia aan het werk",
            "intro": "<p>Kijk goed.</p>",
            "video": page,
            "tasks": [
                {"at": 40, "question": "Wat doet ze daarna?", "hint": ""},
                {"at": 12, "question": "Wat zegt de juf eerst?", "hint": "Let op het bord."},
            ],
        },
    )
    module = ("module", {"title": "Kijken", "intro": "", "steps": [step]})
    course = make_course(slug="kijkcursus", modules=0)
    course.modules = [module]
    course.save_revision().publish()
    course.refresh_from_db()
    return course


def test_the_step_is_done_only_when_every_task_is_answered(teacher):
    course = video_course()
    (step,) = steps_of(course)
    first, second = step.tasks
    assert (first.at, second.at) == (12, 40)  # in time order, whatever the editor's order

    step_response_save(user=teacher, course=course, step_id=step.id, answers={first.id: "Het doel"})
    enrolment = Enrolment.objects.get(user=teacher, course=course)
    outline = outline_for(course, enrolment)
    assert not outline.state(step.id).done and enrolment.completed_at is None

    step_response_save(
        user=teacher,
        course=course,
        step_id=step.id,
        answers={second.id: "Ze vraagt door", "x": "?"},
    )
    enrolment.refresh_from_db()
    response = enrolment.responses.get()
    assert response.answers == {first.id: "Het doel", second.id: "Ze vraagt door"}
    assert outline_for(course, enrolment).state(step.id).done
    assert enrolment.completed_at is not None


def test_the_tasks_are_a_form_that_works_without_javascript(client, teacher):
    course = video_course()
    (step,) = steps_of(course)
    client.force_login(teacher)
    url = reverse("courses:step", args=[course.slug, step.id])
    html = client.get(url).content.decode()
    assert html.count("<textarea") == 2 and 'data-task-at="12.0"' in html
    assert "Wat zegt de juf eerst?" in html and "Let op het bord." in html
    assert "Het doel is zichtbaar." not in html  # the expert's commentary waits for the answers
    answers = {f"task_{task.id}": f"Antwoord {n}" for n, task in enumerate(step.tasks)}
    assert client.post(url, answers).status_code == 302
    after = client.get(url).content.decode()
    assert "Antwoord 1" in after and "Het doel is zichtbaar." in after


def test_saving_no_answer_at_all_is_refused(client, teacher):
    course = video_course()
    (step,) = steps_of(course)
    client.force_login(teacher)
    response = client.post(reverse("courses:step", args=[course.slug, step.id]), {})
    assert response.status_code == 200
    assert not Enrolment.objects.filter(user=teacher).exists()


@pytest.fixture
def teacher():
    return UserFactory()


def test_the_learners_data_export_holds_the_answers_by_question(teacher):
    course = video_course()
    (step,) = steps_of(course)
    step_response_save(
        user=teacher, course=course, step_id=step.id, answers={step.tasks[0].id: "Het doel"}
    )
    parts = {part.filename: part for part in export_parts()}
    (enrolment,) = parts["e-cursussen.json"].build(teacher, None)
    (answer,) = enrolment["antwoorden"]
    assert answer["kijkvragen"] == {"Wat zegt de juf eerst?": "Het doel"}
