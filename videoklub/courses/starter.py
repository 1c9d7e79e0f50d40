"""The shipped e-courses (content/courses/*.toml, schema in the content folder's notes).

As with the dossiers (knowledge/starter.py): loading again never duplicates, a course is matched
on its slug and left as the editors made it unless `update` brings back the shipped text (a new
revision, only when the texts differ). A step of kind "video" shows a shipped expert video
(content/videos/*.toml), synthesised and published first; its `video` is that page's slug.
Blocks get fresh ids on a first load; an update keeps the ids of
steps at the same place, so learners' progress survives it.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from videoklub.courses.models import CoursePage, courses_root
from videoklub.cycles.models import CorePractice
from videoklub.knowledge.models import VideoPage
from videoklub.knowledge.starter import pages_publish_from_toml, rich_text
from videoklub.knowledge.starter_videos import starter_videos_load

COURSES = Path(__file__).resolve().parent / "content" / "courses"
VIDEOS = Path(__file__).resolve().parent / "content" / "videos"
STREAMS = ("modules", "feedback_questions", "sources")


def _step(step: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    kind = step.get("kind")
    if kind == "text":
        return "text", {"title": step["title"], "body": rich_text(step.get("body", ""))}
    if kind == "question":
        return "question", {
            "title": step["title"],
            "prompt": step["prompt"].strip(),
            "question_type": step.get("question_type", "open"),
            "required": bool(step.get("required", True)),
            "choices": [
                {
                    "text": c["text"],
                    "correct": bool(c.get("correct", False)),
                    "feedback": c.get("feedback", "").strip(),
                }
                for c in step.get("choices", [])
            ],
            "model_answer": rich_text(step.get("model_answer", "")),
        }
    if kind == "reflection":
        return "reflection", {
            "title": step["title"],
            "prompt": step["prompt"].strip(),
            "guidance": rich_text(step.get("guidance", "")),
            "required": bool(step.get("required", True)),
        }
    if kind == "discussion":
        return "discussion", {
            "title": step["title"],
            "prompt": step["prompt"].strip(),
            "guidance": rich_text(step.get("guidance", "")),
        }
    if kind == "video":
        page = VideoPage.objects.filter(slug=step["video"]).first()
        if page is None:
            raise ValueError(f"step {step['title']!r}: no video page {step['video']!r}")
        return "video", {
            "title": step["title"],
            "intro": rich_text(step.get("intro", "")),
            "video": page,
            "tasks": [
                {"at": float(t["at"]), "question": t["question"].strip(), "hint": t.get("hint", "")}
                for t in step.get("tasks", [])
            ],
        }
    return None  # anything unknown: not loaded


def _fields(data: dict[str, Any]) -> dict[str, Any]:
    practice = (
        CorePractice.objects.get(code=data["core_practice"]) if data.get("core_practice") else None
    )
    modules = []
    for module in data.get("modules", []):
        steps = [s for s in (_step(step) for step in module.get("steps", [])) if s is not None]
        modules.append(
            (
                "module",
                {
                    "title": module["title"],
                    "intro": rich_text(module.get("intro", "")),
                    "steps": steps,
                },
            )
        )
    return {
        "title": data["title"],
        "summary": data["summary"].strip(),
        "intro": rich_text(data.get("intro", "")),
        "core_practice": practice,
        "school_levels": list(data.get("school_levels", [])),
        "hours": Decimal(str(data.get("hours", 1))),
        "is_open": bool(data.get("open", False)),
        "licence": data.get("licence", "CC BY-NC-SA 4.0"),
        "modules": modules,
        "feedback_questions": [
            (q.get("kind", "open"), q["question"]) for q in data.get("feedback", [])
        ],
        "sources": [
            (
                "source",
                {
                    "reference": rich_text(
                        s["citation"] + (f" <{s['url']}>" if s.get("url") else "")
                    ),
                    "note": s.get("note", ""),
                },
            )
            for s in data.get("sources", [])
        ],
    }


@transaction.atomic
def starter_courses_load(
    *, folder: Path = COURSES, videos: Path = VIDEOS, update: bool = False
) -> list[CoursePage]:
    """Create the shipped courses that are missing (and with `update`, bring back the shipped
    text of the others), after the expert videos their steps show; returns the courses that
    were published."""
    starter_videos_load(folder=videos)
    return pages_publish_from_toml(
        model=CoursePage,
        root=courses_root(),
        folder=folder,
        fields_of=_fields,
        streams=STREAMS,
        update=update,
    )
