from datetime import UTC, datetime

from django.urls import reverse
from icalendar import Calendar

from videoklub.meetings import services
from videoklub.meetings.models import WorkForm


def _plan(world, title, start):
    return services.meeting_create(
        klub=world.klub,
        created_by=world.coach,
        title=title,
        starts_at=start,
        ends_at=start.replace(hour=start.hour + 1),
        place="Refter",
        work_form=WorkForm.objects.get(code="placemat"),
    )


def test_one_session_as_a_calendar_event(client, world, make_fragment):
    # 15:45 in Brussels on 3 March 2031 (winter time, UTC+1).
    meeting = _plan(world, "Bijeenkomst 3", datetime(2031, 3, 3, 14, 45, tzinfo=UTC))
    services.agenda_add(
        meeting=meeting, fragment=make_fragment(title="Instructie breuken"), added_by=world.coach
    )
    client.force_login(world.teacher)
    response = client.get(reverse("meetings:ics", args=[meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == meeting.ical_uid
    assert event.decoded("DTSTART") == datetime(2031, 3, 3, 14, 45, tzinfo=UTC)
    assert event.decoded("DTEND") == datetime(2031, 3, 3, 15, 45, tzinfo=UTC)
    assert "DTSTART:20310303T144500Z" in response.content.decode()
    assert "Bijeenkomst 3" in str(event["SUMMARY"])
    assert str(event["LOCATION"]) == "Refter"
    description = str(event["DESCRIPTION"])
    assert "Placemat" in description and "Instructie breuken" in description
    assert str(event["URL"]).endswith(reverse("meetings:detail", args=[meeting.pk]))


def test_the_klub_feed_holds_every_session(client, world, django_assert_max_num_queries):
    meetings = [
        _plan(world, f"Sessie {n}", datetime(2031, 1 + n, 10, 15, 0, tzinfo=UTC)) for n in range(5)
    ]
    client.force_login(world.coach)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("meetings:klub_ics", args=[world.klub.pk]))
    calendar = Calendar.from_ical(response.content)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {m.ical_uid for m in meetings}
    assert events[meetings[2].ical_uid].decoded("DTSTART") == datetime(
        2031, 3, 10, 15, 0, tzinfo=UTC
    )
