"""The public e-courses for search engines: the list and the open courses' overviews."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from videoklub.courses.models import CoursePage
from videoklub.courses.selectors import open_courses


class CourseIndexSitemap(Sitemap):
    def items(self) -> list[str]:
        return ["courses:index"]

    def location(self, item: str) -> str:
        return reverse(item)


class OpenCourseSitemap(Sitemap):
    def items(self) -> QuerySet[CoursePage]:
        return open_courses()

    def location(self, item: CoursePage) -> str:
        return reverse("courses:detail", args=[item.slug])

    def lastmod(self, item: CoursePage):
        return item.last_published_at


SITEMAPS = {"cursussen": CourseIndexSitemap, "open-cursussen": OpenCourseSitemap}
