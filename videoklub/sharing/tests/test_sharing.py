"""Sharing a fragment: explicit, revocable, optionally expiring; others see the cut only."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext_lazy

from videoklub.consent.models import Purpose
from videoklub.recordings.models import Fragment
from videoklub.sharing import services
from videoklub.sharing.models import Audience, Share
from videoklub.testing.factories import FragmentFactory, RecordingFactory
from videoklub.testing.i18n import dutch

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def queued_tasks(settings):
    """Tasks are queued, not run: the fragment files are not what these tests are about."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def fragment(world):
    recording = RecordingFactory(owner=world.teacher, klub=world.klub)
    return FragmentFactory(recording=recording)


def share_url(fragment):
    return reverse("sharing:fragment", args=[fragment.recording.uuid, fragment.pk])


def video_url(fragment):
    return reverse("recordings:fragment_video", args=[fragment.recording.uuid, fragment.pk])


def make_watchable(fragment):
    """Give the fragment a ready export file, as the export task would."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    fragment.export = default_storage.save(
        fragment.recording.prefix + f"fragments/{fragment.pk}.mp4", ContentFile(b"\0" * 64)
    )
    fragment.export_status = Fragment.ExportStatus.READY
    fragment.save(update_fields=["export", "export_status"])


def test_sharing_with_the_klub_records_who_and_queues_the_fragment_file(
    client, world, fragment, django_capture_on_commit_callbacks
):
    client.force_login(world.teacher)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(share_url(fragment), {"audience": "klub"})
    assert response.status_code == 302
    share = Share.objects.get(fragment=fragment)
    assert (share.audience, share.klub, share.created_by) == ("klub", world.klub, world.teacher)
    fragment.refresh_from_db()
    assert fragment.export_status == Fragment.ExportStatus.QUEUED


def test_sharing_twice_keeps_one_active_share(world, fragment):
    first = services.fragment_share(fragment=fragment, by=world.teacher, audience=Audience.KLUB)
    again = services.fragment_share(fragment=fragment, by=world.teacher, audience=Audience.KLUB)
    assert first.pk == again.pk
    assert Share.objects.active().filter(fragment=fragment).count() == 1


def test_only_the_teacher_who_filmed_can_share(world, fragment):
    with pytest.raises(ValidationError, match="Only the teacher who filmed"):
        services.fragment_share(fragment=fragment, by=world.colleague, audience=Audience.KLUB)


def test_a_colleague_does_not_even_see_the_share_page(client, world, fragment):
    client.force_login(world.colleague)
    assert client.post(share_url(fragment), {"audience": "klub"}).status_code == 404
    assert not Share.objects.exists()


@pytest.mark.parametrize("audience", ["school", "programme", "festival"])
def test_sharing_beyond_the_klub_waits_for_consent(client, world, fragment, audience):
    with pytest.raises(ValidationError, match="consent"):
        services.fragment_share(fragment=fragment, by=world.teacher, audience=audience)
    client.force_login(world.teacher)
    response = client.post(share_url(fragment), {"audience": audience})
    assert response.status_code == 400
    assert not Share.objects.exists()


def test_an_end_date_in_the_past_is_refused_with_a_message(client, world, fragment):
    client.force_login(world.teacher)
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client.post(share_url(fragment), {"audience": "klub", "until": yesterday})
    assert response.status_code == 400
    assert dutch(gettext_lazy("Choose a date from today on.")) in response.content.decode()
    assert not Share.objects.exists()


def test_a_recording_outside_any_klub_of_the_owner_cannot_be_shared(world):
    fragment = FragmentFactory(recording=RecordingFactory(owner=world.teacher, klub=None))
    with pytest.raises(ValidationError, match="belongs to no klub"):
        services.fragment_share(fragment=fragment, by=world.teacher, audience=Audience.KLUB)


def test_the_klub_watches_the_cut_until_the_share_is_revoked(client, world, fragment):
    make_watchable(fragment)
    share = services.fragment_share(fragment=fragment, by=world.teacher, audience=Audience.KLUB)
    for person in (world.colleague, world.coach):
        client.force_login(person)
        assert client.get(video_url(fragment)).status_code == 200
    # The whole recording stays private.
    stream = reverse("recordings:stream", args=[fragment.recording.uuid])
    assert client.get(stream).status_code == 404

    client.force_login(world.teacher)
    response = client.post(reverse("sharing:revoke", args=[share.pk]))
    assert response.status_code == 302
    # Cut off at once; they are told it is no longer shared with them (403), not "not found".
    for person in (world.colleague, world.coach):
        client.force_login(person)
        assert client.get(video_url(fragment)).status_code == 403
    client.force_login(world.other_teacher)  # never had it: nothing to tell
    assert client.get(video_url(fragment)).status_code == 404
    share.refresh_from_db()
    assert share.revoked_at is not None  # kept for the history, not deleted


def test_an_expired_share_grants_nothing(client, world, fragment):
    make_watchable(fragment)
    Share.objects.create(
        fragment=fragment,
        audience=Audience.KLUB,
        klub=world.klub,
        created_by=world.teacher,
        expires_at=timezone.now() - timedelta(minutes=1),
    )
    client.force_login(world.colleague)
    assert client.get(video_url(fragment)).status_code == 403


def test_a_share_with_the_coach_is_for_the_coach_only(client, world, fragment):
    make_watchable(fragment)
    services.fragment_share(fragment=fragment, by=world.teacher, audience=Audience.COACH)
    client.force_login(world.coach)
    assert client.get(video_url(fragment)).status_code == 200
    for person in (world.colleague, world.school_leader, world.project_staff, world.other_coach):
        client.force_login(person)
        assert client.get(video_url(fragment)).status_code == 404


def test_nobody_but_the_owner_can_revoke(client, world, fragment):
    share = services.fragment_share(fragment=fragment, by=world.teacher, audience=Audience.KLUB)
    client.force_login(world.colleague)
    assert client.post(reverse("sharing:revoke", args=[share.pk])).status_code == 404
    client.force_login(world.coach)
    assert client.post(reverse("sharing:revoke", args=[share.pk])).status_code == 404
    share.refresh_from_db()
    assert share.revoked_at is None


def test_who_can_see_this_names_the_people(client, world, fragment):
    services.fragment_share(fragment=fragment, by=world.teacher, audience=Audience.KLUB)
    client.force_login(world.teacher)
    page = client.get(share_url(fragment)).content.decode()
    assert escape(world.colleague.full_name) in page
    assert escape(world.coach.full_name) in page
    assert escape(world.school_leader.full_name) not in page


def test_the_klub_page_lists_what_was_shared_with_it(client, world, fragment):
    hidden = FragmentFactory(recording=fragment.recording, title="Alleen voor de coach")
    unshared = FragmentFactory(recording=fragment.recording, title="Nog privé")
    services.fragment_share(fragment=fragment, by=world.teacher, audience=Audience.KLUB)
    services.fragment_share(fragment=hidden, by=world.teacher, audience=Audience.COACH)
    url = reverse("sharing:klub", args=[world.klub.pk])

    client.force_login(world.colleague)
    page = client.get(url).content.decode()
    assert fragment.title in page
    assert hidden.title not in page
    assert unshared.title not in page

    client.force_login(world.coach)
    page = client.get(url).content.decode()
    assert fragment.title in page and hidden.title in page
    assert unshared.title not in page

    client.force_login(world.school_leader)
    assert client.get(url).status_code == 403


# --- Consent decides how far ----------------------------------------------------------------


def class_group_with(world, **consent_for):
    """A class group at the klub's school with pupils L1..Ln; consent_for: purpose -> codes."""
    from videoklub.consent.models import ClassGroup, Consent, Pupil

    group = ClassGroup.objects.create(school=world.school, name="4A", school_year="2026-2027")
    pupils = {code: Pupil.objects.create(class_group=group, code=code) for code in ("L1", "L2")}
    for purpose, codes in consent_for.items():
        for code in codes:
            Consent.objects.create(
                pupil=pupils[code],
                purpose=purpose,
                given_by="parent",
                given_on=timezone.localdate(),
                recorded_by=world.school_leader,
            )
    return group


