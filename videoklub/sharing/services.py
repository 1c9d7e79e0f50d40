"""Writes for shares: a recording or fragment shared with an audience, and revoked again.

Consent decides how far: each audience needs the pupils' consent for a purpose (the klub for
reflection, the school, reuse in training, public showing). A share beyond what the class
group's consent covers is refused, unless it serves the fragment's approved anonymised copy.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from videoklub.audit.models import Action as AuditAction
from videoklub.audit.services import audit_record
from videoklub.consent.models import Purpose
from videoklub.notifications.models import Kind
from videoklub.notifications.services import notify
from videoklub.organisations.models import Role
from videoklub.organisations.permissions import klub_ids
from videoklub.recordings import services as recording_services
from videoklub.recordings.models import Fragment, Recording
from videoklub.recordings.signals import recording_activity
from videoklub.sharing import audiences
from videoklub.sharing.models import GROUP_AUDIENCES, Audience, Share
from videoklub.sharing.permissions import reach_q
from videoklub.sharing.signals import fragment_shared

if TYPE_CHECKING:
    from videoklub.accounts.models import User
    from videoklub.consent.models import ClassGroup
    from videoklub.organisations.models import Klub

# The consent each audience needs.
PURPOSE_OF_AUDIENCE = {
    Audience.COACH: Purpose.KLUB,
    Audience.KLUB: Purpose.KLUB,
    Audience.SCHOOL: Purpose.SCHOOL,
    Audience.PROGRAMME: Purpose.TRAINING,
    Audience.FESTIVAL: Purpose.PUBLIC,
    # Coaches of other schools see it: the same consent as reuse in training.
    Audience.INTERVISION: Purpose.TRAINING,
}
WITHIN_KLUB = (Audience.COACH, Audience.KLUB)


def share_klub(recording: Recording, user: User) -> Klub:
    """The klub a share of this recording is for: the recording's (or its cycle's) klub, as
    long as the owner is still a member there."""
    klub = recording.klub or (recording.cycle.klub if recording.cycle is not None else None)
    mine = klub_ids(user, Role.TEACHER, Role.COACH)
    if klub is None or klub.pk not in mine:
        raise ValidationError(
            _("This recording belongs to no klub of yours, so it cannot be shared.")
        )
    return klub


def check_consent(recording: Recording, audience: str) -> None:
    """Refuse, with the reason, a share the pupils' consent does not cover."""
    from videoklub.consent.selectors import consent_covers, consent_gap

    purpose = PURPOSE_OF_AUDIENCE[Audience(audience)]
    if recording.class_group_id is None:
        if audience in WITHIN_KLUB:
            return  # no register for this recording: the teacher kept pupils out of frame
        raise ValidationError(
            _(
                "Say which class group is on this recording first: sharing beyond the klub "
                "needs their consent."
            )
        )
    if consent_covers(recording, purpose):
        return
    codes = ", ".join(pupil.code for pupil in consent_gap(recording, purpose))
    raise ValidationError(
        _(
            "The consent of %(group)s does not cover %(purpose)s: pupils %(codes)s have not "
            "given it. Share the anonymised version instead (faces blurred), or share more "
            "narrowly."
        )
        % {
            "group": recording.class_group,
            "purpose": Purpose(purpose).label,
            "codes": codes,
        }
    )


def _expiry(expires_at: datetime | None) -> None:
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError(_("The end date of a share must lie in the future."))


def _check_group(audience: str, audience_group: int | None) -> None:
    """A group's audience needs its group (and an app that defines its reach); others none."""
    if audience in GROUP_AUDIENCES:
        if audience_group is None or not audiences.is_registered(audience):
            raise ValidationError(_("Choose the group to share this with."))
    elif audience_group is not None:
        raise ValidationError(_("This audience is not a group."))


def _renew_or_create(*, by: User, audience: str, expires_at, **item) -> Share:
    share = Share.objects.active().select_for_update().filter(audience=audience, **item).first()
    if share is None:
        share = Share(audience=audience, created_by=by, expires_at=expires_at, **item)
        share.full_clean()
        share.save()
    elif share.expires_at != expires_at:
        share.expires_at = expires_at
        share.save(update_fields=["expires_at"])
    return share


@transaction.atomic
def fragment_share(
    *,
    fragment: Fragment,
    by: User,
    audience: str,
    expires_at: datetime | None = None,
    anonymised: bool = False,
    audience_group: int | None = None,
) -> Share:
    """Share a fragment; sharing again with the same audience renews the active share.

    The audience sees the fragment's own file, never the whole recording: its export is
    queued here if it was not made yet. With `anonymised` they see the approved copy with
    blurred faces, which consent need not cover. An audience an upper app defines (an
    intervision group) names its group in `audience_group`.
    """
    recording = fragment.recording
    if recording.owner_id != by.pk:
        raise ValidationError(_("Only the teacher who filmed this can share it."))
    _check_group(audience, audience_group)
    _expiry(expires_at)
    klub = share_klub(recording, by)
    if anonymised:
        if fragment.anonymisation_status != Fragment.Anonymisation.APPROVED:
            raise ValidationError(
                _("Review and approve the anonymised version before you share it.")
            )
    else:
        check_consent(recording, audience)
    share = _renew_or_create(
        by=by,
        audience=audience,
        expires_at=expires_at,
        fragment=fragment,
        klub=klub,
        anonymised=anonymised,
        audience_group=audience_group,
    )
    if not anonymised:
        recording_services.fragment_export_queue(fragment=fragment)
    audit_record(
        actor=by, action=AuditAction.SHARE, item=fragment, audience=audience, share=share.pk
    )
    _touch_cycle(recording)
    fragment_shared.send(sender=Fragment, fragment=fragment, share=share, by=by)
    _tell_audience(share, by=by, item="fragment")
    return share


