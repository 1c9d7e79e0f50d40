"""A year of synthetic activity for a programme of any size, written in bulk: for the
dashboard's query count at 10 and 300 schools, for `bench/bench_report.py` (300 schools, 1,500
teachers) and for the demo's report (`make run`). Never for real data.

Per school a school leader and one klub with a coach and `teachers` teachers; per klub six
klub sessions with attendance, two coaching visits per teacher, a completed cycle for every
second teacher and a filmed class of 20 pupils, spread over the year and never held in the
future. Deterministic: the same size and day give the same data.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from videoklub.accounts.models import User
from videoklub.community.models import Attendance as CommunityAttendance
from videoklub.community.models import Event as CommunityEvent
from videoklub.consent.models import ClassGroup, Pupil
from videoklub.cycles.models import CoachingVisit, CorePractice, Cycle, LearningQuestion, Phase
from videoklub.intervision.models import Case, GroupMember, Presence
from videoklub.intervision.models import Group as IntervisionGroup
from videoklub.intervision.models import Round as IntervisionRound
from videoklub.intervision.models import Session as IntervisionSession
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
    for number in (1, 2, 3):
        Wave.objects.create(programme=programme, number=number)
    add_activity(programme, schools, teachers, tag=tag)
    return programme


def add_activity(
    programme: Programme,
    schools: int,
    teachers: int = 5,
    *,
    tag: str,
    start: date = START,
    towns: list[str] | None = None,
    domain: str = "schaal.test",
    names: list[str] | None = None,
) -> None:
    """`schools` new schools with a klub each in `programme`'s waves (made if it has none)."""
    waves = list(programme.waves.order_by("number")) or [
        Wave.objects.create(programme=programme, number=1)
    ]
    school_rows = School.objects.bulk_create(
        School(
            name=names[n] if names else f"School {tag} {n + 1}",
            town=(towns or [])[n % len(towns)] if towns else f"Stad {n + 1}",
            level="lager",
        )
        for n in range(schools)
    )
    klubs = Klub.objects.bulk_create(
        Klub(
            name=f"VideoKLuB {school.name}",
            school=school,
            programme=programme,
            wave=waves[n % len(waves)],
        )
        for n, school in enumerate(school_rows)
    )
    password = make_password(None)
    people = User.objects.bulk_create(
        User(email=f"{tag}-{n}-{i}@{domain}", full_name=f"Persoon {n + 1}.{i}", password=password)
        for n in range(schools)
        for i in range(teachers + 2)
    )
    memberships, coach_of, teachers_of = [], {}, {}
    for n, klub in enumerate(klubs):
        group = people[n * (teachers + 2) : (n + 1) * (teachers + 2)]
        leader, coach_of[klub.pk], teachers_of[klub.pk] = group[0], group[1], group[2:]
        memberships.append(Membership(user=leader, role=Role.SCHOOL_LEADER, school=klub.school))
        memberships.append(Membership(user=group[1], role=Role.COACH, klub=klub))
        memberships += [Membership(user=t, role=Role.TEACHER, klub=klub) for t in group[2:]]
    Membership.objects.bulk_create(memberships)
    # Spread over the year, school by school, and never "held" in the future.
    today = timezone.localdate()
    klub_index = {klub.pk: n for n, klub in enumerate(klubs)}

    def session_day(klub: Klub, number: int) -> date:
        return start + timedelta(days=20 + 40 * number + klub_index[klub.pk] % 15)

    meetings = Meeting.objects.bulk_create(
        Meeting(
            klub=klub,
            title=f"Sessie {s + 1}",
            starts_at=_at(session_day(klub, s)),
            ends_at=_at(session_day(klub, s)) + timedelta(hours=1),
            status=Meeting.Status.HELD if session_day(klub, s) <= today else Meeting.Status.PLANNED,
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
    visits = [
        CoachingVisit(
            coach=coach_of[klub.pk],
            teacher=teacher,
            klub=klub,
            kind="observation",
            visited_on=start + timedelta(days=30 + 90 * v + i + klub_index[klub.pk] % 20),
        )
        for klub in klubs
        for i, teacher in enumerate(teachers_of[klub.pk])
        for v in range(2)
    ]
    CoachingVisit.objects.bulk_create(v for v in visits if v.visited_on <= today)
    practices = list(CorePractice.objects.order_by("order"))

    def finished(klub: Klub, i: int) -> date | None:
        day = start + timedelta(days=70 + 12 * i + klub_index[klub.pk] % 40)
        return day if i % 2 == 0 and day <= today else None

    cycles = Cycle.objects.bulk_create(
        Cycle(
            teacher=teacher,
            klub=klub,
            number=1,
            core_practice=practices[(i + klub_index[klub.pk]) % len(practices)],
            phase=Phase.DONE if finished(klub, i) else Phase.ACT,
            finished_at=_at(day) if (day := finished(klub, i)) else None,
        )
        for klub in klubs
        for i, teacher in enumerate(teachers_of[klub.pk])
    )
    LearningQuestion.objects.bulk_create(
        LearningQuestion(
            cycle=cycle,
            goal="Mijn leerlingen weten wat ze moeten doen als ze klaar zijn.",
            question="Hoe maak ik de overgang naar zelfstandig werk duidelijker?",
        )
        for cycle in cycles
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
    _coaches_year(programme, [coach_of[klub.pk] for klub in klubs], start=start, today=today)


def _coaches_year(programme: Programme, coaches: list[User], *, start: date, today: date) -> None:
    """The coaches' learning community: they attend the programme's start days and sessions
    (the usual year is made when the programme has none yet), and meet in intervision groups of
    three coaches of different schools, each coach's case discussed once."""
    events = list(
        CommunityEvent.objects.filter(programme=programme, attendance_taken_at__isnull=False)
        .exclude(kind=CommunityEvent.Kind.INTERVISION)
        .order_by("date")
    )
    if not events:
        kinds = [CommunityEvent.Kind.START_DAY] * 3 + [CommunityEvent.Kind.LC_SESSION] * 6
        planned = CommunityEvent.objects.bulk_create(
            CommunityEvent(
                programme=programme,
                kind=kind,
                title=f"{CommunityEvent.Kind(kind).label} {n + 1}",
                date=(day := start + timedelta(days=7 + 30 * n)),
                start_time=time(13, 30),
                end_time=time(16, 30),
                attendance_taken_at=_at(day) if day <= today else None,
                ical_uid=str(uuid.uuid4()),
            )
            for n, kind in enumerate(kinds)
        )
        events = [event for event in planned if event.attendance_taken_at is not None]
    CommunityAttendance.objects.bulk_create(
        CommunityAttendance(
            event=event,
            user=coach,
            status=(
                CommunityAttendance.Status.PRESENT
                if (i + e) % 7
                else CommunityAttendance.Status.EXCUSED
            ),
        )
        for e, event in enumerate(events)
        for i, coach in enumerate(coaches)
    )
    held_on = min(start + timedelta(days=60), today - timedelta(days=1))
    if held_on < start or len(coaches) < 3:
        return
    round_ = IntervisionRound.objects.create(
        programme=programme,
        title="Intervisieronde najaar",
        starts_on=held_on - timedelta(days=14),
        ends_on=held_on + timedelta(days=14),
    )
    trios = [coaches[n : n + 3] for n in range(0, len(coaches) - 2, 3)]
    groups = IntervisionGroup.objects.bulk_create(
        IntervisionGroup(round=round_, name=f"Groep {n + 1}") for n in range(len(trios))
    )
    GroupMember.objects.bulk_create(
        GroupMember(group=group, user=coach)
        for group, trio in zip(groups, trios, strict=True)
        for coach in trio
    )
    cases = Case.objects.bulk_create(
        Case(
            group=group,
            owner=coach,
            title="Een leraar die niet wil filmen",
            question="Hoe help ik een leraar over de drempel om een eerste keer te filmen?",
        )
        for group, trio in zip(groups, trios, strict=True)
        for coach in trio
    )
    sessions = IntervisionSession.objects.bulk_create(
        IntervisionSession(case=case, method="incident", held_on=held_on + timedelta(days=n % 3))
        for n, case in enumerate(cases)
    )
    members = {group.pk: trio for group, trio in zip(groups, trios, strict=True)}
    Presence.objects.bulk_create(
        Presence(session=session, user=coach)
        for session, case in zip(sessions, cases, strict=True)
        for coach in members[case.group_id]
    )
