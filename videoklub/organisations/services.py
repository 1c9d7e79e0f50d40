"""Writes to the organisation structure."""

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from videoklub.organisations.models import Klub, Membership, Programme, Role, School
from videoklub.policy import authorize

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


@transaction.atomic
def programme_archive(*, programme: Programme, by: "User", on: date | None = None) -> Programme:
    """Make an ended programme read-only (archive.py). Only its staff, only after its end date:
    archiving a running programme would stop every klub at once."""
    # Not registered as a write: reopening is the one change an archived programme allows.
    authorize(by, "archive_programme", programme)
    today = on or timezone.localdate()
    if programme.archived_on is not None:
        return programme
    if programme.ends_on is None or programme.ends_on >= today:
        raise ValidationError(
            _("A programme can be archived after its end date (%(date)s).")
            % {"date": programme.ends_on or "–"}
        )
    programme.archived_on = today
    programme.save(update_fields=["archived_on"])
    return programme


@transaction.atomic
def programme_reopen(*, programme: Programme, by: "User") -> Programme:
    """Undo an archiving (a programme extended by the funder): writes are allowed again."""
    authorize(by, "archive_programme", programme)
    programme.archived_on = None
    programme.save(update_fields=["archived_on"])
    return programme
