"""Reading school tracks, always through the policy (see `permissions.py`).

`tracks_for_programme` and `phase_counts` are also what the monitoring app (the floor above)
reads; both cost a fixed number of queries whatever the number of schools.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from videoklub import policy
from videoklub.accounts.models import User
from videoklub.baseline.models import (
    PHASE_ORDER,
    ActionPlanItem,
    ChecklistTick,
    EvidenceLink,
    ImplementationPhase,
    PhaseChange,
    SchoolTrack,
)
from videoklub.baseline.permissions import coached_school_ids, led_school_ids_in
from videoklub.meetings.models import Meeting
from videoklub.organisations.models import Klub, Membership, Programme, Role, School
from videoklub.organisations.permissions import programme_ids_staffed

if TYPE_CHECKING:
    from videoklub.policy import AnyUser


@dataclass(frozen=True)
class TrackRow:
    """One school of a programme as the overview and monitoring show it."""

    school: School
    track: SchoolTrack | None
    phase: str
    focus: str
    baseline_done: bool
    report_final: bool
    actions_done: int
    actions_total: int

    @property
    def phase_label(self) -> str:
        return str(ImplementationPhase(self.phase).label)


def programme_for_tracks(user: AnyUser, programme_pk: int) -> Programme:
    programme = get_object_or_404(Programme, pk=programme_pk)
    policy.authorize(user, "view_programme_tracks", programme, hide_as="know_programme_tracks")
    return programme


def _visible_school_ids(user: AnyUser, programme: Programme) -> set[int] | None:
    """None: all the programme's schools (its staff); otherwise the coached or led ones."""
    if programme.pk in programme_ids_staffed(user):
        return None
    return coached_school_ids(user, programme.pk) | led_school_ids_in(user, programme.pk)


def tracks_for_programme(user: AnyUser, programme: Programme) -> list[TrackRow]:
    """The programme's schools that `user` may follow, by name, with their track's state.

    Schools take part through their klubs; a school whose track was not opened yet is listed
    in the first phase with nothing done.
    """
    policy.authorize(user, "view_programme_tracks", programme, hide_as="know_programme_tracks")
    visible = _visible_school_ids(user, programme)
    schools = School.objects.filter(
        pk__in=Klub.objects.filter(programme=programme).values("school_id")
    ).order_by("name", "pk")
    tracks = (
        SchoolTrack.objects.filter(programme=programme)
        .select_related("focus_practice")
        .annotate(
            actions_total=Count("action_items"),
            actions_done=Count(
                "action_items", filter=Q(action_items__status=ActionPlanItem.Status.DONE)
            ),
        )
    )
    if visible is not None:
        schools = schools.filter(pk__in=visible)
        tracks = tracks.filter(school_id__in=visible)
    by_school = {track.school_id: track for track in tracks}
    rows = []
    for school in schools:
        track = by_school.get(school.pk)
        if track is None:
            rows.append(TrackRow(school, None, ImplementationPhase.EXPLORE, "", False, False, 0, 0))
            continue
        rows.append(
            TrackRow(
                school=school,
                track=track,
                phase=track.phase,
                focus=str(track.focus_practice) if track.focus_practice else "",
                baseline_done=track.baseline_done,
                report_final=track.report_is_final,
                actions_done=track.actions_done,  # type: ignore[attr-defined]
                actions_total=track.actions_total,  # type: ignore[attr-defined]
            )
        )
    return rows


def phase_counts(programme: Programme) -> dict[str, int]:
    """How many of the programme's schools are in each phase (every phase named, in order).

    An aggregate without names, so no user check: the caller decides who sees it. A school
    without a track yet counts in the first phase, where a new track starts.
    """
    counts = dict.fromkeys(PHASE_ORDER, 0)
    school_ids = set(Klub.objects.filter(programme=programme).values_list("school_id", flat=True))
    tracked = 0
    for row in (
        SchoolTrack.objects.filter(programme=programme, school_id__in=school_ids)
        .values("phase")
        .annotate(n=Count("pk"))
    ):
        counts[row["phase"]] += row["n"]
        tracked += row["n"]
    counts[ImplementationPhase.EXPLORE] += len(school_ids) - tracked
    return counts


def track_for_user(
    user: AnyUser, programme_pk: int, school_pk: int, *, action: str = "view_school_track"
) -> SchoolTrack:
    """The school's track in the programme, if `user` may do `action` on it.

    404 for a school that does not take part in the programme, or for whoever may not know of
    it; 403 for who knows it (a teacher of the school, a leader before the report is final).
    The track is opened on first use: the school takes part as soon as it has a klub.
    """
    programme = get_object_or_404(Programme, pk=programme_pk)
    school = get_object_or_404(School, pk=school_pk)
    if not Klub.objects.filter(programme=programme, school=school).exists():
        raise Http404
    track = SchoolTrack.objects.filter(programme=programme, school=school).first()
    # Asked before anything is written: a stranger's probe opens no track.
    policy.authorize(
        user,
        action,
        track or SchoolTrack(programme=programme, school=school),
        hide_as="know_school_track",
    )
    if track is None:
        track, _created = SchoolTrack.objects.get_or_create(programme=programme, school=school)
    track.programme, track.school = programme, school
    return track


def track_page_data(track: SchoolTrack) -> dict:
    """Everything the track page lists, in a fixed number of queries."""
    return {
        "priorities": list(track.priorities.select_related("core_practice")),
        "action_items": list(track.action_items.select_related("owner")),
        "phase_changes": list(track.phase_changes.select_related("by")),
        "ticks": {
            tick.item_key: tick
            for tick in ChecklistTick.objects.filter(track=track).select_related("ticked_by")
        },
        "evidence": list(
            EvidenceLink.objects.filter(track=track).select_related("meeting__klub", "added_by")
        ),
    }


def action_item_for_track(track: SchoolTrack, item_pk: int) -> ActionPlanItem:
    return get_object_or_404(
        ActionPlanItem.objects.select_related("owner"), track=track, pk=item_pk
    )


def evidence_for_track(track: SchoolTrack, pk: int) -> EvidenceLink:
    return get_object_or_404(EvidenceLink, track=track, pk=pk)


def track_meetings(track: SchoolTrack) -> list[Meeting]:
    """The sessions of the school's klubs in the programme: what evidence may link to."""
    return list(
        Meeting.objects.filter(
            klub__school_id=track.school_id, klub__programme_id=track.programme_id
        )
        .select_related("klub")
        .order_by("-starts_at")
    )


def track_people(track: SchoolTrack) -> list[User]:
    """Who an action may be given to: the school's leaders and its klubs' coaches and
    teachers in the programme."""
    ids = Membership.objects.filter(
        Q(role=Role.SCHOOL_LEADER, school_id=track.school_id)
        | Q(klub__school_id=track.school_id, klub__programme_id=track.programme_id)
    ).values("user_id")
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("full_name", "pk"))


def phase_changes(track: SchoolTrack) -> list[PhaseChange]:
    return list(track.phase_changes.select_related("by"))
