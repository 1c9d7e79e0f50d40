"""Audiences defined by an app on a higher floor (the extension point of `REACH`).

Sharing sits below the apps that form groups of their own (intervision groups): it cannot know
who is in such a group. An upper app registers, from its `AppConfig.ready()`, how the reach of
its audience is computed – who is in it as a predicate and as a filter on users, and the name of
what it reaches – and a share for that audience names the group in `Share.audience_group`.
`sharing.permissions` asks this registry before its own `REACH`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.db.models import Q

    from videoklub.policy import AnyUser
    from videoklub.sharing.models import Share


@dataclass(frozen=True)
class AudienceReach:
    # Does the share's audience include the user? (Called for an active share.)
    includes: Callable[[AnyUser, Share], bool]
    # The same people as a filter on users.
    people_q: Callable[[Share], Q]
    # The name of what the share reaches ("Intervisiegroep 2").
    name: Callable[[Share], str]


_REGISTRY: dict[str, AudienceReach] = {}


def register(
    audience: str,
    *,
    includes: Callable[[AnyUser, Share], bool],
    people_q: Callable[[Share], Q],
    name: Callable[[Share], str],
) -> None:
    """Define the reach of `audience`, once (a second definition is refused)."""
    if audience in _REGISTRY:
        raise ValueError(f"The reach of audience {audience!r} is defined already.")
    _REGISTRY[audience] = AudienceReach(includes=includes, people_q=people_q, name=name)


def reach_of(audience: str) -> AudienceReach | None:
    return _REGISTRY.get(audience)


def is_registered(audience: str) -> bool:
    return audience in _REGISTRY
