"""The shipped e-courses in the demo, with the demo teacher halfway into the first one, so the
kennisbank shows a course to continue ("Ga verder") and its progress."""

from __future__ import annotations

from django.db import transaction

from videoklub.accounts.models import User
from videoklub.courses.models import CoursePage, Enrolment
from videoklub.courses.progress import course_steps
from videoklub.courses.services import step_response_save
from videoklub.courses.starter import starter_courses_load
from videoklub.demo.people import demo_email

DEMO_LEARNER = "Lotte Peeters"
DEMO_COURSE = "groeigerichte-feedback"
ANSWER = "Ik geef vaak een cijfer terug; ik wil vaker zeggen wat de volgende stap is."


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
    for step in course_steps(course)[:2]:
        choice = None
        if step.is_choice:
            correct = [i for i, c in enumerate(step.value["choices"]) if c["correct"]]
            choice = correct[0] if correct else 0
        step_response_save(
            user=learner,
            course=course,
            step_id=step.id,
            answer=ANSWER if step.answered and not step.is_choice else "",
            choice=choice,
        )
    return True
