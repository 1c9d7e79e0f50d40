"""Who a share reaches, and so who may watch a recording or fragment besides its owner."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import rules

from videoklub.organisations.models import Role
from videoklub.organisations.permissions import (
    in_programme_klub,
    is_klub_member,
    klub_ids,
    memberships,
    programme_ids_staffed,
    school_ids_led,
    staffs_programme,
)
from videoklub.policy import register
from videoklub.recordings.models import Fragment
from videoklub.recordings.permissions import is_recording_owner, owns_fragment_recording
from videoklub.sharing.models import Audience, Share

if TYPE_CHECKING:
    from videoklub.policy import AnyUser


def in_audience(user: AnyUser, share: Share) -> bool:
    """Does an (active) share's audience include the user?"""
    klub = share.klub
    if share.audience == Audience.COACH:
        return klub.pk in klub_ids(user, Role.COACH)
    if share.audience == Audience.KLUB:
        return klub.pk in klub_ids(user, Role.TEACHER, Role.COACH)
    if share.audience == Audience.SCHOOL:
        return klub.school_id in school_ids_led(user) or any(
            m.klub.school_id == klub.school_id
            for m in memberships(user)
            if m.klub is not None and m.role in (Role.TEACHER, Role.COACH)
        )
    if share.audience in (Audience.PROGRAMME, Audience.FESTIVAL):
        return klub.programme_id in programme_ids_staffed(user) or any(
            m.klub.programme_id == klub.programme_id
            for m in memberships(user)
            if m.klub is not None
        )
    return False


def _shares(item: Any, *, active: bool) -> list[Share]:
    """The shares of a recording or fragment, read once per object (active or all)."""
    key = "_active_shares" if active else "_all_shares"
    cached = item.__dict__.get(key)
    if cached is None:
        shares = Share.objects.active() if active else Share.objects.all()
        field = "fragment" if isinstance(item, Fragment) else "recording"
        cached = list(shares.filter(**{field: item}).select_related("klub"))
        item.__dict__[key] = cached
    return cached


def active_shares(item: Any) -> list[Share]:
    return _shares(item, active=True)


def access_to_fragment(user: AnyUser, fragment: Fragment) -> str | None:
    """How the user may watch a fragment: "full", "anonymised" (only through shares of its
    anonymised copy) or None."""
    if not user.is_authenticated or not user.is_active:
        return None
    recording = fragment.recording
    if recording.owner_id == user.pk:
        return "full"
    if any(in_audience(user, share) for share in active_shares(recording)):
        return "full"
    reaching = [share for share in active_shares(fragment) if in_audience(user, share)]
    if any(not share.anonymised for share in reaching):
        return "full"
    return "anonymised" if reaching else None


@rules.predicate
def was_shared_with(user: AnyUser, item: Any) -> bool:
    """Was the item shared with the user once (a revoked or expired share)? Then refusing says
    so (403) instead of pretending it does not exist (404)."""
    return any(in_audience(user, share) for share in _shares(item, active=False))


@rules.predicate
def fragment_shared_with(user: AnyUser, fragment: Fragment) -> bool:
    return access_to_fragment(user, fragment) is not None


@rules.predicate
def fragment_unblurred_for(user: AnyUser, fragment: Fragment) -> bool:
    return access_to_fragment(user, fragment) == "full"


@rules.predicate
def recording_shared_with(user: AnyUser, recording: Any) -> bool:
    return any(in_audience(user, share) for share in active_shares(recording))


# Recordings: the owner's, and watched by the audience of a share of the whole recording.
register("view_recording", is_recording_owner | recording_shared_with)
# Fragments: the owner's, and seen by the audience of an active share.
register("view_fragment", owns_fragment_recording | fragment_shared_with)
# Without faces blurred: the owner, and audiences of a share that is not of the blurred copy.
register("view_fragment_unblurred", fragment_unblurred_for)
register("annotate_fragment", owns_fragment_recording | fragment_shared_with)
register("share_fragment", owns_fragment_recording)
register("was_shared_with", was_shared_with)
register("view_klub_shares", is_klub_member)
register("view_festival", staffs_programme | in_programme_klub)
