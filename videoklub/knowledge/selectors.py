"""Reading the knowledge base, for a signed-in person or an anonymous visitor.

Only published ("live") items are ever read here; drafts stay in the editor. An anonymous
visitor reads only items marked open; everything else answers 404 to them, as if it did not
exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from django.db.models import Q, QuerySet
from django.http import Http404
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from videoklub.cycles.models import CorePractice
from videoklub.knowledge.finding import registered_choices
from videoklub.knowledge.models import DossierPage, KnowledgeVideo, VideoPage
from videoklub.policy import can

ItemT = TypeVar("ItemT", DossierPage, VideoPage)
PageT = TypeVar("PageT", bound=Page)

if TYPE_CHECKING:
    from videoklub.policy import AnyUser


@dataclass(frozen=True)
class Filters:
    query: str = ""
    core_practice: str = ""  # CorePractice.code
    level: str = ""  # "kleuter", "lager", "secundair"
    topic: str = ""  # a tag's slug


def _readable_items(user: AnyUser, model: type[ItemT]) -> QuerySet[ItemT]:
    """The one rule for every kind of kennisbank item: published, and for anonymous visitors
    only what is marked open."""
    items = model.objects.live().select_related("core_practice")
    if not can(user, "view_knowledge"):
        items = items.filter(is_open=True)
    return items


def _readable(user: AnyUser) -> QuerySet[DossierPage]:
    return _readable_items(user, DossierPage)


def _readable_videos(user: AnyUser) -> QuerySet[VideoPage]:
    return _readable_items(user, VideoPage).select_related("video")


def readable_videos(user: AnyUser) -> QuerySet[VideoPage]:
    """The video pages `user` may watch (open ones only for anonymous visitors)."""
    return _readable_videos(user)


def search_ranks(query: str, items: Any) -> dict[int, int]:
    """Wagtail's search over `items` (a model or a queryset of one): PostgreSQL's full text
    with the Dutch configuration in production, its database fallback on SQLite. Each hit's pk
    with its rank, best first; any word may match."""
    hits = get_search_backend().search(query, items, operator="or")
    return {hit.pk: rank for rank, hit in enumerate(hits)}


def matching_pages(items: QuerySet[PageT], filters: Filters) -> list[PageT]:
    """The pages of `items` that match `filters`, best match first when searching, else by
    title. For every kennisbank page kind with a core practice, topics and school levels."""
    if filters.core_practice:
        items = items.filter(core_practice__code=filters.core_practice)
    if filters.topic:
        items = items.filter(tags__slug=filters.topic).distinct()
    found = list(items.order_by("title"))
    if filters.level:
        # A short JSON list per item: filtered here, the same on SQLite and PostgreSQL.
        found = [d for d in found if not d.school_levels or filters.level in d.school_levels]
    if filters.query.strip():
        order = search_ranks(filters.query, items.model.objects.live())
        found = sorted((d for d in found if d.pk in order), key=lambda d: order[d.pk])
    return found


def dossiers_for_user(user: AnyUser, filters: Filters | None = None) -> list[DossierPage]:
    """The dossiers `user` may read that match `filters`, best match first when searching."""
    return matching_pages(_readable(user), filters or Filters())


def videos_for_user(user: AnyUser, filters: Filters | None = None) -> list[VideoPage]:
    """The kennisclips and expert videos `user` may read that match `filters`."""
    return matching_pages(_readable_videos(user), filters or Filters())


def video_get_for_user(user: AnyUser, slug: str) -> VideoPage:
    page = _readable_videos(user).select_related("explanation").filter(slug=slug).first()
    if page is None:
        raise Http404
    return page


def video_page_readable(user: AnyUser, page: Page | None) -> VideoPage | None:
    """The video page a course step points at, if `user` may watch it (else None: a draft or
    closed video is not shown, whatever the course says)."""
    if page is None:
        return None
    return _readable_videos(user).filter(pk=page.pk).first()


def knowledge_video_get_for_user(user: AnyUser, video_uuid: UUID) -> KnowledgeVideo:
    """A video file to stream: to editors always, to others when a page they may read shows
    it. Anything else answers 404, as if it did not exist."""
    video = KnowledgeVideo.objects.filter(uuid=video_uuid).first()
    if video is None:
        raise Http404
    if can(user, "edit_knowledge"):
        return video
    if not _readable_videos(user).filter(video=video).exists():
        raise Http404
    return video


def dossier_get_for_user(user: AnyUser, slug: str) -> DossierPage:
    dossier = _readable(user).filter(slug=slug).first()
    if dossier is None:
        raise Http404
    return dossier


def dossiers_for_core_practice(user: AnyUser, core_practice: CorePractice) -> list[DossierPage]:
    return list(_readable(user).filter(core_practice=core_practice).order_by("title"))


def filter_choices(user: AnyUser) -> dict[str, list[tuple[str, str]]]:
    """What the filters offer: the core practices and topics of everything `user` reads in the
    kennisbank, the kinds other apps register included."""
    dossiers = _readable(user)
    videos = _readable_videos(user)
    topics: dict[str, str] = {}
    for items in (dossiers, videos):
        for item in items.prefetch_related("tags"):
            for tag in item.tags.all():
                topics[tag.slug] = tag.name
    codes: set[str] = set()
    for more in registered_choices(user):
        codes |= more.core_practices
        topics.update(more.topics)
    practices = CorePractice.objects.filter(
        Q(pk__in=dossiers.values("core_practice"))
        | Q(pk__in=videos.values("core_practice"))
        | Q(code__in=codes)
    ).order_by("order")
    return {
        "core_practices": [(p.code, str(p)) for p in practices],
        "topics": sorted(topics.items(), key=lambda item: item[1]),
    }


def open_dossiers() -> QuerySet[DossierPage]:
    """The public ones, for the sitemap."""
    return DossierPage.objects.live().filter(is_open=True).order_by("title")


def open_videos() -> QuerySet[VideoPage]:
    """The public ones, for the sitemap."""
    return VideoPage.objects.live().filter(is_open=True).order_by("title")


def dossiers_with_document(user: AnyUser, document_id: int) -> list[DossierPage]:
    """The readable dossiers that offer a document for download. A kennisbank holds dozens of
    dossiers, so reading their download lists beats keeping an index of them."""
    return [
        dossier
        for dossier in _readable(user).select_related(None).only("pk", "downloads")
        if any(block.value and block.value.pk == document_id for block in dossier.downloads)
    ]
