"""The video development cycle: a teacher's round from learning question to evaluation.

A cycle belongs to one teacher in one klub. Its learning question is shaped with GRROW (Goal,
Reality, Resources, Options, Way forward), it holds the recordings filmed for it, the actions the
teacher tries out and the reflections written along the way. The next cycle links to the
previous one, so two rounds can be compared. Coaches keep a log of their classroom visits.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

# The core practices are stored in English (migration 0003) and translated on display; listed
# here so that makemessages finds their names.
CORE_PRACTICE_NAMES = [
    gettext_noop("growth-oriented feedback"),
    gettext_noop("classroom management"),
    gettext_noop("high expectations"),
    gettext_noop("growing independence"),
    gettext_noop("language-oriented subject teaching"),
    gettext_noop("purposeful differentiation"),
]


class CorePractice(models.Model):
    """One of the evidence-informed core practices (kernpraktijken) a question is linked to."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("core practice")
        verbose_name_plural = _("core practices")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return str(_(self.name))


class Phase(models.TextChoices):
    PREPARE = "prepare", _("prepare")
    FILM = "film", _("film")
    ANALYSE = "analyse", _("analyse")
    DISCUSS = "discuss", _("discuss")
    ACT = "act", _("act")
    EVALUATE = "evaluate", _("evaluate")
    DONE = "done", _("done")


PHASE_ORDER = [phase.value for phase in Phase]


