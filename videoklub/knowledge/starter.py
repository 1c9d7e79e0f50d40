"""The starter content we ship: nine kennisdossiers written by us (content/dossiers/*.toml).

Loading again never duplicates: a dossier is matched on its slug. A dossier that exists is left
as the editors made it, unless `update` asks to bring it back to the shipped text; then a new
revision is published only when the texts differ (the editor's history keeps the old one). The
TOML files hold Markdown; Wagtail stores rich text as its own small HTML, made here.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import markdown
from django.db import transaction
from wagtail.models import Page

from videoklub.cycles.models import CorePractice
from videoklub.knowledge.editors import knowledge_root
from videoklub.knowledge.models import DossierPage

PageT = TypeVar("PageT", bound=Page)

DOSSIERS = Path(__file__).resolve().parent / "content" / "dossiers"
# Wagtail's rich text knows <b> and <i>; Markdown writes <strong> and <em>.
_TAGS = {"strong": "b", "em": "i"}


def rich_text(text: str) -> str:
    html = markdown.markdown(text.strip())
    return re.sub(r"<(/?)(strong|em)>", lambda m: f"<{m.group(1)}{_TAGS[m.group(2)]}>", html)


def _fields(data: dict[str, Any]) -> dict[str, Any]:
    practice = (
        CorePractice.objects.get(code=data["core_practice"]) if data.get("core_practice") else None
    )
    return {
        "title": data["title"],
        "summary": data["summary"].strip(),
        "core_practice": practice,
        "school_levels": list(data.get("school_levels", [])),
        "indicator_keys": list(data.get("indicators", [])),
        "reading_minutes": int(data.get("reading_minutes", 10)),
        "is_open": bool(data.get("open", False)),
        "licence": data.get("licence", "CC BY-NC-SA 4.0"),
        "key_ideas": [
            ("idea", {"title": i["title"], "body": rich_text(i["body"])})
            for i in data.get("key_ideas", [])
        ],
        "in_the_classroom": [
            (
                "practice",
                {"level": p.get("level", ""), "title": p["title"], "body": rich_text(p["body"])},
            )
            for p in data.get("in_de_klas", [])
        ],
        "pitfalls": [
            ("pitfall", {"title": p["title"], "body": rich_text(p["body"])})
            for p in data.get("pitfalls", [])
        ],
        "filming": rich_text(data.get("filming", {}).get("body", "")),
        "klub_questions": [("question", q) for q in data.get("klub_questions", [])],
        "sources": [
            ("source", {"reference": rich_text(s["reference"]), "note": s.get("note", "")})
            for s in data.get("sources", [])
        ],
    }


def without_ids(value: Any) -> Any:
    # Every block gets a fresh random id when made: compare what the blocks say.
    if isinstance(value, list):
        return [without_ids(item) for item in value]
    if isinstance(value, dict):
        return {k: without_ids(v) for k, v in value.items() if k != "id"}
    return value


def _differs(page: Page, fields: dict[str, Any], topics: list[str], streams: Iterable[str]) -> bool:
    probe = type(page)(**fields)
    for name, value in fields.items():
        if name in streams:
            mine = without_ids(getattr(page, name).get_prep_value())
            if mine != without_ids(getattr(probe, name).get_prep_value()):
                return True
        elif getattr(page, name) != value:
            return True
    return sorted(t.name for t in page.tags.all()) != sorted(topics)  # type: ignore[attr-defined]


def pages_publish_from_toml(
    *,
    model: type[PageT],
    root: Page,
    folder: Path,
    fields_of: Callable[[dict[str, Any]], dict[str, Any]],
    streams: Iterable[str],
    update: bool,
) -> list[PageT]:
    """Publish a page of `model` under `root` for each shipped TOML file in `folder` whose slug
    is missing (with `update`, bring back the shipped text of the others); returns the pages
    that were published. The dossiers' and the e-courses' loaders both stand on this."""
    published = []
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as file:
            data = tomllib.load(file)
        fields = fields_of(data)
        topics = list(data.get("topics", []))
        page = model.objects.filter(slug=data["slug"]).first()
        if page is None:
            page = model(slug=data["slug"], **fields)
            root.add_child(instance=page)
        elif update and _differs(page, fields, topics, streams):
            for name, value in fields.items():
                setattr(page, name, value)
        else:
            continue
        page.tags.set(topics)  # type: ignore[attr-defined]
        page.save_revision().publish()
        published.append(page)
    return published


@transaction.atomic
def starter_content_load(*, folder: Path = DOSSIERS, update: bool = False) -> list[DossierPage]:
    """Create the shipped dossiers that are missing (and with `update`, bring back the shipped
    text of the others); returns the pages that were published."""
    return pages_publish_from_toml(
        model=DossierPage,
        root=knowledge_root(),
        folder=folder,
        fields_of=_fields,
        streams=("key_ideas", "in_the_classroom", "pitfalls", "klub_questions", "sources"),
        update=update,
    )