def test_sharing_with_the_school_needs_everyones_consent_for_it(world, fragment):
    group = class_group_with(world, klub=["L1", "L2"], school=["L1"])
    fragment.recording.class_group = group
    fragment.recording.save(update_fields=["class_group"])
    with pytest.raises(ValidationError, match="L2"):
        services.fragment_share(fragment=fragment, by=world.teacher, audience=Audience.SCHOOL)
    assert not Share.objects.exists()

    from videoklub.consent.models import Consent, Pupil

    Consent.objects.create(
        pupil=Pupil.objects.get(code="L2"),
        purpose="school",
        given_by="parent",
        given_on=timezone.localdate(),
    )
    share = services.fragment_share(fragment=fragment, by=world.teacher, audience=Audience.SCHOOL)
    assert share.audience == Audience.SCHOOL and not share.anonymised


def test_within_the_klub_too_a_known_class_group_needs_consent_for_filming(world, fragment):
    fragment.recording.class_group = class_group_with(world, klub=["L1"])
    fragment.recording.save(update_fields=["class_group"])
    with pytest.raises(ValidationError, match="L2"):
        services.fragment_share(fragment=fragment, by=world.teacher, audience=Audience.KLUB)


def test_an_approved_anonymised_copy_may_go_beyond_consent(client, world, fragment):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    fragment.recording.class_group = class_group_with(world, klub=["L1", "L2"])
    fragment.recording.save(update_fields=["class_group"])
    with pytest.raises(ValidationError, match="approve the anonymised"):
        services.fragment_share(
            fragment=fragment, by=world.teacher, audience=Audience.SCHOOL, anonymised=True
        )
    make_watchable(fragment)
    fragment.anonymised = default_storage.save(
        fragment.recording.prefix + "fragments/anon.mp4", ContentFile(b"blurred" * 10)
    )
    fragment.anonymisation_status = Fragment.Anonymisation.APPROVED
    fragment.save(update_fields=["anonymised", "anonymisation_status"])
    services.fragment_share(
        fragment=fragment, by=world.teacher, audience=Audience.SCHOOL, anonymised=True
    )
    # A colleague at the school who is only reached through the anonymised share gets the
    # blurred copy; the klub (which consent covers) is not part of that share.
    from videoklub.organisations.models import Role
    from videoklub.testing.factories import KlubFactory, MembershipFactory

    other_klub = KlubFactory(school=world.school, programme=world.programme)
    elsewhere = MembershipFactory(role=Role.TEACHER, klub=other_klub).user
    client.force_login(elsewhere)
    response = client.get(video_url(fragment))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"blurred" * 10


