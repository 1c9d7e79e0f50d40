"""Writes for the Filmfestival: the call, submissions, curation and the kennisbank afterwards.

Each checks the policy, does the work and writes the audit log in one place. Consent is never
checked here: a submission stands on a Filmfestival share (`sharing.services.fragment_share`),
which holds the one rule of what public showing needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from videoklub import policy
from videoklub.accounts.models import User
from videoklub.festival.models import Block, Festival, Submission
from videoklub.notifications.models import Kind
from videoklub.notifications.services import notify
from videoklub.organisations.models import Role
from videoklub.practice import services as practice_services
from videoklub.sharing import services as sharing_services
from videoklub.sharing.models import Audience

if TYPE_CHECKING:
    from datetime import date

    from videoklub.organisations.models import Programme
    from videoklub.practice.models import PracticeExample
    from videoklub.recordings.models import Fragment

Status = Submission.Status
FESTIVAL_FIELDS = (
    "title",
    "date",
    "place",
    "call_text",
    "submission_deadline",
    "visibility",
)


def _festival_url(festival: Festival) -> str:
    return reverse("festival:detail", args=[festival.pk])


@transaction.atomic
def festival_create(
    *,
    programme: Programme,
    by: User,
    year: int,
    title: str,
    date: date,
    call_text: str,
    submission_deadline: date,
    place: str = "",
    visibility: str = Festival.Visibility.PROGRAMME,
) -> Festival:
    """A festival of the programme for `year`, in preparation (the call not yet published)."""
    policy.authorize(by, "create_festival", programme)
    festival = Festival(
        programme=programme,
        year=year,
        title=title,
        date=date,
        place=place,
        call_text=call_text,
        submission_deadline=submission_deadline,
        visibility=visibility,
        created_by=by,
    )
    _check_dates(festival)
    festival.full_clean(validate_constraints=False)
    if Festival.objects.filter(programme=programme, year=year).exists():
        raise ValidationError({"year": _("This programme already has a Filmfestival that year.")})
    festival.save()
    return festival


def _check_dates(festival: Festival) -> None:
    if (
        festival.submission_deadline
        and festival.date
        and festival.submission_deadline > festival.date
    ):
        raise ValidationError(
            {"submission_deadline": _("The deadline must lie before the festival itself.")}
        )


@transaction.atomic
def festival_update(*, festival: Festival, by: User, **fields) -> Festival:
    policy.authorize(by, "change_festival", festival)
    for name, value in fields.items():
        if name not in FESTIVAL_FIELDS:
            raise TypeError(name)
        setattr(festival, name, value)
    _check_dates(festival)
    festival.full_clean(validate_constraints=False)
    festival.save(update_fields=list(fields))
    return festival


@transaction.atomic
def festival_publish_call(*, festival: Festival, by: User) -> Festival:
    """Open the call and tell the programme's teachers (once: publishing again does nothing)."""
    policy.authorize(by, "change_festival", festival)
    if festival.call_published_at is not None:
        return festival
    if festival.submission_deadline < timezone.localdate():
        raise ValidationError(_("The deadline has passed: choose a later one first."))
    festival.call_published_at = timezone.now()
    festival.save(update_fields=["call_published_at"])
    teachers = User.objects.filter(
        memberships__role=Role.TEACHER,
        memberships__klub__programme_id=festival.programme_id,
    ).values_list("pk", flat=True)
    notify(
        recipients=set(teachers),
        kind=Kind.FESTIVAL_CALL,
        actor=by,
        url=_festival_url(festival),
        context={"klub": festival.title, "date": festival.submission_deadline.isoformat()},
        key=f"festival-call:{festival.pk}",
    )
    return festival


@transaction.atomic
def festival_close_selection(*, festival: Festival, by: User) -> Festival:
    """Make the programme final: from now on no submission can be withdrawn or added."""
    policy.authorize(by, "curate_festival", festival)
    if festival.selection_closed_at is None:
        festival.selection_closed_at = timezone.now()
        festival.save(update_fields=["selection_closed_at"])
    return festival


@transaction.atomic
def submission_create(
    *,
    festival: Festival,
    fragment: Fragment,
    by: User,
    title: str,
    what_it_shows: str,
    why: str,
    anonymised: bool = False,
) -> Submission:
    """`by` submits their own fragment. Refused (with the reason) when the call is not open,
    the fragment is not theirs or of another programme, or the pupils' consent does not cover
    public showing and no approved anonymised copy is chosen: `fragment_share` decides."""
    policy.authorize(by, "submit_to_festival", festival)
    if not festival.call_open():
        raise ValidationError(_("The call of this Filmfestival is not open."))
    recording = fragment.recording
    if recording.owner_id != by.pk:
        raise ValidationError(_("You can only submit a fragment you filmed yourself."))
    klub = sharing_services.share_klub(recording, by)
    if klub.programme_id != festival.programme_id:
        raise ValidationError(_("This fragment belongs to a klub of another programme."))
    if Submission.objects.filter(
        festival=festival, fragment=fragment, status__in=Submission.ACTIVE
    ).exists():
        raise ValidationError(_("You already submitted this fragment."))
    share = sharing_services.fragment_share(
        fragment=fragment, by=by, audience=Audience.FESTIVAL, anonymised=anonymised
    )
    submission = Submission(
        festival=festival,
        fragment=fragment,
        submitted_by=by,
        share=share,
        anonymised=anonymised,
        title=title,
        what_it_shows=what_it_shows,
        why=why,
    )
    submission.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            submission.save()
    except IntegrityError:
        raise ValidationError(_("You already submitted this fragment.")) from None
    return submission


