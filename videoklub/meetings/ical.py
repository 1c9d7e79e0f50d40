"""Klub sessions as iCalendar (RFC 5545), so teachers can add them to their own calendar."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from videoklub.meetings.models import Meeting

PRODID = "-//VideoKLuB//Klub sessions//NL"


def _description(meeting: Meeting, *, with_agenda: bool) -> str:
    lines = []
    if meeting.work_form is not None:
        lines.append(_("Work form: %(name)s") % {"name": meeting.work_form})
    items = list(meeting.agenda.all()) if with_agenda else []
    if items:
        lines.append(_("Agenda:"))
        lines.extend(f"- {item.fragment.title}" for item in items)
    return "\n".join(lines)


def _event(meeting: Meeting, url: str, *, with_agenda: bool = True) -> Event:
    event = Event()
    # The UID is fixed at creation, so a re-imported file updates the event instead of adding one.
    event.add("uid", meeting.ical_uid)
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", meeting.starts_at.astimezone(UTC))
    event.add("dtend", meeting.ends_at.astimezone(UTC))
    event.add("summary", f"{meeting.title} · {meeting.klub.name}")
    if meeting.place:
        event.add("location", meeting.place)
    description = _description(meeting, with_agenda=with_agenda)
    if description:
        event.add("description", description)
    event.add("url", url)
    event.add("status", "CANCELLED" if meeting.status == Meeting.Status.CANCELLED else "CONFIRMED")
    return event


def calendar_bytes(
    meetings: Iterable[Meeting],
    *,
    url_for: Callable[[Meeting], str],
    name: str,
    with_agenda: bool = True,
) -> bytes:
    """A calendar with one VEVENT per meeting (agenda and klub prefetched by the caller).

    Without the agenda for an e-mail: the titles of shared fragments stay on the platform."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for meeting in meetings:
        calendar.add_component(_event(meeting, url_for(meeting), with_agenda=with_agenda))
    return calendar.to_ical()


def feed_bytes(
    meetings: Iterable[Meeting],
    visits: Iterable,
    *,
    url_for: Callable[[Meeting], str],
    name: str,
) -> bytes:
    """A person's subscription: their klub sessions and, for a coach, their class visits as
    all-day events (who and what kind of visit; never the goals or reflections)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    # Calendar apps that honour it ask again after a few hours.
    calendar.add("refresh-interval", timedelta(hours=4), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT4H")
    for meeting in meetings:
        calendar.add_component(_event(meeting, url_for(meeting), with_agenda=False))
    for visit in visits:
        event = Event()
        event.add("uid", f"visit-{visit.pk}@videoklub")
        event.add("dtstamp", timezone.now().astimezone(UTC))
        event.add("dtstart", visit.visited_on)
        event.add("dtend", visit.visited_on + timedelta(days=1))
        event.add(
            "summary",
            _("%(kind)s: %(teacher)s")
            % {"kind": visit.get_kind_display(), "teacher": visit.teacher.full_name},
        )
        calendar.add_component(event)
    return calendar.to_ical()
