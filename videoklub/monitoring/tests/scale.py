"""A programme of any size with a year of activity, written in bulk: for the dashboard's query
count at 10 and 300 schools and for `bench/bench_report.py` (300 schools, 1,500 teachers).

Per school one klub with a coach and `teachers` teachers; per klub six held klub sessions with
attendance, two coaching visits per teacher, a completed cycle for every second teacher and a
filmed class of 20 pupils. Deterministic: the same size gives the same data.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from videoklub.accounts.models import User
from videoklub.consent.models import ClassGroup, Pupil
from videoklub.cycles.models import CoachingVisit, CorePractice, Cycle, Phase
from videoklub.meetings.models import Attendance, Meeting
from videoklub.organisations.models import Klub, Membership, Programme, Role, School, Wave
from videoklub.recordings.models import Recording

START = date(2026, 9, 1)


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 15, 30))


def make_programme_at_scale(schools: int, teachers: int = 5, *, tag: str = "") -> Programme:
    tag = tag or uuid.uuid4().hex[:6]
    programme = Programme.objects.create(
        name=f"Schaal {tag}", school_year="2026-2027", starts_on=START, ends_on=date(2027, 6, 30)
    )
    waves = [Wave.objects.create(programme=programme, number=n) for n in (1, 2, 3)]
    school_rows = School.objects.bulk_create(
        School(name=f"School {tag} {n}", town=f"Stad {n}", level="lager") for n in range(schools)
    )
    klubs = Klub.objects.bulk_create(
        Klub(name=f"K{n}", school=school, programme=programme, wave=waves[n % 3])
        for n, school in enumerate(school_rows)
    )
    password = make_password(None)
    people = User.objects.bulk_create(
        User(email=f"{tag}-{n}-{i}@schaal.test", full_name=f"Persoon {n} {i}", password=password)
        for n in range(schools)
        for i in range(teachers + 1)
    )
    memberships, coach_of, teachers_of = [], {}, {}
    for n, klub in enumerate(klubs):
        group = people[n * (teachers + 1) : (n + 1) * (teachers + 1)]
        coach_of[klub.pk], teachers_of[klub.pk] = group[0], group[1:]
        memberships.append(Membership(user=group[0], role=Role.COACH, klub=klub))
        memberships += [Membership(user=t, role=Role.TEACHER, klub=klub) for t in group[1:]]
    Membership.objects.bulk_create(memberships)
    meetings = Meeting.objects.bulk_create(
        Meeting(
            klub=klub,
            title=f"Sessie {s}",
            starts_at=_at(START + timedelta(days=20 + 40 * s)),
            ends_at=_at(START + timedelta(days=20 + 40 * s)) + timedelta(hours=1),
            status=Meeting.Status.HELD,
            ical_uid=str(uuid.uuid4()),
        )
        for klub in klubs
        for s in range(6)
    )
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, user=person, present=(i + s) % 5 != 0)
        for s, meeting in enumerate(meetings)
        for i, person in enumerate([coach_of[meeting.klub_id], *teachers_of[meeting.klub_id]])
    )
    CoachingVisit.objects.bulk_create(
        CoachingVisit(
            coach=coach_of[klub.pk],
            teacher=teacher,
            klub=klub,
            kind="observation",
            visited_on=START + timedelta(days=30 + 90 * v + i),
        )
        for klub in klubs
        for i, teacher in enumerate(teachers_of[klub.pk])
        for v in range(2)
    )
    practice = CorePractice.objects.order_by("order").first()
    Cycle.objects.bulk_create(
        Cycle(
            teacher=teacher,
            klub=klub,
            number=1,
            core_practice=practice,
            phase=Phase.DONE if i % 2 == 0 else Phase.ACT,
            finished_at=_at(START + timedelta(days=150 + i)) if i % 2 == 0 else None,
        )
        for klub in klubs
        for i, teacher in enumerate(teachers_of[klub.pk])
    )
    groups = ClassGroup.objects.bulk_create(
        ClassGroup(school=school, name="3A", school_year="2026-2027") for school in school_rows
    )
    Pupil.objects.bulk_create(
        Pupil(class_group=group, code=f"L{p}") for group in groups for p in range(20)
    )
    Recording.objects.bulk_create(
        Recording(
            owner=teachers_of[klub.pk][0],
            klub=klub,
            class_group=group,
            title="Les",
            status=Recording.Status.READY,
        )
        for klub, group in zip(klubs, groups, strict=True)
    )
    return programme
