"""Reads of team mode: a klub taking a course together (issue 12).

A learner's enrolment may name one of their klubs. The klub's coach and members then see, on the
team page, each member taking the course with the klub (their progress per module, completed or
not, last activity) and the answers members chose to share with the klub. Never a private
answer, never a choice answer, never someone of another klub or someone who took the course
alone: `_shared` is the one definition of what the team sees of an answer, and the team is the
klub's current members with an enrolment linked to it (someone who left the klub drops out).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import Prefetch

from videoklub.courses.models import CoursePage, Enrolment, StepResponse
from videoklub.courses.progress import Outline, Step, course_outline, course_steps
from videoklub.courses.selectors import readable_courses
from videoklub.organisations.models import Klub, Membership, Role
from videoklub.organisations.permissions import memberships
from videoklub.organisations.selectors import klub_get_for_user
from videoklub.policy import can

if TYPE_CHECKING:
    from videoklub.accounts.models import User
    from videoklub.policy import AnyUser

# The steps whose answers a member may share with the klub (a question's answer never is).
SHAREABLE_KINDS = frozenset({"reflection"})
TEAM_ROLES = (Role.TEACHER, Role.COACH)


def _shared(response: StepResponse, step: Step | None) -> bool:
    """May the klub read this answer? Only a shareable step's answer its author shared."""
    return (
        step is not None
        and step.kind in SHAREABLE_KINDS
        and response.shared_with_klub
        and bool(response.answer.strip())
    )


def klubs_to_join(user: AnyUser) -> list[Klub]:
    """The klubs `user` may take a course with, by name (no query: memberships are cached)."""
    klubs = {
        m.klub.pk: m.klub
        for m in memberships(user)
        if m.klub is not None and can(user, "join_course_team", m.klub)
    }
    return sorted(klubs.values(), key=lambda klub: klub.name)


def team_klubs_for_course(user: AnyUser, course: CoursePage) -> list[Klub]:
    """The user's klubs whose team page of `course` has someone to show (for the links on the
    course page: a team learner's own klub, the klubs a coach leads). One query."""
    klubs = {
        m.klub.pk: m.klub
        for m in memberships(user)
        if m.klub is not None and can(user, "view_course_team", m.klub)
    }
    if not klubs:
        return []
    with_team = set(
        Enrolment.objects.filter(course=course, klub_id__in=list(klubs))
        .values_list("klub_id", flat=True)
        .distinct()
    )
    return sorted((k for pk, k in klubs.items() if pk in with_team), key=lambda k: k.name)


def team_courses_of_klub(user: AnyUser, klub: Klub) -> list[CoursePage]:
    """The courses someone of `klub` takes with it, for the klub's page. One query."""
    if not can(user, "view_course_team", klub):
        return []
    return list(readable_courses(user).filter(enrolments__klub=klub).distinct().order_by("title"))


# --- The team page ------------------------------------------------------------------------


@dataclass(frozen=True)
class ModuleProgress:
    title: str
    done: int  # required steps done
    required: int


@dataclass
class TeamMember:
    user: User
    enrolment: Enrolment
    modules: list[ModuleProgress]
    done: int
    required: int
    last_activity: datetime


@dataclass(frozen=True)
class SharedAnswer:
    author: User
    answer: str
    at: datetime


@dataclass
class StepAnswers:
    step: Step
    answers: list[SharedAnswer] = field(default_factory=list)


@dataclass
class CourseTeam:
    course: CoursePage
    klub: Klub
    members: list[TeamMember]
    not_started: list[User]  # klub members not taking the course with the klub (yet)
    steps: list[StepAnswers]  # every shareable step, with the answers shared with the klub


def _module_progress(outline: Outline) -> list[ModuleProgress]:
    return [
        ModuleProgress(
            title=module.title,
            done=sum(1 for s in module.steps if s.step.required and s.done),
            required=sum(1 for s in module.steps if s.step.required),
        )
        for module in outline.modules
    ]


