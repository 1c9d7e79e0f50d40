"""The coach's year: every klub session, class visit and cycle of the klubs a coach coaches,
month by month over a school year (September to August), with each klub's number of sessions
against the plan of three to six a year."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db.models import Count, Q
from django.utils import timezone

from videoklub.cycles.models import CoachingVisit, Cycle
from videoklub.meetings.models import Meeting
from videoklub.organisations.models import Klub, Role
from videoklub.organisations.permissions import klub_ids

if TYPE_CHECKING:
    from videoklub.accounts.models import User

# The projects plan three to six klub sessions a year.
SESSIONS_PLANNED = (3, 6)


@dataclass
class Entry:
    day: date
    kind: str  # "session", "visit", "cycle_started", "cycle_closed"
    obj: object


@dataclass
class Month:
    first: date
    entries: list[Entry] = field(default_factory=list)


@dataclass
class KlubPlan:
    klub: Klub
    held: int
    planned: int

    @property
    def total(self) -> int:
        return self.held + self.planned

    @property
    def status(self) -> str:
        low, high = SESSIONS_PLANNED
        return "low" if self.total < low else "high" if self.total > high else "ok"


@dataclass
class Year:
    start: int  # the school year 2026-2027 has start 2026
    months: list[Month]
    klubs: list[KlubPlan]

    @property
    def label(self) -> str:
        return f"{self.start}-{self.start + 1}"


def current_school_year(today: date | None = None) -> int:
    today = today or timezone.localdate()
    return today.year if today.month >= 9 else today.year - 1


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day))


def coach_year(user: User, start: int) -> Year:
    """Seven queries, whatever the number of klubs, sessions, visits or cycles."""
    first, last = date(start, 9, 1), date(start + 1, 9, 1)
    klubs = sorted(klub_ids(user, Role.COACH))
    months = [Month(date(start + (m < 9), m, 1)) for m in [*range(9, 13), *range(1, 9)]]
    by_month = {(m.first.year, m.first.month): m for m in months}

    def add(day: date, kind: str, obj: object) -> None:
        by_month[(day.year, day.month)].entries.append(Entry(day, kind, obj))

    for meeting in Meeting.objects.filter(
        klub_id__in=klubs, starts_at__gte=_aware(first), starts_at__lt=_aware(last)
    ).select_related("klub"):
        add(timezone.localtime(meeting.starts_at).date(), "session", meeting)
    for visit in CoachingVisit.objects.filter(
        klub_id__in=klubs, coach=user, visited_on__gte=first, visited_on__lt=last
    ).select_related("teacher", "klub"):
        add(visit.visited_on, "visit", visit)
    cycles = Cycle.objects.filter(klub_id__in=klubs).select_related("teacher", "klub")
    for cycle in cycles.filter(created_at__gte=_aware(first), created_at__lt=_aware(last)):
        add(timezone.localtime(cycle.created_at).date(), "cycle_started", cycle)
    for cycle in cycles.filter(finished_at__gte=_aware(first), finished_at__lt=_aware(last)):
        assert cycle.finished_at is not None
        add(timezone.localtime(cycle.finished_at).date(), "cycle_closed", cycle)
    for month in months:
        month.entries.sort(key=lambda entry: (entry.day, entry.kind))

    in_year = Q(meetings__starts_at__gte=_aware(first), meetings__starts_at__lt=_aware(last))
    plans = [
        KlubPlan(klub, klub.held, klub.planned)
        for klub in Klub.objects.filter(pk__in=klubs)
        .select_related("school")
        .annotate(
            held=Count("meetings", filter=in_year & Q(meetings__status=Meeting.Status.HELD)),
            planned=Count(
                "meetings",
                filter=in_year
                & Q(meetings__status__in=[Meeting.Status.PLANNED, Meeting.Status.RUNNING]),
            ),
        )
        .order_by("name")
    ]
    return Year(start, months, plans)
