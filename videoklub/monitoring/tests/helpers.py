"""A programme with a year of activity, made as the app stores it, for the monitoring tests."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils import timezone

from videoklub.consent.models import ClassGroup, Pupil
from videoklub.cycles.models import CoachingVisit, Phase
from videoklub.meetings.models import Attendance, Meeting
from videoklub.organisations.models import Programme, Role, School, Wave
from videoklub.testing.factories import (
    CycleFactory,
    KlubFactory,
    MembershipFactory,
    ProgrammeFactory,
    RecordingFactory,
    SchoolFactory,
    UserFactory,
)


def at(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 15, 30))


@dataclass
class Activity:
    """What was made, to count independently of the code under test."""

    programme: Programme
    schools: list[School] = field(default_factory=list)
    waves: list[Wave] = field(default_factory=list)
    coaches: set[int] = field(default_factory=set)
    teachers_present: dict[int, date] = field(default_factory=dict)  # teacher → first day
    teachers_visited: dict[int, date] = field(default_factory=dict)
    sessions_held: list[date] = field(default_factory=list)
    visits: list[date] = field(default_factory=list)
    cycles_done: dict[int, date] = field(default_factory=dict)  # teacher → day
    pupils: set[int] = field(default_factory=set)
    teacher_school: dict[int, int] = field(default_factory=dict)


START = date(2026, 9, 1)


def make_activity(schools: int = 3, *, teachers: int = 3) -> Activity:
    """Per school one klub (alternating waves 1 and 2) with a coach and `teachers` teachers:
    two held sessions and one planned; the first teacher visited, the second absent from the
    second session; one completed and one abandoned cycle; one filmed class of 5 pupils."""
    programme = ProgrammeFactory(starts_on=START, ends_on=date(2027, 6, 30))
    activity = Activity(programme)
    activity.waves = [Wave.objects.create(programme=programme, number=n) for n in (1, 2)]
    for index in range(schools):
        school = SchoolFactory(name=f"School {index}", town=f"Stad {index}")
        activity.schools.append(school)
        klub = KlubFactory(
            school=school, programme=programme, wave=activity.waves[index % 2], name=f"K{index}"
        )
        coach = MembershipFactory(role=Role.COACH, klub=klub).user
        activity.coaches.add(coach.pk)
        members = [MembershipFactory(role=Role.TEACHER, klub=klub).user for _ in range(teachers)]
        for teacher in members:
            activity.teacher_school[teacher.pk] = school.pk
        for number, (offset, status) in enumerate(
            [(20, Meeting.Status.HELD), (60, Meeting.Status.HELD), (200, Meeting.Status.PLANNED)]
        ):
            day = START + timedelta(days=offset + index)
            meeting = Meeting.objects.create(
                klub=klub,
                title=f"Sessie {number}",
                starts_at=at(day),
                ends_at=at(day) + timedelta(hours=1),
                status=status,
                ical_uid=str(uuid.uuid4()),
            )
            Attendance.objects.create(meeting=meeting, user=coach)  # a coach is not coached
            for position, teacher in enumerate(members):
                present = not (number == 1 and position == 1)
                Attendance.objects.create(meeting=meeting, user=teacher, present=present)
                if present and status == Meeting.Status.HELD:
                    activity.teachers_present.setdefault(teacher.pk, day)
            if status == Meeting.Status.HELD:
                activity.sessions_held.append(day)
        visited_on = START + timedelta(days=30 + index)
        CoachingVisit.objects.create(
            coach=coach, teacher=members[0], klub=klub, kind="observation", visited_on=visited_on
        )
        activity.visits.append(visited_on)
        activity.teachers_visited[members[0].pk] = visited_on
        finished = START + timedelta(days=100 + index)
        CycleFactory(teacher=members[0], klub=klub, phase=Phase.DONE, finished_at=at(finished))
        activity.cycles_done[members[0].pk] = finished
        CycleFactory(
            teacher=members[1],
            klub=klub,
            phase=Phase.DONE,
            abandoned=True,
            finished_at=at(finished),
        )
        group = ClassGroup.objects.create(school=school, name="3A", school_year="2026-2027")
        for number in range(5):
            activity.pupils.add(Pupil.objects.create(class_group=group, code=f"L{number}").pk)
        RecordingFactory(owner=members[0], klub=klub, class_group=group)
        RecordingFactory(owner=members[0], klub=klub, class_group=group)  # the same pupils
    # Another programme's activity never counts.
    other = KlubFactory(programme=ProgrammeFactory(name="Ander"), school=activity.schools[0])
    MembershipFactory(role=Role.COACH, klub=other, user=UserFactory())
    return activity
