"""Submitting, withdrawing, curating: consent is the sharing app's one rule."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from videoklub.audit.models import AuditEvent
from videoklub.consent.models import Consent
from videoklub.festival import selectors, services
from videoklub.festival.models import Submission
from videoklub.festival.tests.conftest import make_fragment
from videoklub.notifications.models import Kind, Notification
from videoklub.sharing.models import Audience, Share


def test_publishing_the_call_tells_the_programmes_teachers(world, festival):
    told = set(
        Notification.objects.filter(kind=Kind.FESTIVAL_CALL).values_list("recipient", flat=True)
    )
    assert told == {world.teacher.pk, world.colleague.pk}


def test_a_submission_stands_on_a_festival_share(world, submit):
    submission = submit()
    assert submission.share.audience == Audience.FESTIVAL
    assert submission.share.is_active()
    assert submission.status == Submission.Status.SUBMITTED


def test_a_submission_without_consent_for_public_showing_is_refused(world, submit):
    fragment = make_fragment(world, public=("L1",))
    with pytest.raises(ValidationError, match="L2"):
        submit(fragment)
    assert not Submission.objects.exists()
    assert not Share.objects.filter(audience=Audience.FESTIVAL).exists()


def test_the_refusal_reads_in_dutch_and_the_form_keeps_what_was_typed(client, world, festival):
    fragment = make_fragment(world, public=())
    client.force_login(world.teacher)
    with translation.override("nl-be"):
        response = client.post(
            reverse("festival:submit", args=[festival.pk]),
            {
                "fragment": fragment.pk,
                "version": "full",
                "title": "Mijn titel",
                "what_it_shows": "Wat het toont",
                "why": "Daarom",
            },
            headers={"accept-language": "nl-be"},
        )
    page = response.content.decode()
    assert response.status_code == 400
    assert "toestemming" in page
    assert "Mijn titel" in page and "Daarom" in page
    assert not Submission.objects.exists()


def test_the_approved_anonymised_copy_needs_no_consent(world, submit):
    fragment = make_fragment(world, public=(), anonymised=True)
    submission = submit(fragment, anonymised=True)
    assert submission.share.anonymised


def test_an_anonymised_submission_needs_an_approved_copy(world, submit):
    with pytest.raises(ValidationError, match="approve"):
        submit(make_fragment(world, public=()), anonymised=True)


def test_only_ones_own_fragment_can_be_submitted(world, festival):
    fragment = make_fragment(world, world.colleague)
    with pytest.raises(ValidationError):
        services.submission_create(
            festival=festival,
            fragment=fragment,
            by=world.teacher,
            title="x",
            what_it_shows="x",
            why="x",
        )


def test_nothing_can_be_submitted_after_the_deadline(world, festival, submit):
    festival.submission_deadline = timezone.localdate() - timedelta(days=1)
    festival.save()
    with pytest.raises(ValidationError, match="not open"):
        submit()


def test_a_withdrawn_submission_revokes_its_share(world, submit):
    submission = submit()
    services.submission_withdraw(submission=submission, by=world.teacher)
    submission.share.refresh_from_db()
    assert submission.share.revoked_at is not None


def test_no_withdrawal_once_the_selection_is_closed(world, festival, submit):
    submission = submit()
    services.festival_close_selection(festival=festival, by=world.project_staff)
    with pytest.raises(ValidationError, match="closed"):
        services.submission_withdraw(submission=submission, by=world.teacher)


def test_selecting_and_declining_tell_the_submitter(world, festival, submit):
    block = services.block_save(festival=festival, by=world.project_staff, title="Stilte")
    chosen = submit()
    other = submit(title="Andere")
    services.submission_decide(submission=chosen, by=world.project_staff, select=True, block=block)
    services.submission_decide(submission=other, by=world.project_staff, select=False)
    kinds = list(
        Notification.objects.filter(recipient=world.teacher)
        .exclude(kind=Kind.FESTIVAL_CALL)
        .values_list("kind", flat=True)
    )
    assert sorted(kinds) == [Kind.FESTIVAL_DECLINED, Kind.FESTIVAL_SELECTED]
    chosen.refresh_from_db()
    assert chosen.block == block and chosen.order == 1


def test_the_festival_shows_selected_fragments_only_while_consent_holds(world, festival, submit):
    block = services.block_save(festival=festival, by=world.project_staff, title="Stilte")
    submission = submit()
    assert selectors.shown_submissions(festival) == []
    services.submission_decide(
        submission=submission, by=world.project_staff, select=True, block=block
    )
    assert selectors.shown_submissions(festival) == [submission]
    # A parent withdraws consent for public showing: the share goes, and the fragment with it.
    from videoklub.consent.services import consent_withdraw

    consent = Consent.objects.filter(purpose="public").first()
    consent_withdraw(
        consent=consent, withdrawn_on=timezone.localdate(), recorded_by=world.school_leader
    )
    assert selectors.shown_submissions(festival) == []


def test_staff_of_another_programme_cannot_curate(world, festival, submit):
    submission = submit()
    with pytest.raises(PermissionDenied):
        services.submission_decide(submission=submission, by=world.other_project_staff, select=True)


def test_after_the_festival_the_teacher_confirms_the_practice_example(world, festival, submit):
    from videoklub.practice.models import PracticeExample

    submission = submit(make_fragment(world, public=(), anonymised=True), anonymised=True)
    services.submission_decide(submission=submission, by=world.project_staff, select=True)
    with pytest.raises(ValidationError, match="after"):
        services.practice_propose(submission=submission, by=world.project_staff)
    festival.date = timezone.localdate()
    festival.save()
    submission.refresh_from_db()
    services.practice_propose(submission=submission, by=world.project_staff)
    assert Notification.objects.filter(recipient=world.teacher, kind=Kind.FESTIVAL_PRACTICE)
    with pytest.raises(ValidationError):
        services.practice_confirm(
            submission=submission, by=world.teacher, permission_given=False, description="x"
        )
    example = services.practice_confirm(
        submission=submission, by=world.teacher, permission_given=True, description="Kijk."
    )
    assert example.status == PracticeExample.Status.OFFERED
    assert example.use_anonymised and example.offered_by == world.teacher
    assert AuditEvent.objects.filter(details__practice_example=example.pk).exists()


def test_the_demo_festival_is_seeded_once_with_a_submission(world):
    from videoklub.festival.demo import FRAGMENT_TITLE, seed_demo_festival

    make_fragment(world, public=(), title=FRAGMENT_TITLE)
    assert seed_demo_festival() is True
    assert seed_demo_festival() is False
    submission = Submission.objects.get()
    assert submission.festival.call_open()
    assert submission.share.is_active()
