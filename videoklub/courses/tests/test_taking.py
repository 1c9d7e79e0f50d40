"""Taking a course: answering enrols, progress is kept per step and resumed, multiple-choice
feedback and model answers after answering, required steps gate completion, bad input is
refused with what was typed kept, reflections are private and land in the learning trail."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from videoklub.courses.models import Enrolment, StepResponse
from videoklub.courses.services import step_response_save
from videoklub.courses.tests.helpers import make_course, steps_by_kind, steps_of
from videoklub.cycles.models import CorePractice
from videoklub.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def _step_url(course, step):
    return reverse("courses:step", args=[course.slug, step.id])


def _complete(user, course, *, skip=()):
    for step in steps_of(course):
        if step.id in skip:
            continue
        step_response_save(
            user=user,
            course=course,
            step_id=step.id,
            answer="Mijn antwoord" if step.answered and not step.is_choice else "",
            choice=0 if step.is_choice else None,
        )


def test_answering_enrols_and_the_course_resumes_at_the_step_where_the_learner_was(client):
    course = make_course()
    user = UserFactory()
    client.force_login(user)
    text, choice = steps_of(course)[:2]
    response = client.post(_step_url(course, text))
    assert response.status_code == 302
    assert response["Location"] == _step_url(course, choice)
    enrolment = Enrolment.objects.get(user=user, course=course)
    assert enrolment.last_step_id == choice.id
    overview = client.get(reverse("courses:detail", args=[course.slug])).content.decode()
    assert f'href="{_step_url(course, choice)}"' in overview
    assert "1 van 10" in overview or "1 of 10" in overview
    listing = client.get(reverse("courses:index")).content.decode()
    assert f'href="{reverse("courses:detail", args=[course.slug])}"' in listing


def test_continue_skips_the_step_the_learner_already_answered(client):
    course = make_course()
    client.force_login(UserFactory())
    text, choice, following = steps_of(course)[:3]
    client.post(_step_url(course, text))
    client.post(_step_url(course, choice), {"choice": "0"})  # answered; the learner stays there
    overview = client.get(reverse("courses:detail", args=[course.slug])).content.decode()
    assert f'href="{_step_url(course, following)}"' in overview
    assert f'class="button primary" href="{_step_url(course, choice)}"' not in overview


def test_a_multiple_choice_answer_shows_its_feedback_and_stays_on_the_step(client):
    course = make_course()
    client.force_login(UserFactory())
    choice = steps_by_kind(course, "question")[0]
    response = client.post(_step_url(course, choice), {"choice": "1"})
    assert response["Location"] == _step_url(course, choice)
    page = client.get(_step_url(course, choice)).content.decode()
    assert "Dat is feedback." in page
    assert "Juist: het doel." not in page
    client.post(_step_url(course, choice), {"choice": "0"})
    assert "Juist: het doel." in client.get(_step_url(course, choice)).content.decode()
    assert StepResponse.objects.get().choice == 0  # answering again changes the answer


def test_an_open_question_shows_the_model_answer_after_answering(client):
    course = make_course()
    client.force_login(UserFactory())
    question = steps_by_kind(course, "question")[1]
    assert "Een voorbeeldantwoord" not in client.get(_step_url(course, question)).content.decode()
    client.post(_step_url(course, question), {"answer": "Door te vragen wat het doel is."})
    page = client.get(_step_url(course, question)).content.decode()
    assert "Een voorbeeldantwoord van de redactie." in page
    assert "Door te vragen wat het doel is." in page


def test_the_course_completes_only_when_every_required_step_is_done(client):
    course = make_course()
    user = UserFactory()
    last_reflection = steps_by_kind(course, "reflection")[-1]
    _complete(user, course, skip={last_reflection.id})
    enrolment = Enrolment.objects.get(user=user)
    assert enrolment.completed_at is None
    step_response_save(user=user, course=course, step_id=last_reflection.id, answer="Klaar.")
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    client.force_login(user)
    overview = client.get(reverse("courses:detail", args=[course.slug])).content.decode()
    assert reverse("courses:certificate", args=[course.slug]) in overview
    assert reverse("courses:feedback", args=[course.slug]) in overview


def test_a_step_the_editors_made_optional_is_not_needed(client):
    course = make_course(modules=1)
    modules = course.modules.get_prep_value()
    for step in modules[0]["value"]["steps"]:
        if step["type"] == "question":
            step["value"]["required"] = False
    course.modules = modules
    course.save_revision().publish()
    course.refresh_from_db()
    user = UserFactory()
    _complete(user, course, skip={s.id for s in steps_by_kind(course, "question")})
    assert Enrolment.objects.get(user=user).completed_at is not None


@pytest.mark.parametrize(
    ("kind", "data", "kept"),
    [
        ("choice", {}, None),
        ("open", {"answer": "   "}, None),
        ("reflection", {"answer": ""}, None),
        ("reflection", {"answer": "Lang " * 1200}, "Lang Lang"),
    ],
)
def test_bad_input_is_refused_with_an_error_and_what_was_typed_kept(client, kind, data, kept):
    course = make_course()
    client.force_login(UserFactory())
    step = {
        "choice": steps_by_kind(course, "question")[0],
        "open": steps_by_kind(course, "question")[1],
        "reflection": steps_by_kind(course, "reflection")[0],
    }[kind]
    response = client.post(_step_url(course, step), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'role="alert"' in body
    if kept:
        assert kept in body
    assert not StepResponse.objects.exists()


def test_a_reflection_is_private_by_default_and_lands_in_the_learning_trail(client):
    course = make_course()
    user, colleague = UserFactory(), UserFactory()
    reflection = steps_by_kind(course, "reflection")[0]
    client.force_login(user)
    client.post(_step_url(course, reflection), {"answer": "Ik geef te snel het antwoord."})
    response = StepResponse.objects.get()
    assert response.shared_with_klub is False
    trail = client.get(reverse("cycles:trail")).content.decode()
    assert "Ik geef te snel het antwoord." in trail
    assert course.title in trail
    pdf = client.get(reverse("cycles:trail_pdf"))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Ik geef te snel het antwoord." in text
    client.force_login(colleague)
    assert "Ik geef te snel" not in client.get(reverse("cycles:trail")).content.decode()
    assert "Ik geef te snel" not in client.get(_step_url(course, reflection)).content.decode()


def test_a_reflection_can_be_shared_with_the_klub(client):
    course = make_course()
    client.force_login(UserFactory())
    reflection = steps_by_kind(course, "reflection")[0]
    client.post(_step_url(course, reflection), {"answer": "Gedeeld.", "share": "on"})
    assert StepResponse.objects.get().shared_with_klub is True


def test_an_answered_reflection_offers_a_cycle_on_the_course_core_practice(client, world):
    practice = CorePractice.objects.get(code="growth-oriented-feedback")
    course = make_course(core_practice=practice)
    teacher = world.user("teacher")
    client.force_login(teacher)
    reflection = steps_by_kind(course, "reflection")[0]
    client.post(_step_url(course, reflection), {"answer": "Meer wachttijd."})
    link = f"{reverse('cycles:start')}?praktijk={practice.code}"
    assert f'href="{link}"' in client.get(_step_url(course, reflection)).content.decode()
    start = client.get(link).content.decode()
    assert f'<option value="{practice.code}" selected>' in start
    client.post(reverse("cycles:start"), {"klub": world.klub.pk, "core_practice": practice.code})
    assert teacher.cycles.get().core_practice == practice


def test_an_htmx_answer_gets_the_step_back_as_a_fragment(client):
    course = make_course()
    client.force_login(UserFactory())
    choice = steps_by_kind(course, "question")[0]
    response = client.post(
        _step_url(course, choice), {"choice": "0"}, headers={"HX-Request": "true"}, follow=True
    )
    body = response.content.decode()
    assert 'id="course-step"' in body
    assert "<html" not in body
    assert "Juist: het doel." in body


def test_progress_survives_an_editor_adding_and_moving_steps_in_a_new_revision(client):
    course = make_course(modules=1)
    user = UserFactory()
    reflection = steps_by_kind(course, "reflection")[0]
    step_response_save(user=user, course=course, step_id=reflection.id, answer="Blijft staan.")
    modules = course.modules.get_prep_value()
    steps = modules[0]["value"]["steps"]
    steps.reverse()
    steps.insert(0, {"type": "text", "value": {"title": "Nieuw", "body": "<p>Nieuw.</p>"}})
    course.modules = modules
    course.save_revision().publish()
    course.refresh_from_db()
    client.force_login(user)
    page = client.get(_step_url(course, reflection))
    assert page.status_code == 200
    assert "Blijft staan." in page.content.decode()
    overview = client.get(reverse("courses:detail", args=[course.slug])).content.decode()
    assert "1 van 6" in overview or "1 of 6" in overview


def test_a_course_reflection_goes_to_the_cycle_that_ran_when_it_was_written(world):
    from videoklub.cycles.selectors import learning_trail
    from videoklub.testing.factories import CycleFactory

    teacher = world.user("teacher")
    course = make_course()
    first, second = steps_by_kind(course, "reflection")
    step_response_save(user=teacher, course=course, step_id=first.id, answer="Voor de cyclus.")
    cycle = CycleFactory(teacher=teacher, klub=world.klub)
    step_response_save(user=teacher, course=course, step_id=second.id, answer="Tijdens.")
    before, during = learning_trail(teacher)
    assert before.cycle is None
    assert [e.body for e in before.entries] == ["Voor de cyclus."]
    assert during.cycle == cycle
    assert [e.body for e in during.entries if e.kind == "course_reflection"] == ["Tijdens."]
