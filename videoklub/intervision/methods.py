"""The methods library: read once from content/methods.toml (our own text, Dutch)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CONTENT = Path(__file__).parent / "content" / "methods.toml"


@dataclass(frozen=True)
class MethodRole:
    key: str
    name: str
    does: str


@dataclass(frozen=True)
class Step:
    number: int
    name: str
    what: str
    minutes: int


@dataclass(frozen=True)
class Method:
    slug: str
    name: str
    summary: str
    when: str
    reference: str
    roles: tuple[MethodRole, ...]
    steps: tuple[Step, ...]

    @property
    def minutes(self) -> int:
        return sum(step.minutes for step in self.steps)

    def step(self, number: int) -> Step:
        return self.steps[max(1, min(number, len(self.steps))) - 1]


@cache
def all_methods() -> tuple[Method, ...]:
    with CONTENT.open("rb") as file:
        data = tomllib.load(file)
    return tuple(
        Method(
            slug=m["slug"],
            name=m["name"],
            summary=m["summary"],
            when=m["when"],
            reference=m["reference"],
            roles=tuple(MethodRole(**role) for role in m["roles"]),
            steps=tuple(Step(number=i, **step) for i, step in enumerate(m["steps"], start=1)),
        )
        for m in data["methods"]
    )


def method_by_slug(slug: str) -> Method | None:
    return next((m for m in all_methods() if m.slug == slug), None)


def method_choices() -> list[tuple[str, str]]:
    return [(m.slug, m.name) for m in all_methods()]
