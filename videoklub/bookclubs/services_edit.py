"""Changing and undoing in book clubs: members leave or are removed, meetings and insights are
edited and deleted. Like services.py: each checks the policy and writes in one transaction."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from videoklub.audit.models import Action
from videoklub.audit.services import audit_record_membership
from videoklub.bookclubs.models import BookClubMember, ClubMeeting, Insight, RoleAssignment
from videoklub.bookclubs.permissions import club_member_ids, forget_club_members
from videoklub.bookclubs.services import _check_times, rotate_open_meetings
from videoklub.policy import authorize

if TYPE_CHECKING:
    from videoklub.accounts.models import User
    from videoklub.meetings.models import WorkForm


@transaction.atomic
def member_remove(*, member: BookClubMember, by: User) -> int:
    """A member leaves, or the facilitator (or the club's maker) removes them.

    Their roles in held meetings stay (the club's history); the meetings still to come are
    divided again in turn among the members who stay, when roles had been divided. The
    facilitator hands over first. Logged in the person's audit log. Returns how many role
    assignments the new rotation made (0 when there was nothing to divide)."""
    club = member.club
    leaving = member.user_id == by.pk
    authorize(by, "leave_book_club" if leaving else "remove_book_club_member", club)
    if member.left_at is not None or member.user_id not in club_member_ids(club):
        raise ValidationError(_("This colleague is no longer a member."))
    if member.user_id == club.facilitator_id:
        raise ValidationError(
            _("The facilitator cannot leave: first choose another facilitator (Edit).")
            if leaving
            else _("First choose another facilitator (Edit), then remove this member.")
        )
    had_roles = RoleAssignment.objects.filter(
        meeting__club=club, meeting__status=ClubMeeting.Status.PLANNED
    ).exists()
    member.left_at = timezone.now()
    member.save(update_fields=["left_at"])
    forget_club_members(club)
    audit_record_membership(
        actor=by,
        action=Action.CLUB_LEAVE if leaving else Action.CLUB_REMOVE,
        owner=member.user,
        item_type="book_club",
        item_id=club.pk,
        label=club.title,
    )
    if had_roles:
        return rotate_open_meetings(club)
    return 0


@transaction.atomic
def club_meeting_update(
    *,
    meeting: ClubMeeting,
    by: User,
    starts_at: datetime,
    ends_at: datetime,
    place: str = "",
    reading: str = "",
    work_form: WorkForm | None = None,
) -> ClubMeeting:
    """Move a meeting, or change what to read, where, or the work form. The .ics keeps its UID,
    so a calendar that imported it updates the event."""
    authorize(by, "manage_book_club", meeting.club)
    _check_times(starts_at=starts_at, ends_at=ends_at)
    meeting.starts_at = starts_at
    meeting.ends_at = ends_at
    meeting.place = place.strip()
    meeting.reading = reading.strip()
    meeting.work_form = work_form
    meeting.full_clean()
    meeting.save(update_fields=["starts_at", "ends_at", "place", "reading", "work_form"])
    return meeting


@transaction.atomic
def club_meeting_delete(*, meeting: ClubMeeting, by: User) -> None:
    """Take a meeting off the schedule with its roles; insights made at it stay in the folder
    (without the meeting), experiments reviewed at it keep their review."""
    authorize(by, "manage_book_club", meeting.club)
    meeting.delete()


@transaction.atomic
def insight_update(
    *,
    insight: Insight,
    by: User,
    kind: str,
    text: str,
    page_ref: str = "",
    link: str = "",
    file: UploadedFile | None = None,
) -> Insight:
    """The author or the facilitator corrects an insight; a file insight keeps its file unless
    a new one is chosen. Sharing with the school is left as it was."""
    authorize(by, "edit_insight", insight)
    if kind == Insight.Kind.LINK and not link:
        raise ValidationError({"link": _("Add the link you want to keep.")})
    if kind == Insight.Kind.FILE and not (file or insight.file):
        raise ValidationError({"file": _("Choose the file you want to keep.")})
    old_file = insight.file.name if insight.file else ""
    insight.kind = kind
    insight.text = text.strip()
    insight.page_ref = page_ref.strip()
    insight.link = link.strip() if kind == Insight.Kind.LINK else ""
    insight.full_clean(exclude=["file"])
    if kind != Insight.Kind.FILE:
        insight.file = None  # type: ignore[assignment]
    elif file is not None:
        insight.file = file  # type: ignore[assignment]
    insight.save()
    if old_file and old_file != (insight.file.name if insight.file else ""):
        _delete_file_after_commit(insight, old_file)
    return insight


@transaction.atomic
def insight_delete(*, insight: Insight, by: User) -> None:
    """The author or the facilitator removes an insight from the folder (and from the school's
    page when it was shared); its file goes too."""
    authorize(by, "edit_insight", insight)
    old_file = insight.file.name if insight.file else ""
    insight.delete()
    if old_file:
        _delete_file_after_commit(insight, old_file)


def _delete_file_after_commit(insight: Insight, name: str) -> None:
    storage = insight.file.storage
    transaction.on_commit(lambda: storage.delete(name))
