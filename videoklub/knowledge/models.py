"""The knowledge base's content, stored and edited with Wagtail, rendered by our own views.

Wagtail keeps drafts, revisions, moderation and scheduled publishing; what a reader may see is
decided by our policy (`permissions.py`) and read through `selectors.py`, never through
Wagtail's own page serving, which is not mounted. A page's public address is ours
(`get_url_parts`), so Wagtail's "view live" and the sitemap point at our views.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from videoklub.knowledge.forms import DossierForm, KnowledgeVideoForm, VideoPageForm
from videoklub.knowledge.presentation import dossier_context, indicator_choices, video_context

# Rich text without images or embeds: our pages show no third-party content.
TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class KnowledgeEditor(models.Model):
    """A person who edits the knowledge base for the whole platform (project staff of a
    programme edit it too, without being listed here)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="knowledge_editor",
    )
    granted_at = models.DateTimeField(_("granted on"), auto_now_add=True)

    class Meta:
        verbose_name = _("knowledge base editor")
        verbose_name_plural = _("knowledge base editors")

    def __str__(self) -> str:
        return str(self.user)


class Licence(models.TextChoices):
    CC_BY_NC_SA = "CC BY-NC-SA 4.0", "CC BY-NC-SA 4.0"
    CC_BY_SA = "CC BY-SA 4.0", "CC BY-SA 4.0"
    CC_BY = "CC BY 4.0", "CC BY 4.0"
    ALL_RIGHTS = "all-rights-reserved", _("all rights reserved")


class SchoolLevel(models.TextChoices):
    # The same codes as organisations.School.Level.
    NURSERY = "kleuter", _("nursery")
    PRIMARY = "lager", _("primary")
    SECONDARY = "secundair", _("secondary")


