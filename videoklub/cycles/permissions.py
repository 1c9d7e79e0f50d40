"""Cycles are the teacher's; the klub's coach follows the question and the phase (never the
videos: those only through shares), keeps the board and the coaching log."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import rules

from videoklub.organisations.models import Role
from videoklub.organisations.permissions import films_in_a_klub, is_klub_coach, klub_ids
from videoklub.policy import register

if TYPE_CHECKING:
    from videoklub.policy import AnyUser


@rules.predicate
def is_cycle_teacher(user: AnyUser, cycle: Any) -> bool:
    return cycle.teacher_id == user.pk


@rules.predicate
def coaches_cycle_klub(user: AnyUser, cycle: Any) -> bool:
    return cycle.klub_id in klub_ids(user, Role.COACH)


register("add_cycle", films_in_a_klub, writes=True)
register("view_cycle", is_cycle_teacher | coaches_cycle_klub)
register("change_cycle", is_cycle_teacher, writes=True)
register("comment_on_cycle", is_cycle_teacher | coaches_cycle_klub, writes=True)
register("view_klub_board", is_klub_coach)
register("keep_coaching_log", is_klub_coach, writes=True)
