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
