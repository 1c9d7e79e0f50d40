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
    # Whole milliseconds first (rounded half up, as JavaScript's Math.round), so 2.9999999 from
    # a player reads 0:03 and not 0:02; then cut off to tenths and to whole seconds.
    tenth_count = math.floor(math.floor(max(0.0, seconds) * 1000 + 0.5) / 100)
    whole, tenth = divmod(tenth_count, 10)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    return f"{text}.{tenth}" if tenths else text
