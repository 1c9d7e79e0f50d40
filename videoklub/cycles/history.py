"""Why a cycle is where it is: one sentence per phase change, for the cycle page.

The teacher reads what they did ("because you filed ‘Hoekenwerk dinsdag’"); the coach reads
the same without the titles of the teacher's private recordings and fragments.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from videoklub.cycles.models import Phase, PhaseChange

if TYPE_CHECKING:
    from videoklub.accounts.models import User

Reason = PhaseChange.Reason


@dataclass(frozen=True)
class PhaseEvent:
    at: datetime
    text: str
    automatic: bool


def _name(user: User | None) -> str:
    if user is None:
        return _("(removed)")
    return user.full_name or user.email


def describe(change: PhaseChange, *, viewer: User) -> str:
    """One sentence saying how the cycle got to `change.to_phase`, for `viewer`."""
    phase = str(Phase(change.to_phase).label).capitalize()
    mine = change.cycle.teacher_id == viewer.pk
    you = change.by_id == viewer.pk
    reason = change.reason
    if reason == Reason.RECORDING_FILED:
        if mine and change.recording is not None:
            return _("Moved to “%(phase)s” because you filed “%(title)s”.") % {
                "phase": phase,
                "title": change.recording.title,
            }
        return _("Moved to “%(phase)s” because a recording was filed under the cycle.") % {
            "phase": phase
        }
    if reason == Reason.FRAGMENT_SHARED:
        if mine and change.fragment is not None:
            return _("Moved to “%(phase)s” because you shared the fragment “%(title)s”.") % {
                "phase": phase,
                "title": change.fragment.title,
            }
        return _("Moved to “%(phase)s” because a fragment was shared.") % {"phase": phase}
    if reason == Reason.ACTIONS_AGREED:
        meeting = change.action.meeting if change.action is not None else None
        if meeting is not None:
            return _(
                "Moved to “%(phase)s” because actions were agreed in the klub session "
                "“%(session)s”."
            ) % {"phase": phase, "session": meeting.title}
        return _("Moved to “%(phase)s” because actions were agreed in a klub session.") % {
            "phase": phase
        }
    if reason == Reason.REFLECTION_WRITTEN:
        if mine:
            return _("Moved to “%(phase)s” because you wrote a reflection.") % {"phase": phase}
        return _("Moved to “%(phase)s” because a reflection was written.") % {"phase": phase}
    if reason == Reason.CLOSED:
        if you:
            return _("You closed the cycle.")
        return _("%(name)s closed the cycle.") % {"name": _name(change.by)}
    if reason == Reason.ABANDONED:
        if you:
            return _("You stopped the cycle.")
        return _("%(name)s stopped the cycle.") % {"name": _name(change.by)}
    if you:
        return _("You moved the cycle to “%(phase)s”.") % {"phase": phase}
    return _("%(name)s moved the cycle to “%(phase)s”.") % {
        "name": _name(change.by),
        "phase": phase,
    }


def phase_history(changes: list[PhaseChange], *, viewer: User) -> list[PhaseEvent]:
    """The sentences for a cycle's changes (given newest first, as `phase_changes` reads them)."""
    return [
        PhaseEvent(
            at=change.created_at,
            text=describe(change, viewer=viewer),
            automatic=change.is_automatic,
        )
        for change in changes
    ]
