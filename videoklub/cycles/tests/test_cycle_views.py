from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from videoklub.cycles.models import Action, Cycle, Phase, QuestionComment, Reflection
from videoklub.testing.factories import CycleFactory, RecordingFactory


@pytest.fixture
def cycle(world):
    return CycleFactory(teacher=world.teacher, klub=world.klub)


def test_a_teacher_starts_a_cycle_and_lands_on_the_first_grrow_step(client, world):
    client.force_login(world.teacher)
    response = client.post(reverse("cycles:start"), {"klub": world.klub.pk})
    cycle = Cycle.objects.get(teacher=world.teacher)
    assert response.status_code == 302
    assert response["Location"] == reverse("cycles:question", args=[cycle.pk, 1])
    assert cycle.number == 1


def test_a_teacher_cannot_start_a_cycle_in_another_klub(client, world):
    client.force_login(world.teacher)
    response = client.post(reverse("cycles:start"), {"klub": world.other_klub.pk})
    assert response.status_code == 200
    assert "klub" in response.context["form"].errors
    assert not Cycle.objects.exists()


def test_the_cycle_page_shows_question_stepper_and_next_step(client, world, cycle):
    client.force_login(world.teacher)
    response = client.get(reverse("cycles:detail", args=[cycle.pk]))
    content = response.content.decode()
    assert cycle.learning_question.question in content
    assert 'aria-current="step"' in content
    assert content.count('<li class="phase-') == 7
    assert response.context["next_step"] is not None


