"""Reads of development cycles, always for a user and checked by the policy."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from django.db.models import F, Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from videoklub import policy
from videoklub.cycles.models import (
    Action,
    CoachingVisit,
    Cycle,
    Phase,
    PhaseChange,
    QuestionComment,
)
from videoklub.cycles.trail import trail_source_entries
from videoklub.organisations.models import Klub, Membership, Role
from videoklub.organisations.permissions import klub_ids, memberships

if TYPE_CHECKING:
    from django.http import HttpRequest

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


def open_cycles(teacher: User, klub: Klub) -> list[Cycle]:
    """The teacher's cycles in the klub that are not closed, newest first."""
    return list(
        _cycles().filter(teacher=teacher, klub=klub).exclude(phase=Phase.DONE).order_by("-number")
    )


def phase_changes(cycle: Cycle) -> list[PhaseChange]:
    """The cycle's phase moves, newest first, with what caused them."""
    return list(
        cycle.phase_changes.select_related(
            "by", "recording", "fragment", "action__meeting", "reflection"
        ).order_by("-created_at", "-pk")
    )


def cycles_for_filing(user: User, recording: Any) -> list[Cycle]:
    """The open cycles of the recording's owner it can be filed under: in the recording's klub
    (any of theirs when it has none), except the one it is filed under now."""
    if recording.owner_id != user.pk:
        return []
    cycles = _cycles().filter(teacher=user).exclude(phase=Phase.DONE)
    if recording.klub_id is not None:
        cycles = cycles.filter(klub_id=recording.klub_id)
    if recording.cycle_id is not None:
        cycles = cycles.exclude(pk=recording.cycle_id)
    return list(cycles.order_by("klub__name", "-number"))


def recording_page_context(request: HttpRequest, recording: Any, may_change: bool) -> dict:
    """What the recording page offers of cycles (registered with recordings.pages): its owner
    files it under one of their open cycles."""
    if not may_change:
        return {}
    cycles = cycles_for_filing(request.user, recording)  # type: ignore[arg-type]
    if not cycles:
        return {}
    return {"cycle_filing": {"template": "cycles/_file_recording.html", "cycles": cycles}}


def cycle_recordings(cycle: Cycle) -> QuerySet:
    from videoklub.recordings.models import Recording

    return Recording.objects.filter(cycle=cycle, owner_id=cycle.teacher_id).order_by("-created_at")


# --- The klub board ------------------------------------------------------------------------


@dataclass(frozen=True)
class BoardSession:
    """A klub session a cycle came up in: its actions were agreed there, or one of its
    fragments was on the agenda."""

    pk: int
    title: str
    starts_at: datetime


@dataclass
class BoardCycle:
    cycle: Cycle
    open_actions: list[Action] = field(default_factory=list)
    shared_fragments: list[Any] = field(default_factory=list)
    sessions: list[BoardSession] = field(default_factory=list)


@dataclass
class BoardRow:
    teacher: Any
    cycles: list[BoardCycle]  # the teacher's open cycles, newest first


def klub_teachers(klub: Klub) -> list[User]:
    return [
        m.user
        for m in Membership.objects.filter(klub=klub, role=Role.TEACHER)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    ]


def _board_sessions(cycle_ids: list[int]) -> dict[int, set[BoardSession]]:
    """Per cycle, the sessions where its actions were agreed or its fragments discussed.

    Meetings sit on a floor above: they are reached through the foreign keys that point at
    them (an action's session, a fragment's agenda items), never by importing the app."""
    from videoklub.recordings.models import Fragment

    sessions: dict[int, set[BoardSession]] = {}
    agreed = (
        Action.objects.filter(cycle_id__in=cycle_ids, meeting__isnull=False)
        .values_list("cycle_id", "meeting_id", "meeting__title", "meeting__starts_at")
        .distinct()
    )
    on_agenda = (
        Fragment.objects.filter(recording__cycle_id__in=cycle_ids, agenda_items__isnull=False)
        .values_list(
            "recording__cycle_id",
            "agenda_items__meeting_id",
            "agenda_items__meeting__title",
            "agenda_items__meeting__starts_at",
        )
        .distinct()
    )
    for rows in (agreed, on_agenda):
        for cycle_id, pk, title, starts_at in rows:
            sessions.setdefault(cycle_id, set()).add(BoardSession(pk, title, starts_at))
    return sessions


def klub_board(klub: Klub, viewer: User) -> list[BoardRow]:
    """One row per teacher of the klub with every open cycle (not only the newest), each with
    its open actions, its fragments shared with the viewer and its klub sessions. A constant
    number of queries, whatever the number of teachers and cycles."""
    from videoklub.sharing.selectors import fragments_shared_with_klub

    teachers = klub_teachers(klub)
    open_cycles = list(
        Cycle.objects.filter(klub=klub)
        .exclude(phase=Phase.DONE)
        .select_related("core_practice", "learning_question")
        .order_by("teacher_id", "-number")
    )
    entries = {cycle.pk: BoardCycle(cycle=cycle) for cycle in open_cycles}
    ids = list(entries)
    if ids:
        for item in Action.objects.filter(cycle_id__in=ids, status__in=OPEN_STATUSES).order_by(
            F("due_on").asc(nulls_last=True), "created_at"
        ):
            entries[item.cycle_id].open_actions.append(item)
        shared = fragments_shared_with_klub(viewer, klub).filter(recording__cycle_id__in=ids)
        for fragment in shared:
            # Filtered on the cycle above, so the recording's cycle is one of these.
            entries[fragment.recording.cycle_id].shared_fragments.append(fragment)  # type: ignore[index]
        for cycle_id, sessions in _board_sessions(ids).items():
            entries[cycle_id].sessions = sorted(sessions, key=lambda s: s.starts_at)
    by_teacher: dict[int, list[BoardCycle]] = {}
    for entry in entries.values():
        by_teacher.setdefault(entry.cycle.teacher_id, []).append(entry)
    return [BoardRow(teacher=t, cycles=by_teacher.get(t.pk, [])) for t in teachers]


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
    # Entries from other apps (trail.py): the cycle they belong to, if they know it.
    cycle_id: int | None = None


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
    for entry in trail_source_entries(teacher):
        # Without a cycle of its own, an entry goes to the cycle started last before it.
        known = by_cycle.get(entry.cycle_id) if entry.cycle_id is not None else None
        if known is None:
            started = [c for c in cycles if c.created_at <= entry.at]
            known = by_cycle[started[-1].pk] if started else before_any
        known.entries.append(entry)
    if before_any.entries:
        sections.insert(0, before_any)
    for section in sections:
        section.entries.sort(key=lambda entry: entry.at)
    return sections
