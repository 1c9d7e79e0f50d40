"""Published (or draft) dossiers for tests, made through Wagtail's own tree and publishing."""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from videoklub.knowledge.editors import knowledge_root
from videoklub.knowledge.models import DossierPage


def make_dossier(*, publish: bool = True, **fields: Any) -> DossierPage:
    fields.setdefault("title", "Groeigerichte feedback")
    fields.setdefault("slug", "groeigerichte-feedback")
    fields.setdefault(
        "summary", "Feedback die zegt waar je naartoe gaat en wat de volgende stap is."
    )
    topics = fields.pop("topics", [])
    page = DossierPage(**fields)
    knowledge_root().add_child(instance=page)
    if topics:
        page.tags.set(topics)
        page.save()
    revision = page.save_revision()
    if publish:
        revision.publish()
    else:
        page.live = False
        page.save(update_fields=["live"])
    page.refresh_from_db()
    return page


def make_document(title: str = "Kijkwijzer feedback") -> Document:
    document = Document(title=title)
    document.file.save("kijkwijzer-feedback.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    document.save()
    return document


def attach(dossier: DossierPage, document: Document) -> DossierPage:
    dossier.downloads = [("document", document)]
    dossier.save_revision().publish()
    dossier.refresh_from_db()
    return dossier


SUBTITLES = b"WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nGoeiemorgen, klas.\n"


def make_knowledge_video(*, ready: bool = True, title: str = "Feedback in de klas"):
    """A kennisbank video with stored files (bytes, not a real video: enough for serving)."""
    from videoklub.knowledge.models import KnowledgeVideo

    video = KnowledgeVideo(title=title, status="ready" if ready else "queued", duration=10)
    video.original.save("video.mp4", ContentFile(b"original"), save=False)
    video.subtitles.save("subtitles.vtt", ContentFile(SUBTITLES), save=False)
    if ready:
        video.rendition.save("rendition.mp4", ContentFile(b"0123456789"), save=False)
        video.poster.save("poster.jpg", ContentFile(b"jpeg"), save=False)
    video.save()
    return video


def make_video_page(*, publish: bool = True, video=None, **fields: Any):
    """A published (or draft) kennisbank video page, with chapters and expert commentary."""
    from videoklub.knowledge.models import VideoPage

    fields.setdefault("title", "Juf Nadia geeft feedback")
    fields.setdefault("slug", "juf-nadia")
    fields.setdefault("summary", "Een voorbeeldles over feedback tijdens zelfstandig werk.")
    fields.setdefault("kind", VideoPage.Kind.EXPERT)
    fields.setdefault("chapters", [("chapter", {"at": 0, "title": "Het doel"})])
    fields.setdefault(
        "commentary",
        [
            (
                "comment",
                {"at": 15, "indicator": "fb-feed-up", "body": "<p>Het doel is zichtbaar.</p>"},
            )
        ],
    )
    topics = fields.pop("topics", [])
    page = VideoPage(video=video if video is not None else make_knowledge_video(), **fields)
    knowledge_root().add_child(instance=page)
    if topics:
        page.tags.set(topics)
        page.save()
    revision = page.save_revision()
    if publish:
        revision.publish()
    else:
        page.live = False
        page.save(update_fields=["live"])
    page.refresh_from_db()
    return page
