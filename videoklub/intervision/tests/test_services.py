from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from videoklub import policy
from videoklub.intervision import selectors, services
from videoklub.intervision.methods import all_methods
from videoklub.intervision.tests.conftest import coach_at, coach_fragment
from videoklub.notifications.models import Kind, Notification
from videoklub.sharing.models import Audience
from videoklub.sharing.selectors import audience_people

pytestmark = pytest.mark.django_db


def _messages(error: ValidationError) -> str:
    return " ".join(error.messages)


def test_a_group_with_two_coaches_of_one_school_is_refused_in_dutch(world, iv):
    with pytest.raises(ValidationError) as refused:
        services.group_create(
            by=world.project_staff,
            round_=iv.round,
            name="B",
            members=[iv.colleague_coach, iv.outsider, coach_at(world.programme), world.coach],
        )
    assert "same school" in _messages(refused.value)


@pytest.mark.parametrize("size", [2, 7])
def test_a_group_outside_three_to_six_is_refused(world, iv, size):
    coaches = [coach_at(world.programme) for _ in range(size)]
    with pytest.raises(ValidationError) as refused:
        services.group_create(by=world.project_staff, round_=iv.round, name="B", members=coaches)
    assert "3 to 6" in _messages(refused.value)


def test_only_staff_of_the_programme_make_rounds_and_groups(world, iv):
    with pytest.raises(Exception):
        services.group_create(
            by=world.coach, round_=iv.round, name="B", members=[iv.second, iv.third]
        )
    assert not policy.can(world.other_project_staff, "manage_intervision_round", iv.round)


def test_the_proposal_mixes_schools(world, iv):
    for _ in range(4):
        coach_at(world.programme)
    coach_at(world.programme, school=world.other_school)  # another programme's school: no matter
    proposal = services.groups_propose(iv.round)
    schools = services.coach_schools(world.programme)
    assert proposal and all(3 <= len(g) <= 6 for g in proposal)
    for group in proposal:
        seen = [s for pk in group for s in schools[pk]]
        assert len(seen) == len(set(seen))
    placed = {pk for g in proposal for pk in g}
    assert world.coach.pk not in placed  # already in a group of this round


def test_a_fragment_without_consent_for_training_is_refused(world, iv):
    fragment = coach_fragment(world, "klub", "school")
    with pytest.raises(ValidationError) as refused:
        services.case_submit(
            by=world.coach, group=iv.group, title="T", question="Hoe?", fragment=fragment
        )
    assert "consent" in _messages(refused.value)
    assert not fragment.shares.exists()
    assert not iv.group.cases.exists()


def test_only_fragments_of_own_recordings_can_be_brought(world, iv):
    fragment = coach_fragment(world, "training")
    with pytest.raises(ValidationError):
        services.case_submit(
            by=iv.second, group=iv.group, title="T", question="Hoe?", fragment=fragment
        )


def test_a_case_shares_its_fragment_with_the_group_until_the_round_ends(world, iv):
    fragment = coach_fragment(world, "training")
    case = services.case_submit(
        by=world.coach, group=iv.group, title="Lotte", question="Hoe?", fragment=fragment
    )
    share = case.share
    assert share.audience == Audience.INTERVISION
    assert share.audience_group == iv.group.pk
    assert share.expires_at == iv.round.ends_at
    assert set(audience_people(share)) == {iv.second, iv.third}
    assert policy.can(iv.second, "view_fragment", fragment)
    assert not policy.can(iv.outsider, "view_fragment", fragment)
    assert not policy.can(iv.colleague_coach, "view_fragment", fragment)
    assert not policy.can(world.project_staff, "view_fragment", fragment)
    told = Notification.objects.filter(kind=Kind.INTERVISION_CASE)
    assert set(told.values_list("recipient", flat=True)) == {iv.second.pk, iv.third.pk}


def test_case_visibility_group_only_and_only_during_the_round(world, iv):
    case = services.case_submit(by=world.coach, group=iv.group, title="T", question="Hoe?")
    assert policy.can(iv.second, "view_intervision_case", case)
    assert not policy.can(iv.outsider, "view_intervision_case", case)
    assert not policy.can(world.project_staff, "view_intervision_case", case)
    assert policy.can(world.project_staff, "view_intervision_group", iv.group)
    iv.round.ends_on = timezone.localdate() - timedelta(days=1)
    iv.round.starts_on = iv.round.ends_on - timedelta(days=10)
    iv.round.save()
    case.group.round.refresh_from_db()
    assert not policy.can(iv.second, "view_intervision_case", case)
    assert policy.can(world.coach, "view_intervision_case", case)  # the owner keeps it


def test_session_notes_advice_and_the_owner_marks_what_to_try(world, iv):
    case = services.case_submit(by=world.coach, group=iv.group, title="T", question="Hoe?")
    method = all_methods()[0]
    session = services.session_start(
        by=iv.second, case=case, method=method.slug, present=[world.coach, iv.second, iv.third]
    )
    services.step_note_add(by=iv.second, case=case, step=2, body="Wat zei Lotte precies?")
    with pytest.raises(ValidationError):
        services.step_note_add(by=iv.second, case=case, step=99, body="x")
    advice = services.advice_add(by=iv.second, case=case, member=iv.third, body="Vraag door.")
    with pytest.raises(ValidationError):
        services.advice_add(by=iv.second, case=case, member=world.coach, body="Zelf")
    with pytest.raises(Exception):
        services.advice_mark(by=iv.second, advice=advice, will_try=True)
    services.advice_mark(by=world.coach, advice=advice, will_try=True)
    assert list(selectors.advice_of_owner(world.coach)) == [advice]
    assert session.presences.count() == 3


def test_moments_held_in_one_query(world, iv):
    for n in range(3):
        case = services.case_submit(by=world.coach, group=iv.group, title=f"T{n}", question="?")
        services.session_start(
            by=iv.second, case=case, method="incidentmethode", present=[world.coach, iv.second]
        )
    with CaptureQueriesContext(connection) as queries:
        moments = selectors.moments_held(world.programme)
    assert len(queries) == 1
    assert len(moments) == 3
    assert moments[0]["coaches_present"] == 2
    assert world.school.name in moments[0]["schools"] and len(moments[0]["schools"]) == 2


def test_the_methods_library_has_steps_roles_and_references():
    methods = {m.slug: m for m in all_methods()}
    assert {"incidentmethode", "consultatie-in-rondes", "reflecterend-team"} <= set(methods)
    for method in methods.values():
        assert method.steps and all(step.minutes > 0 for step in method.steps)
        assert {r.key for r in method.roles} == {"owner", "facilitator", "timekeeper", "members"}
        assert method.reference
