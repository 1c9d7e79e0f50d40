"""A person's data, app by app: each app that keeps rows or files about a person declares here
how they leave the platform, with the "my data" export and with erasure. The privacy app (the
top floor) only runs what is registered; a test walks every foreign key to the user and fails
when no app has decided what happens to it, so a new app cannot forget erasure.

Apps register from their `ready()` (a `personal_data.py` each), so this ground floor imports
none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# A part of the export: `build(user, zip_file)` returns the JSON-able data of `filename`
# ("cycli.json"; names are Dutch, for the person who opens the zip), or bytes for a file.
ExportBuilder = Callable[[Any, Any], Any]


@dataclass(frozen=True)
class ExportPart:
    filename: str
    build: ExportBuilder
    order: int  # where it goes in the zip (profile first)


@dataclass(frozen=True)
class Contributor:
    """What one app does with a person's data.

    `deleted` and `anonymised` name the foreign keys to the user ("app_label.Model.field"):
    rows of the first go with the person (on_delete CASCADE, or the app's `erase`), rows of the
    second stay without the name (SET_NULL: what they gave to others). `erase_first(user)` runs
    before the rest, each step in its own transaction (deleting recordings with their files);
    `erase(user)` runs in the one transaction that deletes the account and returns the storage
    prefixes to remove once it committed.
    """

    app: str
    deleted: tuple[str, ...] = ()
    anonymised: tuple[str, ...] = ()
    exports: tuple[ExportPart, ...] = ()
    erase_first: Callable[[Any], None] | None = None
    erase: Callable[[Any], list[str]] | None = None


_contributors: dict[str, Contributor] = {}


def register(contributor: Contributor) -> None:
    """Declare an app's personal data (once: a second declaration for the app is refused)."""
    if contributor.app in _contributors:
        raise ValueError(f"{contributor.app} already declared its personal data")
    _contributors[contributor.app] = contributor


def contributors() -> list[Contributor]:
    return list(_contributors.values())


def export_parts() -> list[ExportPart]:
    return sorted((p for c in contributors() for p in c.exports), key=lambda p: p.order)
