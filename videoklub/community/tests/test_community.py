from datetime import time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from videoklub.audit.models import Action, AuditEvent
from videoklub.community import selectors, services
from videoklub.community.models import Attendance, Event
from videoklub.community.reminders import events_remind_tomorrow
from videoklub.notifications.models import Kind, Notification
from videoklub.organisations.models import Role
from videoklub.testing.factories import KlubFactory, MembershipFactory, SchoolFactory, UserFactory


def _event(world, *, days=7, kind="session", programme=None, by=None, **extra):
    return services.event_create(
        by=by or world.project_staff,
        programme=programme or world.programme,
        kind=kind,
        title=f"Sessie {days}",
        date=timezone.localdate() + timedelta(days=days),
        start_time=time(13, 30),
        end_time=time(16, 0),
        **extra,
    )


def test_staff_plan_and_the_coaches_are_told(world):
    event = _event(world)
    assert event.kind == Event.Kind.LC_SESSION
    told = Notification.objects.filter(kind=Kind.COMMUNITY_EVENT)
    assert list(told.values_list("recipient_id", flat=True)) == [world.coach.pk]
    assert "BEGIN:VEVENT" in told.get().calendar
    assert AuditEvent.objects.filter(
        action=Action.EVENT_PLAN, owner=world.project_staff, item_id=str(event.pk)
    ).exists()


def test_only_the_programmes_staff_plan(world):
    for user in (world.coach, world.teacher, world.other_project_staff):
        with pytest.raises(PermissionDenied):
            _event(world, by=user)


def test_an_event_ends_after_it_starts(world):
    with pytest.raises(ValidationError):
        services.event_create(
            by=world.project_staff,
            programme=world.programme,
            kind="session",
            title="Fout",
            date=timezone.localdate(),
            start_time=time(16, 0),
            end_time=time(13, 0),
        )


def test_coach_of_another_programme_and_teacher_get_404(client, world):
    event = _event(world)
    for user in (world.other_coach, world.teacher, world.school_leader):
        client.force_login(user)
        assert client.get(reverse("community:event", args=[event.pk])).status_code == 404
        expected = 200 if user == world.other_coach else 404  # their own programme's community
        assert client.get(reverse("community:home")).status_code == expected


def test_registration_capacity_and_closing(world):
    second = UserFactory()
    MembershipFactory(role=Role.COACH, user=second, klub=KlubFactory(programme=world.programme))
    event = _event(world, capacity=1)
    services.registration_create(event=event, by=world.coach)
    services.registration_create(event=event, by=world.coach)  # twice is once
    with pytest.raises(ValidationError, match="volzet"):
        services.registration_create(event=event, by=second)
    services.registration_cancel(event=event, by=world.coach)
    services.registration_create(event=event, by=second)
    past = _event(world, days=-1)
    with pytest.raises(ValidationError):
        services.registration_create(event=past, by=world.coach)
    with pytest.raises(PermissionDenied):
        services.registration_create(event=_event(world), by=world.other_coach)


def test_attendance_one_form_audit_and_sessions_held(client, world):
    past = _event(world, days=-3)
    future = _event(world, days=3)
    client.force_login(world.project_staff)
    url = reverse("community:attendance", args=[past.pk])
    page = client.get(url).content.decode()
    assert world.coach.full_name in page and world.teacher.full_name not in page
    response = client.post(url, {f"u{world.coach.pk}": "present"})
    assert response.status_code == 302
    assert Attendance.objects.get(event=past, user=world.coach).status == "present"
    assert AuditEvent.objects.filter(action=Action.ATTENDANCE, owner=world.coach).count() == 1
    client.post(url, {f"u{world.coach.pk}": "present"})  # unchanged: no second entry
    assert AuditEvent.objects.filter(action=Action.ATTENDANCE, owner=world.coach).count() == 1
    with pytest.raises(ValidationError):
        services.attendance_record(
            event=future, by=world.project_staff, statuses={world.coach.pk: "present"}
        )
    with pytest.raises(ValidationError):
        services.attendance_record(
            event=past, by=world.project_staff, statuses={world.other_coach.pk: "present"}
        )
    _event(world, days=-10)  # past, attendance not taken: not held
    with CaptureQueriesContext(connection) as context:
        held = selectors.sessions_held(world.programme)
    assert len(context.captured_queries) == 1
    assert [(h["pk"], h["kind"], h["present"]) for h in held] == [(past.pk, "session", 1)]


