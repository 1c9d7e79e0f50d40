"""What a dossier page shows besides its own fields: labels of its levels and indicators.

Shared by our view and Wagtail's preview, so an editor previews exactly what readers see.
Indicator texts come from the shipped kijkwijzers (static data, no query): their keys are
stable across versions (observations/shipped.py).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from videoklub.core.timecode import timecode
from videoklub.observations.shipped import SHIPPED

if TYPE_CHECKING:
    from videoklub.knowledge.models import DossierPage, VideoPage

LEVEL_LABELS = {"kleuter": _("nursery"), "lager": _("primary"), "secundair": _("secondary")}


@cache
def shipped_indicators() -> dict[str, dict[str, str]]:
    """Every shipped indicator by key: its text and the name of its kijkwijzer."""
    found: dict[str, dict[str, str]] = {}
    for framework in SHIPPED:
        for domain in framework["domains"]:
            for indicator in domain["indicators"]:
                found[indicator["key"]] = {
                    "key": indicator["key"],
                    "text": indicator["text"],
                    "framework": framework["name"],
                    "framework_code": framework["code"],
                }
    return found


def indicator_choices() -> list[tuple[str, str]]:
    return [
        (key, f"{item['framework']}: {item['text']}") for key, item in shipped_indicators().items()
    ]


def dossier_context(dossier: DossierPage) -> dict[str, Any]:
    indicators = shipped_indicators()
    return {
        "dossier": dossier,
        "levels": [LEVEL_LABELS[level] for level in dossier.school_levels if level in LEVEL_LABELS],
        "indicators": [indicators[key] for key in dossier.indicator_keys if key in indicators],
    }


def video_context(page: VideoPage) -> dict[str, Any]:
    """What a video page shows: its chapters and commentary in time order, each commentary
    with its indicator's text (static data, no query)."""
    indicators = shipped_indicators()
    chapters = sorted(
        ({"at": b.value["at"], "title": b.value["title"], "timecode": timecode(b.value["at"])}
         for b in page.chapters),
        key=lambda c: c["at"],
    )  # fmt: skip
    commentary = sorted(
        (
            {
                "at": b.value["at"],
                "timecode": timecode(b.value["at"]),
                "indicator": indicators.get(b.value["indicator"]),
                "body": b.value["body"],
            }
            for b in page.commentary
        ),
        key=lambda c: c["at"],
    )
    return {
        "video_page": page,
        "video": page.video,
        "chapters": chapters,
        "commentary": commentary,
        "levels": [LEVEL_LABELS[level] for level in page.school_levels if level in LEVEL_LABELS],
        "indicators": [indicators[key] for key in page.indicator_keys if key in indicators],
    }
