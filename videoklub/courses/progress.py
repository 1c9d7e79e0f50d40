"""A course's steps in order, and how far a learner got: read from the course's blocks and the
learner's answers, with no query of its own (the callers fetch both)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from videoklub.courses.models import CoursePage, StepResponse

# An answer longer than this is refused with a message (not cut off by the browser).
MAX_ANSWER_LENGTH = 5000
# Steps a learner answers; the others (text, discussion) are done once read and passed.
ANSWERED_KINDS = frozenset({"question", "reflection"})


@dataclass(frozen=True)
class Task:
    """An observation task of a video step."""

    id: str
    at: float
    question: str
    hint: str


@dataclass(frozen=True)
class Step:
    id: str  # the block's stable uuid
    kind: str  # text, question, reflection, discussion
    value: Any  # the block's StructValue
    module: int  # 0-based
    number: int  # 1-based across the course

    @property
    def title(self) -> str:
        return str(self.value["title"])

    @property
    def required(self) -> bool:
        """Needed for completion: text, discussion and video steps always, questions and
        reflections when the editor marked them so."""
        if self.kind in ANSWERED_KINDS:
            return bool(self.value.get("required"))
        return True

    @property
    def answered(self) -> bool:
        """Does the learner write an answer (a video step: when it has tasks)?"""
        return self.kind in ANSWERED_KINDS or bool(self.tasks)

    @property
    def tasks(self) -> list[Task]:
        """A video step's observation tasks in time order (other steps have none)."""
        if self.kind != "video":
            return []
        found = [
            Task(id=str(child.id), at=float(child.value["at"]), question=child.value["question"],
                 hint=child.value.get("hint") or "")
            for child in self.value["tasks"].bound_blocks
        ]  # fmt: skip
        return sorted(found, key=lambda task: task.at)

    def tasks_answered(self, answers: dict[str, str]) -> bool:
        return all(str(answers.get(task.id, "")).strip() for task in self.tasks)

    @property
    def is_choice(self) -> bool:
        return self.kind == "question" and self.value.get("question_type") == "choice"


@dataclass
class StepState:
    step: Step
    response: StepResponse | None = None

    @property
    def done(self) -> bool:
        """Answered (read, for a text step); a video step once every task is answered."""
        if self.response is None:
            return False
        if self.step.tasks:
            return self.step.tasks_answered(self.response.answers)
        return True


@dataclass
class ModuleOutline:
    title: str
    intro: Any
    steps: list[StepState] = field(default_factory=list)


@dataclass
class Outline:
    modules: list[ModuleOutline]
    steps: list[StepState]

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def done_count(self) -> int:
        return sum(1 for state in self.steps if state.done)

    @property
    def percent(self) -> int:
        return round(100 * self.done_count / self.total) if self.total else 0

    @property
    def complete(self) -> bool:
        """Every required step done (a course without steps is never complete)."""
        return bool(self.steps) and all(s.done for s in self.steps if s.step.required)

    def state(self, step_id: str) -> StepState | None:
        return next((s for s in self.steps if s.step.id == step_id), None)

    def resume_at(self, last_step_id: str) -> Step | None:
        """Where "Continue" leads: the last step the learner was on if it is still open, else
        the first open step after it (then before it); None when every step is done. A step an
        editor has since removed counts as the start."""
        ids = [s.step.id for s in self.steps]
        at = ids.index(last_step_id) if last_step_id in ids else 0
        for state in self.steps[at:] + self.steps[:at]:
            if not state.done:
                return state.step
        return None

    def neighbours(self, step_id: str) -> tuple[Step | None, Step | None]:
        ids = [s.step.id for s in self.steps]
        at = ids.index(step_id)
        previous = self.steps[at - 1].step if at > 0 else None
        following = self.steps[at + 1].step if at + 1 < len(ids) else None
        return previous, following


def course_steps(course: CoursePage) -> list[Step]:
    steps: list[Step] = []
    for module_index, module in enumerate(course.modules):
        for child in module.value["steps"]:
            steps.append(
                Step(
                    id=str(child.id),
                    kind=child.block_type,
                    value=child.value,
                    module=module_index,
                    number=len(steps) + 1,
                )
            )
    return steps


def course_outline(course: CoursePage, responses: Iterable[StepResponse] | None) -> Outline:
    """The course's modules and steps with the learner's answers (None: a visitor's view).
    Answers to steps the editors have since removed are ignored."""
    by_step = {r.step_id: r for r in responses or ()}
    steps = [StepState(step, by_step.get(step.id)) for step in course_steps(course)]
    modules = [
        ModuleOutline(title=module.value["title"], intro=module.value["intro"])
        for module in course.modules
    ]
    for state in steps:
        modules[state.step.module].steps.append(state)
    return Outline(modules=modules, steps=steps)
