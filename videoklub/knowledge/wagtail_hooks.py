"""How Wagtail's editor and downloads follow our rules (loaded by Wagtail at start-up)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from wagtail import hooks

from videoklub.knowledge.selectors import dossiers_with_document
from videoklub.policy import can


@hooks.register("before_serve_document")
def only_documents_of_readable_dossiers(document: Any, request: HttpRequest) -> None:
    """A document is served to editors and to whoever may read a published dossier that
    offers it (anyone, for an open dossier); to everyone else it does not exist."""
    if can(request.user, "edit_knowledge"):
        return
    if not dossiers_with_document(request.user, document.pk):
        raise Http404


@hooks.register("construct_main_menu")
def hide_people_and_groups(request: HttpRequest, menu_items: list[Any]) -> None:
    # Accounts are managed in our administration (middleware.CLOSED_SECTIONS).
    menu_items[:] = [item for item in menu_items if item.name not in {"users", "groups"}]


@hooks.register("construct_settings_menu")
def hide_people_and_groups_in_settings(request: HttpRequest, menu_items: list[Any]) -> None:
    menu_items[:] = [item for item in menu_items if item.name not in {"users", "groups"}]