def test_the_coach_sees_the_cycle_but_not_the_links_to_recordings(client, world, cycle):
    recording = RecordingFactory(owner=world.teacher, cycle=cycle, title="Rekenles 3B")
    client.force_login(world.coach)
    response = client.get(reverse("cycles:detail", args=[cycle.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert cycle.learning_question.question in content
    assert str(recording.uuid) not in content
    assert "Rekenles 3B" not in content
    assert response.context["recording_count"] == 1
    assert response.context["next_step"] is None


def test_the_teacher_sees_links_to_their_recordings(client, world, cycle):
    recording = RecordingFactory(owner=world.teacher, cycle=cycle, title="Rekenles 3B")
    client.force_login(world.teacher)
    content = client.get(reverse("cycles:detail", args=[cycle.pk])).content.decode()
    assert reverse("recordings:detail", args=[recording.uuid]) in content


@pytest.mark.parametrize("role", ["school_leader", "project_staff", "other_coach", "colleague"])
def test_others_get_404_on_a_cycle(client, world, cycle, role):
    client.force_login(getattr(world, role))
    assert client.get(reverse("cycles:detail", args=[cycle.pk])).status_code == 404


def test_moving_the_phase_forward_with_advice_but_never_blocked(client, world):
    cycle = CycleFactory(teacher=world.teacher, klub=world.klub, phase=Phase.FILM)
    client.force_login(world.teacher)
    response = client.post(
        reverse("cycles:phase", args=[cycle.pk]), {"phase": "analyse"}, follow=True
    )
    cycle.refresh_from_db()
    assert cycle.phase == Phase.ANALYSE
    texts = [str(m) for m in response.context["messages"]]
    assert any("no recording" in t for t in texts)


def test_the_coach_cannot_move_the_phase(client, world, cycle):
    client.force_login(world.coach)
    response = client.post(reverse("cycles:phase", args=[cycle.pk]), {"phase": "film"})
    assert response.status_code == 403
    cycle.refresh_from_db()
    assert cycle.phase == Phase.PREPARE


def test_the_coach_comments_and_the_teacher_reads_the_comment(client, world, cycle):
    client.force_login(world.coach)
    client.post(reverse("cycles:comment_create", args=[cycle.pk]), {"body": "Maak het concreter"})
    assert QuestionComment.objects.get().author == world.coach

    client.force_login(world.teacher)
    content = client.get(reverse("cycles:detail", args=[cycle.pk])).content.decode()
    assert "Maak het concreter" in content


def test_an_empty_comment_is_refused_with_a_message(client, world, cycle):
    client.force_login(world.coach)
    response = client.post(
        reverse("cycles:comment_create", args=[cycle.pk]), {"body": " "}, follow=True
    )
    assert not QuestionComment.objects.exists()
    assert any("Write a comment" in str(m) for m in response.context["messages"])


def test_htmx_comment_returns_the_comments_panel(client, world, cycle):
    client.force_login(world.coach)
    response = client.post(
        reverse("cycles:comment_create", args=[cycle.pk]),
        {"body": "Goed idee"},
        headers={"HX-Request": "true"},
    )
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="comments"')
    assert "Goed idee" in content


def test_the_teacher_writes_reflections_the_coach_reads_them(client, world, cycle):
    client.force_login(world.teacher)
    client.post(reverse("cycles:reflection_create", args=[cycle.pk]), {"body": "Ik wacht langer"})
    assert Reflection.objects.get().author == world.teacher

    client.force_login(world.coach)
    content = client.get(reverse("cycles:detail", args=[cycle.pk])).content.decode()
    assert "Ik wacht langer" in content
    assert (
        client.post(reverse("cycles:reflection_create", args=[cycle.pk]), {"body": "x"}).status_code
        == 403
    )


class TestActions:
    def test_the_success_criterion_is_required(self, client, world, cycle):
        client.force_login(world.teacher)
        response = client.post(
            reverse("cycles:action_create", args=[cycle.pk]),
            {"description": "Wachttijd na een vraag", "success_criterion": ""},
        )
        assert response.status_code == 200
        assert "success_criterion" in response.context["form"].errors
        assert not Action.objects.exists()

    def test_a_new_date_in_the_past_is_refused(self, client, world, cycle):
        client.force_login(world.teacher)
        yesterday = timezone.localdate() - timedelta(days=1)
        response = client.post(
            reverse("cycles:action_create", args=[cycle.pk]),
            {"description": "Wachttijd", "success_criterion": "Meer handen", "due_on": yesterday},
        )
        assert "due_on" in response.context["form"].errors
        assert not Action.objects.exists()

    def test_an_action_keeps_its_passed_date_when_edited(self, client, world, cycle):
        past = timezone.localdate() - timedelta(days=10)
        action = Action.objects.create(
            cycle=cycle, description="Wachttijd", success_criterion="Meer handen", due_on=past
        )
        client.force_login(world.teacher)
        response = client.post(
            reverse("cycles:action_edit", args=[action.pk]),
            {
                "description": "Drie seconden wachten",
                "success_criterion": "Meer handen",
                "due_on": past,
            },
        )
        assert response.status_code == 302, response.context["form"].errors
        action.refresh_from_db()
        assert action.description == "Drie seconden wachten"

    def test_the_teacher_plans_and_changes_the_status(self, client, world, cycle):
        client.force_login(world.teacher)
        client.post(
            reverse("cycles:action_create", args=[cycle.pk]),
            {"description": "Wachttijd", "success_criterion": "Meer handen omhoog"},
        )
        action = Action.objects.get()
        assert action.created_by == world.teacher
        client.post(reverse("cycles:action_status", args=[action.pk]), {"status": "trying"})
        action.refresh_from_db()
        assert action.status == Action.Status.TRYING

    def test_only_the_teacher_changes_the_status(self, client, world, cycle):
        action = Action.objects.create(cycle=cycle, description="x", success_criterion="y")
        client.force_login(world.coach)
        response = client.post(
            reverse("cycles:action_status", args=[action.pk]), {"status": "done"}
        )
        assert response.status_code == 403
        client.force_login(world.colleague)
        response = client.post(
            reverse("cycles:action_status", args=[action.pk]), {"status": "done"}
        )
        assert response.status_code == 404
        action.refresh_from_db()
        assert action.status == Action.Status.PLANNED

    def test_an_unknown_status_is_refused_without_a_500(self, client, world, cycle):
        action = Action.objects.create(cycle=cycle, description="x", success_criterion="y")
        client.force_login(world.teacher)
        response = client.post(
            reverse("cycles:action_status", args=[action.pk]), {"status": "x"}, follow=True
        )
        assert response.status_code == 200
        action.refresh_from_db()
        assert action.status == Action.Status.PLANNED


def test_my_cycles_lists_only_my_own(client, world, cycle):
    CycleFactory(teacher=world.colleague, klub=world.klub)
    client.force_login(world.teacher)
    response = client.get(reverse("cycles:list"))
    assert list(response.context["cycles"]) == [cycle]


def test_previous_and_next_cycle_are_linked(client, world):
    first = CycleFactory(teacher=world.teacher, klub=world.klub, number=1, phase=Phase.DONE)
    second = CycleFactory(teacher=world.teacher, klub=world.klub, number=2, previous=first)
    client.force_login(world.teacher)
    content = client.get(reverse("cycles:detail", args=[first.pk])).content.decode()
    assert reverse("cycles:detail", args=[second.pk]) in content
    assert "Start the next cycle" not in content  # there is one already
    content = client.get(reverse("cycles:detail", args=[second.pk])).content.decode()
    assert reverse("cycles:detail", args=[first.pk]) in content


def test_start_next_cycle_is_offered_when_evaluating(client, world):
    cycle = CycleFactory(teacher=world.teacher, klub=world.klub, phase=Phase.EVALUATE)
    client.force_login(world.teacher)
    content = client.get(reverse("cycles:detail", args=[cycle.pk])).content.decode()
    assert f"/cycli/nieuw/?klub={world.klub.pk}" in content


def test_the_klub_page_links_to_the_board_for_the_coach_and_my_cycles_for_a_teacher(client, world):
    url = reverse("home:klub_detail", args=[world.klub.pk])
    client.force_login(world.coach)
    content = client.get(url).content.decode()
    assert reverse("cycles:board", args=[world.klub.pk]) in content
    client.force_login(world.teacher)
    content = client.get(url).content.decode()
    assert reverse("cycles:list") in content
    assert reverse("cycles:board", args=[world.klub.pk]) not in content


def test_the_comment_and_reflection_boxes_have_ids_and_labels_of_their_own(client, world, cycle):
    """Tapping "Reflection" must focus the reflection box, not the comment box above it."""
    import collections
    import re

    client.force_login(world.teacher)
    page = client.get(reverse("cycles:detail", args=[cycle.pk])).content.decode()

    ids = collections.Counter(re.findall(r'\sid="([^"]+)"', page))
    assert [name for name, count in ids.items() if count > 1] == []
    assert 'for="comment_body"' in page and 'id="comment_body"' in page
    assert 'for="reflection_body"' in page and 'id="reflection_body"' in page
