"""Writes for shares: a fragment shared with an audience, and revoked again."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from videoklub import policy
from videoklub.organisations.models import Role
from videoklub.recordings import services as recording_services
from videoklub.recordings.models import Fragment, Recording
from videoklub.sharing.models import Audience, Share

if TYPE_CHECKING:
    from videoklub.accounts.models import User
    from videoklub.organisations.models import Klub

# Sharing beyond the klub needs the pupils' consent for that purpose, which comes with the
# consent register; until then a teacher shares within the klub only.
AUDIENCES_WITHOUT_CONSENT = (Audience.COACH, Audience.KLUB)


def share_klub(recording: Recording, user: User) -> Klub:
    """The klub a share of this recording is for: the recording's (or its cycle's) klub, as
    long as the owner is still a member there."""
    klub = recording.klub or (recording.cycle.klub if recording.cycle_id else None)
    mine = policy.klub_ids(user, Role.TEACHER, Role.COACH)
    if klub is None or klub.pk not in mine:
        raise ValidationError(
            _("This recording belongs to no klub of yours, so it cannot be shared.")
        )
    return klub


@transaction.atomic
def fragment_share(
    *,
    fragment: Fragment,
    by: User,
    audience: str,
    expires_at: datetime | None = None,
) -> Share:
    """Share a fragment; sharing again with the same audience renews the active share.

    The audience sees the fragment's own file, never the whole recording: its export is
    queued here if it was not made yet.
    """
    if fragment.recording.owner_id != by.pk:
        raise ValidationError(_("Only the teacher who filmed this can share it."))
    if audience not in AUDIENCES_WITHOUT_CONSENT:
        raise ValidationError(
            _("Sharing beyond the klub needs the pupils' consent, which is not recorded yet.")
        )
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError(_("The end date of a share must lie in the future."))
    klub = share_klub(fragment.recording, by)
    share = (
        Share.objects.active()
        .select_for_update()
        .filter(fragment=fragment, audience=audience, klub=klub)
        .first()
    )
    if share is None:
        share = Share.objects.create(
            fragment=fragment, audience=audience, klub=klub, created_by=by, expires_at=expires_at
        )
    elif share.expires_at != expires_at:
        share.expires_at = expires_at
        share.save(update_fields=["expires_at"])
    recording_services.fragment_export_request(fragment=fragment)
    _touch_cycle(fragment)
    return share


def share_revoke(*, share: Share, by: User) -> Share:
    """Take a share down at once; the audience loses access with their next request."""
    if share.revoked_at is None:
        share.revoked_at = timezone.now()
        share.save(update_fields=["revoked_at"])
    return share


def _touch_cycle(fragment: Fragment) -> None:
    if fragment.recording.cycle_id:
        from videoklub.cycles.services import cycle_touch

        cycle_touch(cycle=fragment.recording.cycle)


def shares_take_down(*, class_group, purpose: str, by: User | None = None) -> int:
    """A pupil's consent for `purpose` was withdrawn: revoke, at once, every active share of the
    class group's recordings and fragments whose audience relies on that purpose, unless it
    serves the anonymised copy. Returns how many shares were taken down."""
    raise NotImplementedError  # the lead writes this; consent calls it on a withdrawal