def test_a_blurred_copy_still_under_review_does_not_go_beyond_consent(world, fragment):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    fragment.recording.class_group = class_group_with(world, klub=["L1", "L2"])
    fragment.recording.save(update_fields=["class_group"])
    # The blurring is done and the file exists, but the teacher has not looked at it yet.
    fragment.anonymised = default_storage.save(
        fragment.recording.prefix + "fragments/anon.mp4", ContentFile(b"blurred" * 10)
    )
    fragment.anonymisation_status = Fragment.Anonymisation.REVIEW
    fragment.save(update_fields=["anonymised", "anonymisation_status"])

    with translation.override("nl-be"):
        with pytest.raises(ValidationError) as refused:
            services.fragment_share(
                fragment=fragment, by=world.teacher, audience=Audience.SCHOOL, anonymised=True
            )
        said = refused.value.messages
    assert said == [
        dutch(gettext_lazy("Review and approve the anonymised version before you share it."))
    ]
    assert not Share.objects.exists()

    fragment.anonymisation_status = Fragment.Anonymisation.APPROVED
    fragment.save(update_fields=["anonymisation_status"])
    share = services.fragment_share(
        fragment=fragment, by=world.teacher, audience=Audience.SCHOOL, anonymised=True
    )
    assert (share.audience, share.anonymised) == (Audience.SCHOOL, True)


def test_a_withdrawal_takes_the_shares_it_covered_down(world, fragment):
    from videoklub.consent.models import Consent

    group = class_group_with(world, klub=["L1", "L2"], school=["L1", "L2"])
    fragment.recording.class_group = group
    fragment.recording.save(update_fields=["class_group"])
    school = services.fragment_share(fragment=fragment, by=world.teacher, audience=Audience.SCHOOL)
    klub = services.fragment_share(fragment=fragment, by=world.teacher, audience=Audience.KLUB)
    withdrawn = Consent.objects.get(pupil__code="L2", purpose="school")
    taken_down = services.shares_take_down(class_group=group, purpose="school", by=world.teacher)
    assert taken_down == 1
    school.refresh_from_db()
    klub.refresh_from_db()
    assert school.revoked_at is not None
    assert klub.revoked_at is None  # filming for the klub was not withdrawn
    assert withdrawn  # (the consent service records the withdrawal itself)


# --- Whole recordings -----------------------------------------------------------------------


def test_a_recording_shared_with_the_coach_streams_for_the_coach_only(client, world):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    recording = RecordingFactory(owner=world.teacher, klub=world.klub)
    recording.rendition = default_storage.save(
        recording.prefix + "rendition.mp4", ContentFile(b"\0" * 100)
    )
    recording.save(update_fields=["rendition"])
    share = services.recording_share(recording=recording, by=world.teacher, audience="coach")
    stream = reverse("recordings:stream", args=[recording.uuid])
    client.force_login(world.coach)
    assert client.get(stream).status_code == 200
    assert client.get(reverse("recordings:detail", args=[recording.uuid])).status_code == 200
    for person in (world.colleague, world.school_leader):
        client.force_login(person)
        assert client.get(stream).status_code == 404
    services.share_revoke(share=share, by=world.teacher)
    client.force_login(world.coach)
    assert client.get(stream).status_code == 403


def consent_refusal_in_dutch(group, purpose, codes: str) -> str:
    message = gettext_lazy(
        "The consent of %(group)s does not cover %(purpose)s: pupils %(codes)s have not "
        "given it. Share the anonymised version instead (faces blurred), or share more "
        "narrowly."
    )
    return dutch(message) % {
        "group": group,
        "purpose": dutch(Purpose(purpose).label),
        "codes": codes,
    }


