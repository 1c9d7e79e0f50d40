"""What an administrator may do to a person's account, each act written to that person's log.

An administrator holds no key: they never choose, see or set anyone's password. A new account
gets an unusable password and an e-mail with a link to choose one; a forgotten password gets
the same link (the password-reset e-mail of the login page). Deactivating is how an account is
closed from the admin; erasing it stays the person's own act ("Delete my account").

Every act lands in the audit log with the person as owner, so they read it on their log page:
changes, deactivation and reactivation, administrator rights, links sent, roles given, changed
or taken away, and a removed two-step device. This module writes to `videoklub.audit`, an app
above accounts in the layers: only the admin site (the top of the stack) imports it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice

from videoklub.accounts.forms import PasswordResetForm
from videoklub.accounts.models import User
from videoklub.audit.models import Action
from videoklub.audit.services import audit_record_account

if TYPE_CHECKING:
    from videoklub.organisations.models import Membership

logger = logging.getLogger("videoklub.security")

# The templates of the login page's "forgot your password" e-mail (accounts/urls.py).
PASSWORD_RESET_SUBJECT = "registration/password_reset_subject.txt"
PASSWORD_RESET_EMAIL = "registration/password_reset_email.txt"
PRIVILEGE_FIELDS = ("is_staff", "is_superuser")


def _send_password_link(user: User, *, new_account: bool) -> None:
    """The login page's password-reset e-mail, built as its form builds it, for one person (the
    form itself skips accounts without a usable password, and a new account has none yet)."""
    site = urlsplit(settings.SITE_URL)
    context = {
        "email": user.email,
        "domain": site.netloc,
        "site_name": "VideoKLuB",
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": site.scheme,
        "new_account": new_account,
    }
    with translation.override(settings.LANGUAGE_CODE):
        PasswordResetForm().send_mail(
            PASSWORD_RESET_SUBJECT, PASSWORD_RESET_EMAIL, context, None, user.email
        )


@transaction.atomic
def account_create(*, user: User, by: User) -> User:
    """Save a new account (`user`, as the admin's form built it) without a password: the person
    chooses it through the e-mailed link."""
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    audit_record_account(actor=by, action=Action.ACCOUNT_CREATE, owner=user)
    account_password_link_send(user=user, by=by, new_account=True)
    return user


def account_password_link_send(*, user: User, by: User, new_account: bool = False) -> bool:
    """E-mail the person a link to choose a new password (sent once the transaction commits).
    An inactive account gets nothing: it could not log in with it."""
    if not user.is_active:
        return False
    if not new_account:
        audit_record_account(actor=by, action=Action.PASSWORD_MAIL, owner=user)
    transaction.on_commit(lambda: _send_password_link(user, new_account=new_account))
    return True


@transaction.atomic
def account_deactivate(*, user: User, by: User) -> bool:
    """Close the account: the person can no longer log in. Nothing of theirs is deleted.
    Returns False when it was inactive already."""
    if not user.is_active:
        return False
    user.is_active = False
    user.save(update_fields=["is_active"])
    audit_record_account(actor=by, action=Action.DEACTIVATE, owner=user)
    return True


@transaction.atomic
def account_reactivate(*, user: User, by: User) -> bool:
    if user.is_active:
        return False
    user.is_active = True
    user.save(update_fields=["is_active"])
    audit_record_account(actor=by, action=Action.REACTIVATE, owner=user)
    return True


def account_changes_record(
    *, user: User, by: User, changed: Iterable[str], old_email: str = ""
) -> None:
    """Log a change an administrator saved in the account form (`changed`: the field names).

    Administrator rights are never granted silently: besides the person's log, a grant or
    withdrawal goes to the security log. A changed address is told to the old address, so
    nobody can quietly redirect someone's password e-mails to themselves.
    """
    changed = list(changed)
    if "is_active" in changed:
        audit_record_account(
            actor=by,
            action=Action.REACTIVATE if user.is_active else Action.DEACTIVATE,
            owner=user,
        )
    if any(name in changed for name in PRIVILEGE_FIELDS):
        rights = {name: getattr(user, name) for name in PRIVILEGE_FIELDS}
        audit_record_account(actor=by, action=Action.PRIVILEGES, owner=user, **rights)
        logger.warning(
            "administrator rights of user %s changed by user %s: %s", user.pk, by.pk, rights
        )
    others = [name for name in changed if name not in (*PRIVILEGE_FIELDS, "is_active")]
    if others:
        audit_record_account(actor=by, action=Action.ACCOUNT_CHANGE, owner=user, fields=others)
    if "email" in changed and old_email and old_email != user.email:
        transaction.on_commit(lambda: _send_address_changed(user, old_email))


def _send_address_changed(user: User, old_email: str) -> None:
    context = {"user": user, "old_email": old_email, "new_email": user.email}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("accounts/email/address_changed_subject.txt", context).strip()
        body = render_to_string("accounts/email/address_changed_body.txt", context)
    send_mail(subject, body, None, [old_email])


def membership_record(*, membership: Membership, by: User, action: str) -> None:
    """Log a role given (ROLE_ADD), changed (ROLE_CHANGE) or taken away (ROLE_REMOVE)."""
    audit_record_account(
        actor=by,
        action=action,
        owner=membership.user,
        label=str(membership.organisation),
        role=membership.role,
    )


@transaction.atomic
def two_factor_device_delete(*, device: TOTPDevice, by: User) -> None:
    """Remove a person's authenticator (a lost phone): their next login sets up a new one."""
    user = device.user
    device.delete()
    audit_record_account(actor=by, action=Action.DEVICE_DELETE, owner=user)
