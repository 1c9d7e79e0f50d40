"""The cycle follows the work: each step moves the phase on (never back) and is recorded."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from videoklub.cycles import services
from videoklub.cycles.models import Cycle, Phase, PhaseChange
from videoklub.media import synth
from videoklub.meetings.models import Meeting
from videoklub.meetings.services import meeting_agree_action
from videoklub.recordings import uploads
from videoklub.sharing.models import Audience
from videoklub.sharing.services import fragment_share
from videoklub.testing.factories import CycleFactory, FragmentFactory, RecordingFactory

Reason = PhaseChange.Reason


@pytest.fixture
def cycle(world):
    return CycleFactory(teacher=world.teacher, klub=world.klub, phase=Phase.FILM)


def _phase(cycle: Cycle) -> str:
    cycle.refresh_from_db()
    return cycle.phase


def _meeting(klub) -> Meeting:
    start = timezone.now() + timedelta(days=1)
    return Meeting.objects.create(
        klub=klub,
        title="Bijeenkomst 3: wachttijd",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        ical_uid=f"phases-{klub.pk}@videoklub",
    )


def _agree(world, meeting):
    return meeting_agree_action(
        meeting=meeting,
        teacher=world.teacher,
        created_by=world.coach,
        description="Vijf tellen wachten",
        success_criterion="De helft steekt de hand op",
    )


def test_an_upload_for_the_cycle_moves_it_on_to_analysing_once_all_bytes_are_in(
    world, cycle, tmp_path, media_storage
):
    video = tmp_path / "hoekenwerk.mp4"
    synth.make_video(video, seconds=1, width=160, height=120)
    data = video.read_bytes()
    upload = uploads.upload_create(
        owner=world.teacher,
        length=len(data),
        metadata={"filename": "hoekenwerk.mp4", "title": "Hoekenwerk dinsdag"},
        klub=world.klub,
        cycle=cycle,
    )
    assert _phase(cycle) == Phase.FILM  # begun, not filed yet: an abandoned upload moves nothing

    uploads.upload_append(upload=upload, offset=0, body=io.BytesIO(data), content_length=len(data))

    assert _phase(cycle) == Phase.ANALYSE
    change = cycle.phase_changes.get()
    assert (change.from_phase, change.to_phase, change.reason) == (
        Phase.FILM,
        Phase.ANALYSE,
        Reason.RECORDING_FILED,
    )
    assert change.by == world.teacher and change.recording_id == upload.recording_id


def test_sharing_a_fragment_moves_the_cycle_on_to_discussing(world, cycle):
    Cycle.objects.filter(pk=cycle.pk).update(phase=Phase.ANALYSE)
    recording = RecordingFactory(owner=world.teacher, klub=world.klub, cycle=cycle)
    fragment = FragmentFactory(recording=recording, title="Na mijn vraag")

    fragment_share(fragment=fragment, by=world.teacher, audience=Audience.COACH)

    assert _phase(cycle) == Phase.DISCUSS
    change = cycle.phase_changes.get()
    assert change.reason == Reason.FRAGMENT_SHARED and change.fragment == fragment


def test_actions_agreed_in_a_klub_session_move_the_cycle_on_to_acting(world, cycle):
    Cycle.objects.filter(pk=cycle.pk).update(phase=Phase.DISCUSS)

    action = _agree(world, _meeting(world.klub))

    assert _phase(cycle) == Phase.ACT
    change = cycle.phase_changes.get()
    assert change.reason == Reason.ACTIONS_AGREED and change.action == action
    assert change.by == world.coach  # who agreed them


def test_an_action_the_teacher_plans_alone_moves_nothing(world, cycle):
    services.action_create(
        cycle=cycle, created_by=world.teacher, description="a", success_criterion="b"
    )
    assert _phase(cycle) == Phase.FILM
    assert not cycle.phase_changes.exists()


def test_a_reflection_written_while_acting_moves_the_cycle_on_to_evaluating(world, cycle):
    Cycle.objects.filter(pk=cycle.pk).update(phase=Phase.ACT)
    cycle.refresh_from_db()

    reflection = services.reflection_create(cycle=cycle, author=world.teacher, body="Het werkt.")

    assert _phase(cycle) == Phase.EVALUATE
    change = cycle.phase_changes.get()
    assert change.reason == Reason.REFLECTION_WRITTEN and change.reflection == reflection


def test_an_early_reflection_is_a_journal_entry_and_moves_nothing(world, cycle):
    services.reflection_create(cycle=cycle, author=world.teacher, body="Spannend, filmen.")
    assert _phase(cycle) == Phase.FILM
    assert not cycle.phase_changes.exists()


@pytest.mark.parametrize("phase", [Phase.DISCUSS, Phase.EVALUATE])
def test_the_work_never_moves_a_cycle_back(world, cycle, phase):
    Cycle.objects.filter(pk=cycle.pk).update(phase=phase)
    recording = RecordingFactory(owner=world.teacher, klub=world.klub)
    fragment = FragmentFactory(recording=recording)

    services.cycle_file_recording(cycle=cycle, recording=recording, by=world.teacher)
    fragment_share(fragment=fragment, by=world.teacher, audience=Audience.KLUB)

    assert _phase(cycle) == phase
    assert not cycle.phase_changes.exists()


def test_the_work_does_not_reopen_a_closed_cycle(world, cycle):
    services.cycle_close(cycle=cycle, by=world.teacher)
    recording = RecordingFactory(owner=world.teacher, klub=world.klub, cycle=cycle)
    fragment_share(
        fragment=FragmentFactory(recording=recording), by=world.teacher, audience=Audience.KLUB
    )
    assert _phase(cycle) == Phase.DONE
    assert list(cycle.phase_changes.values_list("reason", flat=True)) == [Reason.CLOSED]


def test_the_teacher_still_moves_the_phase_by_hand_and_that_is_recorded(world, cycle):
    services.cycle_set_phase(cycle=cycle, phase=Phase.PREPARE, by=world.teacher)
    services.cycle_set_phase(cycle=cycle, phase=Phase.FILM, by=world.teacher)

    changes = list(cycle.phase_changes.order_by("pk"))
    assert [(c.from_phase, c.to_phase, c.reason) for c in changes] == [
        (Phase.FILM, Phase.PREPARE, Reason.MANUAL),
        (Phase.PREPARE, Phase.FILM, Reason.MANUAL),
    ]
    assert not changes[0].is_automatic and changes[0].by == world.teacher


def test_the_cycle_page_says_why_the_work_moved_it(client, world, cycle):
    recording = RecordingFactory(owner=world.teacher, klub=world.klub, title="Hoekenwerk dinsdag")
    services.cycle_file_recording(cycle=cycle, recording=recording, by=world.teacher)
    url = reverse("cycles:detail", args=[cycle.pk])

    client.force_login(world.teacher)
    page = client.get(url).content.decode()
    assert "Moved to “Analyse” because you filed “Hoekenwerk dinsdag”." in page

    # The coach learns that a recording was filed, never its title (videos are private).
    client.force_login(world.coach)
    page = client.get(url).content.decode()
    assert "Moved to “Analyse” because a recording was filed under the cycle." in page
    assert "Hoekenwerk dinsdag" not in page


def test_the_cycle_page_names_the_session_in_which_actions_were_agreed(client, world, cycle):
    _agree(world, _meeting(world.klub))
    client.force_login(world.teacher)
    page = client.get(reverse("cycles:detail", args=[cycle.pk])).content.decode()
    assert (
        "Moved to “Act” because actions were agreed in the klub session "
        "“Bijeenkomst 3: wachttijd”." in page
    )


def test_a_manual_move_is_in_the_history_but_not_given_as_the_reason(client, world, cycle):
    recording = RecordingFactory(owner=world.teacher, klub=world.klub, title="Hoekenwerk dinsdag")
    services.cycle_file_recording(cycle=cycle, recording=recording, by=world.teacher)
    client.force_login(world.teacher)
    client.post(reverse("cycles:phase", args=[cycle.pk]), {"phase": Phase.DISCUSS})

    page = client.get(reverse("cycles:detail", args=[cycle.pk])).content.decode()
    assert 'class="phase-reason"' not in page
    assert "You moved the cycle to “Discuss”." in page
    assert "because you filed “Hoekenwerk dinsdag”" in page  # further down, in the history


def test_a_deleted_recording_leaves_no_title_in_the_history(client, world, cycle):
    recording = RecordingFactory(owner=world.teacher, klub=world.klub, title="Hoekenwerk dinsdag")
    services.cycle_file_recording(cycle=cycle, recording=recording, by=world.teacher)
    recording.delete()

    client.force_login(world.teacher)
    page = client.get(reverse("cycles:detail", args=[cycle.pk])).content.decode()
    assert "Hoekenwerk dinsdag" not in page
    assert "because a recording was filed under the cycle." in page
