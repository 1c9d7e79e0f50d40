import pytest
from django.urls import reverse

from videoklub.cycles.models import CorePractice, LearningQuestion
from videoklub.testing.factories import CycleFactory


@pytest.fixture
def cycle(world):
    cycle = CycleFactory(teacher=world.teacher, klub=world.klub, learning_question=None)
    LearningQuestion.objects.create(cycle=cycle)
    return cycle


def _url(cycle, step):
    return reverse("cycles:question", args=[cycle.pk, step])


def test_each_step_shows_progress_and_guiding_questions(client, world, cycle):
    client.force_login(world.teacher)
    content = client.get(_url(cycle, 2)).content.decode()
    assert "Step 2 of 6" in content
    assert "What happens now in your class? Give a concrete example." in content
    content = client.get(_url(cycle, 1)).content.decode()
    assert "What do you want to achieve with your pupils?" in content


def test_next_saves_the_step_and_goes_on(client, world, cycle):
    client.force_login(world.teacher)
    response = client.post(_url(cycle, 1), {"text": "Zelfstandig werken", "next": "1"})
    assert response["Location"] == _url(cycle, 2)
    response = client.post(_url(cycle, 2), {"text": "Ze wachten op mij", "next": "1"})
    assert response["Location"] == _url(cycle, 3)
    question = LearningQuestion.objects.get(cycle=cycle)
    assert (question.goal, question.reality) == ("Zelfstandig werken", "Ze wachten op mij")


def test_back_keeps_what_was_typed(client, world, cycle):
    client.force_login(world.teacher)
    client.post(_url(cycle, 1), {"text": "Zelfstandig werken", "next": "1"})
    response = client.post(_url(cycle, 2), {"text": "Half getypt", "back": "1"})
    assert response["Location"] == _url(cycle, 1)
    assert "Zelfstandig werken" in client.get(_url(cycle, 1)).content.decode()
    assert "Half getypt" in client.get(_url(cycle, 2)).content.decode()


def test_an_empty_question_on_the_final_step_gives_a_clear_error(client, world, cycle):
    client.force_login(world.teacher)
    response = client.post(_url(cycle, 6), {"question": "  ", "next": "1"})
    assert response.status_code == 200
    errors = response.context["form"].errors["question"]
    assert "Write your learning question" in errors[0]
    assert 'role="alert"' in response.content.decode()


def test_going_back_from_the_final_step_does_not_need_a_question(client, world, cycle):
    client.force_login(world.teacher)
    response = client.post(_url(cycle, 6), {"question": "", "back": "1"})
    assert response["Location"] == _url(cycle, 5)


def test_the_final_step_saves_question_and_core_practice(client, world, cycle):
    practice = CorePractice.objects.get(code="high-expectations")
    client.force_login(world.teacher)
    response = client.post(
        _url(cycle, 6),
        {
            "question": "Hoe geef ik alle leerlingen denktijd?",
            "core_practice": practice.pk,
            "specific": "on",
            "challenging": "on",
            "feasible": "on",
            "next": "1",
        },
    )
    assert response["Location"] == reverse("cycles:detail", args=[cycle.pk])
    cycle.refresh_from_db()
    assert cycle.learning_question.question == "Hoe geef ik alle leerlingen denktijd?"
    assert cycle.core_practice == practice


def test_the_final_step_shows_the_three_criteria_as_a_checklist(client, world, cycle):
    client.force_login(world.teacher)
    content = client.get(_url(cycle, 6)).content.decode()
    for name in ("specific", "challenging", "feasible"):
        assert f'type="checkbox" name="{name}"' in content
    assert "Hoe …" in content


def test_unticked_criteria_give_advice_not_an_error(client, world, cycle):
    client.force_login(world.teacher)
    response = client.post(
        _url(cycle, 6),
        {"question": "Hoe geef ik denktijd?", "specific": "on", "next": "1"},
        follow=True,
    )
    texts = [str(m) for m in response.context["messages"]]
    assert any("challenging" in t and "feasible" in t for t in texts)


def test_a_step_out_of_range_is_404(client, world, cycle):
    client.force_login(world.teacher)
    assert client.get(_url(cycle, 7)).status_code == 404


def test_the_coach_cannot_edit_the_question(client, world, cycle):
    client.force_login(world.coach)
    assert client.post(_url(cycle, 1), {"text": "Anders", "next": "1"}).status_code == 403
    assert LearningQuestion.objects.get(cycle=cycle).goal == ""
