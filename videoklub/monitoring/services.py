"""Setting a programme's targets and milestones (its project staff only).

Not audited: targets and milestones are the programme's plan, not anyone's personal data; the
audit log is for what happens to people's recordings and accounts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from videoklub.monitoring.models import Milestone, Target
from videoklub.policy import authorize

if TYPE_CHECKING:
    from videoklub.accounts.models import User
    from videoklub.organisations.models import Programme


@transaction.atomic
def target_save(*, programme: Programme, by: User, target: Target) -> Target:
    """Save a new or changed target (validated by the form, which knows the programme)."""
    authorize(by, "manage_monitoring", programme)
    target.programme = programme
    target.full_clean()
    target.save()
    return target


@transaction.atomic
def target_delete(*, target: Target, by: User) -> None:
    authorize(by, "manage_monitoring", target.programme)
    target.delete()


@transaction.atomic
def milestone_save(*, programme: Programme, by: User, milestone: Milestone) -> Milestone:
    authorize(by, "manage_monitoring", programme)
    milestone.programme = programme
    milestone.full_clean()
    milestone.save()
    return milestone


@transaction.atomic
def milestone_delete(*, milestone: Milestone, by: User) -> None:
    authorize(by, "manage_monitoring", milestone.programme)
    milestone.delete()


def targets_create(*, programme: Programme, by: User, rows: list[dict[str, Any]]) -> int:
    """Targets in one go (the demo, a new programme's plan): returns how many were made."""
    authorize(by, "manage_monitoring", programme)
    made = 0
    with transaction.atomic():
        for row in rows:
            target_save(programme=programme, by=by, target=Target(**row))
            made += 1
    return made
