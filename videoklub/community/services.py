"""Writes of the learning community: each checks the policy, validates and writes in one
transaction. Staff's writes leave an audit entry: what they planned, changed or cancelled in
their own log, and a coach's recorded attendance in that coach's log (it is about them)."""

from __future__ import annotations

from datetime import date, time
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from videoklub.audit.models import Action, AuditEvent
from videoklub.community import ical
from videoklub.community.models import (
    Attendance,
    Event,
    EventMaterial,
    LearningLogEntry,
    Registration,
)
from videoklub.notifications.models import Kind
from videoklub.notifications.services import notify
from videoklub.policy import authorize

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile
    from wagtail.models import Page

    from videoklub.accounts.models import User
    from videoklub.organisations.models import Programme, Wave
    from videoklub.practice.models import PracticeExample

EVENT_FIELDS = (
    "kind",
    "title",
    "date",
    "start_time",
    "end_time",
    "place",
    "online_link",
    "agenda",
    "capacity",
    "wave",
)


def _audit(*, by: User, action: str, owner_id: int, event: Event, **details: Any) -> None:
    AuditEvent.objects.create(
        actor=by,
        action=action,
        owner_id=owner_id,
        item_type="community_event",
        item_id=str(event.pk),
        item_label=event.title[:200],
        details={"date": event.date.isoformat(), **details},
    )


def event_url(event: Event) -> str:
    return reverse("community:event", args=[event.pk])


def programme_coach_ids(programme: Programme) -> set[int]:
    from videoklub.organisations.models import Membership, Role

    return set(
        Membership.objects.filter(role=Role.COACH, klub__programme=programme).values_list(
            "user_id", flat=True
        )
    )


def _check_wave(programme: Programme, wave: Wave | None) -> None:
    if wave is not None and wave.programme_id != programme.pk:
        raise ValidationError({"wave": _("Choose a wave of this programme.")})


@transaction.atomic
def event_create(
    *,
    by: User,
    programme: Programme,
    kind: str,
    title: str,
    date: date,
    start_time: time,
    end_time: time,
    place: str = "",
    online_link: str = "",
    agenda: str = "",
    capacity: int | None = None,
    wave: Wave | None = None,
) -> Event:
    """Plan an event (project staff); the programme's coaches hear of it."""
    authorize(by, "manage_community", programme)
    _check_wave(programme, wave)
    event = Event(
        programme=programme,
        kind=kind,
        title=title.strip(),
        date=date,
        start_time=start_time,
        end_time=end_time,
        place=place.strip(),
        online_link=online_link.strip(),
        agenda=agenda.strip(),
        capacity=capacity,
        wave=wave,
        created_by=by,
    )
    _validate(event)
    event.save()
    _audit(by=by, action=Action.EVENT_PLAN, owner_id=by.pk, event=event)
    notify(
        recipients=programme_coach_ids(programme),
        kind=Kind.COMMUNITY_EVENT,
        actor=by,
        url=event_url(event),
        context={"klub": event.title, "date": event.date.isoformat()},
        calendar=ical.calendar_bytes(
            [event], url_for=lambda e: settings.SITE_URL + event_url(e), name=event.title
        ).decode(),
        key=f"community-event:{event.pk}",
    )
    return event


def _validate(event: Event) -> None:
    if event.start_time and event.end_time and event.end_time <= event.start_time:
        raise ValidationError({"end_time": _("The event must end after it starts.")})
    event.full_clean()


@transaction.atomic
def event_update(*, event: Event, by: User, **fields: Any) -> Event:
    authorize(by, "manage_community", event)
    if event.is_cancelled:
        raise ValidationError(_("This event has been cancelled."))
    _check_wave(event.programme, fields.get("wave"))
    changed = []
    for name in EVENT_FIELDS:
        if name in fields:
            value = fields[name]
            value = value.strip() if isinstance(value, str) else value
            if getattr(event, name) != value:
                changed.append(name)
            setattr(event, name, value)
    _validate(event)
    event.save()
    if changed:
        _audit(by=by, action=Action.EVENT_CHANGE, owner_id=by.pk, event=event, fields=changed)
    return event


@transaction.atomic
def event_cancel(*, event: Event, by: User) -> Event:
    """Cancel (the row stays, struck through); the registered coaches hear of it."""
    authorize(by, "manage_community", event)
    if event.is_cancelled:
        return event
    event.cancelled_at = timezone.now()
    event.save(update_fields=["cancelled_at"])
    _audit(by=by, action=Action.EVENT_CANCEL, owner_id=by.pk, event=event)
    notify(
        recipients=event.registrations.values_list("user_id", flat=True),
        kind=Kind.COMMUNITY_CANCELLED,
        actor=by,
        url=event_url(event),
        context={"klub": event.title, "date": event.date.isoformat()},
        key=f"community-cancelled:{event.pk}",
    )
    return event


