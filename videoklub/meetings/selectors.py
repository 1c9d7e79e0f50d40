"""Reads of klub sessions, always for a user and checked by the policy."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from videoklub import policy
from videoklub.audit.services import audit_view
from videoklub.core.timecode import timecode
from videoklub.cycles.models import Action, Cycle, Phase
from videoklub.cycles.portfolio import SessionNote
from videoklub.meetings.models import AgendaItem, Attendance, Meeting, TeacherNote, WorkForm
from videoklub.meetings.services import KLUB_WIDE_AUDIENCES
from videoklub.observations.models import Annotation
from videoklub.organisations.models import Klub, Membership, Role
from videoklub.recordings.models import Fragment
from videoklub.sharing.models import Share

if TYPE_CHECKING:
    from videoklub.accounts.models import User


def klub_get_for_meetings(user: User, pk: int, *, action: str = "view_meetings") -> Klub:
    """A klub whose sessions the user may see (404 otherwise) and act on (403 otherwise)."""
    klub = get_object_or_404(Klub.objects.select_related("school"), pk=pk)
    policy.authorize(user, action, klub, hide_as="view_meetings")
    return klub


def meetings_for_klub(user: User, klub: Klub) -> QuerySet[Meeting]:
    """The klub's sessions, latest first, with their work form and agenda size."""
    policy.authorize(user, "view_meetings", klub, hide_as="view_meetings")
    return (
        Meeting.objects.filter(klub=klub)
        .select_related("klub", "work_form")
        .annotate(agenda_count=Count("agenda"))
        .order_by("-starts_at")
    )


def split_upcoming(meetings: QuerySet[Meeting]) -> tuple[list[Meeting], list[Meeting]]:
    """(upcoming soonest first, past latest first): one query."""
    now = timezone.now()
    upcoming: list[Meeting] = []
    past: list[Meeting] = []
    for meeting in meetings:
        (upcoming if meeting.ends_at >= now else past).append(meeting)
    upcoming.reverse()
    return upcoming, past


def meeting_get_for_user(user: User, pk: int, *, action: str = "view_meetings") -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("klub__school", "work_form"), pk=pk)
    policy.authorize(user, action, meeting.klub, hide_as="view_meetings")
    return meeting


def agenda_item_get(meeting: Meeting, pk: int) -> AgendaItem:
    """An item of a meeting the caller already fetched for the user."""
    return get_object_or_404(AgendaItem, meeting=meeting, pk=pk)


def still_shared_agenda() -> QuerySet[AgendaItem]:
    """Agenda items whose fragment is still shared with the meeting's klub.

    A fragment goes on the agenda while it is shared with the klub; if its teacher withdraws
    the share (or it runs out) it vanishes from the agenda, session mode and calendar files at
    once, with its title and annotations: the item stays, so sharing again brings it back.
    """
    shared = Share.objects.active().filter(
        fragment_id=OuterRef("fragment_id"),
        klub_id=OuterRef("meeting__klub_id"),
        audience__in=KLUB_WIDE_AUDIENCES,
    )
    return AgendaItem.objects.filter(Exists(shared))


def meeting_agenda(meeting: Meeting) -> tuple[list[AgendaItem], int]:
    """The agenda the klub may see, and how many items are hidden (their share was withdrawn)."""
    items: list[AgendaItem] = list(
        still_shared_agenda()
        .filter(meeting=meeting)
        .select_related("fragment__recording__owner")
        .order_by("order", "pk")
    )
    for item in items:
        item.duration_clock = timecode(item.fragment.duration)  # type: ignore[attr-defined]
    hidden = meeting.agenda.count() - len(items)
    return items, hidden


def _active_klub_shares(meeting: Meeting) -> QuerySet[Share]:
    return Share.objects.active().filter(
        fragment_id=OuterRef("pk"), klub_id=meeting.klub_id, audience__in=KLUB_WIDE_AUDIENCES
    )


def shareable_fragments_for_meeting(meeting: Meeting) -> QuerySet[Fragment]:
    """Fragments actively shared with the meeting's klub and not on its agenda yet."""
    return (
        Fragment.objects.filter(Exists(_active_klub_shares(meeting)))
        .exclude(agenda_items__meeting=meeting)
        .select_related("recording__owner")
        .order_by("recording__owner__full_name", "-created_at")
    )


def fragment_for_agenda(pk: int | None) -> Fragment | None:
    """The fragment a coach picked, for `agenda_add` to judge; None when it does not exist."""
    if pk is None:
        return None
    return (
        Fragment.objects.select_related("recording__owner")
        .prefetch_related("shares")
        .filter(pk=pk)
        .first()
    )


def session_mode_data(meeting: Meeting) -> list[AgendaItem]:
    """The agenda with fragments, recordings, owners and every fragment's annotations (top
    level, with author and indicator) and their replies: four queries, however long."""
    replies = Prefetch(
        "replies",
        queryset=Annotation.objects.select_related("author").order_by("created_at"),
    )
    annotations = Prefetch(
        "fragment__annotations",
        queryset=Annotation.objects.filter(parent__isnull=True)
        .select_related("author", "indicator")
        .prefetch_related(replies)
        .order_by("at_seconds", "created_at"),
        to_attr="session_annotations",
    )
    items: list[AgendaItem] = list(
        still_shared_agenda()
        .filter(meeting=meeting)
        .select_related("fragment__recording__owner")
        .prefetch_related(annotations)
        .order_by("order", "pk")
    )
    for item in items:
        item.planned_clock = timecode(item.minutes * 60)  # type: ignore[attr-defined]
        for annotation in item.fragment.session_annotations:  # type: ignore[attr-defined]
            # The session plays the cut fragment file, whose time starts at the fragment's start;
            # the annotation still reads in lesson time, as in the workspace.
            offset = max(0.0, annotation.at_seconds - item.fragment.start)
            annotation.seek_seconds = f"{offset:.2f}"
            annotation.clock = timecode(annotation.at_seconds)
    return items


