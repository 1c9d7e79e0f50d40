"""The writes: baseline, report, focus, action plan, checklist ticks and phase history."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from videoklub.baseline import services
from videoklub.baseline.checklist import checklist_items
from videoklub.baseline.models import ActionPlanItem, ChecklistTick, PhaseChange
from videoklub.baseline.tests.helpers import practice, track_of
from videoklub.meetings import services as meeting_services
from videoklub.testing.factories import KlubFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def test_the_questionnaire_keeps_one_priority_per_core_practice(world):
    track = track_of(world)
    feedback = practice()
    services.baseline_update(
        track=track,
        by=world.coach,
        data={"team_size": 24, "result_trends": "  Lezen stijgt.  "},
        priorities={feedback: (4, "Dringend")},
    )
    services.baseline_update(
        track=track, by=world.coach, data={}, priorities={feedback: (2, "Minder")}
    )
    track.refresh_from_db()
    assert track.team_size == 24 and track.result_trends == "Lezen stijgt."
    assert [(p.priority, p.comment) for p in track.priorities.all()] == [(2, "Minder")]
    services.baseline_update(
        track=track, by=world.coach, data={}, priorities={feedback: (None, "")}
    )
    assert not track.priorities.exists()


def test_a_priority_outside_one_to_four_is_refused(world):
    with pytest.raises(ValidationError):
        services.baseline_update(
            track=track_of(world), by=world.coach, data={}, priorities={practice(): (5, "")}
        )


def test_a_final_report_needs_text_and_is_dated(world):
    track = track_of(world)
    with pytest.raises(ValidationError):
        services.report_update(track=track, by=world.coach, report="  ", final=True)
    services.report_update(track=track, by=world.coach, report="Analyse.", final=True)
    track.refresh_from_db()
    assert track.report_is_final and track.report_finalised_at is not None
    services.report_update(track=track, by=world.coach, report="Analyse.", final=False)
    track.refresh_from_db()
    assert not track.report_is_final and track.report_finalised_at is None


def test_there_is_exactly_one_focus_with_its_statement(world):
    track = track_of(world)
    with pytest.raises(ValidationError):
        services.feedback_update(
            track=track, by=world.coach, data={}, focus_practice=practice(), focus_statement=""
        )
    services.feedback_update(
        track=track, by=world.coach, data={}, focus_practice=practice(), focus_statement="Eerst"
    )
    services.feedback_update(
        track=track,
        by=world.coach,
        data={"feedback_on": date(2026, 11, 3)},
        focus_practice=practice("classroom-management"),
        focus_statement="Rust bij de start",
    )
    track.refresh_from_db()
    assert track.focus_practice.code == "classroom-management"
    assert track.focus_statement == "Rust bij de start"
    assert not track.baseline_done  # the report is not final yet


def test_the_core_team_updates_the_action_plan(world):
    track = track_of(world)
    item = services.action_item_create(
        track=track, by=world.school_leader, goal="Feedback", action="Filmen", owner=world.teacher
    )
    services.action_item_set_status(item=item, by=world.school_leader, status="done")
    item.refresh_from_db()
    assert item.status == "done" and item.updated_by == world.school_leader
    assert item.owner_label == world.teacher.full_name
    with pytest.raises(ValidationError):
        services.action_item_create(track=track, by=world.school_leader, goal="X", action="Y")
    services.action_item_delete(item=item, by=world.school_leader)
    assert not ActionPlanItem.objects.exists()


def test_ticks_remember_the_first_who_and_can_be_undone(world):
    track = track_of(world)
    services.checklist_tick(
        track=track, by=world.school_leader, item_key="explore-probleem", ticked=True
    )
    services.checklist_tick(track=track, by=world.coach, item_key="explore-probleem", ticked=True)
    tick = ChecklistTick.objects.get()
    assert tick.ticked_by == world.school_leader
    services.checklist_tick(track=track, by=world.coach, item_key="explore-probleem", ticked=False)
    assert not ChecklistTick.objects.exists()
    with pytest.raises(ValidationError):
        services.checklist_tick(track=track, by=world.coach, item_key="bestaat-niet", ticked=True)


def test_moving_on_with_open_items_asks_for_a_confirmation_and_records_them(world):
    track = track_of(world)
    first = checklist_items("explore")[0].key
    services.checklist_tick(track=track, by=world.coach, item_key=first, ticked=True)
    with pytest.raises(services.ConfirmationNeeded) as pending:
        services.phase_move(track=track, by=world.school_leader, to_phase="prepare")
    assert first not in pending.value.unticked
    assert len(pending.value.unticked) == len(checklist_items("explore")) - 1
    track.refresh_from_db()
    assert track.phase == "explore" and not PhaseChange.objects.exists()

    change = services.phase_move(
        track=track,
        by=world.school_leader,
        to_phase="prepare",
        note="Team is klaar",
        confirmed=True,
    )
    track.refresh_from_db()
    assert track.phase == "prepare"
    assert (change.from_phase, change.to_phase, change.by, change.note) == (
        "explore",
        "prepare",
        world.school_leader,
        "Team is klaar",
    )
    assert change.unticked_items == pending.value.unticked


def test_moving_on_with_everything_ticked_or_going_back_asks_nothing(world):
    track = track_of(world)
    for item in checklist_items("explore"):
        services.checklist_tick(track=track, by=world.coach, item_key=item.key, ticked=True)
    services.phase_move(track=track, by=world.coach, to_phase="prepare")
    services.phase_move(track=track, by=world.coach, to_phase="explore")
    assert [c.to_phase for c in track.phase_changes.all()] == ["explore", "prepare"]
    with pytest.raises(ValidationError):
        services.phase_move(track=track, by=world.coach, to_phase="explore")


def test_evidence_is_a_web_address_or_a_session_of_the_schools_own_klubs(world):
    track = track_of(world)
    now = timezone.now()
    own = meeting_services.meeting_create(
        klub=world.klub,
        created_by=world.coach,
        title="Sessie 1",
        starts_at=now,
        ends_at=now + timedelta(hours=1),
    )
    elsewhere = meeting_services.meeting_create(
        klub=KlubFactory(school=SchoolFactory(), programme=world.programme),
        created_by=world.coach,
        title="Elders",
        starts_at=now,
        ends_at=now + timedelta(hours=1),
    )
    link = services.evidence_add(track=track, by=world.coach, title="Sessie", meeting=own)
    assert link.phase == "explore"
    services.evidence_add(track=track, by=world.coach, title="Plan", url="https://example.org/plan")
    with pytest.raises(ValidationError):
        services.evidence_add(track=track, by=world.coach, title="Elders", meeting=elsewhere)
    with pytest.raises(ValidationError):
        services.evidence_add(track=track, by=world.coach, title="Niets")
    with pytest.raises(ValidationError):
        services.evidence_add(
            track=track, by=world.coach, title="Beide", meeting=own, url="https://example.org"
        )
    assert track.evidence.count() == 2
