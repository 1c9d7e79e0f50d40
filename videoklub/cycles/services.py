"""Writes for development cycles: questions, phases, actions, reflections, coaching visits."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from videoklub.cycles.models import (
    Action,
    CoachingVisit,
    CorePractice,
    Cycle,
    LearningQuestion,
    Phase,
    QuestionComment,
    Reflection,
)
from videoklub.organisations.models import Klub, Role
from videoklub.organisations.permissions import klub_ids

if TYPE_CHECKING:
    from videoklub.accounts.models import User
    from videoklub.meetings.models import Meeting


def cycle_touch(*, cycle: Cycle) -> None:
    """Record activity in the cycle (the klub board's "last activity")."""
    now = timezone.now()
    Cycle.objects.filter(pk=cycle.pk).update(last_activity_at=now)
    cycle.last_activity_at = now


def on_recording_activity(sender, *, recording, **kwargs) -> None:
    """Receiver of recordings.signals.recording_activity (connected in CyclesConfig.ready)."""
    if recording.cycle is not None:
        cycle_touch(cycle=recording.cycle)


@transaction.atomic
def cycle_start(*, teacher: User, klub: Klub, core_practice: CorePractice | None = None) -> Cycle:
    """Start the teacher's next cycle in a klub they teach in.

    The number follows the teacher's highest number in that klub; the previous cycle is that
    latest one, so the two rounds can be compared.
    """
    if klub.pk not in klub_ids(teacher, Role.TEACHER):
        raise ValidationError(_("You can only start a cycle in a klub where you are a teacher."))
    # Lock the teacher's cycles in this klub so two quick clicks cannot take the same number
    # (the unique constraint would refuse the second one anyway).
    latest = (
        Cycle.objects.select_for_update()
        .filter(teacher=teacher, klub=klub)
        .order_by("-number")
        .first()
    )
    number = (latest.number if latest else 0) + 1
    cycle = Cycle(
        teacher=teacher,
        klub=klub,
        number=number,
        previous=latest,
        core_practice=core_practice,
    )
    cycle.full_clean()
    cycle.save()
    LearningQuestion.objects.create(cycle=cycle)
    return cycle


def _learning_question(cycle: Cycle) -> LearningQuestion:
    try:
        return cycle.learning_question
    except LearningQuestion.DoesNotExist:
        question, _created = LearningQuestion.objects.get_or_create(cycle=cycle)
        cycle.learning_question = question
        return question


@transaction.atomic
def learning_question_update(
    *,
    cycle: Cycle,
    goal: str | None = None,
    reality: str | None = None,
    resources: str | None = None,
    options: str | None = None,
    way_forward: str | None = None,
    question: str | None = None,
) -> LearningQuestion:
    """Save the GRROW parts that are given (None leaves a part as it is)."""
    learning_question = _learning_question(cycle)
    given = {
        "goal": goal,
        "reality": reality,
        "resources": resources,
        "options": options,
        "way_forward": way_forward,
        "question": question,
    }
    changed = [name for name, value in given.items() if value is not None]
    for name in changed:
        setattr(learning_question, name, given[name].strip())  # type: ignore[union-attr]
    if not changed:
        return learning_question
    learning_question.updated_at = timezone.now()
    learning_question.full_clean()
    learning_question.save(update_fields=[*changed, "updated_at"])
    cycle_touch(cycle=cycle)
    return learning_question


@transaction.atomic
def cycle_set_core_practice(*, cycle: Cycle, core_practice: CorePractice | None) -> Cycle:
    cycle.core_practice = core_practice
    cycle.save(update_fields=["core_practice"])
    cycle_touch(cycle=cycle)
    return cycle


@transaction.atomic
def cycle_set_phase(*, cycle: Cycle, phase: str, by: User) -> Cycle:
    """Move the cycle to `phase` (forward or back). Reaching "done" sets `finished_at`;
    leaving it clears it again. Advice about unfinished steps is the view's job: the teacher
    decides, nothing here blocks."""
    if cycle.teacher_id != by.pk:
        raise ValidationError(_("Only the teacher of a cycle can change its phase."))
    if phase not in Phase.values:
        raise ValidationError({"phase": _("This is not a phase of a cycle.")})
    cycle.phase = phase
    cycle.finished_at = (cycle.finished_at or timezone.now()) if phase == Phase.DONE else None
    cycle.last_activity_at = timezone.now()
    cycle.full_clean()
    cycle.save(update_fields=["phase", "finished_at", "last_activity_at"])
    return cycle


@transaction.atomic
def question_comment_create(*, cycle: Cycle, author: User, body: str) -> QuestionComment:
    comment = QuestionComment(cycle=cycle, author=author, body=body.strip())
    comment.full_clean()
    comment.save()
    cycle_touch(cycle=cycle)
    return comment


@transaction.atomic
def action_create(
    *,
    cycle: Cycle,
    created_by: User,
    description: str,
    success_criterion: str,
    due_on: date | None = None,
    meeting: Meeting | None = None,
) -> Action:
    """A concrete change to try in class; agreed in a session when `meeting` is given."""
    action = Action(
        cycle=cycle,
        created_by=created_by,
        description=description.strip(),
        success_criterion=success_criterion.strip(),
        due_on=due_on,
        meeting=meeting,
    )
    action.full_clean()
    action.save()
    cycle_touch(cycle=cycle)
    return action


@transaction.atomic
def action_update(
    *, action: Action, description: str, success_criterion: str, due_on: date | None
) -> Action:
    action.description = description.strip()
    action.success_criterion = success_criterion.strip()
    action.due_on = due_on
    # created_by may be empty (a removed account): that must not block editing.
    action.full_clean(exclude=["created_by"])
    action.save(update_fields=["description", "success_criterion", "due_on"])
    cycle_touch(cycle=action.cycle)
    return action


@transaction.atomic
def action_set_status(*, action: Action, status: str) -> Action:
    if status not in Action.Status.values:
        raise ValidationError({"status": _("This is not a status of an action.")})
    action.status = status
    action.save(update_fields=["status"])
    cycle_touch(cycle=action.cycle)
    return action


@transaction.atomic
def reflection_create(*, cycle: Cycle, author: User, body: str) -> Reflection:
    reflection = Reflection(cycle=cycle, author=author, body=body.strip())
    reflection.full_clean()
    reflection.save()
    cycle_touch(cycle=cycle)
    return reflection


def _check_visit(visit: CoachingVisit) -> None:
    if visit.teacher_id not in _teacher_ids(visit.klub):
        raise ValidationError({"teacher": _("This person is not a teacher of the klub.")})
    if not (visit.goals.strip() or visit.actions.strip() or visit.reflections.strip()):
        raise ValidationError(_("Write at least the goals, the actions or the reflections."))


def _teacher_ids(klub: Klub) -> set[int]:
    return set(klub.memberships.filter(role=Role.TEACHER).values_list("user_id", flat=True))


@transaction.atomic
def coaching_visit_create(
    *,
    coach: User,
    teacher: User,
    klub: Klub,
    kind: str,
    visited_on: date,
    goals: str = "",
    actions: str = "",
    reflections: str = "",
) -> CoachingVisit:
    """An entry in the coaching log of a teacher of the coach's klub."""
    visit = CoachingVisit(
        coach=coach,
        teacher=teacher,
        klub=klub,
        kind=kind,
        visited_on=visited_on,
        goals=goals.strip(),
        actions=actions.strip(),
        reflections=reflections.strip(),
    )
    visit.full_clean()
    _check_visit(visit)
    visit.save()
    return visit


@transaction.atomic
def coaching_visit_update(
    *,
    visit: CoachingVisit,
    kind: str,
    visited_on: date,
    goals: str = "",
    actions: str = "",
    reflections: str = "",
) -> CoachingVisit:
    visit.kind = kind
    visit.visited_on = visited_on
    visit.goals = goals.strip()
    visit.actions = actions.strip()
    visit.reflections = reflections.strip()
    visit.full_clean(exclude=["coach"])  # the coach may have left (SET_NULL)
    _check_visit(visit)
    visit.save(update_fields=["kind", "visited_on", "goals", "actions", "reflections"])
    return visit
