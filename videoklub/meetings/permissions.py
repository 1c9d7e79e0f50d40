"""Klub sessions: seen by the klub's teachers and coach, run by the coach."""

from __future__ import annotations

from typing import TYPE_CHECKING

import rules

from videoklub.organisations.models import Role
from videoklub.organisations.permissions import is_klub_coach, is_klub_member, klub_ids
from videoklub.policy import register

if TYPE_CHECKING:
    from videoklub.policy import AnyUser


@rules.predicate
def coaches_a_klub(user: AnyUser, _obj: object = None) -> bool:
    return bool(klub_ids(user, Role.COACH))


register("view_meetings", is_klub_member)
register("manage_meetings", is_klub_coach, writes=True)
# The coach's year covers every klub they coach, and only those.
register("view_coach_year", coaches_a_klub)