@transaction.atomic
def material_add(
    *,
    event: Event,
    by: User,
    title: str = "",
    file: UploadedFile | None = None,
    url: str = "",
    page: Page | None = None,
    practice_example: PracticeExample | None = None,
) -> EventMaterial:
    """Add one material: a file, a web link, or a knowledge-base item (one of them)."""
    authorize(by, "manage_community", event)
    given = [x for x in (file, url.strip(), page, practice_example) if x]
    if len(given) != 1:
        raise ValidationError(
            _("Add one material at a time: a file, a link or an item of the knowledge base.")
        )
    if file:
        kind = EventMaterial.Kind.FILE
    elif url.strip():
        kind = EventMaterial.Kind.LINK
    elif page is not None:
        kind = EventMaterial.Kind.KNOWLEDGE
    else:
        kind = EventMaterial.Kind.PRACTICE
    default_title = (
        getattr(file, "name", "") or url.strip() or str(page or "") or str(practice_example or "")
    )
    material = EventMaterial(
        event=event,
        kind=kind,
        title=(title.strip() or default_title)[:200],
        url=url.strip(),
        page=page,
        practice_example=practice_example,
        added_by=by,
    )
    if file:
        material.file = file
    material.full_clean()
    material.save()
    return material


@transaction.atomic
def material_delete(*, material: EventMaterial, by: User) -> None:
    authorize(by, "manage_community", material.event)
    if material.file:
        material.file.delete(save=False)
    material.delete()


def _open_for_registration(event: Event) -> None:
    if event.is_cancelled:
        raise ValidationError(_("This event has been cancelled."))
    if event.is_past:
        raise ValidationError(_("This event has already started: registering is closed."))


@transaction.atomic
def registration_create(*, event: Event, by: User) -> Registration:
    """A coach registers, before the event and while there are places."""
    authorize(by, "register_for_event", event)
    locked = Event.objects.select_for_update().get(pk=event.pk)
    _open_for_registration(locked)
    existing = Registration.objects.filter(event=locked, user=by).first()
    if existing is not None:
        return existing
    if locked.capacity is not None and locked.registrations.count() >= locked.capacity:
        raise ValidationError(_("This event is full."))
    return Registration.objects.create(event=locked, user=by)


@transaction.atomic
def registration_cancel(*, event: Event, by: User) -> None:
    authorize(by, "register_for_event", event)
    _open_for_registration(event)
    Registration.objects.filter(event=event, user=by).delete()


@transaction.atomic
def attendance_record(*, event: Event, by: User, statuses: dict[int, str]) -> int:
    """Staff record the whole list at once (user id -> present/absent/excused), after the
    event has started. Only the programme's coaches count; returns how many rows changed."""
    authorize(by, "manage_community", event)
    if event.is_cancelled:
        raise ValidationError(_("This event has been cancelled."))
    if not event.is_past:
        raise ValidationError(_("Attendance can be taken once the event has started."))
    allowed = programme_coach_ids(event.programme) | set(
        event.registrations.values_list("user_id", flat=True)
    )
    if set(statuses) - allowed:
        raise ValidationError(_("Attendance can only be taken for the programme's coaches."))
    if any(s not in Attendance.Status.values for s in statuses.values()):
        raise ValidationError(_("Choose present, absent or excused."))
    current = dict(event.attendances.values_list("user_id", "status"))
    changed = 0
    now = timezone.now()
    for user_id, status in statuses.items():
        if current.get(user_id) == status:
            continue
        Attendance.objects.update_or_create(
            event=event,
            user_id=user_id,
            defaults={"status": status, "recorded_by": by, "recorded_at": now},
        )
        _audit(by=by, action=Action.ATTENDANCE, owner_id=user_id, event=event, status=status)
        changed += 1
    event.attendance_taken_at = now
    event.save(update_fields=["attendance_taken_at"])
    return changed


# --- The learning log ---------------------------------------------------------------------------


def _check_log_event(programme: Programme, event: Event | None) -> None:
    if event is not None and event.programme_id != programme.pk:
        raise ValidationError({"event": _("Choose an event of this programme.")})


@transaction.atomic
def log_entry_create(
    *, programme: Programme, by: User, text: str, date: date, event: Event | None = None
) -> LearningLogEntry:
    authorize(by, "keep_learning_log", programme)
    _check_log_event(programme, event)
    entry = LearningLogEntry(user=by, programme=programme, event=event, date=date, text=text)
    entry.text = entry.text.strip()
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def log_entry_update(
    *, entry: LearningLogEntry, by: User, text: str, date: date, event: Event | None = None
) -> LearningLogEntry:
    authorize(by, "edit_learning_log_entry", entry)
    _check_log_event(entry.programme, event)
    entry.text, entry.date, entry.event = text.strip(), date, event
    entry.updated_at = timezone.now()
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def log_entry_delete(*, entry: LearningLogEntry, by: User) -> None:
    authorize(by, "edit_learning_log_entry", entry)
    entry.delete()
