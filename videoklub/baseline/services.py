"""Writes on a school's track: the baseline, the focus, the action plan and the implementation.

Each service asks the policy, does the work and keeps its own record (who and when on the row,
the phase history) in one transaction. The audit log (`videoklub.audit`) is the recording
owners' log of who saw or shared their videos; nothing here touches a recording, so, like the
klub sessions and cycles, these writes keep their history on their own rows instead.
Archive mode denies the rules these services ask, and so every write at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from videoklub import policy
from videoklub.baseline.checklist import checklist_item, checklist_items
from videoklub.baseline.models import (
    PHASE_ORDER,
    ActionPlanItem,
    ChecklistTick,
    EvidenceLink,
    PhaseChange,
    PracticePriority,
    SchoolTrack,
)

if TYPE_CHECKING:
    from videoklub.accounts.models import User
    from videoklub.cycles.models import CorePractice
    from videoklub.meetings.models import Meeting

BASELINE_FIELDS = (
    "intake_on",
    "intake_participants",
    "intake_notes",
    "pupil_population",
    "team_size",
    "school_context",
    "earlier_development",
    "result_trends",
    "classroom_observations",
)
FEEDBACK_FIELDS = ("feedback_on", "feedback_participants", "feedback_notes")


def _locked(track: SchoolTrack) -> SchoolTrack:
    return SchoolTrack.objects.select_for_update().get(pk=track.pk)


def _touch(track: SchoolTrack, fields: list[str]) -> None:
    track.updated_at = timezone.now()
    track.full_clean(validate_constraints=False)
    track.save(update_fields=[*fields, "updated_at"])


@transaction.atomic
def baseline_update(
    *,
    track: SchoolTrack,
    by: User,
    data: dict[str, Any],
    priorities: dict[CorePractice, tuple[int | None, str]],
) -> SchoolTrack:
    """Save the intake and the questionnaire: the fields of `BASELINE_FIELDS` in `data` and a
    1–4 priority with a comment per core practice (a practice without priority is left out)."""
    policy.authorize(by, "edit_baseline", track)
    unknown = set(data) - set(BASELINE_FIELDS)
    if unknown:
        raise ValueError(f"Not baseline fields: {sorted(unknown)}")
    for practice, (priority, _comment) in priorities.items():
        if priority is not None and not 1 <= priority <= 4:
            raise ValidationError(
                _("Give %(practice)s a priority from 1 to 4.") % {"practice": practice}
            )
    track = _locked(track)
    for name, value in data.items():
        setattr(track, name, value.strip() if isinstance(value, str) else value)
    _touch(track, list(data))
    for practice, (priority, comment) in priorities.items():
        if priority is None:
            PracticePriority.objects.filter(track=track, core_practice=practice).delete()
            continue
        PracticePriority.objects.update_or_create(
            track=track,
            core_practice=practice,
            defaults={"priority": priority, "comment": comment.strip()},
        )
    return track


@transaction.atomic
def report_update(*, track: SchoolTrack, by: User, report: str, final: bool) -> SchoolTrack:
    """Save the analysis report; `final` shows it to the school's leaders (and in the PDF as
    final). A final report cannot be empty."""
    policy.authorize(by, "edit_baseline", track)
    report = report.strip()
    if final and not report:
        raise ValidationError({"report": _("Write the analysis before you make it final.")})
    track = _locked(track)
    was_final = track.report_is_final
    track.report = report
    track.report_status = (
        SchoolTrack.ReportStatus.FINAL if final else SchoolTrack.ReportStatus.DRAFT
    )
    if final and not was_final:
        track.report_finalised_at = timezone.now()
    elif not final:
        track.report_finalised_at = None
    _touch(track, ["report", "report_status", "report_finalised_at"])
    return track


@transaction.atomic
def feedback_update(
    *,
    track: SchoolTrack,
    by: User,
    data: dict[str, Any],
    focus_practice: CorePractice | None,
    focus_statement: str,
) -> SchoolTrack:
    """Save the feedback conversation and the one chosen focus (a core practice with a short
    statement of what the school wants to reach in it)."""
    policy.authorize(by, "edit_baseline", track)
    unknown = set(data) - set(FEEDBACK_FIELDS)
    if unknown:
        raise ValueError(f"Not feedback fields: {sorted(unknown)}")
    focus_statement = focus_statement.strip()
    if focus_practice is not None and not focus_statement:
        raise ValidationError(
            {"focus_statement": _("Say in one sentence what the school wants to reach.")}
        )
    if focus_practice is None and focus_statement:
        raise ValidationError({"focus_practice": _("Choose the core practice of the focus.")})
    track = _locked(track)
    for name, value in data.items():
        setattr(track, name, value.strip() if isinstance(value, str) else value)
    track.focus_practice = focus_practice
    track.focus_statement = focus_statement
    _touch(track, [*data, "focus_practice", "focus_statement"])
    return track


# --- Action plan -----------------------------------------------------------------------------


def _check_owner(owner: User | None, owner_text: str) -> None:
    if owner is None and not owner_text.strip():
        raise ValidationError(
            {"owner_text": _("Say who does it: choose a person or type a name or group.")}
        )


@transaction.atomic
def action_item_create(
    *,
    track: SchoolTrack,
    by: User,
    goal: str,
    action: str,
    owner: User | None = None,
    owner_text: str = "",
    due_on: date | None = None,
    status: str = ActionPlanItem.Status.OPEN,
) -> ActionPlanItem:
    """Add a goal with its action, who does it and by when to the school's action plan."""
    policy.authorize(by, "update_action_plan", track)
    _check_owner(owner, owner_text)
    item = ActionPlanItem(
        track=track,
        goal=goal.strip(),
        action=action.strip(),
        owner=owner,
        owner_text=owner_text.strip() if owner is None else "",
        due_on=due_on,
        status=status,
        updated_by=by,
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def action_item_update(
    *,
    item: ActionPlanItem,
    by: User,
    goal: str,
    action: str,
    owner: User | None = None,
    owner_text: str = "",
    due_on: date | None = None,
    status: str,
) -> ActionPlanItem:
    policy.authorize(by, "update_action_plan", item.track)
    _check_owner(owner, owner_text)
    item.goal, item.action = goal.strip(), action.strip()
    item.owner, item.owner_text = owner, owner_text.strip() if owner is None else ""
    item.due_on, item.status = due_on, status
    item.updated_at, item.updated_by = timezone.now(), by
    item.full_clean()
    item.save(
        update_fields=[
            "goal",
            "action",
            "owner",
            "owner_text",
            "due_on",
            "status",
            "updated_at",
            "updated_by",
        ]
    )
    return item


@transaction.atomic
def action_item_set_status(*, item: ActionPlanItem, by: User, status: str) -> ActionPlanItem:
    """The core team's quick update: only the status of an action."""
    policy.authorize(by, "update_action_plan", item.track)
    if status not in ActionPlanItem.Status.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    item.status, item.updated_at, item.updated_by = status, timezone.now(), by
    item.save(update_fields=["status", "updated_at", "updated_by"])
    return item


@transaction.atomic
def action_item_delete(*, item: ActionPlanItem, by: User) -> None:
    policy.authorize(by, "update_action_plan", item.track)
    item.delete()


# --- Implementation --------------------------------------------------------------------------


@transaction.atomic
def checklist_tick(*, track: SchoolTrack, by: User, item_key: str, ticked: bool) -> None:
    """Tick (or untick) an item of the EEF checklist for this school. Ticking twice keeps the
    first tick, with who and when."""
    policy.authorize(by, "update_implementation", track)
    if checklist_item(item_key) is None:
        raise ValidationError(_("This checklist item does not exist."))
    if ticked:
        ChecklistTick.objects.get_or_create(
            track=track, item_key=item_key, defaults={"ticked_by": by}
        )
    else:
        ChecklistTick.objects.filter(track=track, item_key=item_key).delete()


def unticked_items(track: SchoolTrack, phase: str) -> list[str]:
    """Keys of the phase's checklist items this track has not ticked."""
    ticked = set(ChecklistTick.objects.filter(track=track).values_list("item_key", flat=True))
    return [item.key for item in checklist_items(phase) if item.key not in ticked]


@dataclass
class ConfirmationNeeded(Exception):
    """Moving on leaves items of the current phase unticked: allowed, after a confirmation."""

    unticked: list[str]


@transaction.atomic
def phase_move(
    *, track: SchoolTrack, by: User, to_phase: str, note: str = "", confirmed: bool = False
) -> PhaseChange:
    """Move the school to another implementation phase and write it in the history.

    Moving forward with unticked items in the phase being left is not blocked (schools differ,
    and the guide's phases overlap) but asks for a confirmation: `ConfirmationNeeded` until
    `confirmed`. Going back (to correct a mistake, or to explore again) asks nothing.
    """
    policy.authorize(by, "update_implementation", track)
    if to_phase not in PHASE_ORDER:
        raise ValidationError({"to_phase": _("Choose a phase from the list.")})
    track = _locked(track)
    if to_phase == track.phase:
        raise ValidationError({"to_phase": _("The school is in this phase already.")})
    forward = PHASE_ORDER.index(to_phase) > PHASE_ORDER.index(track.phase)
    left_open = unticked_items(track, track.phase) if forward else []
    if left_open and not confirmed:
        raise ConfirmationNeeded(left_open)
    change = PhaseChange.objects.create(
        track=track,
        from_phase=track.phase,
        to_phase=to_phase,
        by=by,
        note=note.strip(),
        unticked_items=left_open,
    )
    track.phase = to_phase
    _touch(track, ["phase"])
    return change


@transaction.atomic
def evidence_add(
    *,
    track: SchoolTrack,
    by: User,
    title: str,
    url: str = "",
    meeting: Meeting | None = None,
    phase: str = "",
) -> EvidenceLink:
    """Link evidence to the track: a web address or a session of one of the school's klubs in
    the programme (never another school's)."""
    policy.authorize(by, "update_implementation", track)
    url = url.strip()
    if (meeting is None) == (not url):
        raise ValidationError(
            _("Give either a web address or a klub session as evidence, not both or neither.")
        )
    if meeting is not None and (
        meeting.klub.school_id != track.school_id or meeting.klub.programme_id != track.programme_id
    ):
        raise ValidationError({"meeting": _("Choose a session of this school’s klubs.")})
    link = EvidenceLink(
        track=track,
        title=title.strip(),
        url=url,
        meeting=meeting,
        phase=phase or track.phase,
        added_by=by,
    )
    link.full_clean()
    link.save()
    return link


@transaction.atomic
def evidence_remove(*, link: EvidenceLink, by: User) -> None:
    policy.authorize(by, "update_implementation", link.track)
    link.delete()
