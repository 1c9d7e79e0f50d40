"""Two-step verification with a time-based one-time code (TOTP, django-otp).

A device is created unconfirmed when the setup starts and counts only once a code from the
authenticator app confirmed it. Wrong codes are throttled by django-otp: after n failures the
next try must wait 2^(n-1) seconds (OTP_TOTP_THROTTLE_FACTOR).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

    from videoklub.accounts.models import User

DEVICE_NAME = "authenticator"


class TwoFactorError(Exception):
    """A code that was not accepted; `message` is shown to the user."""

    def __init__(self, message: str | StrPromise) -> None:
        super().__init__(message)
        self.message = message


def totp_device_confirmed(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def session_verified(user: User) -> bool:
    """Has this request's session passed the second step? (django-otp's OTPMiddleware)"""
    return bool(getattr(user, "is_verified", lambda: False)())


def totp_required(user: User) -> bool:
    """Staff and superusers must use two-step verification when the setting asks for it."""
    return bool(settings.OTP_REQUIRED_FOR_STAFF and (user.is_staff or user.is_superuser))


@transaction.atomic
def totp_device_start(*, user: User) -> TOTPDevice:
    """The unconfirmed device of a setup under way, or a new one with a fresh secret.

    Reusing it keeps the QR code the same when the page is reloaded halfway.
    """
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    if device is None:
        device = TOTPDevice(user=user, name=DEVICE_NAME, confirmed=False)
        device.full_clean()
        device.save()
    return device


def _check_token(device: TOTPDevice, token: str) -> None:
    allowed, details = device.verify_is_allowed()
    if not allowed:
        seconds = 1
        if details and details.get("locked_until"):
            seconds = max(1, int((details["locked_until"] - timezone.now()).total_seconds()) + 1)
        raise TwoFactorError(
            ngettext(
                "Too many wrong codes. Wait %(seconds)d second and try again.",
                "Too many wrong codes. Wait %(seconds)d seconds and try again.",
                seconds,
            )
            % {"seconds": seconds}
        )
    # verify_token counts a failure itself (throttling) and refuses a code used before.
    if not device.verify_token(token.strip().replace(" ", "")):
        raise TwoFactorError(
            _("This code is not correct. Enter the 6-digit code your authenticator app shows now.")
        )


def totp_device_confirm(*, user: User, token: str) -> TOTPDevice:
    """Confirm the setup under way with a code from the app; other devices are removed."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    if device is None:
        raise TwoFactorError(_("Start the setup again: no setup is under way."))
    # Outside the transaction: a refused code must still count as a failure (throttling).
    _check_token(device, token)
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    return device


def totp_verify(*, user: User, token: str) -> TOTPDevice:
    """The confirmed device that accepts this code; raises TwoFactorError otherwise."""
    # Not in one transaction with the check: a refused code must still count as a failure.
    device = totp_device_confirmed(user)
    if device is None:
        raise TwoFactorError(_("Two-step verification is not set up for this account."))
    _check_token(device, token)
    return device


def totp_disable(*, user: User, password: str, token: str) -> None:
    """Switch two-step verification off after the password and a current code."""
    if totp_required(user):
        raise TwoFactorError(_("Administrators must keep two-step verification switched on."))
    if not user.check_password(password):
        raise TwoFactorError(_("This password is not correct."))
    totp_verify(user=user, token=token)
    TOTPDevice.objects.filter(user=user).delete()


def totp_qr_svg(device: TOTPDevice) -> SafeString:
    """The otpauth:// link as an SVG QR code, drawn here: the secret never leaves the server."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    # Our own drawing of a QR code (paths only, no text or attributes from the user).
    return mark_safe(image.to_string(encoding="unicode"))  # noqa: S308


def totp_secret_text(device: TOTPDevice) -> str:
    """The secret in base32 groups of four, for typing into an app without a camera."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
