"""Writes for klub sessions: scheduling, the agenda, attendance, notes and agreed actions."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from videoklub.cycles.models import Action, Cycle, Phase
from videoklub.cycles.services import action_create
from videoklub.meetings import ical
from videoklub.meetings.models import AgendaItem, Attendance, Meeting, TeacherNote, WorkForm
from videoklub.notifications.models import Kind
from videoklub.notifications.services import notify
from videoklub.organisations.models import Membership, Role
from videoklub.sharing.models import Audience

if TYPE_CHECKING:
    from collections.abc import Iterable

    from videoklub.accounts.models import User
    from videoklub.organisations.models import Klub
    from videoklub.recordings.models import Fragment

# Audiences that include the whole klub (a share with the coach only does not).
KLUB_WIDE_AUDIENCES = {Audience.KLUB, Audience.SCHOOL, Audience.PROGRAMME, Audience.FESTIVAL}


def _check_times(*, starts_at: datetime, ends_at: datetime) -> None:
    if starts_at and ends_at and ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The session must end after it starts.")})


@transaction.atomic
def meeting_create(
    *,
    klub: Klub,
    created_by: User,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    place: str = "",
    work_form: WorkForm | None = None,
) -> Meeting:
    """Plan a klub session. Its calendar UID is fixed now and kept across edits."""
    _check_times(starts_at=starts_at, ends_at=ends_at)
    meeting = Meeting(
        klub=klub,
        created_by=created_by,
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        place=place.strip(),
        work_form=work_form,
        ical_uid=f"{uuid.uuid4()}@videoklub",
    )
    meeting.full_clean()
    meeting.save()
    _tell_klub(meeting, by=created_by, kind=Kind.SESSION_PLANNED)
    return meeting


def _tell_klub(meeting: Meeting, *, by: User | None, kind: str) -> None:
    """The klub's teachers and coach hear of a planned or changed session, with its calendar
    entry (without the agenda's fragment titles) for their own calendar."""
    calendar = ical.calendar_bytes(
        [meeting],
        url_for=lambda m: settings.SITE_URL + reverse("meetings:detail", args=[m.pk]),
        name=meeting.klub.name,
        with_agenda=False,
    )
    notify(
        recipients=_klub_member_ids(meeting.klub_id, Role.TEACHER, Role.COACH),
        kind=kind,
        actor=by,
        url=reverse("meetings:detail", args=[meeting.pk]),
        context={
            "klub": meeting.klub.name,
            "date": timezone.localtime(meeting.starts_at).date().isoformat(),
        },
        calendar=calendar.decode(),
    )


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    place: str = "",
    work_form: WorkForm | None = None,
    by: User | None = None,
) -> Meeting:
    """Change a session's title, time, place or work form (the calendar UID stays)."""
    _check_times(starts_at=starts_at, ends_at=ends_at)
    meeting.title = title.strip()
    meeting.starts_at = starts_at
    meeting.ends_at = ends_at
    meeting.place = place.strip()
    meeting.work_form = work_form
    meeting.full_clean()
    meeting.save(update_fields=["title", "starts_at", "ends_at", "place", "work_form"])
    _tell_klub(meeting, by=by, kind=Kind.SESSION_CHANGED)
    return meeting


def _set_status(*, meeting: Meeting, status: str, allowed_from: set[str], message) -> Meeting:
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.status == status:
        meeting.status = status
        return meeting  # pressing the button twice changes nothing
    if locked.status not in allowed_from:
        raise ValidationError(message)
    meeting.status = status
    meeting.save(update_fields=["status"])
    return meeting


@transaction.atomic
def meeting_start(*, meeting: Meeting) -> Meeting:
    """The session begins (session mode shows it as running)."""
    return _set_status(
        meeting=meeting,
        status=Meeting.Status.RUNNING,
        allowed_from={Meeting.Status.PLANNED, Meeting.Status.HELD},
        message=_("A cancelled session cannot be started."),
    )


@transaction.atomic
def meeting_finish(*, meeting: Meeting) -> Meeting:
    """The session has been held."""
    return _set_status(
        meeting=meeting,
        status=Meeting.Status.HELD,
        allowed_from={Meeting.Status.PLANNED, Meeting.Status.RUNNING},
        message=_("A cancelled session cannot be finished."),
    )


# --- Agenda ------------------------------------------------------------------------------------


def _refuse_unshared(*, meeting: Meeting, fragment: Fragment) -> None:
    """Raise a ValidationError that says why the klub may not discuss this fragment."""
    now = timezone.now()
    shares = list(fragment.shares.all())
    klub_shares = [s for s in shares if s.klub_id == meeting.klub_id]
    wide = [s for s in klub_shares if s.audience in KLUB_WIDE_AUDIENCES]
    if any(s.is_active(now) for s in wide):
        return
    recording_klub_id = fragment.recording.klub_id
    if not klub_shares and (
        (recording_klub_id is not None and recording_klub_id != meeting.klub_id)
        or any(s.klub_id != meeting.klub_id for s in shares)
    ):
        raise ValidationError(
            _(
                "This fragment belongs to another klub: only fragments shared with this klub can "
                "be put on its agenda."
            )
        )
    if wide:
        if all(s.revoked_at is not None for s in wide):
            raise ValidationError(
                _(
                    "The teacher has withdrawn the share of this fragment, so it can no longer be "
                    "discussed in the klub."
                )
            )
        raise ValidationError(
            _(
                "The share of this fragment with the klub has expired. Ask the teacher to share "
                "it again."
            )
        )
    if any(s.is_active(now) for s in klub_shares):
        raise ValidationError(
            _(
                "This fragment is shared with the coach only, not with the whole klub. Ask the "
                "teacher to share it with the klub first."
            )
        )
    raise ValidationError(
        _(
            "This fragment is not shared with this klub. Ask the teacher to share it with the "
            "klub first."
        )
    )


