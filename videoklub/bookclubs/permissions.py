"""Who may do what with book clubs.

Members read and write their club; everyone else gets a 404, also colleagues of the same school.
The facilitator runs the club (details, members, schedule, roles). An insight's author or the
facilitator shares it with the school; a shared insight is then readable by everyone with a
membership at that school. `insight_audience_schools` is the one definition of "which school
sees a shared insight": the rule and the school's page both use it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import rules

from videoklub.bookclubs.models import BookClub, BookClubMember, Insight
from videoklub.organisations.models import Membership, Role
from videoklub.organisations.permissions import (
    has_klub_at_school,
    in_programme_klub,
    leads_school,
    memberships,
    staffs_programme,
)
from videoklub.policy import register

if TYPE_CHECKING:
    from videoklub.organisations.models import School
    from videoklub.policy import AnyUser

_MEMBERS = "_book_club_member_ids"


def club_member_ids(club: BookClub) -> set[int]:
    """The user ids of the club's members, read once per club object."""
    cached = club.__dict__.get(_MEMBERS)
    if cached is None:
        cached = set(
            BookClubMember.objects.current().filter(club=club).values_list("user_id", flat=True)
        )
        club.__dict__[_MEMBERS] = cached
    return cached


def forget_club_members(club: BookClub) -> None:
    club.__dict__.pop(_MEMBERS, None)


def school_ids_of(user: AnyUser) -> set[int]:
    """Schools where the user has a membership: through a klub, or leading the school."""
    ids = set()
    for m in memberships(user):
        if m.klub is not None and m.role in (Role.TEACHER, Role.COACH):
            ids.add(m.klub.school_id)
        elif m.school_id is not None and m.role == Role.SCHOOL_LEADER:
            ids.add(m.school_id)
    return ids


def insight_audience_schools(insight: Insight) -> set[int]:
    """The schools that see an insight shared with "the school": the club's school, or for a
    cross-school club the schools of the members (each takes it home to their own team)."""
    if not insight.shared_with_school:
        return set()
    club = insight.club
    if club.school_id is not None:
        return {club.school_id}
    return set(
        Membership.objects.filter(
            user_id__in=club_member_ids(club), klub__isnull=False
        ).values_list("klub__school_id", flat=True)
    )


# --- Predicates ------------------------------------------------------------------------------


@rules.predicate
def is_club_member(user: AnyUser, club: BookClub) -> bool:
    return user.pk in club_member_ids(club)


@rules.predicate
def is_club_facilitator(user: AnyUser, club: BookClub) -> bool:
    return club.facilitator_id == user.pk and user.pk in club_member_ids(club)


@rules.predicate
def is_club_creator(user: AnyUser, club: BookClub) -> bool:
    """Who started the club, while still a member (it may have been handed over since)."""
    return club.created_by_id == user.pk and user.pk in club_member_ids(club)


@rules.predicate
def is_insight_club_member(user: AnyUser, insight: Insight) -> bool:
    return user.pk in club_member_ids(insight.club)


@rules.predicate
def shares_insight(user: AnyUser, insight: Insight) -> bool:
    """The author (still a member) or the club's facilitator."""
    club = insight.club
    return user.pk in club_member_ids(club) and user.pk in (insight.author_id, club.facilitator_id)


@rules.predicate
def sees_shared_insight(user: AnyUser, insight: Insight) -> bool:
    return bool(insight_audience_schools(insight) & school_ids_of(user))


@rules.predicate
def may_start_club_at(user: AnyUser, school: School) -> bool:
    return has_klub_at_school(user, school) or leads_school(user, school)


register("view_book_club", is_club_member)
register("write_book_club", is_club_member)
register("manage_book_club", is_club_facilitator)
register("create_book_club", may_start_club_at)
register("create_programme_book_club", staffs_programme)
# Who may join a cross-school club: people in one of the programme's klubs, or its staff.
register("join_programme_book_club", in_programme_klub | staffs_programme)
register("view_insight", is_insight_club_member | sees_shared_insight)
register("share_insight", shares_insight)
# Members leave themselves; the facilitator or the club's maker removes someone else.
register("leave_book_club", is_club_member, writes=True)
register("remove_book_club_member", is_club_facilitator | is_club_creator, writes=True)
# The same people who share an insight correct or delete it: its author and the facilitator.
register("edit_insight", shares_insight, writes=True)
register("view_school_insights", has_klub_at_school | leads_school)
