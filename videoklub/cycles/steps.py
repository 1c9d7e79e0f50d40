"""What the teacher does next: the next step per phase and the GRROW wizard's steps.

Both are computed from the cycle's data and never block: the teacher moves the phase
explicitly; here we only say what usually comes next and what still looks unfinished.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from videoklub.cycles.models import PHASE_ORDER, Cycle, LearningQuestion, Phase


@dataclass(frozen=True)
class GrrowStep:
    field: str  # the LearningQuestion field of this step ("question" for the last one)
    title: Promise
    guiding_questions: tuple[Promise, ...]


GRROW_STEPS: tuple[GrrowStep, ...] = (
    GrrowStep(
        "goal",
        _("Goal"),
        (
            _("What do you want to achieve with your pupils?"),
            _("How would you notice it has worked?"),
            _("Why does this matter to you now?"),
        ),
    ),
    GrrowStep(
        "reality",
        _("Reality"),
        (
            _("What happens now in your class? Give a concrete example."),
            _("What do your pupils do, and what do you do?"),
            _("What have you tried already, and what came of it?"),
        ),
    ),
    GrrowStep(
        "resources",
        _("Resources"),
        (
            _("What helps you: in yourself, in your team, in the literature?"),
            _("Which colleague or coach could you ask?"),
        ),
    ),
    GrrowStep(
        "options",
        _("Options"),
        (
            _("What could you try? Think of at least three options."),
            _("Which option suits you and your class best, and why?"),
        ),
    ),
    GrrowStep(
        "way_forward",
        _("Way forward"),
        (
            _("What will you do first, when, and how will you know it worked?"),
            _("What will you film, and in which lesson?"),
        ),
    ),
    GrrowStep(
        "question",
        _("Learning question"),
        (
            _("Which question will you explore in this cycle?"),
            _("Which core practice does it belong to?"),
        ),
    ),
)

# The checklist on the last step: a good learning question is…
QUESTION_CRITERIA: tuple[tuple[str, Promise, Promise], ...] = (
    (
        "specific",
        _("Specific"),
        _(
            "It starts with “Hoe …” and names behaviour you can see on video (yours or your "
            "pupils’)."
        ),
    ),
    (
        "challenging",
        _("Challenging"),
        _("It asks something you cannot do yet: you will have to learn to answer it."),
    ),
    (
        "feasible",
        _("Feasible"),
        _("You can try it out in your own class within a few weeks."),
    ),
)


@dataclass(frozen=True)
class NextStep:
    title: str
    explanation: str
    url: str | None


def _question(cycle: Cycle) -> LearningQuestion | None:
    try:
        return cycle.learning_question
    except LearningQuestion.DoesNotExist:
        return None


def has_question(cycle: Cycle) -> bool:
    question = _question(cycle)
    return bool(question and question.question.strip())


def _latest_recording(cycle: Cycle):
    from videoklub.recordings.models import Recording

    return Recording.objects.filter(cycle=cycle, owner_id=cycle.teacher_id).first()


def next_step(cycle: Cycle) -> NextStep:
    """The one thing the teacher does next in the cycle's current phase."""
    wizard = reverse("cycles:question", args=[cycle.pk, 1])
    if cycle.phase == Phase.PREPARE:
        if not has_question(cycle):
            return NextStep(
                str(_("Write your learning question")),
                str(
                    _(
                        "Think it through step by step with GRROW: goal, reality, resources, "
                        "options and way forward. Your coach can comment on it before you film."
                    )
                ),
                wizard,
            )
        return NextStep(
            str(_("Get ready to film")),
            str(
                _(
                    "Your learning question is written. Read your coach's comments, then move "
                    "the cycle on to filming."
                )
            ),
            None,
        )
    if cycle.phase == Phase.FILM:
        return NextStep(
            str(_("Film a lesson")),
            str(
                _(
                    "Add a recording of a lesson in which your learning question shows, for "
                    "this cycle."
                )
            ),
            reverse("recordings:list") + f"?cyclus={cycle.pk}",
        )
    if cycle.phase == Phase.ANALYSE:
        recording = _latest_recording(cycle)
        return NextStep(
            str(_("Mark fragments and annotate them")),
            str(
                _(
                    "Watch your recording, mark the fragments that show your learning question "
                    "and write down what you see."
                )
            ),
            reverse("recordings:detail", args=[recording.uuid]) if recording else None,
        )
    if cycle.phase == Phase.DISCUSS:
        recording = _latest_recording(cycle)
        return NextStep(
            str(_("Discuss a fragment with your klub")),
            str(
                _(
                    "Share a fragment with your klub and bring it to a klub session: your "
                    "colleagues look at it with your learning question in mind."
                )
            ),
            reverse("recordings:detail", args=[recording.uuid]) if recording else None,
        )
    if cycle.phase == Phase.ACT:
        return NextStep(
            str(_("Plan your actions")),
            str(
                _(
                    "Decide what you will try in class, and how you will know it worked "
                    "(a success criterion)."
                )
            ),
            reverse("cycles:action_create", args=[cycle.pk]),
        )
    if cycle.phase == Phase.EVALUATE:
        return NextStep(
            str(_("Write a reflection")),
            str(
                _(
                    "What did you learn? Did your actions work? Compare with your previous "
                    "cycle, if you had one."
                )
            ),
            reverse("cycles:detail", args=[cycle.pk]) + "#reflections",
        )
    return NextStep(
        str(_("Start your next cycle")),
        str(_("This cycle is done. Build on it with a new learning question.")),
        reverse("cycles:start") + f"?klub={cycle.klub_id}",
    )


def phase_advice(cycle: Cycle) -> str | None:
    """Advice when the work of the current phase looks unfinished (never a refusal)."""
    from videoklub.recordings.models import Recording

    if cycle.phase == Phase.PREPARE and not has_question(cycle):
        return str(_("You have not written your learning question yet."))
    if cycle.phase == Phase.FILM and not Recording.objects.filter(cycle=cycle).exists():
        return str(_("There is no recording for this cycle yet."))
    if (
        cycle.phase == Phase.ANALYSE
        and not Recording.objects.filter(cycle=cycle, fragments__isnull=False).exists()
    ):
        return str(_("You have not marked any fragments yet."))
    if cycle.phase == Phase.ACT and not cycle.actions.exists():
        return str(_("You have not planned any actions yet."))
    if cycle.phase == Phase.EVALUATE and not cycle.reflections.exists():
        return str(_("You have not written a reflection yet."))
    return None


def neighbour_phases(phase: str) -> tuple[str | None, str | None]:
    index = PHASE_ORDER.index(phase)
    previous = PHASE_ORDER[index - 1] if index > 0 else None
    following = PHASE_ORDER[index + 1] if index + 1 < len(PHASE_ORDER) else None
    return previous, following
