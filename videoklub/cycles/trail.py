"""Entries other apps add to a teacher's learning trail (e-course reflections, …).

The trail is built here (`selectors.learning_trail`), but some of what a teacher did lives in
apps on floors above, which cycles must not import: those apps register a source from their
`ready()`. A source is `fn(teacher) -> list[TrailEntry]`, one query per source whatever the
amount; an entry names its cycle with `cycle_id`, or none, and then goes to the teacher's cycle
that ran at the time (as coaching visits do).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from videoklub.accounts.models import User
    from videoklub.cycles.selectors import TrailEntry

TrailSource = Callable[["User"], list["TrailEntry"]]
_sources: list[TrailSource] = []


def register_trail_source(source: TrailSource) -> None:
    if source not in _sources:
        _sources.append(source)


def trail_source_entries(teacher: User) -> list[TrailEntry]:
    return [entry for source in _sources for entry in source(teacher)]
