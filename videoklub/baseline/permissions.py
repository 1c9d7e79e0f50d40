"""Who works on a school's track (baseline and implementation).

Project staff of the programme: every school's track. Coaches: the tracks of the schools
where they coach a klub in that programme. School leaders (the school's core team): their own
school's track, where they keep the action plan and tick the checklist, and read the analysis
once it is final. Teachers: nothing here (they learn the track exists, so 403, not 404).

Every write goes through `services.py`, which asks one of these rules: archive mode can deny
them all in one place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import rules

from videoklub.organisations.models import Klub, Role
from videoklub.organisations.permissions import (
    in_programme_klub,
    memberships,
    programme_ids_staffed,
    school_ids_led,
    staffs_programme,
)
from videoklub.policy import register

if TYPE_CHECKING:
    from videoklub.baseline.models import SchoolTrack
    from videoklub.organisations.models import Programme
    from videoklub.policy import AnyUser


def _klub_schools(user: AnyUser, programme_id: int, *roles: Role) -> set[int]:
    return {
        m.klub.school_id
        for m in memberships(user)
        if m.klub is not None and m.klub.programme_id == programme_id and m.role in roles
    }


def coached_school_ids(user: AnyUser, programme_id: int) -> set[int]:
    return _klub_schools(user, programme_id, Role.COACH)


def led_school_ids_in(user: AnyUser, programme_id: int) -> set[int]:
    """The schools the user leads that take part in the programme (through a klub)."""
    led = school_ids_led(user)
    if not led:
        return set()
    return set(
        Klub.objects.filter(programme_id=programme_id, school_id__in=led).values_list(
            "school_id", flat=True
        )
    )


# --- On a SchoolTrack ------------------------------------------------------------------------


@rules.predicate
def staffs_track_programme(user: AnyUser, track: SchoolTrack) -> bool:
    return track.programme_id in programme_ids_staffed(user)


@rules.predicate
def coaches_at_track_school(user: AnyUser, track: SchoolTrack) -> bool:
    return track.school_id in coached_school_ids(user, track.programme_id)


@rules.predicate
def leads_track_school(user: AnyUser, track: SchoolTrack) -> bool:
    return track.school_id in school_ids_led(user)


@rules.predicate
def in_klub_at_track_school(user: AnyUser, track: SchoolTrack) -> bool:
    return track.school_id in _klub_schools(user, track.programme_id, Role.TEACHER, Role.COACH)


@rules.predicate
def report_is_final(_user: AnyUser, track: SchoolTrack) -> bool:
    return track.report_is_final


# --- On a Programme --------------------------------------------------------------------------


@rules.predicate
def leads_school_in_programme(user: AnyUser, programme: Programme) -> bool:
    return bool(led_school_ids_in(user, programme.pk))


@rules.predicate
def coaches_in_programme(user: AnyUser, programme: Programme) -> bool:
    return bool(coached_school_ids(user, programme.pk))


supports_school = staffs_track_programme | coaches_at_track_school
core_team = leads_track_school

# Knowing the track exists (a teacher of the school): 403 rather than 404 on the pages below.
register("know_school_track", supports_school | core_team | in_klub_at_track_school)
register("view_school_track", supports_school | core_team)
# The baseline (intake, questionnaire, report, feedback, focus) is the coach's and staff's work.
register("edit_baseline", supports_school)
# The core team reads the analysis once it is final; drafts stay with who writes them.
register("view_baseline_report", supports_school | (core_team & report_is_final))
register("update_action_plan", supports_school | core_team)
register("update_implementation", supports_school | core_team)

register("know_programme_tracks", staffs_programme | in_programme_klub | leads_school_in_programme)
register(
    "view_programme_tracks",
    staffs_programme | coaches_in_programme | leads_school_in_programme,
)