def _current_item(items: list[AgendaItem], item_pk: str | int | None) -> int | None:
    """Index of the requested agenda item; the first one when none (or an unknown one)."""
    if not items:
        return None
    for index, item in enumerate(items):
        if str(item.pk) == str(item_pk):
            return index
    return 0


def session_mode_for_viewing(
    user: User, meeting: Meeting, item_pk: str | int | None
) -> tuple[list[AgendaItem], int | None]:
    """Session mode's agenda (`session_mode_data`) and the index of the item shown (the
    requested one, else the first; None for an empty agenda). Showing it is logged as a view
    of its fragment (once an hour) in the owner's audit log."""
    items = session_mode_data(meeting)
    index = _current_item(items, item_pk)
    if index is not None:
        audit_view(actor=user, item=items[index].fragment, page="session")
    return items, index


def klub_members(meeting: Meeting) -> list[Membership]:
    """Teachers and coaches of the meeting's klub, each user once, coaches first."""
    seen: set[int] = set()
    members = []
    for membership in (
        Membership.objects.filter(klub_id=meeting.klub_id, role__in=[Role.COACH, Role.TEACHER])
        .select_related("user")
        .order_by("role", "user__full_name")
    ):
        if membership.user_id not in seen:
            seen.add(membership.user_id)
            members.append(membership)
    return members


def present_user_ids(meeting: Meeting) -> set[int]:
    return set(
        Attendance.objects.filter(meeting=meeting, present=True).values_list("user_id", flat=True)
    )


@dataclass
class TeacherPanel:
    teacher: User
    has_open_cycle: bool
    notes: list[TeacherNote] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)


def session_teacher_panels(
    meeting: Meeting, *, only_teacher_id: int | None = None
) -> tuple[list[TeacherPanel], bool]:
    """A panel per present teacher (all teachers while attendance is not recorded) with the
    notes and actions of this session; the flag says whether attendance was recorded."""
    teachers = [
        m.user
        for m in Membership.objects.filter(klub_id=meeting.klub_id, role=Role.TEACHER)
        .select_related("user")
        .order_by("user__full_name")
    ]
    attendance = {a.user_id: a.present for a in Attendance.objects.filter(meeting=meeting)}
    recorded = bool(attendance)
    if recorded:
        teachers = [t for t in teachers if attendance.get(t.pk)]
    if only_teacher_id is not None:
        teachers = [t for t in teachers if t.pk == only_teacher_id]
    ids = [t.pk for t in teachers]
    open_cycles = set(
        Cycle.objects.filter(klub_id=meeting.klub_id, teacher_id__in=ids)
        .exclude(phase=Phase.DONE)
        .values_list("teacher_id", flat=True)
    )
    panels = {t.pk: TeacherPanel(teacher=t, has_open_cycle=t.pk in open_cycles) for t in teachers}
    for note in TeacherNote.objects.filter(meeting=meeting, teacher_id__in=ids).select_related(
        "author"
    ):
        panels[note.teacher_id].notes.append(note)
    for action in (
        Action.objects.filter(meeting=meeting, cycle__teacher_id__in=ids)
        .select_related("cycle")
        .order_by("created_at")
    ):
        panels[action.cycle.teacher_id].actions.append(action)
    return list(panels.values()), recorded


def meeting_outcomes(meeting: Meeting, user: User) -> tuple[list[TeacherNote], list[Action]]:
    """Notes and agreed actions of a session: all of them for the coach, a teacher's own
    for a teacher (notes about colleagues are not theirs to read)."""
    notes = TeacherNote.objects.filter(meeting=meeting).select_related("teacher", "author")
    actions = Action.objects.filter(meeting=meeting).select_related("cycle__teacher")
    if not policy.can(user, "manage_meetings", meeting.klub):
        notes = notes.filter(teacher=user)
        actions = actions.filter(cycle__teacher=user)
    return list(notes), list(actions.order_by("created_at"))


def work_forms() -> QuerySet[WorkForm]:
    return WorkForm.objects.order_by("order", "name")


def work_form_get(code: str) -> WorkForm:
    return get_object_or_404(WorkForm, code=code)


def _calendar_agenda() -> Prefetch:
    return Prefetch("agenda", queryset=still_shared_agenda().select_related("fragment"))


def meeting_for_calendar(user: User, pk: int) -> Meeting:
    meeting = get_object_or_404(
        Meeting.objects.select_related("klub", "work_form").prefetch_related(_calendar_agenda()),
        pk=pk,
    )
    policy.authorize(user, "view_meetings", meeting.klub, hide_as="view_meetings")
    return meeting


def klub_meetings_for_calendar(user: User, klub: Klub) -> list[Meeting]:
    """Every session of the klub with what the calendar description needs."""
    return list(meetings_for_klub(user, klub).prefetch_related(_calendar_agenda()))


def session_notes_about(teacher: User) -> list[SessionNote]:
    """The notes klub sessions kept about this teacher, for their learning trail's PDF
    (registered with cycles.portfolio): only notes about them, never a colleague's."""
    return [
        SessionNote(
            meeting_id=note.meeting_id,
            klub_id=note.meeting.klub_id,
            meeting_title=note.meeting.title,
            starts_at=note.meeting.starts_at,
            author=(note.author.full_name or note.author.email) if note.author else "",
            body=note.body,
        )
        for note in TeacherNote.objects.filter(teacher=teacher)
        .select_related("meeting", "author")
        .order_by("created_at", "pk")
    ]