class KnowledgeIndexPage(Page):
    """The kennisbank's root in the editor: every item is a child of it."""

    intro = RichTextField(_("introduction"), blank=True, features=TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["knowledge.DossierPage", "knowledge.VideoPage"]
    max_count = 1

    class Meta:
        verbose_name = _("knowledge base")

    def get_url_parts(self, request: HttpRequest | None = None) -> Any:
        return (None, settings.SITE_URL, reverse("knowledge:index"))


class DossierTag(TaggedItemBase):
    content_object = ParentalKey(
        "knowledge.DossierPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class IdeaBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    body = blocks.RichTextBlock(label=_("text"), features=TEXT_FEATURES)

    class Meta:
        icon = "pick"


class PracticeBlock(blocks.StructBlock):
    level = blocks.ChoiceBlock(label=_("school level"), choices=SchoolLevel.choices, required=False)
    title = blocks.CharBlock(label=_("title"))
    body = blocks.RichTextBlock(label=_("text"), features=TEXT_FEATURES)

    class Meta:
        icon = "group"


class SourceBlock(blocks.StructBlock):
    reference = blocks.RichTextBlock(label=_("full reference"), features=["italic", "link"])
    note = blocks.CharBlock(label=_("why read it"), required=False)

    class Meta:
        icon = "doc-full"


class DossierPage(Page):
    """A kennisdossier: a structured article on one core practice or theme."""

    summary = models.TextField(_("summary"))
    core_practice = models.ForeignKey(
        "cycles.CorePractice",
        verbose_name=_("core practice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    school_levels = models.JSONField(_("school levels"), default=list, blank=True)
    # Keys of kijkwijzer indicators (observations.Indicator.key) the dossier discusses.
    indicator_keys = models.JSONField(_("kijkwijzer indicators"), default=list, blank=True)
    reading_minutes = models.PositiveSmallIntegerField(_("reading time (minutes)"), default=10)
    is_open = models.BooleanField(
        _("open to everyone"),
        default=False,
        help_text=_("Readable without an account, on a public page with its licence."),
    )
    licence = models.CharField(
        _("licence"), max_length=40, choices=Licence.choices, default=Licence.CC_BY_NC_SA
    )
    tags = ClusterTaggableManager(through=DossierTag, blank=True, verbose_name=_("topics"))

    key_ideas = StreamField(
        [("idea", IdeaBlock(label=_("key idea")))], verbose_name=_("key ideas"), blank=True
    )
    in_the_classroom = StreamField(
        [("practice", PracticeBlock(label=_("in the classroom")))],
        verbose_name=_("in the classroom"),
        blank=True,
    )
    pitfalls = StreamField(
        [("pitfall", IdeaBlock(label=_("pitfall")))], verbose_name=_("pitfalls"), blank=True
    )
    filming = RichTextField(_("what to film"), blank=True, features=TEXT_FEATURES)
    klub_questions = StreamField(
        [("question", blocks.CharBlock(label=_("question")))],
        verbose_name=_("questions for your klub"),
        blank=True,
    )
    sources = StreamField(
        [("source", SourceBlock(label=_("source")))], verbose_name=_("sources"), blank=True
    )
    downloads = StreamField(
        [("document", DocumentChooserBlock(label=_("document")))],
        verbose_name=_("downloads"),
        blank=True,
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("core_practice"),
                FieldPanel("tags"),
                FieldPanel("school_levels"),
                FieldPanel("indicator_keys"),
                FieldPanel("reading_minutes"),
            ],
            heading=_("Finding it"),
        ),
        FieldPanel("key_ideas"),
        FieldPanel("in_the_classroom"),
        FieldPanel("pitfalls"),
        FieldPanel("filming"),
        FieldPanel("klub_questions"),
        FieldPanel("sources"),
        FieldPanel("downloads"),
        MultiFieldPanel([FieldPanel("is_open"), FieldPanel("licence")], heading=_("Access")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("key_ideas"),
        index.SearchField("in_the_classroom"),
        index.SearchField("pitfalls"),
        index.SearchField("filming"),
        index.SearchField("klub_questions"),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
        index.FilterField("core_practice"),
        index.FilterField("is_open"),
    ]
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types: list[str] = []
    template = "knowledge/dossier_detail.html"
    base_form_class = DossierForm

    class Meta:
        verbose_name = _("knowledge dossier")
        verbose_name_plural = _("knowledge dossiers")

    def get_url_parts(self, request: HttpRequest | None = None) -> Any:
        return (None, settings.SITE_URL, reverse("knowledge:dossier", args=[self.slug]))

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # Wagtail's preview renders the page with this context: the same as our view's.
        return {**super().get_context(request, *args, **kwargs), **dossier_context(self)}


def _video_file_name(video: KnowledgeVideo, filename: str) -> str:
    # The extension is kept for the editor's sake; processing recognises the file by content.
    suffix = filename.rsplit(".", 1)[-1].lower()[:8] if "." in filename else "bin"
    return f"{video.prefix}original.{suffix}"


def _subtitles_file_name(video: KnowledgeVideo, filename: str) -> str:
    return f"{video.prefix}subtitles.vtt"


class KnowledgeVideo(models.Model):
    """A video file of the kennisbank (a kennisclip or an expert lesson) with its browser
    rendition, poster and subtitles.

    Not a `recordings.Recording`: a recording belongs to a teacher and falls under their
    retention, erasure and sharing rules; a kennisbank video belongs to the programme and is
    read by whoever may read the page that shows it (`selectors.py`).
    """

    class Status(models.TextChoices):
        UPLOADING = "uploading", _("uploading")
        QUEUED = "queued", _("waiting for processing")
        PROCESSING = "processing", _("processing")
        READY = "ready", _("ready")
        FAILED = "failed", _("could not be processed")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    original = models.FileField(_("video file"), max_length=300, upload_to=_video_file_name)
    rendition = models.FileField(max_length=300, blank=True, editable=False)
    poster = models.FileField(max_length=300, blank=True, editable=False)
    subtitles = models.FileField(
        _("subtitles (WebVTT)"),
        max_length=300,
        blank=True,
        upload_to=_subtitles_file_name,
        help_text=_("A .vtt file in Dutch; it is shown in the player."),
    )
    duration = models.FloatField(null=True, blank=True, editable=False)
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.UPLOADING,
        editable=False,
    )  # fmt: skip
    error_message = models.TextField(_("error"), blank=True, editable=False)
    processing_attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    processing_heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("added on"), auto_now_add=True)

    base_form_class = KnowledgeVideoForm

    class Meta:
        verbose_name = _("kennisbank video")
        verbose_name_plural = _("kennisbank videos")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def prefix(self) -> str:
        return f"kennisbank/video/{self.uuid}/"

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY and bool(self.rendition)


class VideoTag(TaggedItemBase):
    content_object = ParentalKey(
        "knowledge.VideoPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ChapterBlock(blocks.StructBlock):
    at = blocks.FloatBlock(label=_("at (seconds)"), min_value=0)
    title = blocks.CharBlock(label=_("title"), max_length=120)

    class Meta:
        icon = "time"


class CommentaryBlock(blocks.StructBlock):
    at = blocks.FloatBlock(label=_("at (seconds)"), min_value=0)
    # Validated against the shipped kijkwijzers, as a dossier's indicator_keys are (forms.py).
    indicator = blocks.ChoiceBlock(label=_("kijkwijzer indicator"), choices=indicator_choices)
    body = blocks.RichTextBlock(label=_("expert commentary"), features=TEXT_FEATURES)

    class Meta:
        icon = "openquote"


class VideoWatch(models.Model):
    """A signed-in member started watching a kennisbank video: once per person and video, for
    the monitoring numbers ("clips watched"). Anonymous visitors of open videos leave no trace:
    the open kennisbank does not track."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("viewer"),
        on_delete=models.CASCADE,
        related_name="knowledge_video_watches",
    )
    video = models.ForeignKey(
        KnowledgeVideo, verbose_name=_("video"), on_delete=models.CASCADE, related_name="watches"
    )
    first_watched_at = models.DateTimeField(_("first watched on"), default=timezone.now)
    last_watched_at = models.DateTimeField(_("last watched on"), default=timezone.now)

    class Meta:
        verbose_name = _("video watched")
        verbose_name_plural = _("videos watched")
        constraints = [
            models.UniqueConstraint(fields=["user", "video"], name="one_watch_per_person_and_video")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.video_id}"


class VideoPage(Page):
    """A kennisclip (a short knowledge video) or an expert video (a lesson of an expert teacher
    with timestamped commentary tied to kijkwijzer indicators)."""

    class Kind(models.TextChoices):
        CLIP = "kennisclip", _("knowledge clip")
        EXPERT = "expertvideo", _("expert video")

    kind: models.CharField = models.CharField(
        _("kind"), max_length=12, choices=Kind.choices, default=Kind.CLIP
    )
    summary: models.TextField = models.TextField(_("summary"))
    video: models.ForeignKey = models.ForeignKey(
        KnowledgeVideo,
        verbose_name=_("video"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    core_practice: models.ForeignKey = models.ForeignKey(
        "cycles.CorePractice",
        verbose_name=_("core practice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    school_levels = models.JSONField(_("school levels"), default=list, blank=True)
    indicator_keys = models.JSONField(_("kijkwijzer indicators"), default=list, blank=True)
    is_open: models.BooleanField = models.BooleanField(
        _("open to everyone"),
        default=False,
        help_text=_("Readable without an account, on a public page with its licence."),
    )
    licence: models.CharField = models.CharField(
        _("licence"), max_length=40, choices=Licence.choices, default=Licence.CC_BY_NC_SA
    )
    tags = ClusterTaggableManager(through=VideoTag, blank=True, verbose_name=_("topics"))
    chapters = StreamField(
        [("chapter", ChapterBlock(label=_("chapter")))], verbose_name=_("chapters"), blank=True
    )
    commentary = StreamField(
        [("comment", CommentaryBlock(label=_("commentary")))],
        verbose_name=_("expert commentary"),
        blank=True,
    )
    explanation: models.ForeignKey = models.ForeignKey(
        "knowledge.VideoPage",
        verbose_name=_("explanation clip"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A knowledge clip that explains what this video shows."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("video"),
        MultiFieldPanel(
            [
                FieldPanel("core_practice"),
                FieldPanel("tags"),
                FieldPanel("school_levels"),
                FieldPanel("indicator_keys"),
            ],
            heading=_("Finding it"),
        ),
        FieldPanel("chapters"),
        FieldPanel("commentary"),
        FieldPanel("explanation"),
        MultiFieldPanel([FieldPanel("is_open"), FieldPanel("licence")], heading=_("Access")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("chapters"),
        index.SearchField("commentary"),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
        index.FilterField("core_practice"),
        index.FilterField("is_open"),
    ]
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types: list[str] = []
    template = "knowledge/video_detail.html"
    base_form_class = VideoPageForm

    class Meta:
        verbose_name = _("kennisbank video page")
        verbose_name_plural = _("kennisbank video pages")

    def clean(self) -> None:
        super().clean()
        if self.explanation_id is not None:
            if self.explanation_id == self.pk:
                raise ValidationError({"explanation": _("A video cannot explain itself.")})
            explanation = VideoPage.objects.filter(pk=self.explanation_id).first()
            if explanation is None or explanation.kind != self.Kind.CLIP:
                raise ValidationError(
                    {"explanation": _("Choose a knowledge clip as the explanation.")}
                )

    def get_url_parts(self, request: HttpRequest | None = None) -> Any:
        return (None, settings.SITE_URL, reverse("knowledge:video", args=[self.slug]))

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # Wagtail's preview renders the page with this context: the same as our view's.
        return {**super().get_context(request, *args, **kwargs), **video_context(self)}