@transaction.atomic
def agenda_add(
    *, meeting: Meeting, fragment: Fragment, added_by: User, minutes: int | None = None
) -> AgendaItem:
    """Put a fragment on the session's agenda; it must be actively shared with the klub."""
    if minutes is not None and not 1 <= minutes <= 240:
        raise ValidationError({"minutes": _("Choose between 1 and 240 minutes.")})
    _refuse_unshared(meeting=meeting, fragment=fragment)
    items = AgendaItem.objects.select_for_update().filter(meeting=meeting)
    if items.filter(fragment=fragment).exists():
        raise ValidationError(_("This fragment is already on the agenda."))
    last = items.order_by("-order").values_list("order", flat=True).first()
    item = AgendaItem(
        meeting=meeting,
        fragment=fragment,
        order=0 if last is None else last + 1,
        minutes=minutes if minutes is not None else AgendaItem._meta.get_field("minutes").default,
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def agenda_remove(*, item: AgendaItem) -> None:
    """Take an item off the agenda (the fragment and its share are untouched)."""
    meeting_id = item.meeting_id
    item.delete()
    _renumber(meeting_id=meeting_id)


def _renumber(*, meeting_id: int, ordered: list[AgendaItem] | None = None) -> None:
    if ordered is None:
        ordered = list(AgendaItem.objects.filter(meeting_id=meeting_id).order_by("order", "pk"))
    changed = []
    for position, item in enumerate(ordered):
        if item.order != position:
            item.order = position
            changed.append(item)
    AgendaItem.objects.bulk_update(changed, ["order"])


@transaction.atomic
def agenda_move(*, item: AgendaItem, offset: int) -> AgendaItem:
    """Move an item up (offset -1) or down (+1); moving past either end changes nothing."""
    items = list(
        AgendaItem.objects.select_for_update()
        .filter(meeting_id=item.meeting_id)
        .order_by("order", "pk")
    )
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = max(0, min(len(items) - 1, index + offset))
    items.insert(target, items.pop(index))
    _renumber(meeting_id=item.meeting_id, ordered=items)
    item.order = target
    return item


# --- Attendance, notes, actions ----------------------------------------------------------------


def _klub_member_ids(klub_id: int, *roles: Role) -> set[int]:
    return set(
        Membership.objects.filter(klub_id=klub_id, role__in=roles).values_list("user_id", flat=True)
    )


@transaction.atomic
def attendance_set(*, meeting: Meeting, present_user_ids: Iterable[int]) -> list[Attendance]:
    """Record who was present; every klub member gets a row (present or not)."""
    present = {int(pk) for pk in present_user_ids}
    members = _klub_member_ids(meeting.klub_id, Role.TEACHER, Role.COACH)
    strangers = present - members
    if strangers:
        raise ValidationError(
            _("Only members of the klub can be marked as present."), code="not_a_member"
        )
    existing = {
        a.user_id: a for a in Attendance.objects.select_for_update().filter(meeting=meeting)
    }
    to_create, to_update = [], []
    for user_id in members:
        row = existing.get(user_id)
        if row is None:
            to_create.append(
                Attendance(meeting=meeting, user_id=user_id, present=user_id in present)
            )
        elif row.present != (user_id in present):
            row.present = user_id in present
            to_update.append(row)
    Attendance.objects.bulk_create(to_create)
    Attendance.objects.bulk_update(to_update, ["present"])
    return list(Attendance.objects.filter(meeting=meeting))


def _check_teacher(*, meeting: Meeting, teacher: User) -> None:
    if teacher.pk not in _klub_member_ids(meeting.klub_id, Role.TEACHER):
        raise ValidationError(_("This person is not a teacher of the klub."))


@transaction.atomic
def teacher_note_add(*, meeting: Meeting, teacher: User, author: User, body: str) -> TeacherNote:
    """A note about one teacher, captured during the session."""
    _check_teacher(meeting=meeting, teacher=teacher)
    note = TeacherNote(meeting=meeting, teacher=teacher, author=author, body=body.strip())
    note.full_clean()
    note.save()
    return note


def open_cycle_for(*, teacher: User, klub_id: int) -> Cycle | None:
    """The teacher's latest cycle in the klub that is not finished."""
    return (
        Cycle.objects.filter(teacher=teacher, klub_id=klub_id)
        .exclude(phase=Phase.DONE)
        .order_by("-number")
        .first()
    )


@transaction.atomic
def meeting_agree_action(
    *,
    meeting: Meeting,
    teacher: User,
    created_by: User,
    description: str,
    success_criterion: str,
    due_on: date | None = None,
) -> Action:
    """An action agreed with a teacher in the session, added to the teacher's open cycle."""
    _check_teacher(meeting=meeting, teacher=teacher)
    cycle = open_cycle_for(teacher=teacher, klub_id=meeting.klub_id)
    if cycle is None:
        raise ValidationError(
            _(
                "%(name)s has no open development cycle in this klub, so the action cannot be "
                "added. Write it down as a note instead, or ask the teacher to start a cycle."
            )
            % {"name": str(teacher)}
        )
    action = action_create(
        cycle=cycle,
        created_by=created_by,
        description=description,
        success_criterion=success_criterion,
        due_on=due_on,
        meeting=meeting,
    )
    notify(
        recipients=[teacher],
        kind=Kind.ACTION_AGREED,
        actor=created_by,
        url=reverse("cycles:detail", args=[cycle.pk]) + "#actions",
        context={"klub": meeting.klub.name},
    )
    return action
