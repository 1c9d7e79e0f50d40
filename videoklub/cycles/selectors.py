"""Reads of development cycles, always for a user and checked by the policy."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from videoklub import policy
from videoklub.cycles.models import (
    Action,
    CoachingVisit,
    Cycle,
    QuestionComment,
)
from videoklub.organisations.models import Klub, Membership, Role
from videoklub.organisations.permissions import klub_ids, memberships

if TYPE_CHECKING:
    from videoklub.accounts.models import User

OPEN_STATUSES = (Action.Status.PLANNED, Action.Status.TRYING)


def _cycles() -> QuerySet[Cycle]:
    return Cycle.objects.select_related(
        "teacher", "klub", "core_practice", "learning_question", "previous"
    )


def cycle_get_for_user(user: User, pk: int, *, action: str = "view_cycle") -> Cycle:
    """The cycle if the user may see it (404 otherwise) and do `action` on it (403)."""
    cycle = get_object_or_404(_cycles(), pk=pk)
    policy.authorize(user, action, cycle, hide_as="view_cycle")
    return cycle


def action_get_for_user(user: User, pk: int, *, action: str = "change_cycle") -> Action:
    item = get_object_or_404(Action.objects.select_related("cycle__teacher", "cycle__klub"), pk=pk)
    policy.authorize(user, action, item.cycle, hide_as="view_cycle")
    return item


def cycles_of_teacher(user: User) -> QuerySet[Cycle]:
    return _cycles().filter(teacher=user).order_by("klub__name", "-number")


def teaching_klubs(user: User) -> list[Klub]:
    """The klubs in which the user is a teacher (where they can start cycles)."""
    return [m.klub for m in memberships(user) if m.klub and m.role == Role.TEACHER]


def next_cycle(cycle: Cycle) -> Cycle | None:
    return Cycle.objects.filter(previous=cycle).first()


def question_comments(cycle: Cycle) -> QuerySet[QuestionComment]:
    return cycle.question_comments.select_related("author")


def cycle_recordings(cycle: Cycle) -> QuerySet:
    from videoklub.recordings.models import Recording

    return Recording.objects.filter(cycle=cycle, owner_id=cycle.teacher_id).order_by("-created_at")


# --- The klub board ------------------------------------------------------------------------


@dataclass
class BoardRow:
    teacher: Any
    cycle: Cycle | None
    open_actions: int


def klub_board(klub: Klub) -> list[BoardRow]:
    """One row per teacher of the klub with their latest cycle, in two queries whatever the
    number of teachers and cycles."""
    teachers = [
        m.user
        for m in Membership.objects.filter(klub=klub, role=Role.TEACHER)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    ]
    later = Cycle.objects.filter(
        klub_id=OuterRef("klub_id"),
        teacher_id=OuterRef("teacher_id"),
        number__gt=OuterRef("number"),
    )
    latest = (
        Cycle.objects.filter(klub=klub)
        .filter(~Exists(later))
        .select_related("core_practice", "learning_question")
        .annotate(open_actions=Count("actions", filter=Q(actions__status__in=OPEN_STATUSES)))
    )
    by_teacher = {cycle.teacher_id: cycle for cycle in latest}
    rows = []
    for teacher in teachers:
        cycle = by_teacher.get(teacher.pk)
        rows.append(
            BoardRow(
                teacher=teacher,
                cycle=cycle,
                open_actions=getattr(cycle, "open_actions", 0) if cycle else 0,
            )
        )
    return rows


# --- Coaching log --------------------------------------------------------------------------


def klub_teacher(klub: Klub, teacher_pk: int) -> User:
    membership = (
        Membership.objects.filter(klub=klub, role=Role.TEACHER, user_id=teacher_pk)
        .select_related("user")
        .first()
    )
    if membership is None:
        raise Http404
    return membership.user


def may_read_coaching_log(user: User, klub: Klub, teacher: User) -> bool:
    """The klub's coach and the teacher themself; nobody else."""
    return policy.can(user, "keep_coaching_log", klub) or (
        user.pk == teacher.pk and klub.pk in klub_ids(user, Role.TEACHER)
    )


def coaching_visits_of(klub: Klub, teacher: User) -> QuerySet[CoachingVisit]:
    return CoachingVisit.objects.filter(klub=klub, teacher=teacher).select_related("coach")


