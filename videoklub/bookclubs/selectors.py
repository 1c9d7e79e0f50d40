"""Reads of book clubs, always for a user and checked by the policy; counts for monitoring."""

from __future__ import annotations

from django.db.models import Case, Count, Exists, Min, OuterRef, Prefetch, Q, QuerySet, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from videoklub import policy
from videoklub.accounts.models import User
from videoklub.bookclubs.models import (
    ActionExperiment,
    BookClub,
    BookClubMember,
    ClubMeeting,
    Evaluation,
    Insight,
    RoleAssignment,
)
from videoklub.bookclubs.permissions import school_ids_of
from videoklub.meetings.models import WorkForm
from videoklub.organisations.models import Membership, Programme, Role, School
from videoklub.organisations.permissions import programme_ids_staffed

# The work forms written for book clubs (meetings migration 0005) start with this code.
BOOK_CLUB_PREFIX = "bookclub-"


def clubs_for_user(user: User) -> QuerySet[BookClub]:
    """The user's clubs with their member count and next meeting: one query, however many."""
    now = timezone.now()
    return (
        BookClub.objects.filter(
            pk__in=BookClubMember.objects.current().filter(user=user).values("club_id")
        )
        .select_related("school", "programme")
        .annotate(
            member_count=Count("members", filter=Q(members__left_at__isnull=True), distinct=True),
            next_meeting=Min("meetings__starts_at", filter=Q(meetings__starts_at__gte=now)),
        )
        .order_by("status", "-created_at")
    )


def schools_for_new_club(user: User) -> QuerySet[School]:
    """Schools where the user may start a club (a klub there, or leading it)."""
    return School.objects.filter(pk__in=school_ids_of(user)).order_by("name")


def programmes_for_new_club(user: User) -> QuerySet[Programme]:
    return Programme.objects.filter(pk__in=programme_ids_staffed(user)).order_by("name")


def club_get_for_user(user: User, pk: int, *, action: str = "view_book_club") -> BookClub:
    """A club the user is a member of (404 otherwise) and may do `action` on (403 otherwise)."""
    club = get_object_or_404(
        BookClub.objects.select_related("school", "programme", "facilitator"), pk=pk
    )
    policy.authorize(user, action, club, hide_as="view_book_club")
    return club


def club_members(club: BookClub) -> list[BookClubMember]:
    return list(club.members.current().select_related("user").order_by("joined_at", "pk"))


def club_schedule(club: BookClub) -> list[ClubMeeting]:
    """The meetings in date order with their work form and roles (three queries)."""
    roles = Prefetch(
        "roles", queryset=RoleAssignment.objects.select_related("member__user").order_by("role")
    )
    return list(
        club.meetings.select_related("work_form").prefetch_related(roles).order_by("starts_at")
    )


def next_meeting(schedule: list[ClubMeeting]) -> ClubMeeting | None:
    now = timezone.now()
    return next((m for m in schedule if m.ends_at >= now and m.status != "held"), None)


def club_insights(club: BookClub) -> QuerySet[Insight]:
    return club.insights.select_related("author", "shared_by", "meeting").order_by(
        "-created_at", "-pk"
    )


def club_experiments(club: BookClub) -> QuerySet[ActionExperiment]:
    return (
        club.experiments.select_related("member", "reviewed_at_meeting")
        .annotate(entry_count=Count("entries"))
        .order_by("-created_at", "-pk")
    )


def colleagues_to_invite(club: BookClub) -> QuerySet[User]:
    """People who may join: of the club's school, or in the programme's klubs (or its staff)."""
    if club.school_id is not None:
        scope = Q(klub__school_id=club.school_id, role__in=[Role.TEACHER, Role.COACH]) | Q(
            school_id=club.school_id, role=Role.SCHOOL_LEADER
        )
    else:
        scope = Q(klub__programme_id=club.programme_id) | Q(
            programme_id=club.programme_id, role=Role.PROJECT_STAFF
        )
    eligible = Membership.objects.filter(scope, user_id=OuterRef("pk"))
    in_club = BookClubMember.objects.current().filter(club=club, user_id=OuterRef("pk"))
    return User.objects.filter(Exists(eligible), ~Exists(in_club), is_active=True).order_by(
        "full_name"
    )


