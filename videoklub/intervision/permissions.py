"""Who may do what in intervision.

Project staff of the programme run rounds and groups: they see groups, members and case titles,
never a case's content, notes, advice or fragment. A coach sees the cases of their own group,
and only while the round runs; the case owner keeps their case and its advice afterwards.
Someone who is neither gets a 404; staff opening a case get a 403 (they may see the group).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import rules
from django.db.models import Q

from videoklub.intervision.models import Case, Group, GroupMember, Round
from videoklub.organisations.permissions import programme_ids_staffed, staffs_programme
from videoklub.policy import register

if TYPE_CHECKING:
    from videoklub.policy import AnyUser
    from videoklub.sharing.models import Share

_GROUPS = "_intervision_group_ids"


def group_ids_of(user: AnyUser) -> set[int]:
    """The intervision groups the user is in, read once per user object (request)."""
    if not user.is_authenticated:
        return set()
    cached = user.__dict__.get(_GROUPS)
    if cached is None:
        cached = set(GroupMember.objects.filter(user_id=user.pk).values_list("group_id", flat=True))
        user.__dict__[_GROUPS] = cached
    return cached


def forget_groups(user: AnyUser) -> None:
    user.__dict__.pop(_GROUPS, None)


# --- Predicates ------------------------------------------------------------------------------


@rules.predicate
def staffs_round(user: AnyUser, round_: Round) -> bool:
    return round_.programme_id in programme_ids_staffed(user)


@rules.predicate
def in_round(user: AnyUser, round_: Round) -> bool:
    ids = group_ids_of(user)
    return bool(ids) and round_.groups.filter(pk__in=ids).exists()


@rules.predicate
def staffs_group_programme(user: AnyUser, group: Group) -> bool:
    return group.round.programme_id in programme_ids_staffed(user)


@rules.predicate
def is_group_member(user: AnyUser, group: Group) -> bool:
    return group.pk in group_ids_of(user)


@rules.predicate
def group_round_running(_user: AnyUser, group: Group) -> bool:
    return group.round.is_running()


@rules.predicate
def is_case_owner(user: AnyUser, case: Case) -> bool:
    return case.owner_id == user.pk


@rules.predicate
def in_case_group(user: AnyUser, case: Case) -> bool:
    return case.group_id in group_ids_of(user)


@rules.predicate
def case_round_running(_user: AnyUser, case: Case) -> bool:
    return case.group.round.is_running()


# --- The audience "my intervision group" (registered with sharing in apps.py) ----------------


def share_reaches(user: AnyUser, share: Share) -> bool:
    return share.audience_group in group_ids_of(user)


def share_reach_q(share: Share) -> Q:
    return Q(intervision_groups__group_id=share.audience_group)


def share_reach_name(share: Share) -> str:
    if share.audience_group is None:
        return ""
    group = Group.objects.filter(pk=share.audience_group).first()
    return group.name if group is not None else ""


register("create_intervision_round", staffs_programme, writes=True)
register("view_intervision_round", staffs_round | in_round)
register("manage_intervision_round", staffs_round, writes=True)
register("view_intervision_group", staffs_group_programme | is_group_member)
register("submit_intervision_case", is_group_member & group_round_running, writes=True)
# The content: the owner always, the rest of the group while the round runs.
register("view_intervision_case", is_case_owner | (in_case_group & case_round_running))
register("run_intervision_session", in_case_group & case_round_running, writes=True)
register("mark_intervision_advice", is_case_owner, writes=True)
