"""Reminders of actions that are due: two days ahead, once per action and due date."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from videoklub.cycles.models import Action
from videoklub.notifications.models import Kind
from videoklub.notifications.services import notify

REMIND_DAYS_AHEAD = 2


def actions_remind_due(*, today: date | None = None) -> int:
    """Tell each teacher of their open actions due within two days. The notification's key
    holds the action and its due date: a rerun (every minute) tells no one twice, and a new due
    date gets a reminder of its own. Returns the reminders made."""
    today = today or timezone.localdate()
    due = Action.objects.filter(
        status__in=[Action.Status.PLANNED, Action.Status.TRYING],
        due_on__gte=today,
        due_on__lte=today + timedelta(days=REMIND_DAYS_AHEAD),
    ).select_related("cycle")
    made = 0
    for action in due:
        assert action.due_on is not None
        made += len(
            notify(
                recipients=[action.cycle.teacher_id],
                kind=Kind.ACTION_DUE,
                url=reverse("cycles:detail", args=[action.cycle_id]) + "#actions",
                context={"date": action.due_on.isoformat()},
                key=f"action-due:{action.pk}:{action.due_on.isoformat()}",
            )
        )
    return made
