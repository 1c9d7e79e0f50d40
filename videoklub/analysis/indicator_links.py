"""Links that floors above add to an annotation's kijkwijzer indicator, such as the kennisbank's
"see how an expert does this". They register a provider from their `ready()`; analysis imports
none of them (as `recordings.pages` does for the recording page)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from videoklub.policy import AnyUser

# (user, indicator keys on the page) -> {indicator key: (link text, url)}
IndicatorLinkProvider = Callable[["AnyUser", Collection[str]], dict[str, tuple[str, str]]]
_providers: list[IndicatorLinkProvider] = []


def register(provider: IndicatorLinkProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def links_for(user: AnyUser, keys: Collection[str]) -> dict[str, list[tuple[str, str]]]:
    """Every provider's links per indicator key; no provider is asked about an empty page."""
    links: dict[str, list[tuple[str, str]]] = {}
    if not keys:
        return links
    for provider in _providers:
        for key, link in provider(user, keys).items():
            links.setdefault(key, []).append(link)
    return links
