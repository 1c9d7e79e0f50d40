"""The day before an event, a reminder to each coach who registered."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from videoklub.community.models import Event, Registration
from videoklub.notifications.models import Kind
from videoklub.notifications.services import notify


def events_remind_tomorrow(*, today: date | None = None) -> int:
    """Remind the registered coaches of tomorrow's events. The notification's key holds the
    event and its date: a rerun (every minute) tells no one twice, and a moved event gets a
    reminder of its own. Returns the reminders made."""
    today = today or timezone.localdate()
    tomorrow = today + timedelta(days=1)
    registrations = Registration.objects.filter(
        event__date=tomorrow, event__cancelled_at__isnull=True
    ).select_related("event")
    by_event: dict[int, tuple[Event, list[int]]] = {}
    for registration in registrations:
        by_event.setdefault(registration.event_id, (registration.event, []))[1].append(
            registration.user_id
        )
    made = 0
    for event, user_ids in by_event.values():
        made += len(
            notify(
                recipients=user_ids,
                kind=Kind.COMMUNITY_REMINDER,
                url=reverse("community:event", args=[event.pk]),
                context={"klub": event.title, "date": event.date.isoformat()},
                key=f"community-reminder:{event.pk}:{event.date.isoformat()}",
            )
        )
    return made
