from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    TEACHER = "teacher", _("teacher")
    COACH = "coach", _("VideoKLuB coach")
    SCHOOL_LEADER = "school_leader", _("school leader")
    PROJECT_STAFF = "project_staff", _("project staff")


# Which organisation a membership of each role belongs to.
ROLE_SCOPE = {
    Role.TEACHER: "klub",
    Role.COACH: "klub",
    Role.SCHOOL_LEADER: "school",
    Role.PROJECT_STAFF: "programme",
}


class Programme(models.Model):
    """A funded coaching project across schools for one school year (begeleidingsproject)."""

    name = models.CharField(_("name"), max_length=200)
    school_year = models.CharField(
        _("school year"), max_length=9, help_text=_("For example 2026-2027.")
    )
    funder = models.CharField(_("funder"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    # Raw recordings are deleted this many days after the school year ends (31 August).
    retention_days = models.PositiveSmallIntegerField(
        _("keep recordings for (days after the school year)"), default=60
    )
    # Archive mode: an ended programme is read-only from this day on (policy.py refuses every
    # write on its objects) and stays available `archive_years` years, for the funder's report
    # and the teachers' learning trails; the recordings' retention goes on as before.
    archived_on = models.DateField(_("archived on"), null=True, blank=True)
    archive_years = models.PositiveSmallIntegerField(
        _("keep the archive available for (years)"), default=3
    )

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-school_year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "school_year"], name="programme_unique_name"),
            models.CheckConstraint(
                condition=Q(school_year__regex=r"^\d{4}-\d{4}$"),
                name="programme_school_year_format",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.school_year})"

    @property
    def is_archived(self) -> bool:
        return self.archived_on is not None

    @property
    def available_until(self) -> date | None:
        if self.archived_on is None:
            return None
        try:
            return self.archived_on.replace(year=self.archived_on.year + self.archive_years)
        except ValueError:  # archived on 29 February
            return self.archived_on.replace(year=self.archived_on.year + self.archive_years, day=28)


class Wave(models.Model):
    """A cohort of schools that join a programme together (instroomgolf)."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="waves"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    starts_on = models.DateField(_("starts on"), null=True, blank=True)

    class Meta:
        verbose_name = _("wave")
        verbose_name_plural = _("waves")
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="wave_unique_number"),
        ]

    def __str__(self) -> str:
        return _("Wave %(number)s") % {"number": self.number}


class School(models.Model):
    class Level(models.TextChoices):
        NURSERY = "kleuter", _("nursery")
        PRIMARY = "lager", _("primary")
        SECONDARY = "secundair", _("secondary")

    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    town = models.CharField(_("town"), max_length=100)

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "town"], name="school_unique_name_town"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.town})"


class Klub(models.Model):
    """A team of teachers at one school with its coach, within a programme (VideoKLuB)."""

    name = models.CharField(_("name"), max_length=200)
    school = models.ForeignKey(
        School, verbose_name=_("school"), on_delete=models.PROTECT, related_name="klubs"
    )
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="klubs"
    )
    wave = models.ForeignKey(
        Wave,
        verbose_name=_("wave"),
        on_delete=models.PROTECT,
        related_name="klubs",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("klub")
        verbose_name_plural = _("klubs")
        ordering = ["school__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "school", "name"], name="klub_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.wave is not None and self.wave.programme_id != self.programme_id:
            raise ValidationError({"wave": _("This wave belongs to another programme.")})


class Membership(models.Model):
    """A person's role in one organisation: a klub (teacher, coach), a school (school leader)
    or a programme (project staff)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    klub = models.ForeignKey(
        Klub,
        verbose_name=_("klub"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
    )
    school = models.ForeignKey(
        School,
        verbose_name=_("school"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
    )
    created_at = models.DateTimeField(_("member since"), default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["role", "user__full_name"]
        constraints = [
            # Exactly the organisation that fits the role is set.
            models.CheckConstraint(
                condition=(
                    Q(
                        role__in=[Role.TEACHER, Role.COACH],
                        klub__isnull=False,
                        school__isnull=True,
                        programme__isnull=True,
                    )
                    | Q(
                        role=Role.SCHOOL_LEADER,
                        klub__isnull=True,
                        school__isnull=False,
                        programme__isnull=True,
                    )
                    | Q(
                        role=Role.PROJECT_STAFF,
                        klub__isnull=True,
                        school__isnull=True,
                        programme__isnull=False,
                    )
                ),
                name="membership_scope_fits_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "klub"],
                condition=Q(klub__isnull=False),
                name="membership_unique_klub",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "school"],
                condition=Q(school__isnull=False),
                name="membership_unique_school",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "programme"],
                condition=Q(programme__isnull=False),
                name="membership_unique_programme",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organisation}"

    @property
    def organisation(self):
        return getattr(self, ROLE_SCOPE[Role(self.role)])
