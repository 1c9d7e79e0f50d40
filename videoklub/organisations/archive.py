"""Archive mode: an ended programme becomes read-only and stays available for its years.

Archiving is the programme staff's decision (`services.programme_archive`), taken once the
programme's end date has passed. From then on every write on an object of the programme is
refused by the policy (`policy.register_freeze_check`): a klub, its recordings, fragments,
cycles, sessions, targets. Reading stays as it was: the report, the exports, the teachers'
learning trails. The recordings' retention (`recordings/retention.py`) goes on as before.
"""

from __future__ import annotations

from typing import Any

from videoklub.organisations.models import Programme

# How an object leads to its programme: a programme itself, anything with a `programme`
# (klub, wave, target), or through its klub, recording, fragment, cycle or session.
_PATHS = ("klub", "recording", "fragment", "cycle", "meeting")


def programme_of(obj: Any, depth: int = 0) -> Programme | None:
    if obj is None or depth > 4:
        return None
    if isinstance(obj, Programme):
        return obj
    if hasattr(obj, "programme_id"):
        return getattr(obj, "programme", None)
    for name in _PATHS:
        if getattr(type(obj), name, None) is not None:
            return programme_of(getattr(obj, name, None), depth + 1)
    return None


def is_frozen(obj: Any) -> bool:
    programme = programme_of(obj)
    if programme is None:
        return False
    # Read fresh: an object loaded before the programme was archived carries the old state.
    return Programme.objects.filter(pk=programme.pk, archived_on__isnull=False).exists()
