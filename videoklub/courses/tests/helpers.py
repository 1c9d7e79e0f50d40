"""Courses for tests, made through Wagtail's tree and publishing as the editors' are."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from videoklub.courses.models import CoursePage, courses_root
from videoklub.courses.progress import Step, course_steps

TEXT = "<p>Feedback zegt waar je naartoe gaat.</p>"


def module(number: int) -> tuple[str, dict[str, Any]]:
    """A module with one step of every kind: text, a choice and an open question, a
    reflection and a klub discussion."""
    return (
        "module",
        {
            "title": f"Module {number}",
            "intro": "",
            "steps": [
                ("text", {"title": f"Lezen {number}", "body": TEXT}),
                (
                    "question",
                    {
                        "title": f"Meerkeuze {number}",
                        "prompt": "Wat is feed-up?",
                        "question_type": "choice",
                        "required": True,
                        "choices": [
                            {"text": "Het doel", "correct": True, "feedback": "Juist: het doel."},
                            {"text": "De stand", "correct": False, "feedback": "Dat is feedback."},
                        ],
                        "model_answer": "",
                    },
                ),
                (
                    "question",
                    {
                        "title": f"Open vraag {number}",
                        "prompt": "Geef een voorbeeld.",
                        "question_type": "open",
                        "required": True,
                        "choices": [],
                        "model_answer": "<p>Een voorbeeldantwoord van de redactie.</p>",
                    },
                ),
                (
                    "reflection",
                    {
                        "title": f"Reflectie {number}",
                        "prompt": "Hoe geef jij feedback?",
                        "guidance": "",
                        "required": True,
                    },
                ),
                (
                    "discussion",
                    {"title": f"Klubgesprek {number}", "prompt": "Bespreek.", "guidance": ""},
                ),
            ],
        },
    )


def make_course(*, publish: bool = True, modules: int = 2, **fields: Any) -> CoursePage:
    fields.setdefault("title", "Groeigerichte feedback in de klas")
    fields.setdefault("slug", "groeigerichte-feedback")
    fields.setdefault("summary", "Een cursus over feedback die leerlingen verder helpt.")
    fields.setdefault("hours", Decimal("2.0"))
    fields.setdefault("modules", [module(n) for n in range(1, modules + 1)])
    fields.setdefault(
        "feedback_questions",
        [("scale", "Hoe bruikbaar was de cursus?"), ("open", "Wat mis je nog?")],
    )
    topics = fields.pop("topics", [])
    page = CoursePage(**fields)
    courses_root().add_child(instance=page)
    if topics:
        page.tags.set(topics)
        page.save()
    revision = page.save_revision()
    if publish:
        revision.publish()
    else:
        page.live = False
        page.save(update_fields=["live"])
    page.refresh_from_db()
    return page


def steps_of(course: CoursePage) -> list[Step]:
    return course_steps(course)


def steps_by_kind(course: CoursePage, kind: str) -> list[Step]:
    return [s for s in course_steps(course) if s.kind == kind]
