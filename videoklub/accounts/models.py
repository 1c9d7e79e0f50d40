import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from videoklub.organisations.models import Role


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_by_natural_key(self, username: str | None) -> "User":
        # Phones capitalise the first letter of an e-mail address: log in case-insensitively.
        return self.get(email__iexact=username)

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with an e-mail address; roles come from memberships."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    is_staff = models.BooleanField(
        _("administrator"),
        default=False,
        help_text=_("May log in to the administration site."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined on"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()


class Invitation(models.Model):
    """A one-time, expiring invitation to join a klub, school or programme in a role.

    The link carries a signed token (see `services.invitation_token`), so the database never
    holds a usable secret.
    """

    email = models.EmailField(_("e-mail address"))
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    programme = models.ForeignKey(
        "organisations.Programme",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
    )
    school = models.ForeignKey(
        "organisations.School",
        verbose_name=_("school"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
    )
    klub = models.ForeignKey(
        "organisations.Klub",
        verbose_name=_("klub"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created on"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires on"))
    sent_at = models.DateTimeField(_("sent on"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted on"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_role_display()})"

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None

    @property
    def is_expired(self) -> bool:
        return not self.is_accepted and self.expires_at <= timezone.now()

    @property
    def is_being_sent(self) -> bool:
        """Open and not e-mailed yet: the task queue has still to send it."""
        return self.sent_at is None and not self.is_accepted and not self.is_expired

    @property
    def target(self):
        return self.klub or self.school or self.programme


class DataExport(models.Model):
    """A person's request for a zip of everything of theirs ("Mijn gegevens").

    The file lives in storage under `exports/<token>/`, is downloaded only by its owner and
    deleted by the maintenance sweep once it expires.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting")
        PROCESSING = "processing", _("being prepared")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    # The random id in the storage path, so a listing of the storage reveals nobody.
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField(max_length=300, blank=True)
    size = models.BigIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(_("requested on"), default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("available until"))

    class Meta:
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["expires_at"])]

    def __str__(self) -> str:
        return f"{self.owner_id} {self.created_at:%Y-%m-%d} {self.status}"

    @property
    def prefix(self) -> str:
        return f"exports/{self.token}/"

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY and bool(self.file)

    @property
    def is_pending(self) -> bool:
        """Waiting or being prepared: the page keeps asking until it is ready or failed."""
        return self.status in (self.Status.QUEUED, self.Status.PROCESSING)
