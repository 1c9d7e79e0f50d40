"""Recordings are private to their owner: the rules of the owner's own actions. Who else may
watch (through a share) is the sharing app's to say."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import rules

from videoklub.organisations.permissions import films_in_a_klub, staffs_programme
from videoklub.policy import register

if TYPE_CHECKING:
    from videoklub.policy import AnyUser


@rules.predicate
def is_recording_owner(user: AnyUser, recording: Any) -> bool:
    return recording.owner_id == user.pk


@rules.predicate
def is_upload_owner(user: AnyUser, upload: Any) -> bool:
    return upload.owner_id == user.pk


@rules.predicate
def owns_fragment_recording(user: AnyUser, fragment: Any) -> bool:
    return fragment.recording.owner_id == user.pk


register("add_recording", films_in_a_klub, writes=True)
register("change_recording", is_recording_owner, writes=True)
register("write_upload", is_upload_owner, writes=True)
# The programme's retention period and the report of what it deleted.
register("manage_retention", staffs_programme, writes=True)
