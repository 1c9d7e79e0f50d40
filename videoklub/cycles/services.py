"""Writes for development cycles: questions, phases, actions, reflections, coaching visits."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from videoklub.cycles.models import Action, Cycle

if TYPE_CHECKING:
    from videoklub.accounts.models import User
    from videoklub.meetings.models import Meeting


def cycle_touch(*, cycle: Cycle) -> None:
    """Record activity in the cycle (the klub board's "last activity")."""
    now = timezone.now()
    Cycle.objects.filter(pk=cycle.pk).update(last_activity_at=now)
    cycle.last_activity_at = now


@transaction.atomic
def action_create(
    *,
    cycle: Cycle,
    created_by: User,
    description: str,
    success_criterion: str,
    due_on: date | None = None,
    meeting: Meeting | None = None,
) -> Action:
    """A concrete change to try in class; agreed in a session when `meeting` is given."""
    action = Action(
        cycle=cycle,
        created_by=created_by,
        description=description.strip(),
        success_criterion=success_criterion.strip(),
        due_on=due_on,
        meeting=meeting,
    )
    action.full_clean()
    action.save()
    cycle_touch(cycle=cycle)
    return action
