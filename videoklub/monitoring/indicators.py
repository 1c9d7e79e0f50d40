"""Every indicator computed from what happened in the app, for any date, school and wave.

Each indicator is gathered once as a list of dated events, each naming the thing counted (a
teacher, a session, a pupil) and where it happened (the klub's school and wave). A figure is then
the number of distinct things among the events up to a date, in a scope: so the value at each
milestone, per wave and per school all come from one pass over the data, in a fixed number of
queries whatever the size of the programme (fourteen, tested).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING

from django.db.models import Min
from django.utils import timezone

from videoklub.community.models import Attendance as CommunityAttendance
from videoklub.community.models import Event as CommunityEvent
from videoklub.consent.models import Pupil
from videoklub.courses.models import Enrolment
from videoklub.cycles.models import CoachingVisit, Cycle, Phase
from videoklub.intervision.models import Presence as IntervisionPresence
from videoklub.knowledge.models import VideoPage
from videoklub.meetings.models import Attendance, Meeting
from videoklub.monitoring.catalogue import CATALOGUE, INFO
from videoklub.organisations.models import Klub, Membership, Role
from videoklub.practice.models import PracticeExample
from videoklub.recordings.models import Recording

if TYPE_CHECKING:
    from videoklub.organisations.models import Programme


@dataclass(frozen=True)
class Event:
    on: date
    key: Hashable  # what is counted: distinct keys make the figure
    school_id: int | None = None  # None: belongs to the programme as a whole
    wave_id: int | None = None


@dataclass(frozen=True)
class Scope:
    """Which part of the programme a figure covers: all of it, one school or one wave."""

    school_id: int | None = None
    wave_id: int | None = None

    def covers(self, event: Event) -> bool:
        if self.school_id is not None and event.school_id != self.school_id:
            return False
        return self.wave_id is None or event.wave_id == self.wave_id


WHOLE = Scope()


def _day(moment: datetime | date, zone: tzinfo) -> date:
    # The zone is looked up once per Collected: `timezone.localdate` looks it up per call
    # through a thread-local, which was most of the time spent on 12,000 events.
    if isinstance(moment, datetime):
        return moment.astimezone(zone).date()
    return moment


class Collected:
    """The events of every indicator of one programme (see the module's docstring)."""

    def __init__(self, programme: Programme) -> None:
        self.programme = programme
        self.zone = timezone.get_current_timezone()
        self.klubs = {
            pk: (school_id, wave_id)
            for pk, school_id, wave_id in Klub.objects.filter(programme=programme).values_list(
                "pk", "school_id", "wave_id"
            )
        }
        self.school_ids = sorted({school for school, _wave in self.klubs.values()})
        self._cache: dict[str, list] = {}  # rows two indicators share, read once
        # Per indicator and scope: each counted thing with the first day it happened.
        self._first: dict[tuple[str, Scope], tuple[dict[Hashable, date], list[date]]] = {}
        self.events: dict[str, list[Event]] = {}
        for info in CATALOGUE:
            if not info.percent:
                self.events[info.key] = list(getattr(self, f"_{info.key}")())
        self.events["teachers_completed"] = list(self._teachers_completed())

    def first_days(self, key: str, scope: Scope) -> tuple[dict[Hashable, date], list[date]]:
        """Each thing counted in `scope` with the first day it happened, and those days sorted:
        a figure up to any date is then a binary search, not a pass over every event (a report
        asks for each indicator now, per wave and at each milestone)."""
        if (key, scope) not in self._first:
            first: dict[Hashable, date] = {}
            for event in self.events[key]:
                if scope.covers(event):
                    known = first.get(event.key)
                    if known is None or event.on < known:
                        first[event.key] = event.on
            self._first[(key, scope)] = (first, sorted(first.values()))
        return self._first[(key, scope)]

    def teacher_ids(self) -> set[int]:
        return {user_id for user_id, _klub, _since in self._memberships(Role.TEACHER)}

    def _at(self, on: datetime | date | None, key: Hashable, klub_id: int) -> Event:
        # `on` is never None here: each query excludes rows without their date.
        assert on is not None
        school_id, wave_id = self.klubs[klub_id]
        return Event(_day(on, self.zone), key, school_id, wave_id)

    def _memberships(self, role: str) -> list[tuple[int, int, datetime]]:
        if role not in self._cache:
            self._cache[role] = list(
                Membership.objects.filter(role=role, klub__in=list(self.klubs)).values_list(
                    "user_id", "klub_id", "created_at"
                )
            )
        return self._cache[role]

    def _coaches_trained(self) -> Iterable[Event]:
        for user_id, klub_id, since in self._memberships(Role.COACH):
            yield self._at(since, user_id, klub_id)

    def _teachers_coached(self) -> Iterable[Event]:
        teachers = {(u, k) for u, k, _since in self._memberships(Role.TEACHER)}
        present = Attendance.objects.filter(
            present=True, meeting__status=Meeting.Status.HELD, meeting__klub__in=list(self.klubs)
        ).values_list("user_id", "meeting__klub_id", "meeting__starts_at")
        for user_id, klub_id, on in present:
            if (user_id, klub_id) in teachers:  # the coach and guests are present too
                yield self._at(on, user_id, klub_id)
        for _pk, teacher_id, klub_id, visited_on in self._visits():
            yield self._at(visited_on, teacher_id, klub_id)

    def _klub_sessions(self) -> Iterable[Event]:
        held = Meeting.objects.filter(
            status=Meeting.Status.HELD, klub__in=list(self.klubs)
        ).values_list("pk", "klub_id", "starts_at")
        for pk, klub_id, on in held:
            yield self._at(on, ("session", pk), klub_id)

    def _coach_klubs(self) -> dict[int, list[int]]:
        klubs: dict[int, list[int]] = {}
        for user_id, klub_id, _since in self._memberships(Role.COACH):
            klubs.setdefault(user_id, []).append(klub_id)
        return klubs

    def _community_sessions(self) -> Iterable[Event]:
        # Intervision rounds are counted as intervision moments, from the sessions themselves.
        present = CommunityAttendance.objects.filter(
            event__programme=self.programme,
            event__cancelled_at__isnull=True,
            event__attendance_taken_at__isnull=False,
            status=CommunityAttendance.Status.PRESENT,
        ).exclude(event__kind=CommunityEvent.Kind.INTERVISION)
        coach_klubs = self._coach_klubs()
        for event_id, user_id, on in present.values_list("event_id", "user_id", "event__date"):
            for klub_id in coach_klubs.get(user_id, ()):
                yield self._at(on, ("community", event_id), klub_id)

    def _intervision_moments(self) -> Iterable[Event]:
        present = IntervisionPresence.objects.filter(
            session__case__group__round__programme=self.programme
        ).values_list("session_id", "user_id", "session__held_on")
        coach_klubs = self._coach_klubs()
        for session_id, user_id, on in present:
            for klub_id in coach_klubs.get(user_id, ()):
                yield self._at(on, ("intervision", session_id), klub_id)

    def _coaching_visits(self) -> Iterable[Event]:
        for pk, _teacher, klub_id, on in self._visits():
            yield self._at(on, ("visit", pk), klub_id)

    def _visits(self) -> list[tuple[int, int, int, date]]:
        if "visits" not in self._cache:
            self._cache["visits"] = list(
                CoachingVisit.objects.filter(klub__in=list(self.klubs)).values_list(
                    "pk", "teacher_id", "klub_id", "visited_on"
                )
            )
        return self._cache["visits"]

    def _completed_cycles(self) -> list[tuple[int, int, int, datetime]]:
        if "cycles" not in self._cache:
            self._cache["cycles"] = list(
                Cycle.objects.filter(
                    klub__in=list(self.klubs),
                    phase=Phase.DONE,
                    abandoned=False,
                    finished_at__isnull=False,
                ).values_list("pk", "teacher_id", "klub_id", "finished_at")
            )
        return self._cache["cycles"]

    def _cycles_completed(self) -> Iterable[Event]:
        for pk, _teacher, klub_id, on in self._completed_cycles():
            yield self._at(on, ("cycle", pk), klub_id)

    def _teachers_completed(self) -> Iterable[Event]:
        for _pk, teacher_id, klub_id, on in self._completed_cycles():
            yield self._at(on, teacher_id, klub_id)

    def _practice_examples(self) -> Iterable[Event]:
        published = PracticeExample.objects.filter(
            status=PracticeExample.Status.PUBLISHED,
            fragment__recording__klub__in=list(self.klubs),
            reviewed_at__isnull=False,
        ).values_list("pk", "fragment__recording__klub_id", "reviewed_at")
        for pk, klub_id, on in published:
            yield self._at(on, ("example", pk), klub_id)

    def _knowledge_clips(self) -> Iterable[Event]:
        clips = VideoPage.objects.live().filter(kind=VideoPage.Kind.CLIP)
        for pk, on in clips.values_list("pk", "first_published_at"):
            if on is not None:
                yield Event(_day(on, self.zone), ("clip", pk))

    def _course_completions(self) -> Iterable[Event]:
        klubs_of: dict[int, list[int]] = {}
        for user_id, klub_id, _since in self._memberships(Role.TEACHER):
            klubs_of.setdefault(user_id, []).append(klub_id)
        completed = Enrolment.objects.filter(
            user_id__in=list(klubs_of), completed_at__isnull=False
        ).values_list("pk", "user_id", "completed_at")
        for pk, user_id, on in completed:
            for klub_id in klubs_of[user_id]:  # one completion, counted for each of their klubs
                yield self._at(on, ("enrolment", pk), klub_id)

    def _pupils_reached(self) -> Iterable[Event]:
        first_filmed = (
            Recording.objects.filter(klub__in=list(self.klubs), class_group__isnull=False)
            .values("class_group_id", "klub_id")
            .annotate(first=Min("created_at"))
        )
        groups: dict[int, list[tuple[int, datetime]]] = {}
        for row in first_filmed:
            groups.setdefault(row["class_group_id"], []).append((row["klub_id"], row["first"]))
        pupils = Pupil.objects.filter(class_group_id__in=list(groups)).values_list(
            "pk", "class_group_id"
        )
        for pupil_id, group_id in pupils:
            for klub_id, on in groups[group_id]:
                yield self._at(on, pupil_id, klub_id)


def keys(collected: Collected, key: str, *, until: date | None, scope: Scope) -> set:
    first, _days = collected.first_days(key, scope)
    return {k for k, day in first.items() if until is None or day <= until}


def count(collected: Collected, key: str, *, until: date | None, scope: Scope) -> int:
    _first, days = collected.first_days(key, scope)
    return len(days) if until is None else bisect_right(days, until)


def value(
    collected: Collected, key: str, *, until: date | None = None, scope: Scope = WHOLE
) -> float | None:
    """The indicator `key` up to `until` (inclusive) in `scope`; None where it has no meaning
    (a share of nobody, kennisbank content for one school)."""
    info = INFO[key]
    if info.programme_wide and scope != WHOLE:
        return None
    if info.percent:
        coached = keys(collected, "teachers_coached", until=until, scope=scope)
        if not coached:
            return None
        done = coached & keys(collected, "teachers_completed", until=until, scope=scope)
        return round(100 * len(done) / len(coached), 1)
    return count(collected, key, until=until, scope=scope)
