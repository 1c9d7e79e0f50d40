"""What needs a person now, per role: the top of the home page.

Each block is read with a fixed number of queries, whatever the number of klubs, cycles or
teachers (a test counts them with 10 and with 200 items). Nothing here shows the content of
someone's private work to another role: the school leader and the project staff get counts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from videoklub.cycles.models import Action, Cycle, Phase, QuestionComment
from videoklub.cycles.steps import NextStep, next_step
from videoklub.meetings.models import Attendance, Meeting
from videoklub.notifications.models import Notification
from videoklub.notifications.texts import notification_text
from videoklub.organisations.models import Klub, Membership, Role
from videoklub.organisations.permissions import klub_ids, programme_ids_staffed, school_ids_led
from videoklub.sharing.models import Audience, Share

if TYPE_CHECKING:
    from videoklub.accounts.models import User

# A teacher without any activity in their cycle for this long shows on the coach's list.
QUIET_AFTER = timedelta(weeks=3)
RECENT = timedelta(days=14)
LIMIT = 5


@dataclass
class CycleNow:
    cycle: Cycle
    step: NextStep


@dataclass
class TeacherToday:
    cycles: list[CycleNow] = field(default_factory=list)
    first_time: bool = False
    actions: list[Action] = field(default_factory=list)
    next_meeting: Meeting | None = None
    shared: list[Share] = field(default_factory=list)


@dataclass
class CoachToday:
    questions: list[Cycle] = field(default_factory=list)
    shared: list[Share] = field(default_factory=list)
    quiet: list[Membership] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)


@dataclass
class KlubProgress:
    klub: Klub
    held: int
    planned: int
    attendance: int | None  # percent of the teachers present at the sessions held
    teachers: int
    active: int  # teachers with an open cycle
    phases: list[tuple[str, int]]


@dataclass
class Today:
    unread: list[Notification] = field(default_factory=list)
    unread_count: int = 0
    teacher: TeacherToday | None = None
    coach: CoachToday | None = None
    schools: list[KlubProgress] = field(default_factory=list)
    programme: list[KlubProgress] = field(default_factory=list)

    @property
    def progress_blocks(self) -> list[tuple[list[KlubProgress], str]]:
        blocks = [(self.schools, "school_leader"), (self.programme, "project_staff")]
        return [(rows, role) for rows, role in blocks if rows]


def _school_year_start(now: datetime) -> datetime:
    year = now.year if now.month >= 9 else now.year - 1
    return timezone.make_aware(datetime(year, 9, 1))


def _teacher(user: User, klubs: list[int]) -> TeacherToday:
    today = TeacherToday()
    open_cycles = list(
        Cycle.objects.filter(teacher=user)
        .exclude(phase=Phase.DONE)
        .select_related("klub", "learning_question")
        .order_by("-last_activity_at")
    )
    # The next step reads the cycle's latest recording: a teacher has one or two open cycles.
    today.cycles = [CycleNow(cycle, next_step(cycle)) for cycle in open_cycles]
    today.first_time = not open_cycles and not Cycle.objects.filter(teacher=user).exists()
    today.actions = list(
        Action.objects.filter(
            cycle__teacher=user,
            cycle__phase__in=[p for p in Phase.values if p != Phase.DONE],
            status__in=[Action.Status.PLANNED, Action.Status.TRYING],
        )
        .select_related("cycle")
        .order_by("due_on", "pk")[:LIMIT]
    )
    today.next_meeting = (
        Meeting.objects.filter(
            klub_id__in=klubs,
            ends_at__gte=timezone.now(),
            status__in=[Meeting.Status.PLANNED, Meeting.Status.RUNNING],
        )
        .select_related("klub")
        .order_by("starts_at")
        .first()
    )
    today.shared = list(
        Share.objects.active()
        .filter(klub_id__in=klubs, audience=Audience.KLUB, fragment__isnull=False)
        .exclude(created_by=user)
        .select_related("fragment__recording", "created_by", "klub")
        .order_by("-created_at")[:LIMIT]
    )
    return today


def _coach(user: User, klubs: list[int]) -> CoachToday:
    coach = CoachToday()
    coach_commented = QuestionComment.objects.filter(
        cycle=OuterRef("pk"),
        author__memberships__role=Role.COACH,
        author__memberships__klub_id=OuterRef("klub_id"),
    )
    coach.questions = list(
        Cycle.objects.filter(klub_id__in=klubs, phase=Phase.PREPARE)
        .exclude(learning_question__question="")
        .filter(learning_question__isnull=False)
        .annotate(commented=Exists(coach_commented))
        .filter(commented=False)
        .select_related("teacher", "klub")
        .order_by("last_activity_at")[:LIMIT]
    )
    coach.shared = list(
        Share.objects.active()
        .filter(
            klub_id__in=klubs,
            audience__in=[Audience.COACH, Audience.KLUB],
            created_at__gte=timezone.now() - RECENT,
        )
        .select_related("fragment__recording", "recording", "created_by", "klub")
        .order_by("-created_at")[:LIMIT]
    )
    quiet_since = timezone.now() - QUIET_AFTER
    active_cycle = Cycle.objects.filter(
        teacher=OuterRef("user_id"),
        klub=OuterRef("klub_id"),
        last_activity_at__gte=quiet_since,
    )
    coach.quiet = list(
        Membership.objects.filter(klub_id__in=klubs, role=Role.TEACHER)
        .annotate(recent=Exists(active_cycle))
        .filter(recent=False)
        .select_related("user", "klub")
        .order_by("klub__name", "user__full_name")[: LIMIT * 2]
    )
    coach.meetings = list(
        Meeting.objects.filter(
            klub_id__in=klubs,
            ends_at__gte=timezone.now(),
            status__in=[Meeting.Status.PLANNED, Meeting.Status.RUNNING],
        )
        .select_related("klub")
        .order_by("starts_at")[:LIMIT]
    )
    return coach


def klub_progress(klub_filter: Q) -> list[KlubProgress]:
    """Per klub, counts only: sessions held and planned this school year, attendance, teachers
    with an open cycle, and how many cycles are in each phase."""
    since = _school_year_start(timezone.localtime())
    klubs = list(
        Klub.objects.filter(klub_filter)
        .select_related("school", "wave", "programme")
        .annotate(
            held=Count(
                "meetings",
                filter=Q(meetings__status=Meeting.Status.HELD, meetings__starts_at__gte=since),
                distinct=True,
            ),
            planned=Count(
                "meetings",
                filter=Q(meetings__status=Meeting.Status.PLANNED, meetings__starts_at__gte=since),
                distinct=True,
            ),
            teachers=Count("memberships", filter=Q(memberships__role=Role.TEACHER), distinct=True),
        )
        .order_by("programme__name", "wave__number", "school__name", "name")
    )
    ids = [k.pk for k in klubs]
    phases: dict[int, Counter] = {pk: Counter() for pk in ids}
    active: dict[int, set[int]] = {pk: set() for pk in ids}
    for klub_id, teacher_id, phase in (
        Cycle.objects.filter(klub_id__in=ids)
        .exclude(phase=Phase.DONE)
        .values_list("klub_id", "teacher_id", "phase")
    ):
        phases[klub_id][phase] += 1
        active[klub_id].add(teacher_id)
    present = dict(
        Attendance.objects.filter(
            meeting__klub_id__in=ids,
            meeting__status=Meeting.Status.HELD,
            meeting__starts_at__gte=since,
        )
        .values_list("meeting__klub_id")
        .annotate(n=Count("pk", filter=Q(present=True)))
    )
    labels = dict(Phase.choices)
    result = []
    for klub in klubs:
        possible = klub.held * klub.teachers
        result.append(
            KlubProgress(
                klub=klub,
                held=klub.held,
                planned=klub.planned,
                attendance=round(100 * present.get(klub.pk, 0) / possible) if possible else None,
                teachers=klub.teachers,
                active=len(active[klub.pk]),
                phases=[
                    (str(labels[p]), phases[klub.pk][p]) for p in Phase.values if phases[klub.pk][p]
                ],
            )
        )
    return result


def today_for(user: User) -> Today:
    today = Today()
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    today.unread = list(unread.select_related("actor")[:LIMIT])
    for notification in today.unread:
        notification.text = notification_text(notification)  # type: ignore[attr-defined]
    today.unread_count = unread.count() if len(today.unread) == LIMIT else len(today.unread)
    teaching = sorted(klub_ids(user, Role.TEACHER))
    coaching = sorted(klub_ids(user, Role.COACH))
    if teaching:
        today.teacher = _teacher(user, teaching)
    if coaching:
        today.coach = _coach(user, coaching)
    schools = school_ids_led(user)
    if schools:
        today.schools = klub_progress(Q(school_id__in=schools))
    programmes = programme_ids_staffed(user)
    if programmes:
        today.programme = klub_progress(Q(programme_id__in=programmes))
    return today
