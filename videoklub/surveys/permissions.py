"""Who runs surveys and reads their results: the programme's project staff. Who answers: the
invited person alone (the invitation is theirs)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import rules

from videoklub.organisations.permissions import programme_ids_staffed, staffs_programme
from videoklub.policy import register

if TYPE_CHECKING:
    from videoklub.policy import AnyUser


@rules.predicate
def staffs_administration_programme(user: AnyUser, administration: Any) -> bool:
    return administration.programme_id in programme_ids_staffed(user)


@rules.predicate
def is_invitee(user: AnyUser, invitation: Any) -> bool:
    return invitation is not None and invitation.user_id == user.pk


# On a Programme: build instruments, administer them, invite and remind.
register("manage_surveys", staffs_programme)
# On an Administration: results (with reliability) are for the programme's staff only.
register("view_survey_results", staffs_administration_programme)
# On an Invitation.
register("respond_to_survey", is_invitee)