class Cycle(models.Model):
    """One teacher's round: question → film → analyse → discuss → act → evaluate."""

    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("teacher"),
        on_delete=models.CASCADE,
        related_name="cycles",
    )
    klub = models.ForeignKey(
        "organisations.Klub",
        verbose_name=_("klub"),
        on_delete=models.CASCADE,
        related_name="cycles",
    )
    number = models.PositiveSmallIntegerField(_("number"))
    core_practice = models.ForeignKey(
        CorePractice,
        verbose_name=_("core practice"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cycles",
    )
    previous = models.OneToOneField(
        "self",
        verbose_name=_("previous cycle"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next",
    )
    phase = models.CharField(
        _("phase"), max_length=10, choices=Phase.choices, default=Phase.PREPARE
    )
    created_at = models.DateTimeField(_("started on"), default=timezone.now)
    # Touched by every write in the cycle: the klub board shows it as "last activity".
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished on"), null=True, blank=True)
    # A closed cycle is in the phase "done": completed, or abandoned (stopped before its end).
    abandoned = models.BooleanField(_("abandoned"), default=False)

    class Meta:
        verbose_name = _("development cycle")
        verbose_name_plural = _("development cycles")
        ordering = ["teacher", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["teacher", "klub", "number"], name="cycle_unique_number_per_teacher"
            ),
        ]
        indexes = [models.Index(fields=["klub", "teacher", "-number"])]

    def __str__(self) -> str:
        return str(_("Cycle %(number)s") % {"number": self.number})

    @property
    def is_done(self) -> bool:
        return self.phase == Phase.DONE

    @property
    def is_open(self) -> bool:
        return self.phase != Phase.DONE

    @property
    def is_completed(self) -> bool:
        return self.phase == Phase.DONE and not self.abandoned


class PhaseChange(models.Model):
    """A move of a cycle from one phase to another: who or what moved it, and when.

    The cycle follows the work: filing a recording, sharing a fragment, agreeing actions in a
    klub session and writing a reflection move it on by themselves (never back); the teacher
    can also move it by hand, close it or stop it. The item that caused an automatic move is
    kept as a link (not a copy of its title), so a deleted recording leaves no trace here.
    """

    class Reason(models.TextChoices):
        MANUAL = "manual", _("moved by hand")
        RECORDING_FILED = "recording_filed", _("a recording was filed")
        FRAGMENT_SHARED = "fragment_shared", _("a fragment was shared")
        ACTIONS_AGREED = "actions_agreed", _("actions were agreed in a klub session")
        REFLECTION_WRITTEN = "reflection_written", _("a reflection was written")
        CLOSED = "closed", _("closed")
        ABANDONED = "abandoned", _("abandoned")

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="phase_changes")
    from_phase = models.CharField(max_length=10, choices=Phase.choices)
    to_phase = models.CharField(max_length=10, choices=Phase.choices)
    reason = models.CharField(max_length=20, choices=Reason.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recording = models.ForeignKey(
        "recordings.Recording", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    fragment = models.ForeignKey(
        "recordings.Fragment", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.ForeignKey(
        "Action", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reflection = models.ForeignKey(
        "Reflection", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    AUTOMATIC = (
        Reason.RECORDING_FILED,
        Reason.FRAGMENT_SHARED,
        Reason.ACTIONS_AGREED,
        Reason.REFLECTION_WRITTEN,
    )

    class Meta:
        verbose_name = _("phase change")
        verbose_name_plural = _("phase changes")
        ordering = ["cycle", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_phase} → {self.to_phase} ({self.reason})"

    @property
    def is_automatic(self) -> bool:
        return self.reason in self.AUTOMATIC


class LearningQuestion(models.Model):
    """The cycle's learning question, shaped step by step with GRROW."""

    cycle = models.OneToOneField(Cycle, on_delete=models.CASCADE, related_name="learning_question")
    goal = models.TextField(_("goal"), blank=True)
    reality = models.TextField(_("reality"), blank=True)
    resources = models.TextField(_("resources"), blank=True)
    options = models.TextField(_("options"), blank=True)
    way_forward = models.TextField(_("way forward"), blank=True)
    question = models.TextField(_("learning question"), blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("learning question")
        verbose_name_plural = _("learning questions")

    def __str__(self) -> str:
        return self.question or str(_("(no question yet)"))


class QuestionComment(models.Model):
    """A coach's (or the teacher's) comment on a learning question, before filming."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="question_comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("comment on the learning question")
        verbose_name_plural = _("comments on the learning question")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.body[:60]


class Action(models.Model):
    """A concrete change to try in class, with a success criterion and a date."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        TRYING = "trying", _("trying out")
        DONE = "done", _("done")
        DROPPED = "dropped", _("dropped")

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="actions"
    )
    description = models.TextField(_("what I will try"))
    success_criterion = models.TextField(_("how I will know it worked"))
    due_on = models.DateField(_("by"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Set when the action was agreed in a klub session.
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("agreed in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["cycle", "created_at"]

    def __str__(self) -> str:
        return self.description[:60]


class Reflection(models.Model):
    """A dated entry in the teacher's reflection journal."""

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="reflections"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections"
    )
    body = models.TextField(_("reflection"))
    created_at = models.DateTimeField(_("written on"), default=timezone.now)

    class Meta:
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")
        ordering = ["cycle", "created_at"]

    def __str__(self) -> str:
        return self.body[:60]


class CoachingVisit(models.Model):
    """An entry in a coach's coaching log: a visit to a teacher, as Studio Lex coaches keep it."""

    class Kind(models.TextChoices):
        OBSERVATION = "observation", _("classroom observation")
        CO_TEACHING = "co_teaching", _("co-teaching")
        MODEL_LESSON = "model_lesson", _("model lesson")
        REFLECTION = "reflection", _("reflection conversation")

    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coach"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="coaching_visits_given",
    )
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("teacher"),
        on_delete=models.CASCADE,
        related_name="coaching_visits",
    )
    klub = models.ForeignKey(
        "organisations.Klub", verbose_name=_("klub"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind of visit"), max_length=20, choices=Kind.choices)
    visited_on = models.DateField(_("date"))
    goals = models.TextField(_("goals"), blank=True)
    actions = models.TextField(_("actions"), blank=True)
    reflections = models.TextField(_("reflections"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("coaching visit")
        verbose_name_plural = _("coaching visits")
        ordering = ["-visited_on", "-created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(kind=""), name="coaching_visit_has_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.visited_on}"
