"""Writes for book clubs: each checks the policy, validates, and writes in one transaction."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from videoklub.bookclubs import ical
from videoklub.bookclubs.isbn import normalise_isbn
from videoklub.bookclubs.models import (
    ActionExperiment,
    BookClub,
    BookClubMember,
    ClubMeeting,
    Evaluation,
    Insight,
    LogbookEntry,
    Role,
    RoleAssignment,
)
from videoklub.bookclubs.permissions import club_member_ids, forget_club_members
from videoklub.bookclubs.rotation import rotate
from videoklub.notifications.models import Kind
from videoklub.notifications.services import notify
from videoklub.policy import authorize, can

if TYPE_CHECKING:
    from videoklub.accounts.models import User
    from videoklub.meetings.models import WorkForm
    from videoklub.organisations.models import Programme, School


def _club_url(club: BookClub) -> str:
    return reverse("bookclubs:detail", args=[club.pk])


@transaction.atomic
def book_club_create(
    *,
    by: User,
    title: str,
    book_title: str,
    school: School | None = None,
    programme: Programme | None = None,
    book_authors: str = "",
    isbn: str = "",
    link: str = "",
    why: str = "",
) -> BookClub:
    """Start a club at a school (any teacher, coach or school leader there) or across the
    schools of a programme (its project staff). The maker is its first member and facilitator."""
    if (school is None) == (programme is None):
        raise ValidationError(_("Choose a school or a programme for the book club."))
    if school is not None:
        authorize(by, "create_book_club", school)
    else:
        authorize(by, "create_programme_book_club", programme)
    club = BookClub(
        school=school,
        programme=programme,
        title=title.strip(),
        book_title=book_title.strip(),
        book_authors=book_authors.strip(),
        isbn=normalise_isbn(isbn),
        link=link.strip(),
        why=why.strip(),
        facilitator=by,
        created_by=by,
    )
    club.full_clean()
    club.save()
    BookClubMember.objects.create(club=club, user=by)
    forget_club_members(club)
    return club


@transaction.atomic
def book_club_update(
    *,
    club: BookClub,
    by: User,
    title: str,
    book_title: str,
    book_authors: str = "",
    isbn: str = "",
    link: str = "",
    why: str = "",
    status: str = BookClub.Status.PREPARING,
    facilitator: User | None = None,
) -> BookClub:
    """Change the club's details, status or facilitator (who must be a member)."""
    authorize(by, "manage_book_club", club)
    facilitator = facilitator or club.facilitator
    if facilitator is None or facilitator.pk not in club_member_ids(club):
        raise ValidationError({"facilitator": _("The facilitator must be a member of the club.")})
    club.title = title.strip()
    club.book_title = book_title.strip()
    club.book_authors = book_authors.strip()
    club.isbn = normalise_isbn(isbn)
    club.link = link.strip()
    club.why = why.strip()
    club.status = status
    club.facilitator = facilitator
    club.full_clean()
    fields = ["title", "book_title", "book_authors", "isbn", "link", "why", "status"]
    club.save(update_fields=[*fields, "facilitator"])
    return club


@transaction.atomic
def member_add(*, club: BookClub, user: User, by: User) -> BookClubMember:
    """Invite a colleague: of the same school, or for a cross-school club someone in one of the
    programme's klubs (or its staff). They hear of it in their notifications."""
    authorize(by, "manage_book_club", club)
    if user.pk in club_member_ids(club):
        raise ValidationError({"user": _("This colleague is already a member.")})
    allowed = (
        can(user, "create_book_club", club.school)
        if club.school is not None
        else can(user, "join_programme_book_club", club.programme)
    )
    if not allowed:
        raise ValidationError(
            {"user": _("Only colleagues of the same school or programme can join this club.")}
        )
    # Someone who left before joins again on their old row (their history stays theirs).
    member, _created = BookClubMember.objects.update_or_create(
        club=club, user=user, defaults={"left_at": None, "joined_at": timezone.now()}
    )
    forget_club_members(club)
    notify(
        recipients=[user],
        kind=Kind.BOOK_CLUB_JOINED,
        actor=by,
        url=_club_url(club),
        context={"klub": club.title},
    )
    return member


def _check_times(*, starts_at: datetime, ends_at: datetime) -> None:
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The meeting must end after it starts.")})


@transaction.atomic
def club_meeting_create(
    *,
    club: BookClub,
    by: User,
    starts_at: datetime,
    ends_at: datetime,
    place: str = "",
    reading: str = "",
    work_form: WorkForm | None = None,
    questions: str = "",
) -> ClubMeeting:
    """Put a meeting on the reading schedule; the members get it with its calendar entry."""
    authorize(by, "manage_book_club", club)
    _check_times(starts_at=starts_at, ends_at=ends_at)
    meeting = ClubMeeting(
        club=club,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place.strip(),
        reading=reading.strip(),
        work_form=work_form,
        questions=questions.strip(),
    )
    meeting.full_clean()
    meeting.save()
    calendar = ical.calendar_bytes(
        [meeting],
        url_for=lambda m: settings.SITE_URL + reverse("bookclubs:meeting", args=[m.pk]),
        name=club.title,
    )
    notify(
        recipients=club_member_ids(club),
        kind=Kind.BOOK_CLUB_MEETING,
        actor=by,
        url=reverse("bookclubs:meeting", args=[meeting.pk]),
        context={"klub": club.title, "date": timezone.localtime(starts_at).date().isoformat()},
        calendar=calendar.decode(),
    )
    return meeting


