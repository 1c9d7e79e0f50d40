"""Filing an existing recording under one of the owner's open cycles, from the recording page."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from videoklub.cycles import services
from videoklub.cycles.models import Phase
from videoklub.recordings.models import Recording
from videoklub.testing.factories import CycleFactory, RecordingFactory


@pytest.fixture
def cycle(world):
    return CycleFactory(teacher=world.teacher, klub=world.klub, number=1, phase=Phase.FILM)


@pytest.fixture
def recording(world):
    return RecordingFactory(owner=world.teacher, klub=world.klub, title="Hoekenwerk dinsdag")


def _file_url(recording: Recording) -> str:
    return reverse("cycles:file_recording", args=[recording.uuid])


def _cycle_id(recording: Recording) -> int | None:
    recording.refresh_from_db()
    return recording.cycle_id


def test_the_recording_page_offers_the_owners_open_cycles(client, world, cycle, recording):
    closed = CycleFactory(teacher=world.teacher, klub=world.klub, number=2, phase=Phase.DONE)
    client.force_login(world.teacher)
    page = client.get(reverse("recordings:detail", args=[recording.uuid])).content.decode()

    assert _file_url(recording) in page
    assert f'<option value="{cycle.pk}">' in page
    assert f'<option value="{closed.pk}">' not in page


def test_filing_puts_the_recording_under_the_cycle_and_moves_it_on(client, world, cycle, recording):
    client.force_login(world.teacher)
    response = client.post(_file_url(recording), {"cycle": cycle.pk}, follow=True)

    assert _cycle_id(recording) == cycle.pk
    assert "“Hoekenwerk dinsdag” is filed under Cycle 1." in response.content.decode()
    cycle.refresh_from_db()
    assert cycle.phase == Phase.ANALYSE


def test_a_recording_already_filed_is_offered_the_other_open_cycles_only(
    client, world, cycle, recording
):
    services.cycle_file_recording(cycle=cycle, recording=recording, by=world.teacher)
    client.force_login(world.teacher)
    page = client.get(reverse("recordings:detail", args=[recording.uuid])).content.decode()
    assert _file_url(recording) not in page  # no other open cycle to move it to


def test_someone_elses_cycle_is_refused(client, world, cycle, recording):
    colleague_cycle = CycleFactory(teacher=world.colleague, klub=world.klub, phase=Phase.FILM)
    client.force_login(world.teacher)
    response = client.post(_file_url(recording), {"cycle": colleague_cycle.pk}, follow=True)

    assert "Choose one of your open cycles for this recording." in response.content.decode()
    assert _cycle_id(recording) is None
    colleague_cycle.refresh_from_db()
    assert colleague_cycle.phase == Phase.FILM


def test_someone_elses_recording_is_not_found(client, world, recording):
    theirs = CycleFactory(teacher=world.colleague, klub=world.klub, phase=Phase.FILM)
    client.force_login(world.colleague)
    response = client.post(_file_url(recording), {"cycle": theirs.pk})
    assert response.status_code == 404
    assert _cycle_id(recording) is None


def test_the_coach_cannot_file_a_recording(client, world, cycle, recording):
    client.force_login(world.coach)
    assert client.post(_file_url(recording), {"cycle": cycle.pk}).status_code == 404
    assert _cycle_id(recording) is None


def test_the_service_refuses_another_persons_cycle_or_recording(world, cycle, recording):
    colleague_cycle = CycleFactory(teacher=world.colleague, klub=world.klub)
    with pytest.raises(PermissionDenied):
        services.cycle_file_recording(cycle=colleague_cycle, recording=recording, by=world.teacher)
    with pytest.raises(PermissionDenied):
        services.cycle_file_recording(cycle=cycle, recording=recording, by=world.coach)
    colleague_recording = RecordingFactory(owner=world.colleague, klub=world.klub)
    with pytest.raises(PermissionDenied):
        services.cycle_file_recording(cycle=cycle, recording=colleague_recording, by=world.teacher)
    assert _cycle_id(recording) is None and _cycle_id(colleague_recording) is None


def test_the_service_refuses_a_closed_cycle_and_one_of_another_klub(world, cycle, recording):
    services.cycle_close(cycle=cycle, by=world.teacher)
    with pytest.raises(ValidationError, match="closed"):
        services.cycle_file_recording(cycle=cycle, recording=recording, by=world.teacher)

    from videoklub.organisations.models import Membership, Role

    Membership.objects.create(user=world.teacher, klub=world.other_klub, role=Role.TEACHER)
    elsewhere = CycleFactory(teacher=world.teacher, klub=world.other_klub)
    with pytest.raises(ValidationError, match="another klub"):
        services.cycle_file_recording(cycle=elsewhere, recording=recording, by=world.teacher)
    assert _cycle_id(recording) is None
