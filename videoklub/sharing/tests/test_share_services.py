"""What the share services refuse and record: whole-recording shares, their renewal and
revocation, and the shares that a changed class group, a withdrawn consent or a discarded blurred
copy takes down (which, who, why, how many)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from videoklub.audit.models import AuditEvent
from videoklub.consent.models import ClassGroup, Consent, Pupil
from videoklub.notifications.models import Notification
from videoklub.notifications.texts import notification_text
from videoklub.recordings.models import Fragment, Recording
from videoklub.recordings.services import recording_class_group_set
from videoklub.sharing import services
from videoklub.sharing.models import Audience, Share
from videoklub.testing.factories import FragmentFactory, RecordingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def queued_tasks(settings):
    """Tasks are queued, not run: the fragment files are not what these tests are about."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def recording(world):
    return RecordingFactory(owner=world.teacher, klub=world.klub)


def class_group(world, name: str, **consent_for: list[str]) -> ClassGroup:
    """A class group at the klub's school with pupils L1 and L2; consent_for: purpose -> codes."""
    group = ClassGroup.objects.create(school=world.school, name=name, school_year="2026-2027")
    pupils = {code: Pupil.objects.create(class_group=group, code=code) for code in ("L1", "L2")}
    for purpose, codes in consent_for.items():
        for code in codes:
            Consent.objects.create(
                pupil=pupils[code], purpose=purpose, given_by="parent", given_on="2026-09-01"
            )
    return group


def revocations() -> list[tuple[str | None, str, str]]:
    return list(
        AuditEvent.objects.filter(action="revoke")
        .order_by("at", "pk")
        .values_list("actor__email", "details__audience", "details__reason")
    )


# --- Sharing a whole recording ----------------------------------------------------------------


def test_only_the_owner_shares_a_whole_recording(world, recording):
    with pytest.raises(ValidationError) as refused:
        services.recording_share(recording=recording, by=world.colleague, audience=Audience.KLUB)
    assert refused.value.messages == ["Only the teacher who filmed this can share it."]
    assert not Share.objects.exists()


def test_a_recording_that_cannot_be_played_yet_is_not_shared(world, recording):
    recording.status = Recording.Status.PROCESSING
    recording.save(update_fields=["status"])
    with pytest.raises(ValidationError) as refused:
        services.recording_share(recording=recording, by=world.teacher, audience=Audience.KLUB)
    assert refused.value.messages == [
        "The recording is not ready yet: try again when it can be played."
    ]
    assert not Share.objects.exists()


def test_a_whole_recording_share_keeps_its_end_date_which_must_lie_ahead(world, recording):
    with pytest.raises(ValidationError, match="must lie in the future"):
        services.recording_share(
            recording=recording,
            by=world.teacher,
            audience=Audience.KLUB,
            expires_at=timezone.now() - timedelta(minutes=1),
        )
    ends = timezone.now() + timedelta(days=7)
    share = services.recording_share(
        recording=recording, by=world.teacher, audience=Audience.KLUB, expires_at=ends
    )
    share.refresh_from_db()
    assert share.expires_at == ends


def test_a_whole_recording_share_is_logged_with_its_audience_and_share(world, recording):
    share = services.recording_share(recording=recording, by=world.teacher, audience="coach")
    entry = AuditEvent.objects.get(action="share")
    assert (entry.actor, entry.owner, entry.item_type, entry.item_id) == (
        world.teacher,
        world.teacher,
        "recording",
        str(recording.uuid),
    )
    assert entry.details == {"audience": "coach", "share": share.pk}


def test_the_coach_is_told_a_recording_was_shared_by_the_teacher(world, recording):
    services.recording_share(recording=recording, by=world.teacher, audience="coach")
    told = Notification.objects.get()
    assert (told.recipient, told.actor, told.context["item"]) == (
        world.coach,
        world.teacher,
        "recording",
    )
    assert notification_text(told) == (
        f"{world.teacher.full_name} shared a recording with you in {world.klub.name}."
    )


def test_sharing_again_with_the_same_audience_renews_the_share_with_the_new_end_date(
    world, recording
):
    first = timezone.now() + timedelta(days=7)
    later = timezone.now() + timedelta(days=30)
    share = services.recording_share(
        recording=recording, by=world.teacher, audience="klub", expires_at=first
    )
    renewed = services.recording_share(
        recording=recording, by=world.teacher, audience="klub", expires_at=later
    )
    assert renewed.pk == share.pk
    share.refresh_from_db()
    assert share.expires_at == later
    assert Share.objects.count() == 1


