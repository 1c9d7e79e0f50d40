"""E-courses: the content in Wagtail (`CoursePage`, in the kennisbank's tree, in a folder of
its own beside the dossiers), the learners' progress, answers and feedback in plain models.

As with the dossiers, Wagtail keeps drafts, revisions and publishing; readers reach a course
only through our views and selectors (`selectors.py`), which ask the policy.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from videoklub.courses.blocks import FEEDBACK_BLOCKS, ModuleBlock
from videoklub.courses.forms import CourseForm
from videoklub.courses.progress import course_outline
from videoklub.knowledge.editors import knowledge_root
from videoklub.knowledge.models import TEXT_FEATURES, Licence, SourceBlock


class CourseIndexPage(Page):
    """The e-courses' folder in the kennisbank's tree (/kennisbank/cursussen/). Courses get a
    parent of their own so their slugs cannot collide with a dossier's: a course and a dossier
    on the same core practice naturally want the same one."""

    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("e-courses")

    def get_url_parts(self, request: HttpRequest | None = None) -> Any:
        return (None, settings.SITE_URL, reverse("courses:index"))


class CourseTag(TaggedItemBase):
    content_object = ParentalKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class CoursePage(Page):
    """A self-paced e-course: modules of steps, a feedback form and a certificate."""

    # Annotated by hand: Wagtail's Page is untyped, so the django-stubs plugin cannot infer them.
    summary: models.TextField = models.TextField(_("summary"))
    intro = RichTextField(_("introduction"), blank=True, features=TEXT_FEATURES)
    core_practice: models.ForeignKey = models.ForeignKey(
        "cycles.CorePractice",
        verbose_name=_("core practice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    school_levels = models.JSONField(_("school levels"), default=list, blank=True)
    hours: models.DecimalField = models.DecimalField(
        _("study load (hours)"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("1.0"),
        validators=[MinValueValidator(Decimal("0.1"))],
        help_text=_("Printed on the certificate of completion."),
    )
    is_open: models.BooleanField = models.BooleanField(
        _("open to everyone"),
        default=False,
        help_text=_("Readable without an account, on a public page with its licence."),
    )
    licence: models.CharField = models.CharField(
        _("licence"), max_length=40, choices=Licence.choices, default=Licence.CC_BY_NC_SA
    )
    tags = ClusterTaggableManager(through=CourseTag, blank=True, verbose_name=_("topics"))
    modules = StreamField([("module", ModuleBlock())], verbose_name=_("modules"), blank=True)
    feedback_questions = StreamField(
        FEEDBACK_BLOCKS, verbose_name=_("feedback questions"), blank=True
    )
    sources = StreamField(
        [("source", SourceBlock(label=_("source")))], verbose_name=_("sources"), blank=True
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("core_practice"),
                FieldPanel("tags"),
                FieldPanel("school_levels"),
                FieldPanel("hours"),
            ],
            heading=_("Finding it"),
        ),
        FieldPanel("modules"),
        FieldPanel("feedback_questions"),
        FieldPanel("sources"),
        MultiFieldPanel([FieldPanel("is_open"), FieldPanel("licence")], heading=_("Access")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("intro"),
        index.SearchField("modules"),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
        index.FilterField("core_practice"),
        index.FilterField("is_open"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types: list[str] = []
    template = "courses/course_detail.html"
    base_form_class = CourseForm

    class Meta:
        verbose_name = _("e-course")
        verbose_name_plural = _("e-courses")

    def get_url_parts(self, request: HttpRequest | None = None) -> Any:
        return (None, settings.SITE_URL, reverse("courses:detail", args=[self.slug]))

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # Wagtail's preview: the course as a visitor without progress sees it.
        return {
            **super().get_context(request, *args, **kwargs),
            "course": self,
            "outline": course_outline(self, None),
        }


class Enrolment(models.Model):
    """A person taking a course (alone; `klub` is for team mode, a later round)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="course_enrolments",
    )
    course = models.ForeignKey(
        CoursePage, verbose_name=_("course"), on_delete=models.CASCADE, related_name="enrolments"
    )
    klub = models.ForeignKey(
        "organisations.Klub",
        verbose_name=_("klub"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="course_enrolments",
    )
    started_at = models.DateTimeField(_("started on"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed on"), null=True, blank=True)
    # Where the learner was: the step "Continue" opens (a block id of the course's steps).
    last_step_id = models.CharField(_("last step"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="one_enrolment_per_course")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.course_id}"


class StepResponse(models.Model):
    """A learner's answer to one step (for text and discussion steps: that they read it)."""

    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="responses"
    )
    step_id = models.CharField(_("step"), max_length=64)
    answer = models.TextField(_("answer"), blank=True)
    # A video step's answers: {observation task id: text}.
    answers = models.JSONField(_("answers to observation tasks"), default=dict, blank=True)
    choice = models.PositiveSmallIntegerField(_("chosen answer"), null=True, blank=True)
    completed_at = models.DateTimeField(_("answered on"))
    # A reflection is private to its author unless they choose to share it with their klub.
    shared_with_klub = models.BooleanField(_("shared with my klub"), default=False)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "step_id"], name="one_response_per_step")
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} · {self.step_id}"


class FeedbackResponse(models.Model):
    """A learner's feedback on a course. Anonymous to everyone but its author: the staff's
    pages never show who wrote it, and erasing the author keeps the answers without them."""

    course = models.ForeignKey(
        CoursePage, verbose_name=_("course"), on_delete=models.CASCADE, related_name="feedback"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="course_feedback",
    )
    # {feedback question block id: 1..5 for a scale question, text for an open one}
    answers = models.JSONField(_("answers"), default=dict)
    created_at = models.DateTimeField(_("given on"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed on"), auto_now=True)

    class Meta:
        verbose_name = _("course feedback")
        verbose_name_plural = _("course feedback")
        constraints = [
            models.UniqueConstraint(fields=["course", "author"], name="one_feedback_per_author")
        ]

    def __str__(self) -> str:
        return f"{self.course_id} · {self.pk}"


@transaction.atomic
def courses_root() -> CourseIndexPage:
    """The courses' folder in Wagtail's tree, made under the kennisbank's page on first use."""
    root = CourseIndexPage.objects.first()
    if root is None:
        root = knowledge_root().add_child(
            instance=CourseIndexPage(title="E-cursussen", slug="cursussen")
        )
    return root
