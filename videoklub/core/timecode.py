"""Lesson time: how a moment in (or a length of) a lesson video is written, everywhere.

m:ss, and h:mm:ss from an hour on: 0:02, 12:05, 1:02:03. Seconds are cut off, not rounded,
as a video player's clock does: an annotation made at 2.6 s reads 0:02, the moment the player
shows when it is there. The JavaScript twin is `timecode` in static/videoklub/timecode.js.
"""

from __future__ import annotations

import math


def timecode(seconds: float | None, *, tenths: bool = False) -> str:
    """83.4 → '1:23' ('1:23.4' with tenths); 3723 → '1:02:03'; None → ''."""
    if seconds is None:
        return ""
    seconds = max(0.0, seconds)
    whole = math.floor(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    if tenths:
        text += f".{math.floor(round(seconds * 1000) / 100) % 10}"
    return text
