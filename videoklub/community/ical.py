"""Community events as iCalendar (RFC 5545), in the same shape as the klub sessions' and book
clubs' files: a fixed UID per event, UTC times, a link back to the platform."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC

from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from videoklub.community.models import Event
from videoklub.meetings.ical import PRODID


def calendar_bytes(events: Iterable[Event], *, url_for: Callable[[Event], str], name: str) -> bytes:
    """One VEVENT per event; a cancelled one says so (STATUS:CANCELLED), so a calendar that
    imported it earlier strikes it through. The agenda goes in the description."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for event in events:
        entry = VEvent()
        entry.add("uid", event.ical_uid)
        entry.add("dtstamp", timezone.now().astimezone(UTC))
        entry.add("dtstart", event.starts_at.astimezone(UTC))
        entry.add("dtend", event.ends_at.astimezone(UTC))
        entry.add("summary", event.title)
        location = event.place or event.online_link
        if location:
            entry.add("location", location)
        if event.agenda:
            entry.add("description", event.agenda)
        if event.is_cancelled:
            entry.add("status", "CANCELLED")
        entry.add("url", url_for(event))
        calendar.add_component(entry)
    return calendar.to_ical()
