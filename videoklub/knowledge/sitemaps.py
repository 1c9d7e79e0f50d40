"""The public part of the kennisbank for search engines: the index, open dossiers and videos."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from videoklub.knowledge.models import DossierPage, VideoPage
from videoklub.knowledge.selectors import open_dossiers, open_videos


class KennisbankSitemap(Sitemap):
    def items(self) -> list[str]:
        return ["knowledge:index"]

    def location(self, item: str) -> str:
        return reverse(item)


class OpenDossierSitemap(Sitemap):
    def items(self) -> QuerySet[DossierPage]:
        return open_dossiers()

    def location(self, item: DossierPage) -> str:
        return reverse("knowledge:dossier", args=[item.slug])

    def lastmod(self, item: DossierPage):
        return item.last_published_at


class OpenVideoSitemap(Sitemap):
    def items(self) -> QuerySet[VideoPage]:
        return open_videos()

    def location(self, item: VideoPage) -> str:
        return reverse("knowledge:video", args=[item.slug])

    def lastmod(self, item: VideoPage):
        return item.last_published_at


SITEMAPS = {
    "kennisbank": KennisbankSitemap,
    "dossiers": OpenDossierSitemap,
    "videos": OpenVideoSitemap,
}
