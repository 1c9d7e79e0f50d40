"""The shipped e-courses in the demo, with the demo teacher halfway into the first one, so the
kennisbank shows a course to continue ("Ga verder") and its progress; three teachers of other
schools finished it and gave feedback, so the project staff's feedback page is not empty.

Lotte takes it with her klub (team mode), and so do two colleagues of the klub: one shared the
first module's reflection with the klub, one kept hers private, so the klub's coach (An
Verstraeten) sees a living team page, with one reflection and without the other."""

from __future__ import annotations

from django.db import transaction

from videoklub.accounts.models import User
from videoklub.courses.models import CoursePage, Enrolment
from videoklub.courses.progress import course_steps
from videoklub.courses.services import enrolment_start, feedback_save, step_response_save
from videoklub.courses.starter import starter_courses_load
from videoklub.demo.people import demo_email
from videoklub.organisations.models import Klub, Role

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
# Lotte's klub mates in team mode: (name, their reflection on the first module, shared?)
TEAM = [
    (
        "Hanne Goossens",
        "Mijn feedback gaat vaak over het resultaat. Deze week vraag ik na elke feedback: wat "
        "pas je nu als eerste aan? Ik breng twee voorbeelden mee naar de klub.",
        True,
    ),
    (
        "Febe Vermeulen",
        "Ik merk dat ik vooral 'goed zo' zeg. Dat wil ik eerst zelf nog wat beter bekijken.",
        False,
    ),
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
    klub = Klub.objects.filter(memberships__user=learner, memberships__role=Role.TEACHER).first()
    enrolment_start(user=learner, course=course, klub=klub)
    _answer(learner, course, course_steps(course)[:2])
    if klub is not None:
        _team(klub, course)
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
            answers={task.id: ANSWER for task in step.tasks},
        )


def _team(klub: Klub, course: CoursePage) -> None:
    """Two of Lotte's klub mates take the course with the klub up to the first reflection."""
    steps = course_steps(course)
    reflection = next(s for s in steps if s.kind == "reflection")
    for name, text, shared in TEAM:
        teacher = User.objects.filter(
            email=demo_email(name), memberships__klub=klub, memberships__role=Role.TEACHER
        ).first()
        if teacher is None:
            continue
        enrolment_start(user=teacher, course=course, klub=klub)
        _answer(teacher, course, [s for s in steps if s.number < reflection.number])
        step_response_save(
            user=teacher,
            course=course,
            step_id=reflection.id,
            answer=text,
            shared_with_klub=shared,
        )
