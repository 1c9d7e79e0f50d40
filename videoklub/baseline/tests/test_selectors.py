"""What the overview and the monitoring app read: per school the phase, the focus, whether the
baseline is done and the action plan's progress, in queries that do not grow with schools."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from videoklub.baseline import selectors, services
from videoklub.baseline.checklist import checklist_items
from videoklub.baseline.demo import seed_demo_baseline
from videoklub.baseline.models import PhaseChange, SchoolTrack
from videoklub.baseline.tests.helpers import practice, track_of
from videoklub.meetings.models import Meeting
from videoklub.testing.factories import KlubFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def _add_schools(world, count: int) -> None:
    for _ in range(count):
        school = SchoolFactory()
        KlubFactory(school=school, programme=world.programme)
        track = SchoolTrack.objects.create(programme=world.programme, school=school)
        for n in range(3):
            services.action_item_create(
                track=track,
                by=world.project_staff,
                goal=f"Doel {n}",
                action="Actie",
                owner_text="Kernteam",
                status="done" if n == 0 else "open",
            )


def test_tracks_for_programme_tells_each_schools_state(world):
    track = track_of(world)
    services.report_update(track=track, by=world.coach, report="Analyse.", final=True)
    services.feedback_update(
        track=track, by=world.coach, data={}, focus_practice=practice(), focus_statement="Focus"
    )
    for status in ("done", "open"):
        services.action_item_create(
            track=track, by=world.coach, goal="D", action="A", owner_text="K", status=status
        )
    services.phase_move(track=track, by=world.coach, to_phase="deliver", confirmed=True)
    untracked = SchoolFactory(name="Zonnebloem")
    KlubFactory(school=untracked, programme=world.programme)

    rows = {
        row.school.name: row
        for row in selectors.tracks_for_programme(world.project_staff, world.programme)
    }
    mine = rows[world.school.name]
    assert (mine.phase, mine.baseline_done, mine.actions_done, mine.actions_total) == (
        "deliver",
        True,
        1,
        2,
    )
    assert mine.focus == str(practice())
    fresh = rows["Zonnebloem"]
    assert (fresh.track, fresh.phase, fresh.baseline_done, fresh.actions_total) == (
        None,
        "explore",
        False,
        0,
    )
    assert selectors.phase_counts(world.programme) == {
        "explore": 1,
        "prepare": 0,
        "deliver": 1,
        "sustain": 0,
    }


def _queries(callable_) -> int:
    with CaptureQueriesContext(connection) as context:
        callable_()
    return len(context.captured_queries)


def test_the_selectors_cost_the_same_for_10_and_50_schools(world):
    staff = world.project_staff
    _add_schools(world, 10)
    small = _queries(lambda: selectors.tracks_for_programme(staff, world.programme))
    small_counts = _queries(lambda: selectors.phase_counts(world.programme))
    _add_schools(world, 40)
    large = _queries(lambda: selectors.tracks_for_programme(staff, world.programme))
    assert len(selectors.tracks_for_programme(staff, world.programme)) == 51
    assert large == small
    assert _queries(lambda: selectors.phase_counts(world.programme)) == small_counts


def test_the_overview_page_costs_the_same_for_10_and_50_schools(client, world):
    client.force_login(world.project_staff)
    address = reverse("baseline:programme", args=[world.programme.pk])
    _add_schools(world, 10)
    client.get(address)  # warm caches (sessions, translations)
    small = _queries(lambda: client.get(address))
    _add_schools(world, 40)
    response = client.get(address)
    large = _queries(lambda: client.get(address))
    assert response.status_code == 200
    assert large == small
    assert response.content.decode().count("1 van 3 afgerond") == 50


def test_the_demo_puts_schools_at_different_stages_and_runs_twice(world):
    from videoklub.testing.factories import MembershipFactory

    for _ in range(2):
        school = SchoolFactory()
        klub = KlubFactory(school=school, programme=world.programme)
        MembershipFactory(role="coach", klub=klub)
    Meeting.objects.create(
        klub=world.klub,
        title="Startsessie",
        starts_at="2026-10-01T14:00Z",
        ends_at="2026-10-01T15:00Z",
        ical_uid="demo-baseline@videoklub",
    )
    seed_demo_baseline(world.programme)
    seed_demo_baseline(world.programme)
    tracks = SchoolTrack.objects.filter(programme=world.programme)
    assert tracks.count() == 3
    assert sorted(tracks.values_list("phase", flat=True)) == ["deliver", "explore", "prepare"]
    assert PhaseChange.objects.count() == 3  # 0 + 1 + 2 moves
    delivering = tracks.get(phase="deliver")
    assert delivering.baseline_done and delivering.evidence.exists()
    assert delivering.ticks.count() == len(checklist_items("explore")) + len(
        checklist_items("prepare")
    )
