"""The GRROW guiding-question templates for book club meetings (shipped in content/, in Dutch)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CONTENT = Path(__file__).parent / "content" / "grrow_questions.toml"


@dataclass(frozen=True)
class Template:
    code: str
    name: str
    questions: tuple[tuple[str, str], ...]  # (GRROW step, question)

    def as_text(self) -> str:
        """The questions as the editable text a meeting keeps."""
        return "\n".join(f"{step}: {question}" for step, question in self.questions)


@cache
def templates() -> dict[str, Template]:
    with CONTENT.open("rb") as file:
        data = tomllib.load(file)
    return {
        t["code"]: Template(
            code=t["code"],
            name=t["name"],
            questions=tuple((q["step"], q["question"]) for q in t["questions"]),
        )
        for t in data["templates"]
    }


def template_for(position: int, planned: int) -> Template:
    """The first meeting starts, the last one closes, the rest are in between."""
    if position == 0:
        return templates()["start"]
    if planned and position >= planned - 1:
        return templates()["end"]
    return templates()["middle"]
