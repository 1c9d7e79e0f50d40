"""Who reaches a school's track: staff of the programme, coaches of the school's klubs, the
school's leaders (core team); teachers are refused, strangers do not learn it exists."""

import pytest
import rules
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from videoklub import policy
from videoklub.baseline import selectors, services
from videoklub.baseline.models import SchoolTrack
from videoklub.baseline.tests.helpers import second_school, track_of, url
from videoklub.testing.factories import KlubFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def _status(client, user, address, method="get", data=None):
    client.force_login(user)
    return getattr(client, method)(address, data or {}).status_code


def test_a_teacher_is_refused_and_nothing_is_opened(client, world):
    assert _status(client, world.teacher, url("track", world)) == 403
    assert (
        _status(client, world.teacher, reverse("baseline:programme", args=[world.programme.pk]))
        == 403
    )
    assert not SchoolTrack.objects.exists()


def test_staff_of_another_programme_do_not_learn_the_school_exists(client, world):
    assert _status(client, world.other_project_staff, url("track", world)) == 404
    assert (
        _status(
            client,
            world.other_project_staff,
            reverse("baseline:programme", args=[world.programme.pk]),
        )
        == 404
    )
    assert not SchoolTrack.objects.exists()


def test_a_school_outside_the_programme_is_not_found(client, world):
    address = url("track", world, school=world.other_school)
    assert _status(client, world.project_staff, address) == 404


def test_a_school_leader_sees_only_their_own_school(client, world):
    school, _coach, leader = second_school(world)
    assert _status(client, world.school_leader, url("track", world)) == 200
    assert _status(client, world.school_leader, url("track", world, school=school)) == 404
    assert _status(client, leader, url("track", world, school=school)) == 200


def test_a_coach_works_only_on_the_schools_they_coach(client, world):
    school, coach, _leader = second_school(world)
    assert _status(client, world.coach, url("baseline_edit", world)) == 200
    assert _status(client, world.coach, url("track", world, school=school)) == 404
    assert _status(client, coach, url("baseline_edit", world, school=school)) == 200


def test_a_coach_of_the_school_in_another_programme_is_not_let_in(client, world):
    klub = KlubFactory(school=world.school)  # the same school, another programme
    coach = MembershipFactory(role="coach", klub=klub).user
    assert _status(client, coach, url("track", world)) == 404


def test_the_core_team_keeps_the_plan_but_does_not_write_the_baseline(client, world):
    leader = world.school_leader
    assert _status(client, leader, url("action_create", world)) == 200
    assert _status(client, leader, url("phase_move", world)) == 200
    assert _status(client, leader, url("baseline_edit", world)) == 403
    assert _status(client, leader, url("report_edit", world)) == 403
    assert _status(client, leader, url("feedback_edit", world)) == 403


def test_the_leader_reads_the_report_only_once_it_is_final(client, world):
    track = track_of(world)
    services.report_update(track=track, by=world.coach, report="Concept.", final=False)
    assert _status(client, world.school_leader, url("report_pdf", world)) == 403
    page = client.get(url("track", world)).content.decode()
    assert "Concept." not in page
    services.report_update(track=track, by=world.coach, report="Eindversie.", final=True)
    assert "Eindversie." in client.get(url("track", world)).content.decode()
    assert _status(client, world.school_leader, url("report_pdf", world)) == 200


def test_the_leader_sees_no_intake_notes_or_classroom_observations(client, world):
    track = track_of(world)
    services.baseline_update(
        track=track,
        by=world.coach,
        data={"intake_notes": "Juf Sara twijfelt.", "classroom_observations": "Les van Tom."},
        priorities={},
    )
    client.force_login(world.school_leader)
    page = client.get(url("track", world)).content.decode()
    assert "Juf Sara" not in page and "Les van Tom" not in page
    client.force_login(world.coach)
    assert "Juf Sara" in client.get(url("track", world)).content.decode()


def test_services_ask_the_policy_themselves(world):
    track = track_of(world)
    with pytest.raises(PermissionDenied):
        services.report_update(track=track, by=world.school_leader, report="x", final=False)
    with pytest.raises(PermissionDenied):
        services.action_item_create(
            track=track, by=world.teacher, goal="Doel", action="Actie", owner_text="Kernteam"
        )
    with pytest.raises(PermissionDenied):
        services.checklist_tick(
            track=track, by=world.teacher, item_key="explore-probleem", ticked=True
        )


def test_archive_mode_can_deny_every_write_in_one_place(world, monkeypatch):
    """The lead's archive mode replaces the rules; the services then refuse staff as well."""
    track = track_of(world)
    rule_names = [
        "edit_baseline",
        "update_action_plan",
        "update_implementation",
    ]
    for name in rule_names:
        monkeypatch.setitem(policy.policy, name, rules.always_deny)
    with pytest.raises(PermissionDenied):
        services.phase_move(track=track, by=world.project_staff, to_phase="prepare", confirmed=True)
    with pytest.raises(PermissionDenied):
        services.report_update(track=track, by=world.project_staff, report="x", final=False)


def test_the_overview_lists_what_each_role_may_follow(world):
    school, _coach, leader = second_school(world)

    def names(user):
        return [row.school.name for row in selectors.tracks_for_programme(user, world.programme)]

    assert names(world.project_staff) == sorted([world.school.name, school.name])
    assert names(world.coach) == [world.school.name]
    assert names(leader) == [school.name]
    with pytest.raises(PermissionDenied):
        selectors.tracks_for_programme(world.teacher, world.programme)
