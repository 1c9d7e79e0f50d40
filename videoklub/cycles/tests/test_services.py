import pytest
from django.core.exceptions import ValidationError

from videoklub.cycles import services
from videoklub.cycles.models import Cycle, LearningQuestion, Phase
from videoklub.cycles.steps import next_step, phase_advice
from videoklub.testing.factories import (
    CycleFactory,
    FragmentFactory,
    MembershipFactory,
    RecordingFactory,
)


def test_cycles_are_numbered_per_teacher_and_klub_and_link_to_the_previous_one(world):
    first = services.cycle_start(teacher=world.teacher, klub=world.klub)
    second = services.cycle_start(teacher=world.teacher, klub=world.klub)
    colleague_first = services.cycle_start(teacher=world.colleague, klub=world.klub)

    assert (first.number, second.number, colleague_first.number) == (1, 2, 1)
    assert first.previous is None
    assert second.previous == first
    assert colleague_first.previous is None
    assert LearningQuestion.objects.filter(cycle=second, question="").exists()


def test_numbering_in_a_second_klub_starts_again(world):
    services.cycle_start(teacher=world.teacher, klub=world.klub)
    MembershipFactory(user=world.teacher, klub=world.other_klub)
    world.teacher.__dict__.pop("_videoklub_memberships", None)

    elsewhere = services.cycle_start(teacher=world.teacher, klub=world.other_klub)

    assert elsewhere.number == 1
    assert elsewhere.previous is None


def test_a_cycle_starts_only_in_a_klub_where_the_person_teaches(world):
    with pytest.raises(ValidationError):
        services.cycle_start(teacher=world.coach, klub=world.klub)
    with pytest.raises(ValidationError):
        services.cycle_start(teacher=world.teacher, klub=world.other_klub)
    assert not Cycle.objects.exists()


def test_finishing_a_cycle_sets_finished_at_and_going_back_clears_it(world):
    cycle = CycleFactory(teacher=world.teacher, klub=world.klub, phase=Phase.EVALUATE)

    services.cycle_set_phase(cycle=cycle, phase=Phase.DONE, by=world.teacher)
    cycle.refresh_from_db()
    assert cycle.phase == Phase.DONE
    assert cycle.finished_at is not None

    services.cycle_set_phase(cycle=cycle, phase=Phase.EVALUATE, by=world.teacher)
    cycle.refresh_from_db()
    assert cycle.phase == Phase.EVALUATE
    assert cycle.finished_at is None


def test_only_the_teacher_changes_the_phase_and_only_to_a_real_phase(world):
    cycle = CycleFactory(teacher=world.teacher, klub=world.klub)
    with pytest.raises(ValidationError):
        services.cycle_set_phase(cycle=cycle, phase=Phase.FILM, by=world.coach)
    with pytest.raises(ValidationError):
        services.cycle_set_phase(cycle=cycle, phase="dance", by=world.teacher)
    cycle.refresh_from_db()
    assert cycle.phase == Phase.PREPARE


def test_writes_touch_the_last_activity(world):
    cycle = CycleFactory(teacher=world.teacher, klub=world.klub)
    Cycle.objects.filter(pk=cycle.pk).update(last_activity_at="2020-01-01T00:00Z")

    services.reflection_create(cycle=cycle, author=world.teacher, body="Goed gegaan")

    cycle.refresh_from_db()
    assert cycle.last_activity_at.year > 2020


def test_an_action_needs_a_success_criterion(world):
    cycle = CycleFactory(teacher=world.teacher, klub=world.klub)
    with pytest.raises(ValidationError) as error:
        services.action_create(
            cycle=cycle, created_by=world.teacher, description="Wachttijd", success_criterion=" "
        )
    assert "success_criterion" in error.value.message_dict


class TestNextStep:
    def test_prepare_asks_for_the_question_until_it_is_written(self, world):
        cycle = CycleFactory(teacher=world.teacher, klub=world.klub, learning_question=None)
        LearningQuestion.objects.create(cycle=cycle)
        step = next_step(cycle)
        assert "/leervraag/1/" in step.url
        assert "GRROW" in step.explanation

        services.learning_question_update(cycle=cycle, question="Hoe geef ik feedback?")
        step = next_step(Cycle.objects.get(pk=cycle.pk))
        assert step.url is None

    def test_film_links_to_the_recordings_for_this_cycle(self, world):
        cycle = CycleFactory(teacher=world.teacher, klub=world.klub, phase=Phase.FILM)
        assert next_step(cycle).url == f"/opnames/?cyclus={cycle.pk}"

    def test_analyse_and_discuss_link_to_the_recording_page(self, world):
        cycle = CycleFactory(teacher=world.teacher, klub=world.klub, phase=Phase.ANALYSE)
        assert next_step(cycle).url is None  # nothing filmed yet
        recording = RecordingFactory(owner=world.teacher, cycle=cycle)
        assert next_step(cycle).url == f"/opnames/{recording.uuid}/"
        cycle.phase = Phase.DISCUSS
        step = next_step(cycle)
        assert step.url == f"/opnames/{recording.uuid}/"
        assert "klub" in step.explanation

    def test_act_evaluate_and_done(self, world):
        cycle = CycleFactory(teacher=world.teacher, klub=world.klub, phase=Phase.ACT)
        assert next_step(cycle).url == f"/cycli/{cycle.pk}/acties/nieuw/"
        cycle.phase = Phase.EVALUATE
        assert next_step(cycle).url == f"/cycli/{cycle.pk}/#reflections"
        assert "previous cycle" in next_step(cycle).explanation
        cycle.phase = Phase.DONE
        assert next_step(cycle).url == f"/cycli/nieuw/?klub={world.klub.pk}"

    def test_advice_names_what_looks_unfinished(self, world):
        cycle = CycleFactory(teacher=world.teacher, klub=world.klub, phase=Phase.FILM)
        assert "recording" in phase_advice(cycle)
        recording = RecordingFactory(owner=world.teacher, cycle=cycle)
        assert phase_advice(cycle) is None
        cycle.phase = Phase.ANALYSE
        assert "fragments" in phase_advice(cycle)
        FragmentFactory(recording=recording)
        assert phase_advice(cycle) is None
