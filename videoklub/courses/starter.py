"""The shipped e-courses (content/courses/*.toml, schema in the content folder's notes).

As with the dossiers (knowledge/starter.py): loading again never duplicates, a course is matched
on its slug and left as the editors made it unless `update` brings back the shipped text (a new
revision, only when the texts differ). Steps of kind "video" wait for the expert videos of a
later round and are skipped. Blocks get fresh ids on a first load; an update keeps the ids of
steps at the same place, so learners' progress survives it.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from videoklub.courses.models import CoursePage, courses_root
from videoklub.cycles.models import CorePractice
from videoklub.knowledge.starter import rich_text

COURSES = Path(__file__).resolve().parent / "content" / "courses"
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
    return None  # "video" and anything unknown: not loaded (yet)


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


def _without_ids(value: Any) -> Any:
    # Every block gets a fresh random id when made: compare what the blocks say.
    if isinstance(value, list):
        return [_without_ids(item) for item in value]
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k != "id"}
    return value


def _differs(page: CoursePage, fields: dict[str, Any], topics: list[str]) -> bool:
    probe = CoursePage(**fields)
    for name, value in fields.items():
        if name in STREAMS:
            mine = _without_ids(getattr(page, name).get_prep_value())
            if mine != _without_ids(getattr(probe, name).get_prep_value()):
                return True
        elif getattr(page, name) != value:
            return True
    return sorted(t.name for t in page.tags.all()) != sorted(topics)


@transaction.atomic
def starter_courses_load(*, folder: Path = COURSES, update: bool = False) -> list[CoursePage]:
    """Create the shipped courses that are missing (and with `update`, bring back the shipped
    text of the others); returns the pages that were published."""
    root = courses_root()
    published = []
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as file:
            data = tomllib.load(file)
        fields = _fields(data)
        topics = list(data.get("topics", []))
        page = CoursePage.objects.filter(slug=data["slug"]).first()
        if page is None:
            page = CoursePage(slug=data["slug"], **fields)
            root.add_child(instance=page)
        elif update and _differs(page, fields, topics):
            for name, value in fields.items():
                setattr(page, name, value)
        else:
            continue
        page.tags.set(topics)
        page.save_revision().publish()
        published.append(page)
    return published
