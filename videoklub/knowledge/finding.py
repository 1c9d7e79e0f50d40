"""One search over everything in the kennisbank: dossiers and videos, and the kinds of content
that apps on floors above add (e-courses, practice examples).

The index lives here, but those apps may not be imported from here: each registers a source
from its `ready()`, as the learning trail's sources do. A source answers, for a reader and the
index's filters, the items that reader may open, best match first, as `Hit`s the index shows
in its own section; and it adds its core practices and topics to the filters on offer.

Every kind is searched with the same engine, Wagtail's search (PostgreSQL's full text with the
Dutch configuration and its GIN index, a plain database fallback on SQLite), so "feedback
geven" finds a course just as it finds a dossier.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from videoklub.knowledge.selectors import Filters
    from videoklub.policy import AnyUser


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    summary: str
    # Short facts shown under the title: the kind, the core practice, "for members", …
    facts: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Choices:
    """What a source adds to the filters: core practice codes and topics (slug → name)."""

    core_practices: set[str] = field(default_factory=set)
    topics: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SearchSource:
    key: str  # the section's id in the page ("courses", "practice")
    heading: Callable[[int], str]  # the section's title for a number of hits
    find: Callable[[AnyUser, Filters], list[Hit]]
    choices: Callable[[AnyUser], Choices]
    # Where the whole list of this kind lives, for a reader who wants more than the hits.
    more: Callable[[AnyUser], tuple[str, str] | None] = lambda user: None


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    hits: list[Hit]
    more: tuple[str, str] | None  # (label, url)


_sources: list[SearchSource] = []


def register_search_source(source: SearchSource) -> None:
    if all(known.key != source.key for known in _sources):
        _sources.append(source)


def sections(user: AnyUser, filters: Filters) -> list[Section]:
    """Each registered kind's hits for `user`, in the order the apps registered."""
    found = []
    for source in _sources:
        hits = source.find(user, filters)
        found.append(Section(source.key, source.heading(len(hits)), hits, source.more(user)))
    return found


def registered_choices(user: AnyUser) -> Iterable[Choices]:
    return (source.choices(user) for source in _sources)
