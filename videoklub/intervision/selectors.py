"""Reads of intervision, always for a user and checked by the policy; counts for monitoring."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from videoklub import policy
from videoklub.accounts.models import User
from videoklub.audit.services import audit_view
from videoklub.intervision.models import (
    Advice,
    Case,
    Group,
    GroupMember,
    Presence,
    Round,
    Session,
)
from videoklub.intervision.services import coach_schools
from videoklub.organisations.models import Membership, Programme, Role
from videoklub.organisations.permissions import programme_ids_staffed
from videoklub.recordings.models import Fragment


def programmes_staffed(user: User) -> QuerySet[Programme]:
    return Programme.objects.filter(pk__in=programme_ids_staffed(user)).order_by("name")


def rounds_for_staff(user: User) -> QuerySet[Round]:
    """The rounds of the programmes the user staffs, with their group and case counts."""
    return (
        Round.objects.filter(programme_id__in=programme_ids_staffed(user))
        .select_related("programme", "event")
        .annotate(
            group_count=Count("groups", distinct=True),
            case_count=Count("groups__cases", distinct=True),
        )
    )


def _members_prefetch() -> Prefetch:
    return Prefetch(
        "members",
        queryset=GroupMember.objects.select_related("user").order_by("user__full_name"),
    )


def groups_of_user(user: User) -> QuerySet[Group]:
    """The user's groups with their round, members and cases (titles), newest round first."""
    return (
        Group.objects.filter(members__user=user)
        .select_related("round__programme")
        .prefetch_related(
            _members_prefetch(),
            Prefetch("cases", queryset=Case.objects.select_related("owner")),
        )
        .order_by("-round__starts_on", "name")
    )


def round_get_for_user(user: User, pk: int, *, action: str = "view_intervision_round") -> Round:
    round_ = get_object_or_404(Round.objects.select_related("programme", "event"), pk=pk)
    policy.authorize(user, action, round_, hide_as="view_intervision_round")
    return round_


def groups_of_round(round_: Round) -> QuerySet[Group]:
    """Groups with members and case titles (staff see no more than titles)."""
    return round_.groups.prefetch_related(
        _members_prefetch(), Prefetch("cases", queryset=Case.objects.select_related("owner"))
    )


def group_get_for_user(user: User, pk: int, *, action: str = "view_intervision_group") -> Group:
    group = get_object_or_404(Group.objects.select_related("round__programme"), pk=pk)
    policy.authorize(user, action, group, hide_as="view_intervision_group")
    return group


def cases_of_group(group: Group) -> QuerySet[Case]:
    """The group's cases with their owner, their session (if held) and how much advice."""
    return (
        group.cases.select_related("owner", "session")
        .annotate(advice_count=Count("advice"))
        .order_by("created_at", "pk")
    )


def group_members(group: Group) -> list[User]:
    return [m.user for m in group.members.select_related("user").order_by("user__full_name")]


def school_names_of(programme: Programme, users: list[User]) -> dict[int, str]:
    """Each coach's school(s) in the programme, by name (one query)."""
    names: dict[int, list[str]] = defaultdict(list)
    rows = (
        Membership.objects.filter(
            role=Role.COACH, klub__programme=programme, user__in=[u.pk for u in users]
        )
        .values_list("user_id", "klub__school__name")
        .distinct()
        .order_by("klub__school__name")
    )
    for user_id, name in rows:
        names[user_id].append(name)
    return {pk: ", ".join(n) for pk, n in names.items()}


def coaches_of_programme(programme: Programme) -> QuerySet[User]:
    return User.objects.filter(pk__in=list(coach_schools(programme))).order_by("full_name")


def case_get_for_user(user: User, pk: int, *, action: str = "view_intervision_case") -> Case:
    """A case of the user's group while the round runs (its owner: always). Staff of the
    programme may see the group, so they hear 403; anyone else 404."""
    case = get_object_or_404(
        Case.objects.select_related(
            "owner", "group__round__programme", "fragment__recording", "share"
        ),
        pk=pk,
    )
    _authorize_case(user, action, case)
    return case


def _authorize_case(user: User, action: str, case: Case) -> None:
    """`action` on a case, or 403 for who may see its group (staff, a member after the round),
    404 for anyone else."""
    if policy.can(user, "view_intervision_case", case) or policy.can(
        user, "view_intervision_group", case.group
    ):
        policy.authorize(user, action, case)
        return
    raise Http404


def case_fragment_for_viewing(
    user: User, case: Case, *, page: str = "intervision"
) -> Fragment | None:
    """The case's fragment, when the user may watch it now (through the group's share or as its
    owner); every view is logged in the fragment owner's audit log (once an hour per person)."""
    fragment = case.fragment
    if fragment is None or not policy.can(user, "view_fragment", fragment):
        return None
    if fragment.recording.owner_id != user.pk:
        audit_view(actor=user, item=fragment, page=page)
    return fragment


def case_session(case: Case) -> Session | None:
    return Session.objects.filter(case=case).prefetch_related("notes__author", "presences").first()


def case_advice(case: Case) -> QuerySet[Advice]:
    return case.advice.select_related("member")


def advice_of_owner(user: User) -> QuerySet[Advice]:
    """Every piece of advice the user was given, across rounds ("my advice")."""
    return (
        Advice.objects.filter(case__owner=user)
        .select_related("member", "case__group__round")
        .order_by("-case__created_at", "case_id", "created_at")
    )


def advice_get_for_owner(user: User, pk: int) -> Advice:
    advice = get_object_or_404(Advice.objects.select_related("case__group__round"), pk=pk)
    _authorize_case(user, "mark_intervision_advice", advice.case)
    return advice


def fragments_to_attach(user: User) -> QuerySet[Fragment]:
    """Fragments a coach may bring to a case: those of recordings they own."""
    return (
        Fragment.objects.filter(recording__owner=user)
        .select_related("recording")
        .order_by("-recording__created_at", "start")
    )


def moments_held(programme: Programme) -> list[dict]:
    """Intervision sessions held in the programme: date, school(s) of the coaches present and
    how many were present. One query (the presences with their coaches' schools)."""
    # A coach with klubs at two schools gives two rows: their schools, counted once.
    rows = (
        Presence.objects.filter(
            session__case__group__round__programme=programme,
            user__memberships__role=Role.COACH,
            user__memberships__klub__programme=programme,
        )
        .values_list(
            "session_id", "session__held_on", "user_id", "user__memberships__klub__school__name"
        )
        .order_by("session__held_on", "session_id")
    )
    moments: dict[int, dict] = {}
    for session_id, held_on, user_id, school in rows:
        moment = moments.setdefault(
            session_id, {"date": held_on, "schools": set(), "coaches": set()}
        )
        moment["coaches"].add(user_id)
        if school:
            moment["schools"].add(school)
    return [
        {
            "session": session_id,
            "date": m["date"],
            "schools": sorted(m["schools"]),
            "coaches_present": len(m["coaches"]),
        }
        for session_id, m in moments.items()
    ]
