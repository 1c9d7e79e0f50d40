"""Reads of shares: who can see an item, and what was shared with a klub."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from videoklub import policy
from videoklub.accounts.models import User
from videoklub.organisations.models import Role
from videoklub.organisations.permissions import klub_ids
from videoklub.recordings.models import Fragment, Recording
from videoklub.sharing.models import Audience, Share
from videoklub.sharing.permissions import active_shares, reach_name, reach_q

if TYPE_CHECKING:
    from django.http import HttpRequest

    from videoklub.organisations.models import Klub

# Audiences that include every member of the klub the share is for.
KLUB_WIDE = (Audience.KLUB, Audience.SCHOOL, Audience.PROGRAMME, Audience.FESTIVAL)


def shares_of(item: Fragment | Recording) -> list[Share]:
    """Every share of the item, revoked ones too: the "who can see this" history. Each knows
    the name of what it reaches (`reach_name`: the klub, its school or its programme)."""
    shares = list(
        item.shares.select_related("klub__school", "klub__programme", "created_by").order_by(
            "-created_at"
        )
    )
    for share in shares:
        share.reach_name = reach_name(share)  # type: ignore[attr-defined]
    return shares


def share_get_for_owner(user: User, pk: int) -> Share:
    share = get_object_or_404(
        Share.objects.select_related("fragment__recording", "recording"), pk=pk
    )
    item = share.fragment.recording if share.fragment_id else share.recording
    policy.authorize(user, "change_recording", item, hide_as="view_recording")
    return share


def fragments_shared_with_klub(user: User, klub: Klub) -> QuerySet[Fragment]:
    """Fragments actively shared with the klub (and, for its coach, with the coach), newest
    first. The caller checks that the user may see the klub's shares."""
    audiences = list(KLUB_WIDE)
    if klub.pk in klub_ids(user, Role.COACH):
        audiences.append(Audience.COACH)
    active = Share.objects.active().filter(klub=klub, audience__in=audiences)
    return (
        Fragment.objects.filter(shares__in=active)
        .distinct()
        .select_related("recording__owner")
        .prefetch_related(Prefetch("shares", queryset=active, to_attr="klub_shares"))
        .order_by("-recording__created_at", "start")
    )


def audience_people(share: Share) -> list[User]:
    """The people a share reaches today (for "who can see this")."""
    return list(
        User.objects.filter(reach_q(share), is_active=True)
        .exclude(pk__in=[share.created_by_id] if share.created_by_id else [])
        .distinct()
        .order_by("full_name")
    )


def festival_selection(programme) -> QuerySet[Fragment]:
    """Fragments teachers chose for the programme's Filmfestival (active festival shares)."""
    active = Share.objects.active().filter(audience=Audience.FESTIVAL, klub__programme=programme)
    return (
        Fragment.objects.filter(shares__in=active)
        .distinct()
        .select_related("recording__owner", "recording__klub__school")
        .prefetch_related(Prefetch("shares", queryset=active, to_attr="festival_shares"))
        .order_by("recording__klub__school__name", "title")
    )


def fragments_with_shares(recording: Recording) -> QuerySet[Fragment]:
    """The recording's fragments, each with `active_shares` (for the owner's overview)."""
    return recording.fragments.prefetch_related(
        Prefetch(
            "shares",
            queryset=Share.objects.active().select_related("klub"),
            to_attr="active_shares",
        )
    )


def recording_page_context(request: HttpRequest, recording: Recording, may_change: bool) -> dict:
    """What the recording page shows of sharing (registered with recordings.pages)."""
    return {
        "fragments": fragments_with_shares(recording),
        "recording_shares": active_shares(recording) if may_change else [],
    }