def _festival_shares_elsewhere(submission: Submission) -> bool:
    """Does another active submission (another year's festival) stand on the same share?"""
    return (
        Submission.objects.filter(share=submission.share, status__in=Submission.ACTIVE)
        .exclude(pk=submission.pk)
        .exists()
    )


@transaction.atomic
def submission_withdraw(*, submission: Submission, by: User) -> Submission:
    """The teacher takes the fragment back, until the selection closes: its Filmfestival share
    is revoked, so it leaves the festival page and the screening package at once."""
    policy.authorize(by, "withdraw_submission", submission)
    submission = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("festival", "share")
        .get(pk=submission.pk)
    )
    if submission.status not in Submission.ACTIVE:
        return submission
    if submission.festival.selection_closed:
        raise ValidationError(
            _("The selection is closed: ask the festival's organisers to take it out.")
        )
    submission.status = Status.WITHDRAWN
    submission.withdrawn_at = timezone.now()
    submission.save(update_fields=["status", "withdrawn_at"])
    if submission.share is not None and not _festival_shares_elsewhere(submission):
        sharing_services.share_revoke(share=submission.share, by=by, reason="festival withdrawn")
    return submission


@transaction.atomic
def submission_decide(
    *, submission: Submission, by: User, select: bool, block: Block | None = None
) -> Submission:
    """Select (optionally into a block) or decline a submission; the submitter is told."""
    policy.authorize(by, "curate_festival", submission.festival)
    submission = Submission.objects.select_for_update(of=("self",)).get(pk=submission.pk)
    if submission.status not in Submission.ACTIVE and submission.status != Status.DECLINED:
        raise ValidationError(_("This submission was withdrawn."))
    if block is not None and block.festival_id != submission.festival_id:
        raise ValidationError(_("Choose a block of this festival."))
    previous = submission.status
    submission.status = Status.SELECTED if select else Status.DECLINED
    submission.decided_by = by
    submission.decided_at = timezone.now()
    fields = ["status", "decided_by", "decided_at"]
    if select and block is not None:
        submission.block = block
        submission.order = block.submissions.count() + 1
        fields += ["block", "order"]
    elif not select:
        submission.block = None
        fields.append("block")
    submission.save(update_fields=fields)
    if previous != submission.status:
        festival = submission.festival
        notify(
            recipients=[submission.submitted_by_id],
            kind=Kind.FESTIVAL_SELECTED if select else Kind.FESTIVAL_DECLINED,
            actor=by,
            url=reverse("festival:submission", args=[submission.pk]),
            context={"klub": festival.title},
        )
    return submission


@transaction.atomic
def submission_place(
    *,
    submission: Submission,
    by: User,
    block: Block | None,
    order: int,
    introduction: str,
) -> Submission:
    """Where a selected fragment is shown, and the curator's introduction to it."""
    policy.authorize(by, "curate_festival", submission.festival)
    if block is not None and block.festival_id != submission.festival_id:
        raise ValidationError(_("Choose a block of this festival."))
    submission.block = block
    submission.order = order
    submission.introduction = introduction
    submission.save(update_fields=["block", "order", "introduction"])
    return submission


@transaction.atomic
def block_save(
    *,
    festival: Festival,
    by: User,
    title: str,
    introduction: str = "",
    order: int | None = None,
    block: Block | None = None,
) -> Block:
    """Create a block (at the end) or change one."""
    policy.authorize(by, "curate_festival", festival)
    if block is None:
        block = Block(festival=festival, order=order or festival.blocks.count() + 1)
    elif order is not None:
        block.order = order
    block.title = title
    block.introduction = introduction
    block.full_clean()
    block.save()
    return block


@transaction.atomic
def block_delete(*, block: Block, by: User) -> None:
    """Delete a block; its fragments stay selected, without a block."""
    policy.authorize(by, "curate_festival", block.festival)
    block.delete()


@transaction.atomic
def practice_propose(*, submission: Submission, by: User) -> Submission:
    """After the festival, staff ask the teacher whether their selected fragment may become a
    practice example in the kennisbank. Only the teacher can offer it (`practice_confirm`)."""
    festival = submission.festival
    policy.authorize(by, "curate_festival", festival)
    submission = Submission.objects.select_for_update(of=("self",)).get(pk=submission.pk)
    if submission.status != Status.SELECTED:
        raise ValidationError(_("Only a selected fragment can become a practice example."))
    if festival.date > timezone.localdate():
        raise ValidationError(_("Wait until after the festival."))
    if submission.practice_proposed_at is None:
        submission.practice_proposed_by = by
        submission.practice_proposed_at = timezone.now()
        submission.save(update_fields=["practice_proposed_by", "practice_proposed_at"])
        notify(
            recipients=[submission.submitted_by_id],
            kind=Kind.FESTIVAL_PRACTICE,
            actor=by,
            url=reverse("festival:practice_confirm", args=[submission.pk]),
            context={"klub": festival.title},
        )
    return submission


@transaction.atomic
def practice_confirm(
    *, submission: Submission, by: User, permission_given: bool, description: str
) -> PracticeExample:
    """The teacher agrees: the fragment is offered to the kennisbank with their permission,
    through the practice app's own service (its consent rule: reuse in training, or the
    approved anonymised copy); a reviewer publishes it as any other example."""
    policy.authorize(by, "confirm_festival_practice", submission)
    submission = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("fragment__recording")
        .get(pk=submission.pk)
    )
    if submission.practice_proposed_at is None:
        raise ValidationError(_("Nobody asked for this fragment for the knowledge base."))
    example = practice_services.practice_example_offer(
        fragment=submission.fragment,
        by=by,
        title=submission.title,
        description=description,
        permission_given=permission_given,
        use_anonymised=submission.anonymised,
    )
    submission.practice_example = example
    submission.save(update_fields=["practice_example"])
    return example
