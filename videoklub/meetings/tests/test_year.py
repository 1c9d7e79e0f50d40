"""The coach's year (month view, sessions against the plan) and the calendar subscription.

In English, as all tests of this app (see conftest)."""

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from videoklub.cycles.models import CoachingVisit
from videoklub.meetings.feed import feed_url
from videoklub.meetings.models import AgendaItem, Meeting
from videoklub.testing.factories import CycleFactory

pytestmark = pytest.mark.django_db
SECRET = "MARKER-PRIVATE"


def session(klub, when: datetime, *, status=Meeting.Status.PLANNED, title="Bijeenkomst"):
    return Meeting.objects.create(
        klub=klub,
        title=title,
        starts_at=when,
        ends_at=when + timedelta(hours=1),
        status=status,
        ical_uid=f"{uuid.uuid4()}@test",
    )


def test_the_year_shows_each_month_with_sessions_visits_and_cycles(client, world):
    session(world.klub, datetime(2026, 10, 6, 14, tzinfo=UTC), title="Bijeenkomst 1")
    session(world.other_klub, datetime(2026, 10, 7, 14, tzinfo=UTC), title="Elders")
    CoachingVisit.objects.create(
        coach=world.coach,
        teacher=world.teacher,
        klub=world.klub,
        kind=CoachingVisit.Kind.OBSERVATION,
        visited_on=date(2026, 11, 12),
        goals=SECRET,
    )
    cycle = CycleFactory(teacher=world.colleague, klub=world.klub)
    cycle.created_at = timezone.make_aware(datetime(2027, 2, 3, 10))
    cycle.save()
    client.force_login(world.coach)
    html = client.get(reverse("meetings:year") + "?schooljaar=2026").content.decode()
    assert "My coaching year 2026-2027" in html
    october = html[html.index("October 2026") : html.index("November 2026")]
    assert "Bijeenkomst 1" in october and "Elders" not in html
    november = html[html.index("November 2026") : html.index("December 2026")]
    assert "classroom observation" in november.lower()
    assert SECRET not in html
    february = html[html.index("February 2027") : html.index("March 2027")]
    assert "started cycle" in february
    # One session against a plan of three to six.
    assert "0 held, 1 planned" in html
    assert "fewer than planned" in html


def test_only_coaches_have_a_coaching_year(client, world):
    client.force_login(world.teacher)
    assert client.get(reverse("meetings:year")).status_code == 403


def test_a_bad_school_year_is_not_an_error(client, world):
    client.force_login(world.coach)
    assert client.get(reverse("meetings:year") + "?schooljaar=nee").status_code == 200
    assert client.get(reverse("meetings:year") + "?schooljaar=99999").status_code == 404


def test_the_feed_is_valid_icalendar_without_agenda_or_notes(client, world, make_fragment):
    meeting = session(world.klub, timezone.now() + timedelta(days=3), title="Bijeenkomst 2")
    AgendaItem.objects.create(meeting=meeting, fragment=make_fragment(title=SECRET), order=0)
    CoachingVisit.objects.create(
        coach=world.coach,
        teacher=world.teacher,
        klub=world.klub,
        kind=CoachingVisit.Kind.OBSERVATION,
        visited_on=date.today() + timedelta(days=1),
        goals=SECRET,
    )
    url = feed_url(world.coach)
    client.logout()  # a calendar app has no session
    response = client.get(url.removeprefix("http://127.0.0.1:8000"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    summaries = [str(e["summary"]) for e in calendar.walk("VEVENT")]
    assert any("Bijeenkomst 2" in s for s in summaries)
    assert any(world.teacher.full_name in s for s in summaries)  # the visit, all day
    assert SECRET not in response.content.decode()


def test_a_teacher_gets_the_sessions_of_their_klub_only(client, world):
    session(world.klub, timezone.now() + timedelta(days=3), title="Van mijn klub")
    session(world.other_klub, timezone.now() + timedelta(days=3), title="Andere klub")
    body = client.get(feed_url(world.teacher).removeprefix("http://127.0.0.1:8000")).content
    assert b"Van mijn klub" in body and b"Andere klub" not in body


def test_a_new_link_voids_the_old_one(client, world):
    old = feed_url(world.teacher).removeprefix("http://127.0.0.1:8000")
    client.force_login(world.teacher)
    response = client.post(reverse("meetings:feed_reset"), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("home:home")  # never off the site
    new = feed_url(world.teacher).removeprefix("http://127.0.0.1:8000")
    assert new != old
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_an_inactive_persons_feed_is_gone(client, world):
    url = feed_url(world.teacher).removeprefix("http://127.0.0.1:8000")
    world.teacher.is_active = False
    world.teacher.save()
    assert client.get(url).status_code == 404
