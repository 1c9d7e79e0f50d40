"""Reading e-courses and a learner's progress, for a signed-in person or an anonymous visitor.

Only published courses are read here, drafts stay in the editor. An anonymous visitor reads only
courses marked open (and, in the views, only their overview and text steps); everything else
answers 404 to them. A learner's answers are read for that learner only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import mean
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from videoklub.courses.models import CoursePage, Enrolment, FeedbackResponse, StepResponse
from videoklub.courses.progress import Outline, Step, course_outline
from videoklub.cycles.models import CorePractice
from videoklub.cycles.selectors import TrailEntry
from videoklub.policy import authorize, can

if TYPE_CHECKING:
    from videoklub.accounts.models import User
    from videoklub.policy import AnyUser


def _readable(user: AnyUser) -> QuerySet[CoursePage]:
    courses = CoursePage.objects.live().select_related("core_practice")
    if not can(user, "view_knowledge"):
        courses = courses.filter(is_open=True)
    return courses


def readable_courses(user: AnyUser) -> QuerySet[CoursePage]:
    """The published courses `user` may read (open ones only for anonymous visitors): for
    team mode's lists and the coaching kit."""
    return _readable(user)


@dataclass(frozen=True)
class CourseListItem:
    course: CoursePage
    enrolment: Enrolment | None


def courses_for_user(user: AnyUser, *, core_practice: str = "") -> list[CourseListItem]:
    """The courses `user` may read (of one core practice, by its code), each with the user's
    enrolment if they started it. Two queries."""
    courses = _readable(user)
    if core_practice:
        courses = courses.filter(core_practice__code=core_practice)
    enrolments: dict[int, Enrolment] = {}
    if user.is_authenticated:
        enrolments = {e.course_id: e for e in Enrolment.objects.filter(user_id=user.pk)}
    return [CourseListItem(c, enrolments.get(c.pk)) for c in courses.order_by("title")]


def core_practice_choices(user: AnyUser) -> list[tuple[str, str]]:
    practices = CorePractice.objects.filter(
        pk__in=_readable(user).values("core_practice")
    ).order_by("order")
    return [(p.code, str(p)) for p in practices]


def course_get_for_user(user: AnyUser, slug: str) -> CoursePage:
    course = _readable(user).prefetch_related("tags").filter(slug=slug).first()
    if course is None:
        raise Http404
    return course


def open_courses() -> QuerySet[CoursePage]:
    """The public ones, for the sitemap."""
    return CoursePage.objects.live().filter(is_open=True).order_by("title")


def courses_for_core_practice(user: AnyUser, core_practice: CorePractice) -> list[CoursePage]:
    return list(_readable(user).filter(core_practice=core_practice).order_by("title"))


def enrolment_for(user: AnyUser, course: CoursePage) -> Enrolment | None:
    """The user's enrolment in the course with its klub and their answers (two queries), or
    None."""
    if not user.is_authenticated:
        return None
    return (
        Enrolment.objects.filter(user_id=user.pk, course=course)
        .select_related("klub")
        .prefetch_related(Prefetch("responses", queryset=StepResponse.objects.order_by("pk")))
        .first()
    )


def outline_for(course: CoursePage, enrolment: Enrolment | None) -> Outline:
    return course_outline(course, enrolment.responses.all() if enrolment else None)


def step_get(outline: Outline, step_id: str) -> Step:
    state = outline.state(step_id)
    if state is None:
        raise Http404
    return state.step


def completed_enrolment_get(user: AnyUser, course: CoursePage) -> Enrolment:
    """The user's enrolment if they completed the course; PermissionDenied otherwise (the
    course itself is readable to them, so there is nothing to hide)."""
    authorize(user, "take_course", course)
    enrolment = Enrolment.objects.filter(
        user_id=int(user.pk or 0), course=course, completed_at__isnull=False
    ).first()
    if enrolment is None:
        # Shown on the 403 page: the learner took a link too early, tell them what opens it.
        raise PermissionDenied(
            _(
                "Finish the course first: the certificate and the feedback form open once "
                "every required step is answered."
            )
        )
    return enrolment


def feedback_of(user: AnyUser, course: CoursePage) -> FeedbackResponse | None:
    if not user.is_authenticated:
        return None
    return FeedbackResponse.objects.filter(course=course, author_id=user.pk).first()


# --- The learning trail --------------------------------------------------------------------


def course_reflections_for_trail(teacher: User) -> list[TrailEntry]:
    """The teacher's answered reflections in e-courses, as learning-trail entries. One query:
    the courses' content comes with the enrolments."""
    responses = (
        StepResponse.objects.filter(enrolment__user=teacher)
        .exclude(answer="")
        .select_related("enrolment__course")
        .order_by("completed_at", "pk")
    )
    entries = []
    steps: dict[int, dict[str, Step]] = {}
    for response in responses:
        course = response.enrolment.course
        if course.pk not in steps:
            steps[course.pk] = {s.step.id: s.step for s in course_outline(course, None).steps}
        step = steps[course.pk].get(response.step_id)
        if step is not None and step.kind == "reflection":
            entries.append(
                TrailEntry(
                    response.completed_at,
                    "course_reflection",
                    course.title,
                    response.answer,
                    obj=step,
                )
            )
    return entries


# --- Feedback for the staff ---------------------------------------------------------------


@dataclass
class QuestionSummary:
    id: str
    kind: str  # scale, open
    question: str
    # scale: how many answered 1..5, and their mean; open: the texts, no names
    distribution: list[tuple[int, int]] = field(default_factory=list)
    mean: float | None = None
    texts: list[str] = field(default_factory=list)

    @property
    def answered(self) -> int:
        return sum(n for _, n in self.distribution) if self.kind == "scale" else len(self.texts)


@dataclass
class FeedbackOverview:
    course: CoursePage
    count: int
    questions: list[QuestionSummary]
    rows: list[list[str]]  # one per response, in the questions' order (the CSV)


def feedback_overview(user: AnyUser, course: CoursePage) -> FeedbackOverview:
    """All feedback on a course, without a name anywhere: counts, per scale question its mean
    and distribution, the open answers. One query for the answers."""
    authorize(user, "read_course_feedback", course)
    responses = list(
        FeedbackResponse.objects.filter(course=course).only("answers").order_by("created_at", "pk")
    )
    questions = [
        QuestionSummary(id=str(block.id), kind=block.block_type, question=str(block.value))
        for block in course.feedback_questions
    ]
    rows = []
    for question in questions:
        values = [r.answers.get(question.id) for r in responses]
        if question.kind == "scale":
            scores = [v for v in values if isinstance(v, int) and 1 <= v <= 5]
            question.distribution = [(n, scores.count(n)) for n in range(1, 6)]
            question.mean = round(float(mean(scores)), 2) if scores else None
        else:
            question.texts = [v for v in values if isinstance(v, str) and v.strip()]
    for response in responses:
        rows.append([str(response.answers.get(q.id, "")) for q in questions])
    return FeedbackOverview(course=course, count=len(responses), questions=questions, rows=rows)
