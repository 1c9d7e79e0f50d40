"""Who may do what in the coaches' learning community.

The community of a programme is for its coaches (a coach membership in one of its klubs) and its
project staff; everyone else, a teacher of the same klub too, gets a 404. Staff plan the events,
take attendance and add materials; coaches register and keep their own learning log, which
nobody else reads (staff see how many entries, never what they say).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import rules

from videoklub.community.models import Event, EventMaterial, LearningLogEntry
from videoklub.organisations.models import Role
from videoklub.organisations.permissions import memberships, programme_ids_staffed
from videoklub.policy import register

if TYPE_CHECKING:
    from videoklub.organisations.models import Programme
    from videoklub.policy import AnyUser


def programme_ids_coached(user: AnyUser) -> set[int]:
    """Programmes with a klub where the user is the coach."""
    return {
        m.klub.programme_id
        for m in memberships(user)
        if m.klub is not None and m.role == Role.COACH
    }


def community_programme_ids(user: AnyUser) -> set[int]:
    """The programmes whose community the user is part of (as coach or as staff)."""
    return programme_ids_coached(user) | programme_ids_staffed(user)


def _programme_id(obj: Programme | Event | EventMaterial) -> int:
    if isinstance(obj, EventMaterial):
        return obj.event.programme_id
    if isinstance(obj, Event):
        return obj.programme_id
    return obj.pk


# --- Predicates ------------------------------------------------------------------------------


@rules.predicate
def coaches_in(user: AnyUser, obj: Programme | Event | EventMaterial) -> bool:
    return _programme_id(obj) in programme_ids_coached(user)


@rules.predicate
def staffs(user: AnyUser, obj: Programme | Event | EventMaterial) -> bool:
    return _programme_id(obj) in programme_ids_staffed(user)


@rules.predicate
def writes_entry(user: AnyUser, entry: LearningLogEntry) -> bool:
    return entry.user_id == user.pk


register("view_community", coaches_in | staffs)
register("manage_community", staffs, writes=True)
register("keep_learning_log", coaches_in, writes=True)
register("register_for_event", coaches_in, writes=True)
register("edit_learning_log_entry", writes_entry, writes=True)