def _team_enrolments(course: CoursePage, klub: Klub, member_ids: list[int]) -> list[Enrolment]:
    return list(
        Enrolment.objects.filter(course=course, klub=klub, user_id__in=member_ids)
        .select_related("user")
        .prefetch_related(
            Prefetch("responses", queryset=StepResponse.objects.order_by("completed_at", "pk"))
        )
        .order_by("user__full_name", "pk")
    )


def course_team_get(user: AnyUser, course: CoursePage, klub_id: int) -> CourseTeam:
    """The team page of `course` for the klub: 404 for a klub the user may not even see,
    PermissionDenied for one they see but whose team is not theirs (a school leader, the
    programme's staff). A constant number of queries, however many members the klub has."""
    klub = klub_get_for_user(user, klub_id, action="view_course_team")  # type: ignore[arg-type]
    people: dict[int, User] = {}
    teachers: set[int] = set()
    for membership in klub.memberships.all():  # prefetched with their users
        if membership.role in TEAM_ROLES:
            people[membership.user_id] = membership.user
        if membership.role == Role.TEACHER:
            teachers.add(membership.user_id)
    enrolments = _team_enrolments(course, klub, list(people))
    steps = course_steps(course)
    by_id = {step.id: step for step in steps}
    shared = {step.id: StepAnswers(step) for step in steps if step.kind in SHAREABLE_KINDS}
    members = []
    for enrolment in enrolments:
        responses = list(enrolment.responses.all())
        outline = course_outline(course, responses)
        modules = _module_progress(outline)
        members.append(
            TeamMember(
                user=enrolment.user,
                enrolment=enrolment,
                modules=modules,
                done=sum(m.done for m in modules),
                required=sum(m.required for m in modules),
                last_activity=max(
                    [enrolment.started_at, *(r.completed_at for r in responses)],
                ),
            )
        )
        for response in responses:
            if _shared(response, by_id.get(response.step_id)):
                shared[response.step_id].answers.append(
                    SharedAnswer(enrolment.user, response.answer, response.completed_at)
                )
    for step_answers in shared.values():
        step_answers.answers.sort(key=lambda a: (a.at, a.author.full_name))
    started = {e.user_id for e in enrolments}
    not_started = sorted(
        (people[pk] for pk in teachers - started), key=lambda u: (u.full_name, u.pk)
    )
    return CourseTeam(
        course=course,
        klub=klub,
        members=members,
        not_started=not_started,
        steps=list(shared.values()),
    )


def team_answers_for_step(
    user: AnyUser, course: CoursePage, enrolment: Enrolment | None, step: Step
) -> list[StepAnswers] | None:
    """On a klub discussion step of a learner taking the course with a klub: what the klub
    shared on the module's reflections, to prepare the session. None when there is no team
    (or the step is no discussion). Two queries."""
    if enrolment is None or enrolment.klub_id is None or step.kind != "discussion":
        return None
    klub = Klub.objects.filter(pk=enrolment.klub_id).first()
    if klub is None or not can(user, "view_course_team", klub):
        return None
    sources = [
        s for s in course_steps(course) if s.module == step.module and s.kind in SHAREABLE_KINDS
    ]
    shared = {s.id: StepAnswers(s) for s in sources}
    responses = (
        StepResponse.objects.filter(
            enrolment__course=course,
            enrolment__klub=klub,
            enrolment__user_id__in=Membership.objects.filter(klub=klub, role__in=TEAM_ROLES).values(
                "user_id"
            ),
            step_id__in=list(shared),
            shared_with_klub=True,
        )
        .select_related("enrolment__user")
        .order_by("completed_at", "pk")
    )
    for response in responses:
        step_answers = shared[response.step_id]
        if _shared(response, step_answers.step):
            step_answers.answers.append(
                SharedAnswer(response.enrolment.user, response.answer, response.completed_at)
            )
    return list(shared.values())
