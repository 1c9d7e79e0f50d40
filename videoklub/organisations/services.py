"""Writes to the organisation structure."""

from typing import TYPE_CHECKING

from django.db import transaction

from videoklub.organisations.models import Klub, Membership, Programme, Role, School

if TYPE_CHECKING:
    from videoklub.accounts.models import User


@transaction.atomic
def membership_ensure(
    *,
    user: "User",
    role: Role | str,
    klub: Klub | None = None,
    school: School | None = None,
    programme: Programme | None = None,
) -> Membership:
    """Give `user` the role in the organisation; a second call changes nothing."""
    membership, created = Membership.objects.get_or_create(
        user=user, role=role, klub=klub, school=school, programme=programme
    )
    if created:
        membership.full_clean()
    return membership
