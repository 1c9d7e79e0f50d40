"""Writes of e-course learners: answering steps (which enrols and completes), taking a course
with a klub (team mode) and feedback.

Each service asks the policy itself, so a script or a later API behaves as the views do.
Progress is not audited, nor is linking it to a klub: the audit log is for who saw or shared a
person's classroom video, and a learner's course answers are theirs (a reflection reaches the
klub only when its author ticks "share", on the answer itself).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from videoklub.courses.models import CoursePage, Enrolment, FeedbackResponse, StepResponse
from videoklub.courses.progress import MAX_ANSWER_LENGTH, Step, course_outline
from videoklub.courses.selectors import completed_enrolment_get
from videoklub.policy import authorize, can

if TYPE_CHECKING:
    from videoklub.accounts.models import User
    from videoklub.organisations.models import Klub


def _task_answers(step: Step, answers: dict[str, str] | None) -> dict[str, str]:
    """The answers to the step's observation tasks: only its own tasks, trimmed, not empty."""
    kept: dict[str, str] = {}
    for task in step.tasks:
        text = str((answers or {}).get(task.id, "")).strip()
        if len(text) > MAX_ANSWER_LENGTH:
            raise ValidationError(
                _("Keep your answer under %(limit)s characters.") % {"limit": MAX_ANSWER_LENGTH}
            )
        if text:
            kept[task.id] = text
    if step.tasks and not kept:
        raise ValidationError(_("Answer at least one observation question before you save."))
    return kept


def _check_answer(step: Step, *, answer: str, choice: int | None) -> None:
    if step.kind == "video":
        return  # its answers are the tasks' (_task_answers)
    if step.is_choice:
        if choice is None or not 0 <= choice < len(step.value["choices"]):
            raise ValidationError({"choice": _("Choose one of the answers.")})
    elif step.answered and step.required and not answer.strip():
        raise ValidationError({"answer": _("Write your answer before you go on.")})
    if len(answer) > MAX_ANSWER_LENGTH:
        raise ValidationError(
            {
                "answer": _("Keep your answer under %(limit)s characters.")
                % {"limit": MAX_ANSWER_LENGTH}
            }
        )


@transaction.atomic
def step_response_save(
    *,
    user: User,
    course: CoursePage,
    step_id: str,
    answer: str = "",
    choice: int | None = None,
    shared_with_klub: bool = False,
    answers: dict[str, str] | None = None,
) -> StepResponse:
    """Save the learner's answer to one step (for a text or discussion step: that they read
    it), enrolling them on their first step. The enrolment remembers where they go next and
    is completed once every required step is done; answering again changes the answer.
    A video step's `answers` ({task id: text}) may come a few at a time: the step is done once
    every observation task has an answer.
    """
    authorize(user, "take_course", course)
    steps = course_outline(course, None)
    state = steps.state(step_id)
    if state is None:
        raise ValidationError(_("This step is not part of the course (any more)."))
    step = state.step
    _check_answer(step, answer=answer, choice=choice)
    task_answers = _task_answers(step, answers)
    enrolment, _created = Enrolment.objects.select_for_update().get_or_create(
        user=user, course=course
    )
    response, created = StepResponse.objects.get_or_create(
        enrolment=enrolment,
        step_id=step.id,
        defaults={
            "answer": answer,
            "choice": choice if step.is_choice else None,
            "shared_with_klub": shared_with_klub and step.kind == "reflection",
            "answers": task_answers,
            "completed_at": timezone.now(),
        },
    )
    if not created and step.answered:
        response.answer = answer
        response.choice = choice if step.is_choice else None
        response.shared_with_klub = shared_with_klub and step.kind == "reflection"
        # A later save adds to the earlier answers (a learner answers task by task).
        response.answers = {**response.answers, **task_answers}
        response.completed_at = timezone.now()
        response.full_clean()
        response.save(
            update_fields=["answer", "choice", "shared_with_klub", "answers", "completed_at"]
        )
    # An answered step stays open to show its feedback; a read one leads to the next.
    _previous, following = steps.neighbours(step.id)
    enrolment.last_step_id = step.id if step.answered or following is None else following.id
    fields = ["last_step_id"]
    if enrolment.completed_at is None:
        outline = course_outline(course, enrolment.responses.all())
        if outline.complete:
            enrolment.completed_at = timezone.now()
            fields.append("completed_at")
    enrolment.save(update_fields=fields)
    return response


@transaction.atomic
def feedback_save(*, user: User, course: CoursePage, answers: dict[str, Any]) -> FeedbackResponse:
    """Save the learner's feedback on a course they completed (once per person: giving it
    again changes it). Answers to questions the course does not ask are dropped."""
    completed_enrolment_get(user, course)
    asked = {str(block.id): block.block_type for block in course.feedback_questions}
    kept: dict[str, Any] = {}
    for question_id, value in answers.items():
        kind = asked.get(question_id)
        if kind == "scale" and isinstance(value, int) and 1 <= value <= 5:
            kept[question_id] = value
        elif kind == "open" and isinstance(value, str) and value.strip():
            kept[question_id] = value.strip()[:MAX_ANSWER_LENGTH]
    feedback, created = FeedbackResponse.objects.get_or_create(
        course=course, author=user, defaults={"answers": kept}
    )
    if not created:
        feedback.answers = kept
        feedback.save(update_fields=["answers", "updated_at"])
    return feedback


def _check_team(user: User, klub: Klub | None) -> None:
    if klub is not None and not can(user, "join_course_team", klub):
        # Said in words, not a bare 403: the learner picked a klub and keeps their progress.
        raise ValidationError(
            {
                "klub": _(
                    "You are not a member of that klub. Choose one of your own klubs, or take "
                    "the course on your own."
                )
            }
        )


@transaction.atomic
def enrolment_start(*, user: User, course: CoursePage, klub: Klub | None = None) -> Enrolment:
    """Enrol `user` in `course`, alone or with one of their klubs (team mode); starting again
    keeps the progress and only changes the klub."""
    authorize(user, "take_course", course)
    _check_team(user, klub)
    enrolment, created = Enrolment.objects.select_for_update().get_or_create(
        user=user, course=course, defaults={"klub": klub}
    )
    if not created:
        enrolment_team_set(enrolment=enrolment, klub=klub, by=user)
    return enrolment


@transaction.atomic
def enrolment_team_set(*, enrolment: Enrolment, klub: Klub | None, by: User) -> Enrolment:
    """Link the learner's enrolment to one of their klubs (None: take it alone again). Only the
    learner decides: from then on the klub's coach and members see their progress and the
    reflections they share; answers they did not share stay theirs either way."""
    if by.pk != enrolment.user_id:
        raise PermissionDenied
    authorize(by, "take_course", enrolment.course)
    _check_team(by, klub)
    if enrolment.klub_id != (klub.pk if klub else None):
        enrolment.klub = klub
        enrolment.save(update_fields=["klub"])
    return enrolment
