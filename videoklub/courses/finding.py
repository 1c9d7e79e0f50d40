"""E-courses in the kennisbank's one search (knowledge/finding.py), registered from `ready()`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from videoklub.courses.models import Enrolment
from videoklub.courses.selectors import readable_courses
from videoklub.knowledge.finding import Choices, Hit, SearchSource
from videoklub.knowledge.selectors import matching_pages

if TYPE_CHECKING:
    from videoklub.courses.models import CoursePage
    from videoklub.knowledge.selectors import Filters
    from videoklub.policy import AnyUser


def _facts(course: CoursePage, enrolment: Enrolment | None) -> list[str]:
    facts = [_("e-course")]
    if course.core_practice:
        facts.append(str(course.core_practice))
    facts.append(_("%(hours)s hours") % {"hours": number_format(course.hours)})
    if enrolment is not None:
        facts.append(_("completed") if enrolment.completed_at else _("you started it"))
    elif not course.is_open:
        facts.append(_("for members"))
    return facts


def course_hits(user: AnyUser, filters: Filters) -> list[Hit]:
    """The courses `user` may read that match, each with where the user stands in it."""
    courses = matching_pages(readable_courses(user), filters)
    enrolments: dict[int, Enrolment] = {}
    if user.is_authenticated and courses:
        enrolments = {
            e.course_id: e for e in Enrolment.objects.filter(user_id=user.pk, course__in=courses)
        }
    return [
        Hit(
            course.title,
            reverse("courses:detail", args=[course.slug]),
            course.summary,
            _facts(course, enrolments.get(course.pk)),
        )
        for course in courses
    ]


def course_choices(user: AnyUser) -> Choices:
    courses = readable_courses(user).prefetch_related("tags")
    topics = {tag.slug: tag.name for course in courses for tag in course.tags.all()}
    codes = {course.core_practice.code for course in courses if course.core_practice}
    return Choices(core_practices=codes, topics=topics)


SOURCE = SearchSource(
    key="courses",
    heading=lambda n: ngettext("%(n)d e-course", "%(n)d e-courses", n) % {"n": n},
    find=course_hits,
    choices=course_choices,
    more=lambda user: (_("All e-courses"), reverse("courses:index")),
)