def test_an_end_date_of_this_very_moment_is_refused(world, recording, monkeypatch):
    moment = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: moment)  # the clock stands still
    with pytest.raises(ValidationError, match="must lie in the future"):
        services.recording_share(
            recording=recording, by=world.teacher, audience="klub", expires_at=moment
        )
    assert not Share.objects.exists()


# --- A changed class group takes down what its consent does not cover ------------------------


def test_another_class_group_takes_down_whole_recording_and_fragment_shares_it_does_not_cover(
    world, recording
):
    covered = class_group(world, "4A", klub=["L1", "L2"], school=["L1", "L2"])
    recording_class_group_set(recording=recording, class_group=covered)
    fragment = FragmentFactory(recording=recording)
    whole = services.recording_share(recording=recording, by=world.teacher, audience="school")
    cut = services.fragment_share(fragment=fragment, by=world.teacher, audience="school")
    kept = services.fragment_share(fragment=fragment, by=world.teacher, audience="klub")
    # Another recording of the same class group is not touched.
    elsewhere = RecordingFactory(owner=world.teacher, klub=world.klub, class_group=covered)
    untouched = services.recording_share(recording=elsewhere, by=world.teacher, audience="school")

    recording.class_group = class_group(world, "4B", klub=["L1", "L2"])
    recording.save(update_fields=["class_group"])
    taken_down = services.shares_recheck_consent(recording=recording, by=world.school_leader)

    assert taken_down == 2
    assert set(Share.objects.active().all()) == {kept, untouched}
    assert {whole.pk, cut.pk} == set(
        Share.objects.filter(revoked_at__isnull=False).values_list("pk", flat=True)
    )
    assert revocations() == [
        (world.school_leader.email, "school", "class group changed"),
        (world.school_leader.email, "school", "class group changed"),
    ]


def test_naming_another_class_group_logs_the_take_down_as_the_owners(world, recording):
    recording_class_group_set(
        recording=recording, class_group=class_group(world, "4A", klub=["L1", "L2"])
    )
    services.recording_share(recording=recording, by=world.teacher, audience="klub")
    recording_class_group_set(recording=recording, class_group=class_group(world, "4B"))
    assert not Share.objects.active().exists()
    assert revocations() == [(world.teacher.email, "klub", "class group changed")]


def test_a_withdrawal_logs_the_take_down_as_whoever_recorded_it(world, recording):
    from videoklub.consent.services import consent_withdraw

    recording_class_group_set(
        recording=recording,
        class_group=class_group(world, "4A", klub=["L1", "L2"], school=["L1", "L2"]),
    )
    services.recording_share(recording=recording, by=world.teacher, audience="school")
    consent = Consent.objects.get(pupil__code="L1", purpose="school")
    consent_withdraw(
        consent=consent, withdrawn_on=timezone.localdate(), recorded_by=world.school_leader
    )
    assert not Share.objects.active().exists()
    assert revocations() == [(world.school_leader.email, "school", "consent withdrawn")]


def test_a_withdrawal_takes_down_only_the_shares_of_that_class_groups_recordings(world, recording):
    from videoklub.consent.services import consent_withdraw

    recording_class_group_set(
        recording=recording,
        class_group=class_group(world, "4A", klub=["L1", "L2"], school=["L1", "L2"]),
    )
    services.recording_share(recording=recording, by=world.teacher, audience="school")
    other_group = class_group(world, "4B", klub=["L1", "L2"], school=["L1", "L2"])
    elsewhere = RecordingFactory(owner=world.teacher, klub=world.klub, class_group=other_group)
    untouched = [
        services.recording_share(recording=elsewhere, by=world.teacher, audience="school"),
        services.fragment_share(
            fragment=FragmentFactory(recording=elsewhere), by=world.teacher, audience="school"
        ),
    ]
    consent = Consent.objects.get(pupil__class_group__name="4A", pupil__code="L1", purpose="school")

    consent_withdraw(
        consent=consent, withdrawn_on=timezone.localdate(), recorded_by=world.school_leader
    )

    assert set(Share.objects.active().all()) == set(untouched)


