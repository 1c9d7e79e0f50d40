"""Reading the knowledge base, for a signed-in person or an anonymous visitor.

Only published ("live") items are ever read here; drafts stay in the editor. An anonymous
visitor reads only items marked open; everything else answers 404 to them, as if it did not
exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404

from videoklub.cycles.models import CorePractice
from videoklub.knowledge.models import DossierPage
from videoklub.policy import can

if TYPE_CHECKING:
    from videoklub.policy import AnyUser


@dataclass(frozen=True)
class Filters:
    query: str = ""
    core_practice: str = ""  # CorePractice.code
    level: str = ""  # "kleuter", "lager", "secundair"
    topic: str = ""  # a tag's slug


def _readable(user: AnyUser) -> QuerySet[DossierPage]:
    dossiers = DossierPage.objects.live().select_related("core_practice")
    if not can(user, "view_knowledge"):
        dossiers = dossiers.filter(is_open=True)
    return dossiers


def dossiers_for_user(user: AnyUser, filters: Filters | None = None) -> list[DossierPage]:
    """The dossiers `user` may read that match `filters`, best match first when searching."""
    filters = filters or Filters()
    dossiers = _readable(user)
    if filters.core_practice:
        dossiers = dossiers.filter(core_practice__code=filters.core_practice)
    if filters.topic:
        dossiers = dossiers.filter(tags__slug=filters.topic).distinct()
    found = list(dossiers.order_by("title"))
    if filters.level:
        # A short JSON list per dossier: filtered here, the same on SQLite and PostgreSQL.
        found = [d for d in found if not d.school_levels or filters.level in d.school_levels]
    if filters.query.strip():
        ranked = [hit.pk for hit in DossierPage.objects.live().search(filters.query, operator="or")]
        order = {pk: rank for rank, pk in enumerate(ranked)}
        found = sorted((d for d in found if d.pk in order), key=lambda d: order[d.pk])
    return found


def dossier_get_for_user(user: AnyUser, slug: str) -> DossierPage:
    dossier = _readable(user).filter(slug=slug).first()
    if dossier is None:
        raise Http404
    return dossier


def dossiers_for_core_practice(user: AnyUser, core_practice: CorePractice) -> list[DossierPage]:
    return list(_readable(user).filter(core_practice=core_practice).order_by("title"))


def filter_choices(user: AnyUser) -> dict[str, list[tuple[str, str]]]:
    """What the filters offer: the core practices and topics of the dossiers `user` reads."""
    dossiers = _readable(user)
    practices = CorePractice.objects.filter(pk__in=dossiers.values("core_practice")).order_by(
        "order"
    )
    topics: dict[str, str] = {}
    for dossier in dossiers.prefetch_related("tags"):
        for tag in dossier.tags.all():
            topics[tag.slug] = tag.name
    return {
        "core_practices": [(p.code, str(p)) for p in practices],
        "topics": sorted(topics.items(), key=lambda item: item[1]),
    }


def open_dossiers() -> QuerySet[DossierPage]:
    """The public ones, for the sitemap."""
    return DossierPage.objects.live().filter(is_open=True).order_by("title")


def dossiers_with_document(user: AnyUser, document_id: int) -> list[DossierPage]:
    """The readable dossiers that offer a document for download. A kennisbank holds dozens of
    dossiers, so reading their download lists beats keeping an index of them."""
    return [
        dossier
        for dossier in _readable(user).select_related(None).only("pk", "downloads")
        if any(block.value and block.value.pk == document_id for block in dossier.downloads)
    ]