@transaction.atomic
def club_meeting_save(
    *, meeting: ClubMeeting, by: User, questions: str, notes: str, held: bool
) -> ClubMeeting:
    """During or after the meeting: its questions, the notes, and whether it was held."""
    authorize(by, "write_book_club", meeting.club)
    meeting.questions = questions.strip()
    meeting.notes = notes.strip()
    meeting.status = ClubMeeting.Status.HELD if held else ClubMeeting.Status.PLANNED
    meeting.save(update_fields=["questions", "notes", "status"])
    return meeting


@transaction.atomic
def roles_rotate(*, club: BookClub, by: User) -> int:
    """Give the roles of every meeting not held yet, in rotation over the whole schedule (held
    meetings keep theirs). Returns how many assignments were made."""
    authorize(by, "manage_book_club", club)
    return rotate_open_meetings(club)


def rotate_open_meetings(club: BookClub) -> int:
    """The rotation itself, without a permission check: for `roles_rotate` and for when a member
    leaves (then the meetings still to come are divided again among who stays)."""
    members = list(BookClubMember.objects.current().filter(club=club).order_by("joined_at", "pk"))
    meetings = list(ClubMeeting.objects.filter(club=club).order_by("starts_at", "pk"))
    if not members or not meetings:
        raise ValidationError(_("Plan a meeting and add members before dividing the roles."))
    roles = list(Role)
    plan = rotate(len(meetings), [m.pk for m in members], roles)
    open_meetings = [m for m in meetings if m.status != ClubMeeting.Status.HELD]
    RoleAssignment.objects.filter(meeting__in=open_meetings).delete()
    rows = [
        RoleAssignment(meeting=meeting, role=role, member_id=plan[index][role])
        for index, meeting in enumerate(meetings)
        if meeting.status != ClubMeeting.Status.HELD
        for role in roles
    ]
    RoleAssignment.objects.bulk_create(rows)
    return len(rows)


@transaction.atomic
def role_assign(
    *, meeting: ClubMeeting, role: str, member: BookClubMember, by: User
) -> RoleAssignment:
    """Give one role of one meeting to another member (someone is absent, or asks to swap)."""
    authorize(by, "manage_book_club", meeting.club)
    if member.club_id != meeting.club_id or member.left_at is not None:
        raise ValidationError({"member": _("Choose a member of this book club.")})
    if role not in Role.values:
        raise ValidationError({"role": _("Choose one of the roles.")})
    assignment, _created = RoleAssignment.objects.update_or_create(
        meeting=meeting, role=role, defaults={"member": member}
    )
    return assignment


@transaction.atomic
def insight_create(
    *,
    club: BookClub,
    author: User,
    kind: str,
    text: str,
    page_ref: str = "",
    link: str = "",
    file: UploadedFile | None = None,
    meeting: ClubMeeting | None = None,
) -> Insight:
    """Add a note, quote, link or file to the club's insights folder."""
    authorize(author, "write_book_club", club)
    if kind == Insight.Kind.LINK and not link:
        raise ValidationError({"link": _("Add the link you want to keep.")})
    if kind == Insight.Kind.FILE and not file:
        raise ValidationError({"file": _("Choose the file you want to keep.")})
    insight = Insight(
        club=club,
        author=author,
        kind=kind,
        text=text.strip(),
        page_ref=page_ref.strip(),
        link=link.strip() if kind == Insight.Kind.LINK else "",
        meeting=meeting,
    )
    insight.full_clean(exclude=["file"])
    if kind == Insight.Kind.FILE and file is not None:
        insight.file = file  # type: ignore[assignment]
    insight.save()
    return insight


@transaction.atomic
def insight_share(*, insight: Insight, by: User, share: bool) -> Insight:
    """Share an insight with the whole school team, or take it back (then it is the club's
    alone again at once)."""
    authorize(by, "share_insight", insight)
    insight.shared_with_school = share
    insight.shared_at = timezone.now() if share else None
    insight.shared_by = by if share else None
    insight.save(update_fields=["shared_with_school", "shared_at", "shared_by"])
    return insight


@transaction.atomic
def experiment_create(
    *, club: BookClub, member: User, what: str, success: str = ""
) -> ActionExperiment:
    authorize(member, "write_book_club", club)
    experiment = ActionExperiment(club=club, member=member, what=what.strip(), success=success)
    experiment.full_clean()
    experiment.save()
    return experiment


@transaction.atomic
def logbook_add(*, experiment: ActionExperiment, by: User, body: str) -> LogbookEntry:
    """Only the member who tries it keeps its logbook."""
    authorize(by, "write_book_club", experiment.club)
    if experiment.member_id != by.pk:
        raise ValidationError(_("Only the colleague who tries this experiment keeps its logbook."))
    entry = LogbookEntry(experiment=experiment, body=body.strip())
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def experiment_review(
    *, experiment: ActionExperiment, by: User, meeting: ClubMeeting, review: str
) -> ActionExperiment:
    """What the club concluded about the experiment at the next meeting."""
    authorize(by, "write_book_club", experiment.club)
    if meeting.club_id != experiment.club_id:
        raise ValidationError({"meeting": _("Choose a meeting of this book club.")})
    experiment.reviewed_at_meeting = meeting
    experiment.review = review.strip()
    experiment.save(update_fields=["reviewed_at_meeting", "review"])
    return experiment


@transaction.atomic
def evaluation_submit(*, club: BookClub, user: User, answers: dict[str, int], open_answer: str):
    """A member's self-evaluation; submitting again replaces it."""
    authorize(user, "write_book_club", club)
    evaluation, _created = Evaluation.objects.update_or_create(
        club=club,
        user=user,
        defaults={**answers, "open_answer": open_answer.strip(), "submitted_at": timezone.now()},
    )
    return evaluation
