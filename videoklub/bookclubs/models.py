"""Book clubs (boekenclubs): colleagues read a book or article together, meet to a schedule with
rotating roles, keep a shared insights folder and try small experiments in class.

A club belongs to one school, or (cross-school, made by project staff) to a programme. Only its
members see it; an insight its author or the facilitator shares with the school is readable by
everyone with a membership at that school (see permissions.py: one rule for both questions).

Choices, and why:
- Members are their own rows, not klub memberships: a club crosses klubs (any colleague of the
  school may join), and leaving a club must not touch anyone's klub.
- The facilitator runs the club (details, members, schedule, roles); every member writes (notes,
  insights, experiments), as a book club is a conversation among equals.
- A cross-school club's shared insight goes to the schools of its members: each member takes it
  home to their own team, and no school sees a club it has nobody in.
- Roles are rows per meeting, so a held meeting keeps who did what when the members change and
  the rotation is run again for the meetings still to come.
- A member who leaves (or is removed) keeps their row with `left_at` set: the roles they had in
  held meetings stay in the club's history. Everything that asks "who is in the club" reads
  `BookClubMember.objects.current()`; joining again clears `left_at`.
- The self-evaluation is five fixed 1–5 items plus an open question; the monitoring work may turn
  it into a versioned survey later, so the items are named fields, easy to map.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from videoklub.bookclubs.isbn import validate_isbn


class BookClub(models.Model):
    class Status(models.TextChoices):
        PREPARING = "preparing", _("preparing")
        RUNNING = "running", _("running")
        FINISHED = "finished", _("finished")

    school = models.ForeignKey(
        "organisations.School",
        verbose_name=_("school"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="book_clubs",
    )
    programme = models.ForeignKey(
        "organisations.Programme",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="book_clubs",
    )
    title = models.CharField(_("name of the book club"), max_length=200)
    book_title = models.CharField(_("title of the book or article"), max_length=300)
    book_authors = models.CharField(_("authors"), max_length=300, blank=True)
    isbn = models.CharField(_("ISBN"), max_length=17, blank=True, validators=[validate_isbn])
    link = models.URLField(_("link"), max_length=500, blank=True)
    why = models.TextField(_("why this text"), blank=True)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PREPARING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("book club")
        verbose_name_plural = _("book clubs")
        ordering = ["-created_at"]
        constraints = [
            # A club lives at one school or, across schools, in one programme: never both.
            models.CheckConstraint(
                condition=Q(school__isnull=False, programme__isnull=True)
                | Q(school__isnull=True, programme__isnull=False),
                name="book_club_school_or_programme",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class BookClubMemberQuerySet(models.QuerySet):
    def current(self) -> BookClubMemberQuerySet:
        """The members still in their club (not left, not removed)."""
        return self.filter(left_at__isnull=True)


class BookClubMember(models.Model):
    club = models.ForeignKey(BookClub, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="book_club_memberships"
    )
    joined_at = models.DateTimeField(default=timezone.now)
    # Set when the member left or was removed; the row stays for the roles of held meetings.
    left_at = models.DateTimeField(null=True, blank=True)

    objects = BookClubMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("book club member")
        verbose_name_plural = _("book club members")
        ordering = ["club", "joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["club", "user"], name="book_club_member_unique"),
        ]

    def __str__(self) -> str:
        return str(self.user)


def _new_ical_uid() -> str:
    return f"bookclub-{uuid.uuid4()}@videoklub"


class ClubMeeting(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        HELD = "held", _("held")

    club = models.ForeignKey(BookClub, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    reading = models.CharField(
        _("to read"),
        max_length=200,
        blank=True,
        help_text=_("Chapters or pages, for example ‘chapter 2’ or ‘pp. 30–58’."),
    )
    work_form = models.ForeignKey(
        "meetings.WorkForm",
        verbose_name=_("work form"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    questions = models.TextField(_("guiding questions"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    # Kept stable across edits, so a calendar that imported the .ics updates the event.
    ical_uid = models.CharField(max_length=100, unique=True, default=_new_ical_uid)

    class Meta:
        verbose_name = _("book club meeting")
        verbose_name_plural = _("book club meetings")
        ordering = ["club", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="club_meeting_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.club} · {self.starts_at:%Y-%m-%d}"

    @property
    def held(self) -> bool:
        return self.status == self.Status.HELD


class Role(models.TextChoices):
    """The roles that rotate per meeting (the facilitator keeps process and time)."""

    MODERATOR = "moderator", _("moderator")
    SUMMARISER = "summariser", _("summariser")
    CRITICAL_THINKER = "critical_thinker", _("critical thinker")
    PRACTICE_TRANSLATOR = "practice_translator", _("practice translator")


ROLE_HINTS = {
    Role.MODERATOR: _(
        "Leads the conversation with the guiding questions and keeps it on the text."
    ),
    Role.SUMMARISER: _("Opens with a short summary of what we read, for who missed a part."),
    Role.CRITICAL_THINKER: _("Asks where the text does not fit our pupils, and why."),
    Role.PRACTICE_TRANSLATOR: _("Asks each time: what does this mean in our classes tomorrow?"),
}


class RoleAssignment(models.Model):
    meeting = models.ForeignKey(ClubMeeting, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    member = models.ForeignKey(BookClubMember, on_delete=models.CASCADE, related_name="roles")

    class Meta:
        ordering = ["meeting", "role"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "role"], name="role_assignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.member}"


def _insight_file_name(insight: Insight, filename: str) -> str:
    return f"bookclubs/{insight.club_id}/{uuid.uuid4().hex}/{filename}"


class Insight(models.Model):
    class Kind(models.TextChoices):
        NOTE = "note", _("note")
        QUOTE = "quote", _("quote")
        LINK = "link", _("link")
        FILE = "file", _("file")

    club = models.ForeignKey(BookClub, on_delete=models.CASCADE, related_name="insights")
    meeting = models.ForeignKey(
        ClubMeeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="insights"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.NOTE)
    text = models.TextField(_("text"))
    page_ref = models.CharField(_("page"), max_length=50, blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("file"), max_length=300, blank=True, upload_to=_insight_file_name)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    shared_with_school = models.BooleanField(_("shared with the school"), default=False)
    shared_at = models.DateTimeField(null=True, blank=True)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("insight")
        verbose_name_plural = _("insights")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.text[:60]


class ActionExperiment(models.Model):
    """A small thing a member tries in class after a meeting, reviewed at the next one."""

    club = models.ForeignKey(BookClub, on_delete=models.CASCADE, related_name="experiments")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="book_club_experiments"
    )
    what = models.TextField(_("what I will try"))
    success = models.CharField(_("how I will notice it works"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    reviewed_at_meeting = models.ForeignKey(
        ClubMeeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="reviewed"
    )
    review = models.TextField(_("what we concluded together"), blank=True)

    class Meta:
        verbose_name = _("action experiment")
        verbose_name_plural = _("action experiments")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.what[:60]


class LogbookEntry(models.Model):
    experiment = models.ForeignKey(
        ActionExperiment, on_delete=models.CASCADE, related_name="entries"
    )
    body = models.TextField(_("what happened"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["experiment", "created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]


SCALE = [MinValueValidator(1), MaxValueValidator(5)]


class Evaluation(models.Model):
    """A member's short self-evaluation at the end (five 1–5 items and an open question)."""

    club = models.ForeignKey(BookClub, on_delete=models.CASCADE, related_name="evaluations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="book_club_evaluations"
    )
    understood = models.PositiveSmallIntegerField(validators=SCALE)
    tried = models.PositiveSmallIntegerField(validators=SCALE)
    pupils = models.PositiveSmallIntegerField(validators=SCALE)
    conversation = models.PositiveSmallIntegerField(validators=SCALE)
    continue_with = models.PositiveSmallIntegerField(validators=SCALE)
    open_answer = models.TextField(_("what I take with me"), blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.UniqueConstraint(fields=["club", "user"], name="book_club_evaluation_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.club}"


# The self-evaluation's items, in the order of the form (field, statement).
EVALUATION_ITEMS = [
    ("understood", _("I understand the main ideas of the text better than before.")),
    ("tried", _("I tried something from the text in my own class.")),
    ("pupils", _("I noticed an effect of it on my pupils.")),
    ("conversation", _("Our conversations helped me to look at my practice differently.")),
    ("continue_with", _("I want to keep working on this with colleagues.")),
]
