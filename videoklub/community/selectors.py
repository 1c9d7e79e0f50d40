"""Reads of the learning community, always for a user and checked by the policy; counts for
monitoring."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from videoklub import policy
from videoklub.community.models import (
    Attendance,
    Event,
    EventMaterial,
    LearningLogEntry,
    Registration,
)
from videoklub.community.permissions import community_programme_ids, programme_ids_coached
from videoklub.organisations.models import Membership, Programme, Role

if TYPE_CHECKING:
    from videoklub.accounts.models import User

# The usual coaches' year: three start days, six sessions, intervision rounds (the projects
# counted some 33 intervision moments; a round per term is the plan we show).
USUAL_YEAR = {
    Event.Kind.START_DAY: 3,
    Event.Kind.LC_SESSION: 6,
    Event.Kind.INTERVISION: 3,
    Event.Kind.STUDY_DAY: 0,
}


def programmes_for_user(user: User) -> QuerySet[Programme]:
    return Programme.objects.filter(pk__in=community_programme_ids(user)).order_by("name")


def programme_get_for_user(user: User, pk: int, *, action: str = "view_community") -> Programme:
    programme = get_object_or_404(Programme, pk=pk)
    policy.authorize(user, action, programme, hide_as="view_community")
    return programme


def _with_counts(events: QuerySet[Event], user: User) -> QuerySet[Event]:
    """Each event with its registrations, attendance present, and whether `user` registered:
    one query, however many events."""
    mine = Registration.objects.filter(event=OuterRef("pk"), user_id=user.pk)
    return events.select_related("programme", "wave").annotate(
        registered_count=Count("registrations", distinct=True),
        present_count=Count(
            "attendances",
            filter=Q(attendances__status=Attendance.Status.PRESENT),
            distinct=True,
        ),
        is_registered=Exists(mine),
    )


def events_of_programme(programme: Programme, user: User) -> list[Event]:
    return list(_with_counts(Event.objects.filter(programme=programme), user))


def upcoming_events_for_user(user: User) -> list[Event]:
    """Events still to come in the user's communities, soonest first."""
    today = timezone.localdate()
    events = Event.objects.filter(
        programme_id__in=community_programme_ids(user), date__gte=today
    ).order_by("date", "start_time", "pk")
    return list(_with_counts(events, user))


def my_events(user: User) -> QuerySet[Event]:
    """The events the coach registered for (for the calendar feed)."""
    return Event.objects.filter(
        registrations__user=user, programme_id__in=programme_ids_coached(user)
    ).order_by("date", "start_time")


@dataclass
class YearPlan:
    months: OrderedDict[date, list[Event]]
    counts: list[dict[str, Any]]  # per kind: label, planned, usual, missing


def year_plan(programme: Programme, user: User) -> YearPlan:
    """The programme's events by month, and per kind what is planned against the usual year."""
    events = events_of_programme(programme, user)
    months: OrderedDict[date, list[Event]] = OrderedDict()
    for event in events:
        months.setdefault(event.date.replace(day=1), []).append(event)
    planned = Count("pk")
    by_kind = dict(
        Event.objects.filter(programme=programme, cancelled_at__isnull=True)
        .values_list("kind")
        .annotate(planned)
        .values_list("kind", "pk__count")
    )
    counts = [
        {
            "kind": kind,
            "label": kind.label,
            "planned": by_kind.get(kind.value, 0),
            "usual": USUAL_YEAR[kind],
            "missing": max(0, USUAL_YEAR[kind] - by_kind.get(kind.value, 0)),
        }
        for kind in Event.Kind
    ]
    return YearPlan(months=months, counts=counts)


def event_get_for_user(user: User, pk: int, *, action: str = "view_community") -> Event:
    event = get_object_or_404(Event.objects.select_related("programme", "wave"), pk=pk)
    policy.authorize(user, action, event, hide_as="view_community")
    return event


def event_materials(event: Event) -> list[EventMaterial]:
    return list(
        event.materials.select_related("page", "practice_example").order_by("added_at", "pk")
    )


def material_get_for_user(user: User, pk: int, *, action: str = "view_community") -> EventMaterial:
    material = get_object_or_404(EventMaterial.objects.select_related("event__programme"), pk=pk)
    policy.authorize(user, action, material.event, hide_as="view_community")
    return material


def is_registered(event: Event, user: User) -> bool:
    return Registration.objects.filter(event=event, user=user).exists()


@dataclass
class AttendanceRow:
    user: User
    school: str
    registered: bool
    status: str


