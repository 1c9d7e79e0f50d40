"""Kijkwijzers: shipped ones for everyone with a role; own ones within their klub, school or
programme, edited by its coach, school leader or project staff."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import rules

from videoklub.organisations.models import Role
from videoklub.organisations.permissions import (
    is_klub_coach,
    klub_ids,
    leads_school,
    memberships,
    programme_ids_staffed,
    school_ids_led,
)
from videoklub.policy import register

if TYPE_CHECKING:
    from videoklub.policy import AnyUser


@rules.predicate
def may_use_framework(user: AnyUser, framework: Any) -> bool:
    if framework.klub_id is not None:
        return framework.klub_id in klub_ids(user, Role.TEACHER, Role.COACH)
    if framework.school_id is not None:
        return framework.school_id in school_ids_led(user) or any(
            m.klub.school_id == framework.school_id for m in memberships(user) if m.klub is not None
        )
    if framework.programme_id is not None:
        return framework.programme_id in programme_ids_staffed(user) or any(
            m.klub.programme_id == framework.programme_id
            for m in memberships(user)
            if m.klub is not None
        )
    return bool(memberships(user))  # shipped kijkwijzers: everyone with a role


@rules.predicate
def may_edit_framework(user: AnyUser, framework: Any) -> bool:
    if framework.klub_id is not None:
        return framework.klub_id in klub_ids(user, Role.COACH)
    if framework.school_id is not None:
        return framework.school_id in school_ids_led(user)
    if framework.programme_id is not None:
        return framework.programme_id in programme_ids_staffed(user)
    return False  # shipped kijkwijzers are copied, not edited


@rules.predicate
def is_author(user: AnyUser, obj: Any) -> bool:
    return obj.author_id is not None and obj.author_id == user.pk


register("use_framework", may_use_framework)
register("change_framework", may_edit_framework, writes=True)
register("add_klub_framework", is_klub_coach, writes=True)
register("add_school_framework", leads_school, writes=True)
# An annotation (observations.Annotation) is changed by its author only.
register("change_annotation", is_author, writes=True)
