"""How Wagtail's editor and downloads follow our rules (loaded by Wagtail at start-up)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from videoklub.knowledge.models import KnowledgeVideo
from videoklub.knowledge.selectors import dossiers_with_document
from videoklub.knowledge.services import knowledge_video_queue
from videoklub.policy import can


class _QueueOnNewFile:
    """A new or replaced video file is processed (after the commit, by a worker); changing
    only the title or the subtitles leaves the rendition as it is."""

    form: Any

    def save_instance(self) -> KnowledgeVideo:
        video = super().save_instance()  # type: ignore[misc]
        if "original" in self.form.changed_data:
            knowledge_video_queue(video=video)
        return video


class KnowledgeVideoCreateView(_QueueOnNewFile, CreateView):
    pass


class KnowledgeVideoEditView(_QueueOnNewFile, EditView):
    pass


class KnowledgeVideoViewSet(SnippetViewSet):
    model = KnowledgeVideo
    icon = "media"
    menu_label = _("Videos")
    add_to_admin_menu = True
    add_view_class = KnowledgeVideoCreateView
    edit_view_class = KnowledgeVideoEditView
    list_display = ["title", "status", "created_at"]
    panels = [FieldPanel("title"), FieldPanel("original"), FieldPanel("subtitles")]


register_snippet(KnowledgeVideoViewSet)


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
