"""Who may do what with a Filmfestival: its rules, registered with the policy.

Project staff of the programme organise and curate; teachers (and coaches) of the programme's
klubs submit their own fragments; the festival page is for the programme's members, or for
anyone when the festival is public. Which fragments a page shows is decided by the selectors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import rules

from videoklub.organisations.models import Role
from videoklub.organisations.permissions import (
    in_programme_klub,
    memberships,
    programme_ids_staffed,
    staffs_programme,
)
from videoklub.policy import register

if TYPE_CHECKING:
    from videoklub.policy import AnyUser


@rules.predicate
def staffs_festival(user: AnyUser, festival: Any) -> bool:
    return festival is not None and festival.programme_id in programme_ids_staffed(user)


@rules.predicate
def in_festival_programme(user: AnyUser, festival: Any) -> bool:
    return festival is not None and any(
        m.klub is not None and m.klub.programme_id == festival.programme_id
        for m in memberships(user)
    )


@rules.predicate
def films_in_festival_programme(user: AnyUser, festival: Any) -> bool:
    return festival is not None and any(
        m.klub is not None
        and m.klub.programme_id == festival.programme_id
        and m.role in (Role.TEACHER, Role.COACH)
        for m in memberships(user)
    )


@rules.predicate
def festival_is_public(user: AnyUser, festival: Any) -> bool:
    return festival is not None and festival.is_public


@rules.predicate
def submitted_it(user: AnyUser, submission: Any) -> bool:
    return submission is not None and submission.submitted_by_id == user.pk


@rules.predicate
def staffs_submission_festival(user: AnyUser, submission: Any) -> bool:
    return submission is not None and staffs_festival(user, submission.festival)


# The programme's festivals (the list), and creating one: the programme's staff.
register("view_programme_festivals", staffs_programme | in_programme_klub)
register("create_festival", staffs_programme, writes=True)
register("change_festival", staffs_festival, writes=True)
register("curate_festival", staffs_festival, writes=True)
# The festival page: members of the programme, or anyone when it is public.
register("view_festival", staffs_festival | in_festival_programme | festival_is_public)
register("submit_to_festival", films_in_festival_programme, writes=True)
register("view_submission", submitted_it | staffs_submission_festival)
register("withdraw_submission", submitted_it, writes=True)
register("confirm_festival_practice", submitted_it, writes=True)
