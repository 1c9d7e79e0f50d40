"""Writes for practice examples: offer, review (publish or decline) and withdraw.

Each checks the policy, does the work and writes the teacher's audit log in one place, so a
view, a script or the admin cannot forget one of the three.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from videoklub import policy
from videoklub.audit.models import Action as AuditAction
from videoklub.audit.services import audit_record
from videoklub.consent.models import Purpose
from videoklub.consent.selectors import consent_covers, consent_gap
from videoklub.notifications.models import Kind
from videoklub.notifications.services import notify
from videoklub.practice.models import PracticeExample
from videoklub.recordings import services as recording_services
from videoklub.recordings.models import Fragment

if TYPE_CHECKING:
    from videoklub.accounts.models import User
    from videoklub.cycles.models import CorePractice

Status = PracticeExample.Status
# What the audit log names as the audience of these events.
AUDIENCE = "kennisbank"


def check_practice_consent(fragment: Fragment, *, use_anonymised: bool) -> None:
    """Refuse, with the reason, an example that neither the pupils' consent for reuse in
    training nor an approved anonymised copy allows."""
    if use_anonymised:
        if (
            fragment.anonymisation_status != Fragment.Anonymisation.APPROVED
            or not fragment.anonymised
        ):
            raise ValidationError(
                _("Review and approve the anonymised version before you offer it.")
            )
        return
    recording = fragment.recording
    if recording.class_group_id is None:
        raise ValidationError(
            _(
                "Say which class group is on this recording first: the knowledge base needs "
                "their consent for reuse in training. Or offer the anonymised version."
            )
        )
    if consent_covers(recording, Purpose.TRAINING):
        return
    codes = ", ".join(pupil.code for pupil in consent_gap(recording, Purpose.TRAINING))
    raise ValidationError(
        _(
            "The consent of %(group)s does not cover %(purpose)s: pupils %(codes)s have not "
            "given it. Offer the anonymised version instead (faces blurred)."
        )
        % {
            "group": recording.class_group,
            "purpose": Purpose.TRAINING.label,
            "codes": codes,
        }
    )


@transaction.atomic
def practice_example_offer(
    *,
    fragment: Fragment,
    by: User,
    title: str,
    description: str,
    permission_given: bool,
    use_anonymised: bool = False,
    core_practice: CorePractice | None = None,
    school_level: str = "",
    subject: str = "",
    indicator_keys: list[str] | None = None,
) -> PracticeExample:
    """`by` offers their fragment to the kennisbank, for a reviewer to publish.

    Needs the teacher's explicit permission (`permission_given`, the ticked box) and the
    consent (or the approved anonymised copy) the example will show with. The fragment's own
    file is cut here if it was not yet: readers never get the whole recording.
    """
    policy.authorize(by, "offer_practice_example", fragment)
    if not permission_given:
        raise ValidationError(
            {
                "permission_given": _(
                    "Tick the box to give your permission: without it the fragment is not offered."
                )
            }
        )
    if PracticeExample.objects.filter(
        fragment=fragment, status__in=PracticeExample.ACTIVE
    ).exists():
        raise ValidationError(_("This fragment is already offered to the knowledge base."))
    check_practice_consent(fragment, use_anonymised=use_anonymised)
    now = timezone.now()
    example = PracticeExample(
        fragment=fragment,
        offered_by=by,
        title=title,
        description=description,
        core_practice=core_practice,
        school_level=school_level,
        subject=subject,
        indicator_keys=indicator_keys or [],
        use_anonymised=use_anonymised,
        permission_given_at=now,
        offered_at=now,
    )
    example.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            example.save()
    except IntegrityError:
        # The conditional unique constraint: two offers of one fragment at the same moment.
        raise ValidationError(
            _("This fragment is already offered to the knowledge base.")
        ) from None
    if not use_anonymised:
        recording_services.fragment_export_queue(fragment=fragment)
    audit_record(
        actor=by,
        action=AuditAction.SHARE,
        item=fragment,
        audience=AUDIENCE,
        practice_example=example.pk,
    )
    return example


@transaction.atomic
def practice_example_review(
    *, example: PracticeExample, by: User, publish: bool, note: str = ""
) -> PracticeExample:
    """Publish or decline an offered example. The consent is checked again: it may have
    changed since the teacher offered it."""
    policy.authorize(by, "review_practice_examples", example)
    example = (
        # Lock only the example's row: PostgreSQL refuses FOR UPDATE on the nullable side of
        # the class group's outer join.
        PracticeExample.objects.select_for_update(of=("self",))
        .select_related("fragment__recording__class_group")
        .get(pk=example.pk)
    )
    if example.status != Status.OFFERED:
        raise ValidationError(_("This practice example is no longer waiting for review."))
    if publish:
        check_practice_consent(example.fragment, use_anonymised=example.use_anonymised)
    example.status = Status.PUBLISHED if publish else Status.DECLINED
    example.reviewed_by = by
    example.reviewed_at = timezone.now()
    example.review_note = note
    example.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
    audit_record(
        actor=by,
        action=AuditAction.SHARE if publish else AuditAction.REVOKE,
        item=example.fragment,
        audience=AUDIENCE,
        practice_example=example.pk,
        status=example.status,
    )
    notify(
        recipients=[example.offered_by_id],
        kind=Kind.PRACTICE_PUBLISHED if publish else Kind.PRACTICE_DECLINED,
        url=reverse("practice:detail", args=[example.pk]),
        actor=by,
    )
    return example


@transaction.atomic
def practice_example_withdraw(*, example: PracticeExample, by: User) -> PracticeExample:
    """Take an example off the kennisbank (or out of review), at once and for good; the
    teacher can offer the fragment again later."""
    policy.authorize(by, "withdraw_practice_example", example)
    example = (
        PracticeExample.objects.select_for_update(of=("self",))
        .select_related("fragment__recording")
        .get(pk=example.pk)
    )
    if example.status not in PracticeExample.ACTIVE:
        return example  # withdrawn or declined already: nothing is shown, nothing to log
    example.status = Status.WITHDRAWN
    example.withdrawn_at = timezone.now()
    example.save(update_fields=["status", "withdrawn_at"])
    audit_record(
        actor=by,
        action=AuditAction.REVOKE,
        item=example.fragment,
        audience=AUDIENCE,
        practice_example=example.pk,
    )
    return example