def test_taking_down_the_shares_of_a_withdrawn_consent_counts_each_one(world, recording):
    group = class_group(world, "4A", klub=["L1", "L2"], school=["L1", "L2"])
    recording_class_group_set(recording=recording, class_group=group)
    services.recording_share(recording=recording, by=world.teacher, audience="school")
    services.fragment_share(
        fragment=FragmentFactory(recording=recording), by=world.teacher, audience="school"
    )
    assert services.shares_take_down(class_group=group, purpose="school") == 2
    assert not Share.objects.active().exists()


def test_discarding_the_blurred_copy_logs_who_took_its_shares_down_and_why(world, recording):
    from videoklub.recordings.services import fragment_anonymisation_discard

    fragment = FragmentFactory(
        recording=recording,
        anonymised="blurred.mp4",
        anonymisation_status=Fragment.Anonymisation.APPROVED,
    )
    blurred = [
        services.fragment_share(
            fragment=fragment, by=world.teacher, audience=audience, anonymised=True
        )
        for audience in ("school", "klub")
    ]
    plain = services.fragment_share(fragment=fragment, by=world.teacher, audience="coach")

    assert fragment_anonymisation_discard(fragment=fragment, by=world.teacher) == 2

    assert set(Share.objects.active().all()) == {plain}
    assert all(Share.objects.get(pk=share.pk).revoked_at for share in blurred)
    assert sorted(revocations()) == [
        (world.teacher.email, "klub", "anonymised copy discarded"),
        (world.teacher.email, "school", "anonymised copy discarded"),
    ]


def test_discarding_one_blurred_copy_leaves_the_blurred_shares_of_other_fragments(world, recording):
    from videoklub.recordings.services import fragment_anonymisation_discard

    fragment, other = (
        FragmentFactory(
            recording=recording,
            anonymised=f"blurred-{n}.mp4",
            anonymisation_status=Fragment.Anonymisation.APPROVED,
        )
        for n in (1, 2)
    )
    services.fragment_share(fragment=fragment, by=world.teacher, audience="klub", anonymised=True)
    kept = services.fragment_share(
        fragment=other, by=world.teacher, audience="klub", anonymised=True
    )

    assert fragment_anonymisation_discard(fragment=fragment, by=world.teacher) == 1

    assert set(Share.objects.active().all()) == {kept}