@pytest.mark.parametrize(
    ("audience", "purpose"),
    [
        (Audience.SCHOOL, Purpose.SCHOOL),
        (Audience.PROGRAMME, Purpose.TRAINING),
        (Audience.FESTIVAL, Purpose.PUBLIC),
    ],
)
def test_a_whole_recording_goes_beyond_the_klub_only_with_everyones_consent(
    world, audience, purpose
):
    from videoklub.consent.models import Consent, Pupil

    group = class_group_with(world, klub=["L1", "L2"], **{purpose: ["L1"]})
    recording = RecordingFactory(owner=world.teacher, klub=world.klub, class_group=group)

    with translation.override("nl-be"):
        with pytest.raises(ValidationError) as refused:
            services.recording_share(recording=recording, by=world.teacher, audience=audience)
        said = refused.value.messages
    assert said == [consent_refusal_in_dutch(group, purpose, "L2")]
    assert not Share.objects.exists()

    Consent.objects.create(
        pupil=Pupil.objects.get(class_group=group, code="L2"),
        purpose=purpose,
        given_by="parent",
        given_on=timezone.localdate(),
    )
    share = services.recording_share(recording=recording, by=world.teacher, audience=audience)
    assert (share.recording, share.audience) == (recording, audience)


# --- Every share, revocation, view and download is logged for the owner ----------------------


def test_the_owner_reads_who_did_what(client, world, fragment):
    from videoklub.audit.models import AuditEvent

    make_watchable(fragment)
    share = services.fragment_share(fragment=fragment, by=world.teacher, audience=Audience.KLUB)
    client.force_login(world.coach)
    client.get(video_url(fragment))
    client.get(video_url(fragment), headers={"Range": "bytes=10-20"})  # seeking: no new entry
    services.share_revoke(share=share, by=world.teacher)
    actions = list(
        AuditEvent.objects.filter(owner=world.teacher)
        .order_by("at")
        .values_list("action", "actor__email")
    )
    assert actions == [
        ("share", world.teacher.email),
        ("stream", world.coach.email),
        ("revoke", world.teacher.email),
    ]
    client.force_login(world.teacher)
    page = client.get(reverse("audit:my_log")).content.decode()
    assert escape(world.coach.full_name) in page
    client.force_login(world.colleague)  # the colleague's own log holds none of it
    page = client.get(reverse("audit:my_log")).content.decode()
    assert escape(world.coach.full_name) not in page


def test_nobody_can_change_the_log(world, fragment):
    from videoklub.audit.models import AuditEvent

    event = services.fragment_share(fragment=fragment, by=world.teacher, audience="klub")
    entry = AuditEvent.objects.get()
    entry.action = "view"
    with pytest.raises(PermissionError):
        entry.save()
    assert AuditEvent.objects.get().action == "share"
    assert event


def test_naming_another_class_group_takes_down_what_its_consent_does_not_cover(world, fragment):
    from videoklub.recordings.services import recording_class_group_set

    covered = class_group_with(world, klub=["L1", "L2"], school=["L1", "L2"])
    recording_class_group_set(recording=fragment.recording, class_group=covered)
    school = services.fragment_share(fragment=fragment, by=world.teacher, audience="school")
    klub = services.fragment_share(fragment=fragment, by=world.teacher, audience="klub")
    from videoklub.consent.models import ClassGroup, Consent, Pupil

    other = ClassGroup.objects.create(school=world.school, name="4B", school_year="2026-2027")
    pupil = Pupil.objects.create(class_group=other, code="M1")
    Consent.objects.create(pupil=pupil, purpose="klub", given_by="parent", given_on="2026-09-01")
    recording_class_group_set(recording=fragment.recording, class_group=other)
    school.refresh_from_db()
    klub.refresh_from_db()
    assert school.revoked_at is not None
    assert klub.revoked_at is None


def test_a_revoked_share_says_so_on_the_fragments_page(client, world, fragment):
    share = services.fragment_share(fragment=fragment, by=world.teacher, audience=Audience.KLUB)
    page = reverse("analysis:fragment", args=[fragment.recording.uuid, fragment.pk])
    client.force_login(world.colleague)
    assert client.get(page).status_code == 200
    share.revoked_at = timezone.now()
    share.save()
    response = client.get(page)
    assert response.status_code == 403
    assert "Dit wordt niet meer met jou gedeeld." in response.content.decode()


def test_a_fragment_is_found_only_under_its_own_recording(client, world, fragment):
    services.fragment_share(fragment=fragment, by=world.teacher, audience=Audience.KLUB)
    elsewhere = RecordingFactory(owner=world.teacher, klub=world.klub)
    client.force_login(world.colleague)
    page = reverse("analysis:fragment", args=[elsewhere.uuid, fragment.pk])
    assert client.get(page).status_code == 404
