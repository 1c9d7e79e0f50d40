"""Demo data: a coaches' year in the demo programme: three start days (past), six sessions (the
first ones held, with attendance; the rest to come), two intervision rounds, and a couple of
learning-log entries for the demo coach.

The demo app sits above this one and calls `seed_demo_community()` after its people exist. We
may not import it (layers), so the programme and people are found by their demo names.
"""

from __future__ import annotations

from datetime import time, timedelta

from django.db import transaction
from django.utils import timezone

from videoklub.accounts.models import User
from videoklub.community import services
from videoklub.community.models import Attendance, Event
from videoklub.organisations.models import Membership, Programme, Role

DEMO_COACH = "an.verstraeten@demo.videoklub.be"
DEMO_STAFF = "els.desmet@demo.videoklub.be"

# (days from today, kind, title, place, agenda)
YEAR = [
    (
        -120,
        "start_day",
        "Première 1: kennismaking en het VideoKLuB-model",
        "Leuven, Provinciehuis",
        "Kennismaking\nHet VideoKLuB-model\nEen eerste fragment samen bekijken",
    ),
    (
        -100,
        "start_day",
        "Première 2: kijken met een observatiekader",
        "Leuven, Provinciehuis",
        "Observatiekaders\nOefenen met fragmenten",
    ),
    (
        -80,
        "start_day",
        "Première 3: het coachingsgesprek",
        "Leuven, Provinciehuis",
        "Het coachingsgesprek in vier stappen\nRollenspel",
    ),
    (-60, "session", "Leergemeenschap 1: feedback in de klub", "Online", "Ervaringen delen"),
    (-40, "intervision", "Intervisieronde 1", "Mechelen, De Wegwijzer", "Incidentmethode"),
    (-25, "session", "Leergemeenschap 2: veilig klimaat in de klub", "Mechelen", "Casussen"),
    (-10, "session", "Leergemeenschap 3: leerlingenstem", "Online", "Werkvorm placemat"),
    (12, "session", "Leergemeenschap 4: differentiëren", "Antwerpen", "Fragmenten uit de klubs"),
    (30, "intervision", "Intervisieronde 2", "Antwerpen", "Consultatie in rondes"),
    (45, "session", "Leergemeenschap 5: borgen op school", "Online", "Schoolbeleid"),
    (75, "session", "Leergemeenschap 6: terugblik en Filmfestival", "Leuven", "Terugblik"),
]


@transaction.atomic
def seed_demo_community() -> bool:
    """Create the coaches' year once; False when it was there already or people are missing."""
    staff = User.objects.filter(email=DEMO_STAFF).first()
    coach = User.objects.filter(email=DEMO_COACH).first()
    membership = Membership.objects.filter(user=staff, role=Role.PROJECT_STAFF).first()
    if staff is None or coach is None or membership is None or membership.programme is None:
        return False
    programme: Programme = membership.programme
    if Event.objects.filter(programme=programme).exists():
        return False
    coaches = list(
        User.objects.filter(
            memberships__klub__programme=programme, memberships__role=Role.COACH, is_active=True
        )
        .order_by("pk")
        .distinct()
    )
    today = timezone.localdate()
    events = []
    for days, kind, title, place, agenda in YEAR:
        event = services.event_create(
            by=staff,
            programme=programme,
            kind=kind,
            title=title,
            date=today + timedelta(days=days),
            start_time=time(13, 30) if kind == "session" else time(9, 0),
            end_time=time(16, 30),
            place="" if place == "Online" else place,
            online_link="https://meet.example.org/leergemeenschap" if place == "Online" else "",
            agenda=agenda,
            capacity=40 if kind == "start_day" else None,
        )
        events.append(event)
    # Past events: everyone registered, attendance taken (one coach excused once); the
    # last past session has registrations but no attendance yet, for staff to take.
    past = [e for e in events if e.date < today]
    for index, event in enumerate(past):
        for c in coaches:
            event.registrations.create(user=c)
        if index == len(past) - 1:
            continue
        statuses: dict[int, str] = {
            c.pk: (Attendance.Status.EXCUSED if (i + index) % 5 == 4 else Attendance.Status.PRESENT)
            for i, c in enumerate(coaches)
        }
        services.attendance_record(event=event, by=staff, statuses=statuses)
    upcoming = [e for e in events if e.date >= today]
    services.registration_create(event=upcoming[0], by=coach)
    services.log_entry_create(
        programme=programme,
        by=coach,
        event=past[3],
        date=past[3].date,
        text="Eerst laten vertellen wat de leraar zelf ziet, dan pas mijn vragen. "
        "Ik probeer dat in de volgende klub.",
    )
    services.log_entry_create(
        programme=programme,
        by=coach,
        event=past[5],
        date=past[5].date,
        text="Een veilig klimaat begint bij afspraken over wie een fragment ziet.",
    )
    return True
