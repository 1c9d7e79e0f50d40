"""Explicit, revocable shares of recordings and fragments.

Nothing is shared by default: a recording is its owner's until the owner adds a Share. A share
names one audience; revoking sets `revoked_at`, and an expired or revoked share grants nothing.
Shares are never deleted by the UI, so the history of who could see what stays readable.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    # Ordered from narrow to wide.
    COACH = "coach", _("my coach")
    KLUB = "klub", _("my klub")
    SCHOOL = "school", _("my school")
    PROGRAMME = "programme", _("the programme")
    FESTIVAL = "festival", _("the Filmfestival selection")
    # Reach defined by the intervision app (see sharing/audiences.py): the coaches of one
    # intervision group, named by `Share.audience_group`.
    INTERVISION = "intervision", _("my intervision group")


# Audiences whose reach an upper app defines, for one of its groups (`Share.audience_group`).
GROUP_AUDIENCES = (Audience.INTERVISION,)


class ShareQuerySet(models.QuerySet):
    def active(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )


class Share(models.Model):
    recording = models.ForeignKey(
        "recordings.Recording",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="shares",
    )
    fragment = models.ForeignKey(
        "recordings.Fragment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="shares",
    )
    audience = models.CharField(_("shared with"), max_length=12, choices=Audience.choices)
    # The klub the audience is taken from (coach/klub/school/programme of this klub), fixed
    # when sharing: a later change of klub does not widen an existing share.
    klub = models.ForeignKey("organisations.Klub", on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("shared on"), default=timezone.now)
    expires_at = models.DateTimeField(_("until"), null=True, blank=True)
    # The audience gets the anonymised copy (faces blurred), not the fragment itself.
    anonymised = models.BooleanField(_("anonymised"), default=False)
    revoked_at = models.DateTimeField(_("revoked on"), null=True, blank=True)
    # For an audience an upper app defines (sharing/audiences.py): the id of the group the share
    # is for (an intervision group). No foreign key: sharing sits below the app that owns it.
    audience_group = models.PositiveIntegerField(null=True, blank=True, editable=False)

    objects = ShareQuerySet.as_manager()

    class Meta:
        verbose_name = _("share")
        verbose_name_plural = _("shares")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(recording__isnull=True, fragment__isnull=False)
                | Q(recording__isnull=False, fragment__isnull=True),
                name="share_one_item",
            ),
        ]
        indexes = [
            models.Index(fields=["fragment", "audience"]),
            models.Index(fields=["klub", "audience"]),
        ]

    def __str__(self) -> str:
        return f"{self.fragment or self.recording} → {self.get_audience_display()}"

    def is_active(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)