def test_the_owner_revokes_one_whole_recording_share_from_its_page(client, world, recording):
    fragment = FragmentFactory(recording=recording)
    other = services.fragment_share(fragment=fragment, by=world.teacher, audience="klub")
    whole = services.recording_share(recording=recording, by=world.teacher, audience="coach")
    client.force_login(world.teacher)

    response = client.post(reverse("sharing:revoke", args=[whole.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("sharing:recording", args=[recording.uuid])
    assert set(Share.objects.active().all()) == {other}


def test_a_share_revoked_by_hand_is_logged_with_its_audience_and_share_and_no_reason(
    client, world, recording
):
    share = services.recording_share(recording=recording, by=world.teacher, audience="coach")
    client.force_login(world.teacher)

    client.post(reverse("sharing:revoke", args=[share.pk]))

    entry = AuditEvent.objects.get(action="revoke")
    assert (entry.actor, entry.item_type, entry.item_id) == (
        world.teacher,
        "recording",
        str(recording.uuid),
    )
    assert entry.details == {"audience": "coach", "share": share.pk}


def test_revoking_writes_only_the_revocation_and_keeps_an_end_date_renewed_meanwhile(
    world, recording
):
    first = timezone.now() + timedelta(days=7)
    later = timezone.now() + timedelta(days=30)
    share = services.recording_share(
        recording=recording, by=world.teacher, audience="klub", expires_at=first
    )
    read_before = Share.objects.get(pk=share.pk)  # the revoke page, loaded in another tab
    services.recording_share(
        recording=recording, by=world.teacher, audience="klub", expires_at=later
    )

    services.share_revoke(share=read_before, by=world.teacher)

    share.refresh_from_db()
    assert share.revoked_at is not None
    assert share.expires_at == later


# --- Sharing a fragment -----------------------------------------------------------------------


def test_a_fragment_share_keeps_its_end_date_which_must_lie_ahead(world, recording):
    fragment = FragmentFactory(recording=recording)
    with pytest.raises(ValidationError) as refused:
        services.fragment_share(
            fragment=fragment,
            by=world.teacher,
            audience=Audience.KLUB,
            expires_at=timezone.now() - timedelta(minutes=1),
        )
    assert refused.value.messages == ["The end date of a share must lie in the future."]
    ends = timezone.now() + timedelta(days=7)
    share = services.fragment_share(
        fragment=fragment, by=world.teacher, audience=Audience.KLUB, expires_at=ends
    )
    share.refresh_from_db()
    assert share.expires_at == ends


def test_a_fragment_share_is_logged_told_and_moves_the_cycle_on(world):
    from videoklub.cycles.models import Phase, PhaseChange
    from videoklub.testing.factories import CycleFactory

    cycle = CycleFactory(teacher=world.teacher, klub=world.klub, phase=Phase.ANALYSE)
    recording = RecordingFactory(owner=world.teacher, klub=world.klub, cycle=cycle)
    fragment = FragmentFactory(recording=recording)

    share = services.fragment_share(fragment=fragment, by=world.teacher, audience="coach")

    entry = AuditEvent.objects.get(action="share")
    assert (entry.item_type, entry.item_id) == ("fragment", str(fragment.pk))
    assert entry.details == {
        "audience": "coach",
        "share": share.pk,
        "recording": str(recording.uuid),
    }
    told = Notification.objects.get()
    assert (told.recipient, told.actor, told.context["item"]) == (
        world.coach,
        world.teacher,
        "fragment",
    )
    moved = PhaseChange.objects.get(cycle=cycle, to_phase=Phase.DISCUSS)
    assert moved.by == world.teacher


def test_a_recording_filed_under_a_cycle_is_shared_with_the_cycles_klub(world):
    from videoklub.testing.factories import CycleFactory

    cycle = CycleFactory(teacher=world.teacher, klub=world.klub)
    recording = RecordingFactory(owner=world.teacher, klub=None, cycle=cycle)
    share = services.recording_share(recording=recording, by=world.teacher, audience="klub")
    assert share.klub == world.klub


def test_a_coach_shares_what_the_coach_filmed(world):
    recording = RecordingFactory(owner=world.coach, klub=world.klub)
    share = services.recording_share(recording=recording, by=world.coach, audience="klub")
    assert share.klub == world.klub


def test_a_refusal_for_consent_names_every_pupil_without_it(world, recording):
    recording.class_group = class_group(world, "4A", klub=["L1", "L2"])
    recording.save(update_fields=["class_group"])
    with pytest.raises(ValidationError) as refused:
        services.recording_share(recording=recording, by=world.teacher, audience="school")
    assert "pupils L1, L2 have not given it" in refused.value.messages[0]


def test_who_can_see_a_share_leaves_out_the_one_who_shared(world, recording):
    from videoklub.sharing.selectors import audience_people

    share = services.recording_share(recording=recording, by=world.teacher, audience="klub")
    assert audience_people(share) == sorted(
        [world.colleague, world.coach], key=lambda person: person.full_name
    )


def test_a_whole_recording_share_lets_its_audience_see_every_fragment_unblurred(world, recording):
    """The mutation run showed no test reached a fragment through its recording's share."""
    from videoklub import policy
    from videoklub.sharing.permissions import access_to_fragment

    recording.class_group = class_group(world, "4C", klub=["L1", "L2"])
    recording.save()
    fragment = FragmentFactory(recording=recording)
    assert access_to_fragment(world.colleague, fragment) is None
    services.recording_share(recording=recording, by=world.teacher, audience=Audience.KLUB)
    fragment = Fragment.objects.get(pk=fragment.pk)  # shares are cached per object read
    assert access_to_fragment(world.colleague, fragment) == "full"
    assert policy.can(world.colleague, "view_fragment_unblurred", fragment)
    assert access_to_fragment(world.other_teacher, fragment) is None


def test_a_deactivated_account_reaches_no_fragment_even_its_own(world, recording):
    from videoklub.sharing.permissions import access_to_fragment

    fragment = FragmentFactory(recording=recording)
    assert access_to_fragment(world.teacher, fragment) == "full"
    world.teacher.is_active = False
    assert access_to_fragment(world.teacher, fragment) is None


def test_a_deactivated_owner_may_not_even_open_their_own_recording(world, recording):
    # Owning a recording is not a membership: `policy.can` itself must turn a deactivated
    # account away before any rule (the membership rules alone would refuse one anyway).
    from videoklub import policy

    fragment = FragmentFactory(recording=recording)
    assert policy.can(world.teacher, "view_recording", recording)
    world.teacher.is_active = False
    assert not policy.can(world.teacher, "view_recording", recording)
    assert not policy.can(world.teacher, "view_fragment", fragment)
