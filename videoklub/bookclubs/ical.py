"""Book club meetings as iCalendar (RFC 5545), in the same shape as the klub sessions' files
(videoklub.meetings.ical): a fixed UID per meeting, UTC times, a link back to the platform."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from videoklub.bookclubs.models import ClubMeeting
from videoklub.meetings.ical import PRODID


def calendar_bytes(
    meetings: Iterable[ClubMeeting], *, url_for: Callable[[ClubMeeting], str], name: str
) -> bytes:
    """One VEVENT per meeting (club and work form fetched by the caller). What to read goes in
    the description; notes and insights never leave the platform."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for meeting in meetings:
        event = Event()
        event.add("uid", meeting.ical_uid)
        event.add("dtstamp", timezone.now().astimezone(UTC))
        event.add("dtstart", meeting.starts_at.astimezone(UTC))
        event.add("dtend", meeting.ends_at.astimezone(UTC))
        event.add("summary", _("Book club: %(title)s") % {"title": meeting.club.title})
        if meeting.place:
            event.add("location", meeting.place)
        lines = []
        if meeting.reading:
            lines.append(_("To read: %(reading)s") % {"reading": meeting.reading})
        if meeting.work_form is not None:
            lines.append(_("Work form: %(name)s") % {"name": meeting.work_form})
        if lines:
            event.add("description", "\n".join(lines))
        event.add("url", url_for(meeting))
        calendar.add_component(event)
    return calendar.to_ical()
