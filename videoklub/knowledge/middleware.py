"""The gate in front of Wagtail's editor (/redactie/): our policy decides, for everyone."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse

from videoklub.knowledge.editors import editor_access_sync

# Wagtail's screens for people and groups: accounts are managed in our own administration,
# with its privacy rules (admin_privacy), never here.
CLOSED_SECTIONS = ("users/", "groups/")


class EditorAccessMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.prefix = reverse("wagtailadmin_home")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(self.prefix):
            rest = request.path[len(self.prefix) :]
            if rest.startswith(CLOSED_SECTIONS):
                raise Http404
            user = request.user
            # Anonymous visitors go on to Wagtail, which sends them to our login page.
            if user.is_authenticated and not editor_access_sync(user):
                raise PermissionDenied
        return self.get_response(request)