def coaching_visits_of_klub(klub: Klub) -> QuerySet[CoachingVisit]:
    return CoachingVisit.objects.filter(klub=klub).select_related("coach", "teacher")


def coaching_visit_get_for_user(user: User, pk: int) -> CoachingVisit:
    """A visit for its klub's coach to edit: the teacher gets 403, anyone else 404."""
    visit = get_object_or_404(
        CoachingVisit.objects.select_related("klub", "teacher", "coach"), pk=pk
    )
    if policy.can(user, "keep_coaching_log", visit.klub):
        return visit
    if visit.teacher_id == user.pk:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    raise Http404


# --- The learning trail --------------------------------------------------------------------


@dataclass
class TrailEntry:
    at: datetime
    kind: str  # question, recording, fragment, observation, action, reflection, visit
    title: str
    body: str = ""
    obj: Any = None


@dataclass
class TrailSection:
    cycle: Cycle | None
    entries: list[TrailEntry] = field(default_factory=list)


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def learning_trail(teacher: User) -> list[TrailSection]:
    """The teacher's timeline across their cycles, in date order within each cycle.

    Coaching visits belong to no cycle: each goes to the teacher's cycle in that klub that was
    started last before the visit (visits before the first cycle form a section of their own).
    A constant number of queries, whatever the number of cycles.
    """
    from videoklub.observations.models import Observation
    from videoklub.recordings.models import Fragment, Recording

    cycles = list(
        Cycle.objects.filter(teacher=teacher)
        .select_related("klub", "core_practice", "learning_question")
        .prefetch_related(
            "actions",
            "reflections",
            Prefetch(
                "recordings",
                queryset=Recording.objects.filter(owner=teacher).prefetch_related(
                    Prefetch("fragments", queryset=Fragment.objects.order_by("created_at"))
                ),
            ),
        )
        .order_by("created_at", "pk")
    )
    observations: dict[int, list] = {}
    for observation in Observation.objects.filter(
        fragment__recording__owner=teacher, fragment__recording__cycle__teacher=teacher
    ).select_related("version__framework", "fragment__recording", "observer"):
        cycle_id = observation.fragment.recording.cycle_id
        if cycle_id is not None:
            observations.setdefault(cycle_id, []).append(observation)

    sections: list[TrailSection] = []
    by_cycle: dict[int, TrailSection] = {}
    for cycle in cycles:
        section = TrailSection(cycle=cycle)
        by_cycle[cycle.pk] = section
        entries = section.entries
        question = getattr(cycle, "learning_question", None)
        entries.append(
            TrailEntry(cycle.created_at, "question", question.question if question else "")
        )
        for recording in cycle.recordings.all():
            entries.append(TrailEntry(recording.created_at, "recording", recording.title))
            for fragment in recording.fragments.all():
                entries.append(
                    TrailEntry(fragment.created_at, "fragment", fragment.title, obj=recording)
                )
        for observation in observations.get(cycle.pk, []):
            entries.append(
                TrailEntry(
                    observation.created_at,
                    "observation",
                    str(observation.version),
                    observation.notes,
                    obj=observation.fragment,
                )
            )
        for item in cycle.actions.all():
            entries.append(
                TrailEntry(
                    item.created_at,
                    "action",
                    item.description,
                    item.success_criterion,
                    obj=item,
                )
            )
        for reflection in cycle.reflections.all():
            entries.append(TrailEntry(reflection.created_at, "reflection", "", reflection.body))
        sections.append(section)

    before_any = TrailSection(cycle=None)
    for visit in CoachingVisit.objects.filter(teacher=teacher).select_related("coach"):
        at = _at(visit.visited_on)
        candidates = [
            c
            for c in cycles
            if c.klub_id == visit.klub_id and timezone.localdate(c.created_at) <= visit.visited_on
        ]
        section = by_cycle[candidates[-1].pk] if candidates else before_any
        if section.cycle is not None:
            at = max(at, section.cycle.created_at)  # a visit on the first day follows the start
        section.entries.append(
            TrailEntry(at, "visit", visit.get_kind_display(), visit.reflections, obj=visit)
        )
    if before_any.entries:
        sections.insert(0, before_any)
    for section in sections:
        section.entries.sort(key=lambda entry: entry.at)
    return sections
