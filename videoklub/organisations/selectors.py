"""Reads of the organisation structure, always for a user and checked by the policy."""

from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from videoklub import policy
from videoklub.organisations.models import Klub, Membership, Programme, Role, School

if TYPE_CHECKING:
    from videoklub.accounts.models import User


def _members_prefetch() -> Prefetch:
    return Prefetch(
        "memberships",
        queryset=Membership.objects.select_related("user").order_by("role", "user__full_name"),
    )


def klub_get_for_user(user: "User", pk: int, *, action: str = "view_klub") -> Klub:
    klub = get_object_or_404(
        Klub.objects.select_related("school", "programme", "wave").prefetch_related(
            _members_prefetch()
        ),
        pk=pk,
    )
    policy.authorize(user, action, klub, hide_as="view_klub")
    return klub


def school_get_for_user(user: "User", pk: int) -> School:
    school = get_object_or_404(School, pk=pk)
    policy.authorize(user, "view_school", school, hide_as="view_school")
    return school


def programme_get_for_user(user: "User", pk: int, *, action: str = "view_programme") -> Programme:
    programme = get_object_or_404(Programme, pk=pk)
    policy.authorize(user, action, programme, hide_as="view_programme")
    return programme


def klubs_of_school(school: School) -> QuerySet[Klub]:
    return (
        school.klubs.select_related("programme", "wave")
        .prefetch_related(_members_prefetch())
        .order_by("name")
    )


def klubs_of_programme(programme: Programme) -> QuerySet[Klub]:
    return (
        programme.klubs.select_related("school", "wave")
        .prefetch_related(_members_prefetch())
        .order_by("wave__number", "school__name", "name")
    )


def school_leaders(school: School) -> QuerySet[Membership]:
    return school.memberships.filter(role=Role.SCHOOL_LEADER).select_related("user")


def programme_staff(programme: Programme) -> QuerySet[Membership]:
    return programme.memberships.filter(role=Role.PROJECT_STAFF).select_related("user")


def klub_teachers(klub: Klub) -> list[Membership]:
    return [m for m in klub.memberships.all() if m.role == Role.TEACHER]


def klub_coaches(klub: Klub) -> list[Membership]:
    return [m for m in klub.memberships.all() if m.role == Role.COACH]