def attendance_list(event: Event) -> list[AttendanceRow]:
    """The programme's coaches (and anyone registered), registered ones first, with the
    attendance recorded so far. Three queries."""
    from videoklub.accounts.models import User

    coach_rows = Membership.objects.filter(
        role=Role.COACH, klub__programme_id=event.programme_id
    ).values_list("user_id", "klub__school__name")
    schools: dict[int, set[str]] = {}
    for user_id, school in coach_rows:
        schools.setdefault(user_id, set()).add(school)
    registered = set(event.registrations.values_list("user_id", flat=True))
    statuses = dict(event.attendances.values_list("user_id", "status"))
    users = User.objects.filter(pk__in=set(schools) | registered).order_by("full_name", "pk")
    rows = [
        AttendanceRow(
            user=u,
            school=", ".join(sorted(schools.get(u.pk, set()))),
            registered=u.pk in registered,
            status=statuses.get(u.pk, ""),
        )
        for u in users
    ]
    rows.sort(key=lambda r: (not r.registered, r.user.full_name.lower()))
    return rows


@dataclass
class DirectoryRow:
    user: User
    schools: list[str]
    log_entries: int | None  # staff only: how many learning-log entries, never what


def coach_directory(programme: Programme, *, with_log_counts: bool) -> list[DirectoryRow]:
    """The programme's coaches with the school(s) they coach at: their names and schools, not
    their klubs. Two queries (one more with the log counts)."""
    from videoklub.accounts.models import User

    rows = (
        Membership.objects.filter(role=Role.COACH, klub__programme=programme)
        .values_list("user_id", "klub__school__name")
        .order_by()
    )
    schools: dict[int, set[str]] = {}
    for user_id, school in rows:
        schools.setdefault(user_id, set()).add(school)
    users = User.objects.filter(pk__in=schools, is_active=True).order_by("full_name", "pk")
    counts: dict[int, int] = {}
    if with_log_counts:
        counts = dict(
            LearningLogEntry.objects.filter(programme=programme)
            .values_list("user_id")
            .annotate(n=Count("pk"))
            .values_list("user_id", "n")
        )
    return [
        DirectoryRow(
            user=u,
            schools=sorted(schools[u.pk]),
            log_entries=counts.get(u.pk, 0) if with_log_counts else None,
        )
        for u in users
    ]


def log_entries(user: User, programme: Programme) -> QuerySet[LearningLogEntry]:
    """The coach's own entries, never anyone else's."""
    return (
        LearningLogEntry.objects.filter(user=user, programme=programme)
        .select_related("event")
        .order_by("-date", "-pk")
    )


def log_entry_get_for_user(user: User, pk: int) -> LearningLogEntry:
    entry = get_object_or_404(LearningLogEntry.objects.select_related("programme"), pk=pk)
    policy.authorize(user, "edit_learning_log_entry", entry, hide_as="edit_learning_log_entry")
    return entry


def events_for_log(programme: Programme) -> QuerySet[Event]:
    """Events a log entry may point to: the programme's, not cancelled, already started."""
    return Event.objects.filter(
        programme=programme, cancelled_at__isnull=True, date__lte=timezone.localdate()
    ).order_by("-date", "-start_time")


def sessions_held(programme: Programme) -> list[dict[str, Any]]:
    """For monitoring: the held events (date passed and attendance taken, not cancelled) with
    date, kind and the number present. One query."""
    return list(
        Event.objects.filter(
            programme=programme,
            cancelled_at__isnull=True,
            attendance_taken_at__isnull=False,
            date__lte=timezone.localdate(),
        )
        .annotate(
            present=Count("attendances", filter=Q(attendances__status=Attendance.Status.PRESENT))
        )
        .order_by("date", "start_time", "pk")
        .values("pk", "date", "kind", "title", "present")
    )


def knowledge_choices(user: User) -> dict[str, list[tuple[str, str]]]:
    """The knowledge-base items the staff member can see, for the materials' list: dossiers,
    clips, courses (Wagtail pages, as `page-<id>`) and practice examples (`practice-<id>`)."""
    from videoklub.courses.selectors import readable_courses
    from videoklub.knowledge.selectors import dossiers_for_user, videos_for_user
    from videoklub.practice.selectors import examples_for_user

    if not policy.can(user, "view_knowledge"):
        return {}
    return {
        "dossiers": [(f"page-{p.pk}", p.title) for p in dossiers_for_user(user)],
        "clips": [(f"page-{p.pk}", p.title) for p in videos_for_user(user)],
        "courses": [(f"page-{p.pk}", p.title) for p in readable_courses(user).order_by("title")],
        "practice": [(f"practice-{p.pk}", p.title) for p in examples_for_user(user)],
    }
