"""Writes for development cycles: questions, phases, actions, reflections, coaching visits."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from videoklub import policy
from videoklub.cycles import phases
from videoklub.cycles.models import (
    Action,
    CoachingVisit,
    CorePractice,
    Cycle,
    LearningQuestion,
    Phase,
    PhaseChange,
    QuestionComment,
    Reflection,
)
from videoklub.notifications.models import Kind
from videoklub.notifications.services import notify
from videoklub.organisations.models import Klub, Membership, Role
from videoklub.organisations.permissions import klub_ids
from videoklub.recordings.services import recording_cycle_set

if TYPE_CHECKING:
    from videoklub.accounts.models import User
    from videoklub.meetings.models import Meeting
    from videoklub.recordings.models import Recording


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
def cycle_start(
    *,
    teacher: User,
    klub: Klub,
    core_practice: CorePractice | None = None,
    close_open: bool = False,
) -> Cycle:
    """Start the teacher's next cycle in a klub they teach in.

    The number follows the teacher's highest number in that klub; the previous cycle is that
    latest one, so the two rounds can be compared. With `close_open` the teacher's open cycles
    in the klub are closed (completed) first; otherwise they stay open beside the new one (the
    view asks which the teacher wants).
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
    if close_open:
        for open_cycle in Cycle.objects.filter(teacher=teacher, klub=klub).exclude(
            phase=Phase.DONE
        ):
            cycle_close(cycle=open_cycle, by=teacher)
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


def _check_teacher(cycle: Cycle, by: User) -> None:
    if cycle.teacher_id != by.pk:
        raise ValidationError(_("Only the teacher of a cycle can change its phase."))


@transaction.atomic
def cycle_set_phase(*, cycle: Cycle, phase: str, by: User) -> Cycle:
    """Move the cycle to `phase` by hand (forward or back): the manual override of the phases
    the work sets. Reaching "done" closes it as completed (`finished_at`); leaving "done"
    reopens it. Advice about unfinished steps is the view's job: the teacher decides."""
    _check_teacher(cycle, by)
    if phase not in Phase.values:
        raise ValidationError({"phase": _("This is not a phase of a cycle.")})
    from_phase = cycle.phase
    phases.move(cycle, phase)
    if phase != from_phase:
        reason = PhaseChange.Reason.CLOSED if phase == Phase.DONE else PhaseChange.Reason.MANUAL
        phases.record(cycle, from_phase=from_phase, reason=reason, by=by)
    return cycle


def _close(cycle: Cycle, *, by: User, abandoned: bool) -> Cycle:
    _check_teacher(cycle, by)
    if not cycle.is_open:
        raise ValidationError(_("This cycle is already closed."))
    from_phase = cycle.phase
    phases.move(cycle, Phase.DONE)
    cycle.abandoned = abandoned
    cycle.save(update_fields=["abandoned"])
    reason = PhaseChange.Reason.ABANDONED if abandoned else PhaseChange.Reason.CLOSED
    phases.record(cycle, from_phase=from_phase, reason=reason, by=by)
    return cycle


@transaction.atomic
def cycle_close(*, cycle: Cycle, by: User) -> Cycle:
    """Close an open cycle as completed. It stays readable, in the learning trail too."""
    return _close(cycle, by=by, abandoned=False)


@transaction.atomic
def cycle_abandon(*, cycle: Cycle, by: User) -> Cycle:
    """Stop an open cycle before its end. Its question, recordings, actions and reflections
    stay (in the learning trail too); the phase it was stopped in is in its phase changes."""
    return _close(cycle, by=by, abandoned=True)


@transaction.atomic
def cycle_file_recording(*, cycle: Cycle, recording: Recording, by: User) -> Recording:
    """File an existing recording under one of its owner's open cycles (in the recording's
    klub). The recording is filed by recordings (which tells the cycles app, and the cycle
    moves on to analysing); here the person, the cycle and the klub are checked."""
    if not (
        policy.can(by, "change_cycle", cycle) and policy.can(by, "change_recording", recording)
    ):
        raise PermissionDenied
    if cycle.teacher_id != recording.owner_id:
        raise ValidationError(_("A recording can only be filed under its own teacher's cycle."))
    if not cycle.is_open:
        raise ValidationError(_("This cycle is closed: choose an open cycle."))
    if recording.klub_id is not None and recording.klub_id != cycle.klub_id:
        raise ValidationError(
            _("This recording belongs to another klub than the cycle: choose a cycle there.")
        )
    return recording_cycle_set(recording=recording, cycle=cycle, by=by)


@transaction.atomic
def question_comment_create(*, cycle: Cycle, author: User, body: str) -> QuestionComment:
    comment = QuestionComment(cycle=cycle, author=author, body=body.strip())
    comment.full_clean()
    comment.save()
    cycle_touch(cycle=cycle)
    _tell_about_comment(cycle, author=author)
    return comment


def _tell_about_comment(cycle: Cycle, *, author: User) -> None:
    """The teacher hears of a comment on their question; the klub's coach of the teacher's."""
    url = reverse("cycles:detail", args=[cycle.pk]) + "#comments"
    if author.pk != cycle.teacher_id:
        notify(recipients=[cycle.teacher_id], kind=Kind.QUESTION_COMMENT, actor=author, url=url)
        return
    coaches = Membership.objects.filter(klub_id=cycle.klub_id, role=Role.COACH).values_list(
        "user_id", flat=True
    )
    notify(
        recipients=coaches,
        kind=Kind.QUESTION_COMMENT,
        actor=author,
        url=url,
        context={"teacher": author.full_name},
    )


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
    phases.on_action_created(action, by=created_by)
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
    phases.on_reflection_created(reflection, by=author)
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
