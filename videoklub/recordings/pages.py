"""The recording page is the owner's desk: the video and its fragments, plus what apps on the
floors above add to it (the annotation panel, the shares). Those apps register a provider here
from their `ready()`; recordings imports none of them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.http import HttpRequest

    from videoklub.recordings.models import Recording

# (request, recording, may_change) -> extra template context
RecordingPageProvider = Callable[["HttpRequest", "Recording", bool], dict[str, Any]]
_providers: list[RecordingPageProvider] = []


def register(provider: RecordingPageProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


# A slot several providers fill: templates included beside each fragment in the list (each gets
# `fragment` and `recording`), collected from all providers instead of the last one winning.
FRAGMENT_LINKS = "fragment_links"


def page_context(request: HttpRequest, recording: Recording, *, may_change: bool) -> dict[str, Any]:
    context: dict[str, Any] = {FRAGMENT_LINKS: []}
    for provider in _providers:
        extra = dict(provider(request, recording, may_change))
        links = extra.pop(FRAGMENT_LINKS, [])
        context.update(extra)
        context[FRAGMENT_LINKS] = [*context[FRAGMENT_LINKS], *links]
    return context
