"""The cycle follows the work: phase moves, by the work itself or by the teacher.

Four steps move a cycle on by themselves: a recording filed under it (→ analyse), a fragment of
it shared (→ discuss), actions agreed for it in a klub session (→ act) and a reflection written
once its actions are being tried (→ evaluate). Such a move only ever goes forward and never
touches a closed cycle; the teacher can still move the phase by hand ("On to …", "Back to …"),
close the cycle (completed) or stop it (abandoned). Every move is kept as a PhaseChange, so the
cycle page can say why it is where it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from videoklub.cycles.models import PHASE_ORDER, Action, Cycle, Phase, PhaseChange, Reflection

if TYPE_CHECKING:
    from videoklub.accounts.models import User
    from videoklub.recordings.models import Fragment, Recording

Reason = PhaseChange.Reason

# A reflection is a journal entry: written before the actions are tried, it is a note along the
# way and leaves the phase alone; written in the act phase it is the evaluation.
REFLECTION_EVALUATES_FROM = (Phase.ACT,)


def _later(phase: str, than: str) -> bool:
    return PHASE_ORDER.index(phase) > PHASE_ORDER.index(than)


def record(cycle: Cycle, *, from_phase: str, reason: str, by: User | None, **items) -> PhaseChange:
    return PhaseChange.objects.create(
        cycle=cycle, from_phase=from_phase, to_phase=cycle.phase, reason=reason, by=by, **items
    )


def move(cycle: Cycle, phase: str) -> None:
    now = timezone.now()
    cycle.phase = phase
    cycle.finished_at = (cycle.finished_at or now) if phase == Phase.DONE else None
    if phase != Phase.DONE:
        cycle.abandoned = False
    cycle.last_activity_at = now
    cycle.full_clean()
    cycle.save(update_fields=["phase", "finished_at", "abandoned", "last_activity_at"])


@transaction.atomic
def cycle_advance(
    *,
    cycle: Cycle,
    to: str,
    reason: str,
    by: User | None,
    recording: Recording | None = None,
    fragment: Fragment | None = None,
    action: Action | None = None,
    reflection: Reflection | None = None,
    only_from: tuple[str, ...] | None = None,
) -> PhaseChange | None:
    """Move the cycle on to `to` because of the work in `reason`, if that is forward (and the
    cycle is in one of the phases `only_from`, when given).

    A cycle already at or past `to`, or closed, stays where it is (None is returned): the work
    never moves a cycle back, and only the teacher reopens a closed one.
    """
    # The row is locked so that two steps at once (a share and an upload) cannot both start
    # from the same phase and record two moves out of it.
    locked = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if locked.phase == Phase.DONE or not _later(to, locked.phase):
        return None
    if only_from is not None and locked.phase not in only_from:
        return None
    from_phase = locked.phase
    move(locked, to)
    cycle.phase, cycle.finished_at = locked.phase, locked.finished_at
    cycle.last_activity_at = locked.last_activity_at
    return record(
        locked,
        from_phase=from_phase,
        reason=reason,
        by=by,
        recording=recording,
        fragment=fragment,
        action=action,
        reflection=reflection,
    )


# --- What the work tells: receivers and calls from the services -----------------------------


def _filed_cycle(recording: Recording) -> Cycle | None:
    """The cycle a recording is filed under, if it is its owner's own."""
    if recording.cycle_id is None:
        return None
    return Cycle.objects.filter(pk=recording.cycle_id, teacher_id=recording.owner_id).first()


def on_recording_filed(sender, *, recording: Recording, by: User | None = None, **kwargs) -> None:
    """Receiver of recordings.signals.recording_filed (connected in CyclesConfig.ready)."""
    cycle = _filed_cycle(recording)
    if cycle is not None:
        cycle_advance(
            cycle=cycle,
            to=Phase.ANALYSE,
            reason=Reason.RECORDING_FILED,
            by=by,
            recording=recording,
        )


def on_fragment_shared(sender, *, fragment: Fragment, by: User | None = None, **kwargs) -> None:
    """Receiver of sharing.signals.fragment_shared (connected in CyclesConfig.ready)."""
    recording = fragment.recording
    cycle = _filed_cycle(recording)
    if cycle is not None:
        cycle_advance(
            cycle=cycle,
            to=Phase.DISCUSS,
            reason=Reason.FRAGMENT_SHARED,
            by=by,
            recording=recording,
            fragment=fragment,
        )


def on_action_created(action: Action, *, by: User) -> None:
    """An action agreed in a klub session moves the cycle on to acting; one the teacher plans
    alone is part of the act phase's work and moves nothing."""
    if action.meeting_id is not None:
        cycle_advance(
            cycle=action.cycle, to=Phase.ACT, reason=Reason.ACTIONS_AGREED, by=by, action=action
        )


def on_reflection_created(reflection: Reflection, *, by: User) -> None:
    cycle_advance(
        cycle=reflection.cycle,
        to=Phase.EVALUATE,
        reason=Reason.REFLECTION_WRITTEN,
        by=by,
        reflection=reflection,
        only_from=REFLECTION_EVALUATES_FROM,
    )
