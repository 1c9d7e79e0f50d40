"""A learner's e-courses in their data: enrolments with the klub they take them with (team
mode) and their answers, whether each was shared with that klub, and their feedback.

On erasure the enrolments and answers go with the person, so their shared reflections leave
their klub's team page with them; feedback stays, without the author,
so the staff's overview of a course keeps its numbers (it never showed names anyway).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from videoklub.core.personal_data import Contributor, ExportPart, register
from videoklub.courses.models import Enrolment, FeedbackResponse
from videoklub.courses.progress import course_outline

if TYPE_CHECKING:
    import zipfile

    from videoklub.accounts.models import User


def _enrolments(user: User, zf: zipfile.ZipFile) -> list[dict]:
    result = []
    for enrolment in (
        Enrolment.objects.filter(user=user)
        .select_related("course", "klub")
        .prefetch_related("responses")
        .order_by("started_at")
    ):
        steps = {s.step.id: s.step for s in course_outline(enrolment.course, None).steps}
        answers = []
        for response in enrolment.responses.all():
            step = steps.get(response.step_id)
            choice = None
            if step is not None and step.is_choice and response.choice is not None:
                choices = step.value["choices"]
                if response.choice < len(choices):
                    choice = choices[response.choice]["text"]
            # A video step's answers by the question asked (its task's id means nothing to them).
            questions = {task.id: task.question for task in step.tasks} if step else {}
            answers.append(
                {
                    "stap": step.title if step else response.step_id,
                    "antwoord": response.answer,
                    "gekozen_antwoord": choice,
                    "kijkvragen": {questions.get(k, k): v for k, v in response.answers.items()},
                    "gedeeld_met_klub": response.shared_with_klub,
                    "op": response.completed_at,
                }
            )
        result.append(
            {
                "cursus": enrolment.course.title,
                "met_klub": enrolment.klub.name if enrolment.klub else None,
                "gestart_op": enrolment.started_at,
                "afgerond_op": enrolment.completed_at,
                "antwoorden": answers,
            }
        )
    return result


def _feedback(user: User, zf: zipfile.ZipFile) -> list[dict]:
    result = []
    for feedback in FeedbackResponse.objects.filter(author=user).select_related("course"):
        questions = {
            str(block.id): str(block.value) for block in feedback.course.feedback_questions
        }
        result.append(
            {
                "cursus": feedback.course.title,
                "gegeven_op": feedback.created_at,
                "antwoorden": {questions.get(k, k): v for k, v in feedback.answers.items()},
            }
        )
    return result


register(
    Contributor(
        app="courses",
        deleted=("courses.Enrolment.user",),
        anonymised=(
            "courses.FeedbackResponse.author",
            "courses.CourseIndexPage.locked_by",
            "courses.CourseIndexPage.owner",
            "courses.CoursePage.locked_by",
            "courses.CoursePage.owner",
        ),
        exports=(
            ExportPart("e-cursussen.json", _enrolments, order=65),
            ExportPart("cursusfeedback.json", _feedback, order=66),
        ),
    )
)