def meeting_get_for_user(user: User, pk: int, *, action: str = "view_book_club") -> ClubMeeting:
    meeting = get_object_or_404(
        ClubMeeting.objects.select_related("club__school", "club__programme", "work_form"), pk=pk
    )
    policy.authorize(user, action, meeting.club, hide_as="view_book_club")
    return meeting


def meeting_roles(meeting: ClubMeeting) -> list[RoleAssignment]:
    return list(meeting.roles.select_related("member__user").order_by("role"))


def insight_get_for_user(user: User, pk: int, *, action: str = "view_insight") -> Insight:
    """An insight a member (or, once shared, the school) may read; 404 for everyone else."""
    insight = get_object_or_404(Insight.objects.select_related("club", "author"), pk=pk)
    policy.authorize(user, action, insight, hide_as="view_insight")
    return insight


def experiment_get_for_user(
    user: User, pk: int, *, action: str = "view_book_club"
) -> ActionExperiment:
    experiment = get_object_or_404(
        ActionExperiment.objects.select_related("club", "member", "reviewed_at_meeting"), pk=pk
    )
    policy.authorize(user, action, experiment.club, hide_as="view_book_club")
    return experiment


def school_get_for_insights(user: User, pk: int) -> School:
    school = get_object_or_404(School, pk=pk)
    policy.authorize(user, "view_school_insights", school, hide_as="view_school_insights")
    return school


def shared_insights_for_school(school: School) -> QuerySet[Insight]:
    """Insights shared with the school team: from the school's clubs, and from cross-school
    clubs with a member of this school (the same definition as permissions'
    `insight_audience_schools`; a test keeps the two in step)."""
    member_here = BookClubMember.objects.filter(
        club_id=OuterRef("club_id"),
        left_at__isnull=True,
        user__memberships__klub__school_id=school.pk,
    )
    return (
        Insight.objects.filter(shared_with_school=True)
        .filter(Q(club__school_id=school.pk) | (Q(club__school__isnull=True) & Exists(member_here)))
        .select_related("club", "author")
        .order_by("-shared_at", "-pk")
    )


def insights_to_unshare(user: User, insights: list[Insight]) -> set[int]:
    """Which of these insights the user may take back from the school (their author or the
    club's facilitator, still a member), as the "share_insight" rule says: one query."""
    my_clubs = set(
        BookClubMember.objects.current().filter(user=user).values_list("club_id", flat=True)
    )
    return {
        i.pk
        for i in insights
        if i.club_id in my_clubs and user.pk in (i.author_id, i.club.facilitator_id)
    }


def evaluation_of(club: BookClub, user: User) -> Evaluation | None:
    return Evaluation.objects.filter(club=club, user=user).first()


def book_club_work_forms() -> QuerySet[WorkForm]:
    """The library's book-club work forms first, then the rest."""
    return WorkForm.objects.annotate(
        for_clubs=Case(When(code__startswith=BOOK_CLUB_PREFIX, then=0), default=1)
    ).order_by("for_clubs", "order", "name")


def book_club_numbers(programme: Programme) -> dict[str, int]:
    """For monitoring: the programme's clubs (cross-school ones and those at its schools),
    meetings held and members. Counts only, nothing about a person."""
    schools = programme.klubs.values("school_id")
    clubs = BookClub.objects.filter(Q(programme=programme) | Q(school_id__in=schools))
    return {
        "clubs": clubs.count(),
        "meetings_held": ClubMeeting.objects.filter(
            club__in=clubs, status=ClubMeeting.Status.HELD
        ).count(),
        "members": BookClubMember.objects.filter(club__in=clubs).values("user").distinct().count(),
    }


def member_get_for_user(
    user: User, club_pk: int, member_pk: int, *, action: str = "remove_book_club_member"
) -> BookClubMember:
    """A current member of a club the user may `action` on (a former member is not found)."""
    club = club_get_for_user(user, club_pk, action=action)
    member = get_object_or_404(
        BookClubMember.objects.current().select_related("user"), club=club, pk=member_pk
    )
    member.club = club
    return member


def own_membership(user: User, club_pk: int) -> BookClubMember:
    """The user's own place in a club, to leave it."""
    club = club_get_for_user(user, club_pk, action="leave_book_club")
    member = get_object_or_404(BookClubMember.objects.current(), club=club, user=user)
    member.club = club
    return member
