"""The shipped e-courses in the demo, with the demo teacher halfway into the first one, so the
kennisbank shows a course to continue ("Ga verder") and its progress; three teachers of other
schools finished it and gave feedback, so the project staff's feedback page is not empty."""

from __future__ import annotations

from django.db import transaction

from videoklub.accounts.models import User
from videoklub.courses.models import CoursePage, Enrolment
from videoklub.courses.progress import course_steps
from videoklub.courses.services import feedback_save, step_response_save
from videoklub.courses.starter import starter_courses_load
from videoklub.demo.people import demo_email

DEMO_LEARNER = "Lotte Peeters"
DEMO_COURSE = "groeigerichte-feedback"
ANSWER = "Ik geef vaak een cijfer terug; ik wil vaker zeggen wat de volgende stap is."
# (name, scores of the scale questions in order, answers to the open ones in order)
FINISHED = [
    (
        "Jens Janssens",
        [5, 4, 4, 5],
        [
            "Eerst beschrijven wat ik zie, pas dan iets zeggen over wat beter kan.",
            "Een voorbeeld uit de kleuterklas erbij zou helpen.",
        ],
    ),
    (
        "Thomas Claes",
        [4, 4, 3, 4],
        [
            "De vraag 'wat ga je nu anders doen?' na elke feedback.",
            "De video mocht langer: ik wilde zien hoe de leerlingen reageerden.",
        ],
    ),
    ("Marie Lambrechts", [5, 5, 4, 4], ["Feedback op het proces in plaats van op de persoon.", ""]),
]


@transaction.atomic
def seed_demo_courses() -> bool:
    """Publish the shipped courses and enrol the demo teacher in one with two steps done;
    False when there was nothing to do (run again: the enrolment is made once)."""
    published = bool(starter_courses_load())
    learner = User.objects.filter(email=demo_email(DEMO_LEARNER)).first()
    course = (
        CoursePage.objects.live().filter(slug=DEMO_COURSE).first()
        or CoursePage.objects.live().order_by("title").first()
    )
    if learner is None or course is None:
        return published
    if Enrolment.objects.filter(user=learner, course=course).exists():
        return published
    _answer(learner, course, course_steps(course)[:2])
    for name, scores, texts in FINISHED:
        teacher = User.objects.filter(email=demo_email(name)).first()
        if teacher is None:
            continue
        _answer(teacher, course, course_steps(course))
        questions = list(course.feedback_questions)
        scale = [str(q.id) for q in questions if q.block_type == "scale"]
        open_ = [str(q.id) for q in questions if q.block_type == "open"]
        answers: dict[str, int | str] = dict(zip(scale, scores, strict=False))
        answers.update(zip(open_, texts, strict=False))
        feedback_save(user=teacher, course=course, answers=answers)
    return True


def _answer(user: User, course: CoursePage, steps) -> None:
    for step in steps:
        choice = None
        if step.is_choice:
            correct = [i for i, c in enumerate(step.value["choices"]) if c["correct"]]
            choice = correct[0] if correct else 0
        step_response_save(
            user=user,
            course=course,
            step_id=step.id,
            answer=ANSWER if step.answered and not step.is_choice else "",
            choice=choice,
        )
