"""WebVTT subtitles: a small strict reader (for uploads) and a writer (for starter videos).

Why not the `webvtt-py` library: checked (0.6.0), it silently drops a cue whose timing line is
malformed and accepts a cue that ends before it starts, so an editor's broken file would pass
and show nothing. The part of WebVTT a player needs here (header, cues with timings, text) is
small enough to check strictly ourselves, with a message that says which line is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Hours are optional in WebVTT; minutes and seconds have two digits, milliseconds three.
_TIME = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
_TIMING = re.compile(rf"^{_TIME}[ \t]+-->[ \t]+{_TIME}(?:[ \t]+.*)?$")
MAX_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str


def _seconds(hours: str | None, minutes: str, seconds: str, millis: str) -> float:
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def parse(data: bytes) -> list[Cue]:
    """The cues of a WebVTT file; ValidationError (a whole sentence naming the line) if the
    file is not WebVTT or a cue's timing is wrong."""
    if len(data) > MAX_BYTES:
        raise ValidationError(_("This subtitle file is too large (at most 1 MB)."), code="size")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            _("This subtitle file is not UTF-8 text. Save it as UTF-8 and upload it again."),
            code="encoding",
        ) from None
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = lines[0]
    if not (first == "WEBVTT" or first.startswith(("WEBVTT ", "WEBVTT\t"))):
        raise ValidationError(
            _("This is not a WebVTT subtitle file: its first line must be WEBVTT."),
            code="header",
        )
    cues: list[Cue] = []
    number = 1
    while number < len(lines):
        if not lines[number].strip():
            number += 1
            continue
        block_start = number
        block: list[str] = []
        while number < len(lines) and lines[number].strip():
            block.append(lines[number])
            number += 1
        if block[0].startswith(("NOTE", "STYLE", "REGION")) and block_start > 0:
            continue
        timing_index = 0 if "-->" in block[0] else 1
        if timing_index >= len(block) or "-->" not in block[timing_index]:
            raise ValidationError(
                _("Line %(line)s of the subtitle file has no timing (00:00:01.000 --> ...).")
                % {"line": block_start + 1},
                code="timing",
            )
        match = _TIMING.match(block[timing_index].strip())
        line = block_start + timing_index + 1
        if match is None:
            raise ValidationError(
                _("The timing on line %(line)s of the subtitle file cannot be read.")
                % {"line": line},
                code="timing",
            )
        start = _seconds(*match.groups()[:4])
        end = _seconds(*match.groups()[4:])
        if end <= start:
            raise ValidationError(
                _("The subtitle on line %(line)s ends before it starts.") % {"line": line},
                code="order",
            )
        cues.append(Cue(start, end, "\n".join(block[timing_index + 1 :])))
    return cues


def _stamp(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def write(cues: list[Cue]) -> str:
    """A WebVTT file of `cues` (what `parse` reads back)."""
    parts = ["WEBVTT", ""]
    for cue in cues:
        parts += [f"{_stamp(cue.start)} --> {_stamp(cue.end)}", cue.text, ""]
    return "\n".join(parts)
