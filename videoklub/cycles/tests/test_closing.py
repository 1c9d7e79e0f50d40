"""Closing a cycle (completed), stopping it (abandoned, after a confirmation) and starting a new
one while another is still open (which asks first)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from videoklub.cycles import services
from videoklub.cycles.models import Cycle, Phase, PhaseChange
from videoklub.testing.factories import CycleFactory


@pytest.fixture
def cycle(world):
    return CycleFactory(teacher=world.teacher, klub=world.klub, number=1, phase=Phase.ANALYSE)


def test_closing_completes_the_cycle_and_records_who_closed_it(world, cycle):
    services.cycle_close(cycle=cycle, by=world.teacher)

    cycle.refresh_from_db()
    assert cycle.phase == Phase.DONE and not cycle.abandoned and cycle.finished_at
    change = cycle.phase_changes.get()
    assert (change.from_phase, change.reason, change.by) == (
        Phase.ANALYSE,
        PhaseChange.Reason.CLOSED,
        world.teacher,
    )


def test_abandoning_stops_the_cycle_and_keeps_the_phase_it_was_stopped_in(world, cycle):
    services.cycle_abandon(cycle=cycle, by=world.teacher)

    cycle.refresh_from_db()
    assert cycle.phase == Phase.DONE and cycle.abandoned and cycle.finished_at
    assert cycle.phase_changes.get().from_phase == Phase.ANALYSE


def test_only_the_teacher_closes_and_a_closed_cycle_cannot_be_closed_again(world, cycle):
    with pytest.raises(ValidationError):
        services.cycle_close(cycle=cycle, by=world.coach)
    with pytest.raises(ValidationError):
        services.cycle_abandon(cycle=cycle, by=world.coach)
    services.cycle_close(cycle=cycle, by=world.teacher)
    with pytest.raises(ValidationError):
        services.cycle_abandon(cycle=cycle, by=world.teacher)


def test_going_back_from_done_reopens_a_stopped_cycle(world, cycle):
    services.cycle_abandon(cycle=cycle, by=world.teacher)
    services.cycle_set_phase(cycle=cycle, phase=Phase.ANALYSE, by=world.teacher)
    cycle.refresh_from_db()
    assert cycle.is_open and not cycle.abandoned and cycle.finished_at is None


def test_the_close_button_closes_the_cycle(client, world, cycle):
    client.force_login(world.teacher)
    page = client.get(reverse("cycles:detail", args=[cycle.pk])).content.decode()
    assert reverse("cycles:close", args=[cycle.pk]) in page

    response = client.post(reverse("cycles:close", args=[cycle.pk]), follow=True)

    assert "Cycle 1 is closed. It stays readable here and in your learning trail." in (
        response.content.decode()
    )
    cycle.refresh_from_db()
    assert cycle.is_completed


def test_stopping_asks_first_and_then_stops(client, world, cycle):
    client.force_login(world.teacher)
    url = reverse("cycles:abandon", args=[cycle.pk])

    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Stop this cycle?" in confirm.content.decode()
    cycle.refresh_from_db()
    assert cycle.is_open  # asking changes nothing

    response = client.post(url, follow=True)
    cycle.refresh_from_db()
    assert cycle.abandoned and cycle.phase == Phase.DONE
    page = response.content.decode()
    assert "Cycle 1 is stopped." in page
    assert "Stopped on" in page and "You stopped the cycle." in page
    assert reverse("cycles:close", args=[cycle.pk]) not in page  # closed: no close button


def test_the_coach_cannot_close_or_stop_a_teachers_cycle(client, world, cycle):
    client.force_login(world.coach)
    assert client.post(reverse("cycles:close", args=[cycle.pk])).status_code == 403
    assert client.post(reverse("cycles:abandon", args=[cycle.pk])).status_code == 403
    cycle.refresh_from_db()
    assert cycle.is_open


def test_stopped_and_completed_cycles_stay_readable_in_the_learning_trail(client, world, cycle):
    services.cycle_abandon(cycle=cycle, by=world.teacher)
    second = services.cycle_start(teacher=world.teacher, klub=world.klub)
    services.cycle_close(cycle=second, by=world.teacher)

    client.force_login(world.teacher)
    page = client.get(reverse("cycles:trail")).content.decode()
    assert reverse("cycles:detail", args=[cycle.pk]) in page
    assert reverse("cycles:detail", args=[second.pk]) in page
    assert ">stopped<" in page and ">completed<" in page


# --- Starting a new cycle while one is open -------------------------------------------------


def _start(client, world, **extra):
    return client.post(reverse("cycles:start"), {"klub": world.klub.pk, **extra})


def test_starting_while_a_cycle_is_open_asks_first_and_lists_the_open_cycle(client, world, cycle):
    client.force_login(world.teacher)
    response = _start(client, world)

    assert response.status_code == 200
    page = response.content.decode()
    assert "You still have an open cycle in this klub" in page
    assert reverse("cycles:detail", args=[cycle.pk]) in page
    assert 'name="open_cycles" value="close"' in page and 'value="keep"' in page
    assert Cycle.objects.filter(teacher=world.teacher).count() == 1  # nothing started yet


def test_choosing_close_closes_the_open_cycle_and_starts_the_next(client, world, cycle):
    client.force_login(world.teacher)
    response = _start(client, world, open_cycles="close")

    new = Cycle.objects.get(teacher=world.teacher, number=2)
    assert response.url == reverse("cycles:question", args=[new.pk, 1])
    cycle.refresh_from_db()
    assert cycle.is_completed and new.previous == cycle


def test_choosing_keep_leaves_both_open(client, world, cycle):
    client.force_login(world.teacher)
    _start(client, world, open_cycles="keep")

    cycle.refresh_from_db()
    assert cycle.is_open
    assert Cycle.objects.get(teacher=world.teacher, number=2).is_open


def test_without_an_open_cycle_the_new_one_starts_at_once(client, world, cycle):
    services.cycle_close(cycle=cycle, by=world.teacher)
    client.force_login(world.teacher)
    response = _start(client, world)
    assert response.status_code == 302
    assert Cycle.objects.filter(teacher=world.teacher, number=2).exists()


def test_an_open_cycle_in_another_klub_does_not_ask(client, world):
    from videoklub.organisations.models import Membership, Role

    Membership.objects.create(user=world.teacher, klub=world.other_klub, role=Role.TEACHER)
    CycleFactory(teacher=world.teacher, klub=world.other_klub, number=1)
    client.force_login(world.teacher)
    assert _start(client, world).status_code == 302