@transaction.atomic
def recording_share(
    *, recording: Recording, by: User, audience: str, expires_at: datetime | None = None
) -> Share:
    """Share the whole recording (with its fragments): the audience streams the rendition."""
    if recording.owner_id != by.pk:
        raise ValidationError(_("Only the teacher who filmed this can share it."))
    if not recording.is_ready:
        raise ValidationError(_("The recording is not ready yet: try again when it can be played."))
    if audience in GROUP_AUDIENCES:
        raise ValidationError(_("Share a fragment with a group, not the whole recording."))
    _expiry(expires_at)
    klub = share_klub(recording, by)
    check_consent(recording, audience)
    share = _renew_or_create(
        by=by, audience=audience, expires_at=expires_at, recording=recording, klub=klub
    )
    audit_record(
        actor=by, action=AuditAction.SHARE, item=recording, audience=audience, share=share.pk
    )
    _touch_cycle(recording)
    _tell_audience(share, by=by, item="recording")
    return share


# The audiences of named people are told; a school, programme or Filmfestival share reaches
# dozens who did not ask for it, and finds them on the klub's shared page instead.
TOLD_AUDIENCES = (Audience.COACH, Audience.KLUB)


def _tell_audience(share: Share, *, by: User, item: str) -> None:
    if share.audience not in TOLD_AUDIENCES:
        return
    from videoklub.accounts.models import User

    people = User.objects.filter(reach_q(share)).distinct().values_list("pk", flat=True)
    notify(
        recipients=people,
        kind=Kind.SHARED,
        actor=by,
        url=reverse("sharing:klub", args=[share.klub_id]),
        context={"item": item, "klub": share.klub.name},
    )


def share_revoke(*, share: Share, by: User | None, reason: str = "") -> Share:
    """Take a share down at once; the audience loses access with their next request (signed
    storage URLs are handed out per request, after this check, and live minutes only)."""
    if share.revoked_at is None:
        share.revoked_at = timezone.now()
        share.save(update_fields=["revoked_at"])
        item = share.fragment or share.recording
        assert item is not None  # a database constraint: a share is of one or the other
        details = {"audience": share.audience, "share": share.pk}
        if reason:
            details["reason"] = reason
        audit_record(actor=by, action=AuditAction.REVOKE, item=item, **details)
    return share


@transaction.atomic
def shares_take_down(*, class_group: ClassGroup, purpose: str, by: User | None = None) -> int:
    """A pupil's consent for `purpose` was withdrawn: revoke, at once, every active share of the
    class group's recordings and fragments whose audience relies on that purpose, unless it
    serves the anonymised copy. Returns how many shares were taken down."""
    audiences = [a for a, p in PURPOSE_OF_AUDIENCE.items() if p == purpose]
    affected = (
        Share.objects.active()
        .select_for_update(of=("self",))  # PostgreSQL locks no row of an outer join
        .filter(audience__in=audiences, anonymised=False)
        .filter(
            Q(recording__class_group=class_group) | Q(fragment__recording__class_group=class_group)
        )
        .select_related("fragment__recording", "recording")
    )
    count = 0
    for share in affected:
        share_revoke(share=share, by=by, reason="consent withdrawn")
        count += 1
    return count


@transaction.atomic
def shares_recheck_consent(*, recording: Recording, by: User | None = None) -> int:
    """The class group on a recording changed: take down every active share of it (or of its
    fragments) that the new class group's consent does not cover; anonymised ones stay."""
    affected = (
        Share.objects.active()
        .select_for_update(of=("self",))  # PostgreSQL locks no row of an outer join
        .filter(anonymised=False)
        .filter(Q(recording=recording) | Q(fragment__recording=recording))
        .select_related("fragment__recording", "recording")
    )
    count = 0
    for share in affected:
        try:
            check_consent(recording, share.audience)
        except ValidationError:
            share_revoke(share=share, by=by, reason="class group changed")
            count += 1
    return count


def _touch_cycle(recording: Recording) -> None:
    # The cycles app (a floor above) moves the cycle's last activity.
    recording_activity.send(sender=Recording, recording=recording)


# --- Receivers of what the floors below tell (connected in SharingConfig.ready) ---------------


def on_consent_withdrawn(
    sender, *, class_group: ClassGroup, purpose: str, by=None, **kwargs
) -> int:
    return shares_take_down(class_group=class_group, purpose=purpose, by=by)


def on_class_group_changed(sender, *, recording: Recording, by=None, **kwargs) -> int:
    return shares_recheck_consent(recording=recording, by=by)


def on_anonymised_copy_discarding(sender, *, fragment: Fragment, by=None, **kwargs) -> int:
    """The blurred copy goes: every active share of it is revoked first."""
    shares = Share.objects.filter(fragment=fragment, anonymised=True).active()
    revoked = 0
    for share in shares.select_for_update():
        share_revoke(share=share, by=by, reason="anonymised copy discarded")
        revoked += 1
    return revoked
