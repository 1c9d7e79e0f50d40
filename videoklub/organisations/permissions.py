"""Roles in klubs, schools and programmes: the memberships every other rule starts from, and
the rules for the organisation pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

import rules

from videoklub.organisations.models import Klub, Membership, Programme, Role, School
from videoklub.policy import register

if TYPE_CHECKING:
    from videoklub.policy import AnyUser

_CACHE_ATTRIBUTE = "_videoklub_memberships"


def memberships(user: AnyUser) -> list[Membership]:
    """The user's memberships, read once per user object (one query per request)."""
    if not user.is_authenticated or not user.is_active:
        return []
    cached = user.__dict__.get(_CACHE_ATTRIBUTE)
    if cached is None:
        cached = list(
            Membership.objects.filter(user_id=user.pk).select_related(
                "klub__school", "klub__programme", "school", "programme"
            )
        )
        user.__dict__[_CACHE_ATTRIBUTE] = cached
    return cached


def forget_memberships(user: AnyUser) -> None:
    """Drop the cached memberships after they changed (an accepted invitation)."""
    user.__dict__.pop(_CACHE_ATTRIBUTE, None)


def klub_ids(user: AnyUser, *roles: Role) -> set[int]:
    return {m.klub_id for m in memberships(user) if m.klub_id is not None and m.role in roles}


def school_ids_led(user: AnyUser) -> set[int]:
    return {
        m.school_id
        for m in memberships(user)
        if m.school_id is not None and m.role == Role.SCHOOL_LEADER
    }


def programme_ids_staffed(user: AnyUser) -> set[int]:
    return {
        m.programme_id
        for m in memberships(user)
        if m.programme_id is not None and m.role == Role.PROJECT_STAFF
    }


# --- Predicates ------------------------------------------------------------------------------


@rules.predicate
def is_klub_member(user: AnyUser, klub: Klub) -> bool:
    return klub.pk in klub_ids(user, Role.TEACHER, Role.COACH)


@rules.predicate
def is_klub_coach(user: AnyUser, klub: Klub) -> bool:
    return klub.pk in klub_ids(user, Role.COACH)


@rules.predicate
def leads_klub_school(user: AnyUser, klub: Klub) -> bool:
    return klub.school_id in school_ids_led(user)


@rules.predicate
def staffs_klub_programme(user: AnyUser, klub: Klub) -> bool:
    return klub.programme_id in programme_ids_staffed(user)


@rules.predicate
def leads_school(user: AnyUser, school: School) -> bool:
    return school.pk in school_ids_led(user)


@rules.predicate
def has_klub_at_school(user: AnyUser, school: School) -> bool:
    return any(
        m.klub.school_id == school.pk
        for m in memberships(user)
        if m.klub is not None and m.role in (Role.TEACHER, Role.COACH)
    )


@rules.predicate
def staffs_programme_with_school(user: AnyUser, school: School) -> bool:
    staffed = programme_ids_staffed(user)
    return bool(staffed) and school.klubs.filter(programme_id__in=staffed).exists()


@rules.predicate
def staffs_programme(user: AnyUser, programme: Programme) -> bool:
    return programme.pk in programme_ids_staffed(user)


@rules.predicate
def in_programme_klub(user: AnyUser, programme: Programme) -> bool:
    return any(m.klub.programme_id == programme.pk for m in memberships(user) if m.klub is not None)


@rules.predicate
def films_in_a_klub(user: AnyUser, _obj: object = None) -> bool:
    return bool(klub_ids(user, Role.TEACHER, Role.COACH))


# --- Actions ----------------------------------------------------------------------------------

register("view_klub", is_klub_member | leads_klub_school | staffs_klub_programme)
register("invite_to_klub", is_klub_coach | staffs_klub_programme, writes=True)
register("view_school", leads_school | has_klub_at_school | staffs_programme_with_school)
register("view_programme", staffs_programme)
register("invite_to_programme", staffs_programme, writes=True)
register("archive_programme", staffs_programme)
