""" "See how an expert does this": the expert videos' commentary gathered per kijkwijzer
indicator, and the link an annotation on that indicator gets (registered with
`analysis.indicator_links`, so analysis does not import the kennisbank).

An annotation names an indicator of a kijkwijzer; expert commentary names a shipped indicator by
the same stable key. A kennisbank holds a handful of expert videos, so reading their commentary
blocks beats keeping an index of them: one query, whatever the number of keys asked about.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from videoklub.core.templatetags.timecode import timecode
from videoklub.knowledge.models import VideoPage
from videoklub.knowledge.presentation import shipped_indicators
from videoklub.knowledge.selectors import readable_videos

if TYPE_CHECKING:
    from videoklub.policy import AnyUser


@dataclass(frozen=True)
class ExpertMoment:
    page: VideoPage
    at: float
    body: Any  # rich text

    @property
    def timecode(self) -> str:
        return timecode(self.at)


def _expert_videos(user: AnyUser) -> list[VideoPage]:
    return list(
        readable_videos(user)
        .filter(kind=VideoPage.Kind.EXPERT)
        .select_related(None)
        .only("pk", "title", "slug", "url_path", "commentary")
        .order_by("title")
    )


def expert_moments(user: AnyUser, indicator_key: str) -> tuple[dict[str, str], list[ExpertMoment]]:
    """The shipped indicator and every moment of expert commentary on it that `user` may
    watch, by video then time. 404 for a key no shipped kijkwijzer has."""
    indicator = shipped_indicators().get(indicator_key)
    if indicator is None:
        raise Http404
    moments = [
        ExpertMoment(page=page, at=float(block.value["at"]), body=block.value["body"])
        for page in _expert_videos(user)
        for block in sorted(page.commentary, key=lambda b: b.value["at"])
        if block.value["indicator"] == indicator_key
    ]
    return indicator, moments


def expert_links(user: AnyUser, keys: Collection[str]) -> dict[str, tuple[str, str]]:
    """For the annotation panel: a link per indicator key that has expert commentary."""
    commented = {
        block.value["indicator"] for page in _expert_videos(user) for block in page.commentary
    }
    return {
        key: (_("See how an expert does this"), reverse("knowledge:expert", args=[key]))
        for key in keys
        if key in commented
    }
