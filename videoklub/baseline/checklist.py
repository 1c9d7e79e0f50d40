"""The EEF implementation checklist, read once from `content/eef_checklist.toml`.

Content, not code: the items are written in Dutch like the kennisbank's dossiers, in our own
words after the EEF guide; ticks store an item's key, so a reworded item keeps its ticks.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from videoklub.baseline.models import PHASE_ORDER

CHECKLIST_FILE = Path(__file__).resolve().parent / "content" / "eef_checklist.toml"


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    phase: str
    text: str


@cache
def _load() -> tuple[str, dict[str, tuple[ChecklistItem, ...]]]:
    with CHECKLIST_FILE.open("rb") as file:
        data = tomllib.load(file)
    items = {
        phase: tuple(
            ChecklistItem(key=entry["key"], phase=phase, text=entry["text"])
            for entry in data.get(phase, [])
        )
        for phase in PHASE_ORDER
    }
    return data["reference"], items


def checklist_reference() -> str:
    return _load()[0]


def checklist_items(phase: str) -> tuple[ChecklistItem, ...]:
    return _load()[1][phase]


def checklist_item(key: str) -> ChecklistItem | None:
    for phase in PHASE_ORDER:
        for item in checklist_items(phase):
            if item.key == key:
                return item
    return None