def test_the_learning_log_is_private(client, world):
    entry = services.log_entry_create(
        programme=world.programme, by=world.coach, text="Geheim inzicht", date=timezone.localdate()
    )
    other = UserFactory()
    MembershipFactory(role=Role.COACH, user=other, klub=KlubFactory(programme=world.programme))
    for user in (other, world.project_staff):
        client.force_login(user)
        assert client.get(reverse("community:log_edit", args=[entry.pk])).status_code == 404
        with pytest.raises(PermissionDenied):
            services.log_entry_delete(entry=entry, by=user)
    client.force_login(other)
    assert (
        "Geheim"
        not in client.get(reverse("community:logbook", args=[world.programme.pk])).content.decode()
    )
    client.force_login(world.project_staff)
    page = client.get(reverse("community:directory", args=[world.programme.pk])).content.decode()
    assert world.coach.full_name in page and "Geheim" not in page
    assert client.get(reverse("community:logbook", args=[world.programme.pk])).status_code == 403
    client.force_login(world.coach)
    page = client.get(reverse("community:logbook", args=[world.programme.pk])).content.decode()
    assert "Geheim inzicht" in page
    services.log_entry_update(entry=entry, by=world.coach, text="Nieuw", date=entry.date)
    services.log_entry_delete(entry=entry, by=world.coach)


def test_directory_shows_names_and_schools_not_klubs(client, world):
    colleague = UserFactory(full_name="Griet Van Acker")
    klub = KlubFactory(programme=world.programme, school=SchoolFactory(name="Het Anker"))
    MembershipFactory(role=Role.COACH, user=colleague, klub=klub)
    client.force_login(world.coach)
    page = client.get(reverse("community:directory", args=[world.programme.pk])).content.decode()
    assert "Griet Van Acker" in page and "Het Anker" in page and klub.name not in page


def test_the_reminder_is_given_once(world):
    event = _event(world, days=1)
    services.registration_create(event=event, by=world.coach)
    today = timezone.localdate()
    assert events_remind_tomorrow(today=today) == 1
    assert events_remind_tomorrow(today=today) == 0
    services.event_cancel(event=_event(world, days=1), by=world.project_staff)
    assert events_remind_tomorrow(today=today) == 0


def test_my_events_feed_and_event_ics(client, world):
    event = _event(world)
    services.registration_create(event=event, by=world.coach)
    client.force_login(world.coach)
    feed = Calendar.from_ical(client.get(reverse("community:my_ics")).content)
    assert [str(e["uid"]) for e in feed.walk("VEVENT")] == [event.ical_uid]
    single = client.get(reverse("community:event_ics", args=[event.pk]))
    assert single["Content-Type"].startswith("text/calendar")


def test_year_plan_shows_the_gap_and_quick_adds(client, world):
    _event(world, kind="start_day")
    client.force_login(world.project_staff)
    url = reverse("community:year_plan", args=[world.programme.pk])
    counts = {
        row["kind"]: row for row in selectors.year_plan(world.programme, world.project_staff).counts
    }
    assert counts["start_day"]["missing"] == 2 and counts["session"]["missing"] == 6
    day = (timezone.localdate() + timedelta(days=20)).strftime("%d/%m/%Y")
    data = {
        "kind": "session",
        "title": "LG",
        "date": day,
        "start_time": "13:30",
        "end_time": "12:00",
    }
    response = client.post(url, data)
    assert response.status_code == 400 and "LG" in response.content.decode()  # kept as typed
    data["end_time"] = "16:00"
    assert client.post(url, data).status_code == 302
    assert Event.objects.filter(title="LG").exists()


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("home", "coach"),
        ("programme", "coach"),
        ("year_plan", "project_staff"),
        ("directory", "project_staff"),
        ("logbook", "coach"),
    ],
)
def test_list_pages_use_a_constant_number_of_queries(client, world, name, role):
    url = reverse(f"community:{name}", args=[] if name == "home" else [world.programme.pk])
    client.force_login(getattr(world, role))

    def grow(n):
        for i in range(n):
            event = _event(world, days=i + 2)
            services.registration_create(event=event, by=world.coach)
            services.log_entry_create(
                programme=world.programme,
                by=world.coach,
                text="x",
                date=timezone.localdate(),
                event=_event(world, days=-i - 2),
            )
            coach = UserFactory()
            MembershipFactory(
                role=Role.COACH,
                user=coach,
                klub=KlubFactory(programme=world.programme, school=SchoolFactory()),
            )

    grow(2)
    small = _queries(client, url)
    grow(4)
    assert _queries(client, url) == small
