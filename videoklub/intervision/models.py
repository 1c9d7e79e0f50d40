"""Intervision: coaches of different schools discuss each other's coaching cases in small groups.

A round belongs to a programme (optionally to the community event of kind "intervision" that
plans it) and runs from its start to its end date. Project staff compose groups of 3–6 coaches,
no two of the same school. During the round a coach brings a case to their group (a coaching
question, context, optionally a fragment shared with "my intervision group" until the round
ends); the group runs a method from our library in session mode, writes notes per step and
gives advice, which the case owner keeps.

Choices, and why:
- Members are rows of their own, not memberships: a group crosses klubs and schools.
- A coach's school is that of the klubs they coach in the programme; a coach of klubs at two
  schools counts for both (no colleague of either may join their group).
- The fragment is shared through the sharing app (`Share.audience_group` = the group's id), so
  consent, revocation, expiry and the audit of every view are the ones every share has.
- Advice names the member who gave it; anyone in the group may type it in session mode.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MIN_GROUP_SIZE = 3
MAX_GROUP_SIZE = 6


class Round(models.Model):
    programme = models.ForeignKey(
        "organisations.Programme",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="intervision_rounds",
    )
    event = models.ForeignKey(
        "community.Event",
        verbose_name=_("community event"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="intervision_rounds",
    )
    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("intervision round")
        verbose_name_plural = _("intervision rounds")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="intervision_round_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def is_running(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.starts_on <= today <= self.ends_on

    def is_over(self, today: date | None = None) -> bool:
        return (today or timezone.localdate()) > self.ends_on

    @property
    def ends_at(self) -> datetime:
        """The moment the round is over: midnight after its last day (local time)."""
        return timezone.make_aware(datetime.combine(self.ends_on + timedelta(days=1), time()))


class Group(models.Model):
    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="groups"
    )
    name = models.CharField(_("name"), max_length=100)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("intervision group")
        verbose_name_plural = _("intervision groups")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class GroupMember(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="intervision_groups"
    )

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="intervision_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.group}"


class Case(models.Model):
    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="cases"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("case owner"),
        on_delete=models.CASCADE,
        related_name="intervision_cases",
    )
    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("coaching question"))
    context = models.TextField(_("context"), blank=True)
    fragment = models.ForeignKey(
        "recordings.Fragment",
        verbose_name=_("fragment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    share = models.ForeignKey(
        "sharing.Share", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("intervision case")
        verbose_name_plural = _("intervision cases")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.title


class Session(models.Model):
    """The group discussing one case with a method (session mode)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="session")
    method = models.CharField(_("method"), max_length=40)
    held_on = models.DateField(_("held on"), default=timezone.localdate)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("intervision session")
        verbose_name_plural = _("intervision sessions")

    def __str__(self) -> str:
        return f"{self.case} · {self.method}"


class Presence(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="presences")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="intervision_presences"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="intervision_present_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.session}"


class StepNote(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="notes")
    step = models.PositiveSmallIntegerField(_("step"))
    body = models.TextField(_("note"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["step", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.step}: {self.body[:50]}"


class Advice(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="advice")
    # The member who gave it (typed by them or by whoever keeps the notes).
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("given by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    body = models.TextField(_("advice"))
    # The case owner's choice: "I will try this."
    will_try = models.BooleanField(_("I will try this"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("advice")
        verbose_name_plural = _("advice")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:50]
