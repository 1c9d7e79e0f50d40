"""The coaching kit: what a coach needs to run klub sessions, gathered on one page and in one
PDF. The shipped kijkwijzers, the work forms (team methods) and the e-courses' materials are
free for every school, so the general kit is public; a programme's kit adds the kijkwijzers the
programme made itself and is for the people of that programme.

It lives with the e-courses because it gathers their materials, and this floor may read the
kijkwijzers (observations) and work forms (meetings) below it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Q
from django.shortcuts import get_object_or_404

from videoklub.courses.progress import ModuleOutline, course_outline
from videoklub.courses.selectors import readable_courses
from videoklub.meetings.selectors import work_forms
from videoklub.observations.selectors import shipped_and_programme_frameworks
from videoklub.organisations.models import Klub, Programme
from videoklub.organisations.permissions import (
    memberships,
    programme_ids_staffed,
    school_ids_led,
)
from videoklub.policy import authorize

if TYPE_CHECKING:
    from videoklub.courses.models import CoursePage
    from videoklub.meetings.models import WorkForm
    from videoklub.observations.models import FrameworkVersion
    from videoklub.policy import AnyUser

# The step kinds whose prompts a coach can take into a klub session as they are.
PROMPT_KINDS = ("reflection", "discussion")


@dataclass(frozen=True)
class CourseMaterial:
    course: CoursePage
    modules: list[ModuleOutline]

    @property
    def prompts(self) -> list[tuple[str, str, str]]:
        """(module title, step kind, prompt) of every reflection and discussion step."""
        return [
            (module.title, state.step.kind, str(state.step.value["prompt"]))
            for module in self.modules
            for state in module.steps
            if state.step.kind in PROMPT_KINDS
        ]


@dataclass(frozen=True)
class CoachingKit:
    programme: Programme | None
    kijkwijzers: list[FrameworkVersion]
    work_forms: list[WorkForm]
    courses: list[CourseMaterial]
    # The programmes whose own kit the reader may open (links from the general kit).
    programmes: list[Programme] = field(default_factory=list)

    @property
    def own_kijkwijzers(self) -> list[FrameworkVersion]:
        return [v for v in self.kijkwijzers if v.framework.programme_id is not None]


def kit_programmes(user: AnyUser) -> list[Programme]:
    """The programmes the user belongs to: as project staff or through a klub."""
    if not user.is_authenticated:
        return []
    ids = programme_ids_staffed(user) | {
        m.klub.programme_id for m in memberships(user) if m.klub is not None
    }
    led = Klub.objects.filter(school_id__in=school_ids_led(user)).values("programme_id")
    programmes = Programme.objects.filter(Q(pk__in=ids) | Q(pk__in=led))
    return list(programmes.order_by("-school_year", "name"))


def kit_programme_get(user: AnyUser, pk: int) -> Programme:
    """A programme whose kit the user may open; 404 (not 403) to anyone else."""
    programme = get_object_or_404(Programme, pk=pk)
    authorize(user, "view_programme_kit", programme, hide_as="view_programme_kit")
    return programme


def coaching_kit(user: AnyUser, programme: Programme | None = None) -> CoachingKit:
    """The kit as `user` may read it: open courses only for anonymous visitors (the knowledge
    base's rule), and a programme's own kijkwijzers only when the caller passes a programme
    from `kit_programme_get`."""
    courses = [
        CourseMaterial(course=course, modules=course_outline(course, None).modules)
        for course in readable_courses(user).order_by("title")
    ]
    return CoachingKit(
        programme=programme,
        kijkwijzers=shipped_and_programme_frameworks(programme.pk if programme else None),
        work_forms=list(work_forms()),
        courses=courses,
        programmes=[] if programme else kit_programmes(user),
    )
