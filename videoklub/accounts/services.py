"""Invitations and registration."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from videoklub.accounts.models import Invitation, User
from videoklub.accounts.signals import invitation_accepted
from videoklub.organisations.models import ROLE_SCOPE, Klub, Membership, Programme, Role, School
from videoklub.organisations.permissions import forget_memberships
from videoklub.organisations.services import membership_ensure

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

_TOKEN_SALT = "videoklub.accounts.invitation"


class InvitationError(Exception):
    """An invitation link that cannot be used; `message` is shown to the visitor."""

    def __init__(self, code: str, message: str | StrPromise) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def invitation_token(invitation: Invitation) -> str:
    # Signed, not stored: a copy of the database alone cannot be used to accept invitations.
    return signing.dumps(invitation.pk, salt=_TOKEN_SALT)


def invitation_url(invitation: Invitation) -> str:
    path = reverse("accounts:invitation", kwargs={"token": invitation_token(invitation)})
    return settings.SITE_URL + path


def invitation_from_token(token: str) -> Invitation:
    """The invitation behind a link, or InvitationError saying why it cannot be used."""
    try:
        pk = signing.loads(token, salt=_TOKEN_SALT)
    except signing.BadSignature:
        pk = None
    invitation = (
        Invitation.objects.select_related("klub__school", "school", "programme", "invited_by")
        .filter(pk=pk)
        .first()
        if isinstance(pk, int)
        else None
    )
    if invitation is None:
        raise InvitationError(
            "invalid",
            _("This invitation link is not valid. Check that you copied the whole link."),
        )
    if invitation.is_accepted:
        raise InvitationError(
            "used",
            _("This invitation has already been used. Log in with your e-mail address."),
        )
    if invitation.is_expired:
        raise InvitationError(
            "expired",
            _("This invitation has expired. Ask %(name)s to send you a new one.")
            % {"name": invitation.invited_by or _("the person who invited you")},
        )
    return invitation


def _scope_kwargs(
    role: Role, klub: Klub | None, school: School | None, programme: Programme | None
) -> dict:
    scope = ROLE_SCOPE[role]
    target = {"klub": klub, "school": school, "programme": programme}[scope]
    if target is None:
        raise ValidationError({scope: _("Choose where this person will take part.")})
    return {scope: target}


@transaction.atomic
def invitation_create(
    *,
    invited_by: User,
    email: str,
    role: Role | str,
    full_name: str = "",
    klub: Klub | None = None,
    school: School | None = None,
    programme: Programme | None = None,
) -> Invitation:
    """Invite `email` to take part in a role and e-mail the link in the background.

    Inviting someone again while an earlier invitation is still open renews and resends that
    one, so a double submit never creates two invitations.
    """
    from videoklub.accounts.tasks import send_invitation_email

    role = Role(role)
    email = User.objects.normalize_email(email).lower()
    scope = _scope_kwargs(role, klub, school, programme)
    if Membership.objects.filter(user__email__iexact=email, role=role, **scope).exists():
        raise ValidationError(
            {"email": _("%(email)s already takes part in this role.") % {"email": email}}
        )
    now = timezone.now()
    invitation = (
        Invitation.objects.select_for_update()
        .filter(email__iexact=email, role=role, accepted_at__isnull=True, **scope)
        .first()
    )
    if invitation is None:
        invitation = Invitation(email=email, role=role, **scope)
    invitation.full_name = full_name or invitation.full_name
    invitation.invited_by = invited_by
    invitation.expires_at = now + timedelta(days=settings.INVITATION_VALID_DAYS)
    invitation.sent_at = None
    invitation.full_clean()
    invitation.save()
    transaction.on_commit(lambda: send_invitation_email.enqueue(invitation.pk))
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """Turn the invitation into a membership for `user`, exactly once."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.is_accepted:
        raise InvitationError("used", _("This invitation has already been used."))
    if locked.is_expired:
        raise InvitationError("expired", _("This invitation has expired."))
    if locked.email.lower() != user.email.lower():
        raise InvitationError(
            "wrong_user",
            _("This invitation is meant for %(email)s. Log out and log in with that address.")
            % {"email": locked.email},
        )
    membership = membership_ensure(
        user=user,
        role=locked.role,
        klub=locked.klub,
        school=locked.school,
        programme=locked.programme,
    )
    locked.accepted_at = timezone.now()
    locked.accepted_by = user
    locked.save(update_fields=["accepted_at", "accepted_by"])
    forget_memberships(user)
    invitation_accepted.send(sender=Invitation, invitation=locked, user=user)
    return membership


@transaction.atomic
def user_register_from_invitation(*, invitation: Invitation, full_name: str, password: str) -> User:
    """Create the account the invitation was sent to, and accept the invitation with it."""
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise InvitationError(
            "already_registered",
            _("An account already exists for %(email)s. Log in to accept the invitation.")
            % {"email": invitation.email},
        )
    user = User.objects.create_user(invitation.email, password, full_name=full_name)
    invitation_accept(invitation=invitation, user=user)
    return user
