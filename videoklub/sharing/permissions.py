"""Who a share reaches, and so who may watch a recording or fragment besides its owner."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import rules
from django.db.models import Q

from videoklub.organisations.models import Membership, Role
from videoklub.organisations.permissions import (
    is_klub_member,
    memberships,
)
from videoklub.policy import register
from videoklub.recordings.models import Fragment
from videoklub.recordings.permissions import is_recording_owner, owns_fragment_recording
from videoklub.sharing import audiences
from videoklub.sharing.models import Audience, Share

if TYPE_CHECKING:
    from videoklub.policy import AnyUser


# Who an audience reaches: the one definition, read by `in_audience` (may this person see it?)
# and by `reach_q` (who can see it?), which a test holds to the same answers. A share is for a
# klub; each entry is (the roles, where the membership is): in that klub, in a klub of its school
# or of its programme, or of the school or programme itself.
KLUB_ROLES = frozenset({Role.TEACHER, Role.COACH})
REACH: dict[str, tuple[tuple[frozenset[str], str], ...]] = {
    Audience.COACH: ((frozenset({Role.COACH}), "klub"),),
    Audience.KLUB: ((KLUB_ROLES, "klub"),),
    Audience.SCHOOL: ((KLUB_ROLES, "school_klubs"), (frozenset({Role.SCHOOL_LEADER}), "school")),
    Audience.PROGRAMME: (
        (KLUB_ROLES, "programme_klubs"),
        (frozenset({Role.PROJECT_STAFF}), "programme"),
    ),
}
REACH[Audience.FESTIVAL] = REACH[Audience.PROGRAMME]


def _reached(membership: Membership, share: Share) -> bool:
    klub = share.klub
    for roles, where in REACH.get(share.audience, ()):
        if membership.role not in roles:
            continue
        m_klub = membership.klub
        if (
            (where == "klub" and membership.klub_id == klub.pk)
            or (
                where == "school_klubs"
                and m_klub is not None
                and m_klub.school_id == klub.school_id
            )
            or (
                where == "programme_klubs"
                and m_klub is not None
                and m_klub.programme_id == klub.programme_id
            )
            or (where == "school" and membership.school_id == klub.school_id)
            or (where == "programme" and membership.programme_id == klub.programme_id)
        ):
            return True
    return False


def in_audience(user: AnyUser, share: Share) -> bool:
    """Does an (active) share's audience include the user?"""
    registered = audiences.reach_of(share.audience)
    if registered is not None:
        return bool(share.audience_group) and registered.includes(user, share)
    return any(_reached(membership, share) for membership in memberships(user))


def reach_q(share: Share) -> Q:
    """The people a share's audience includes, as a filter on users (the same REACH)."""
    registered = audiences.reach_of(share.audience)
    if registered is not None:
        return registered.people_q(share) if share.audience_group else Q(pk__in=[])
    klub = share.klub
    scope = {
        "klub": {"memberships__klub_id": klub.pk},
        "school_klubs": {"memberships__klub__school_id": klub.school_id},
        "programme_klubs": {"memberships__klub__programme_id": klub.programme_id},
        "school": {"memberships__school_id": klub.school_id},
        "programme": {"memberships__programme_id": klub.programme_id},
    }
    reach = Q(pk__in=[])
    for roles, where in REACH.get(share.audience, ()):
        reach |= Q(memberships__role__in=sorted(roles), **scope[where])
    return reach


def reach_name(share: Share) -> str:
    """The name of what a share reaches, read from the same REACH: its klub, the klub's school
    or the klub's programme (a Filmfestival share reaches the whole programme)."""
    registered = audiences.reach_of(share.audience)
    if registered is not None:
        return registered.name(share)
    places = {where for _roles, where in REACH.get(share.audience, ())}
    klub = share.klub
    if places & {"programme", "programme_klubs"}:
        return klub.programme.name
    if places & {"school", "school_klubs"}:
        return klub.school.name
    return klub.name


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
register("annotate_fragment", owns_fragment_recording | fragment_shared_with, writes=True)
register("share_fragment", owns_fragment_recording, writes=True)
register("was_shared_with", was_shared_with)
register("view_klub_shares", is_klub_member)
