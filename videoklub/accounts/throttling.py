"""Throttling: login lockouts (django-axes) and the rate limits counted with django-ratelimit.

django-axes locks one address (e-mail) tried from one client address (IP). The rest is counted
here in the shared cache (settings.CACHES) with django-ratelimit's fixed windows: failed logins
per client address across accounts (password spraying), wrong two-step codes, and e-mails sent
from the password-reset and invitation forms.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django_ratelimit.core import get_usage

if TYPE_CHECKING:
    from videoklub.accounts.models import User

HOUR = 60 * 60


def login_username(request: HttpRequest, credentials: dict | None) -> str:
    """The address a login attempt is for, as django-axes counts failures per address.

    Lower-cased, since logging in ignores case: otherwise "An@school.be" and "an@school.be"
    would each get their own allowance of attempts.
    """
    username = (credentials or {}).get("username") or request.POST.get("username") or ""
    return str(username).strip().lower()


def client_ip(request: HttpRequest) -> str:
    """The client's address as django-axes sees it (behind PROXY_COUNT proxies), so that every
    limit counts the same address (settings.RATELIMIT_IP_META_KEY)."""
    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104


def wait_seconds(
    request: HttpRequest,
    *,
    group: str,
    key: str | Callable[[str, HttpRequest], str],
    limit: int,
    per_seconds: int,
    count: bool,
) -> int | None:
    """Seconds until `key` may act again in `group`, or None when it is within its limit.

    With `count`, this attempt counts first and may use the last of the allowance (`limit`
    attempts pass). Without, it only looks: a key with `limit` counted failures is refused,
    for limits that count only failures afterwards. A cache that cannot answer refuses
    (django-ratelimit's default), so an outage never lifts the limits.
    """
    usage: dict[str, Any] | None = get_usage(
        request, group=group, key=key, rate=(limit, per_seconds), increment=count
    )
    if usage is None:  # RATELIMIT_ENABLE = False
        return None
    over = usage["should_limit"] or (not count and usage["count"] >= usage["limit"])
    return max(1, usage["time_left"]) if over else None


def minutes(seconds: int) -> int:
    return max(1, math.ceil(seconds / 60))


def _fixed(value: str) -> Callable[[str, HttpRequest], str]:
    return lambda _group, _request: value


def _window() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds())


# --- Password spraying -------------------------------------------------------------------


def login_wait_for_ip(request: HttpRequest, *, count: bool = False) -> int | None:
    return wait_seconds(
        request,
        group="login-failures-ip",
        key="ip",
        limit=settings.LOGIN_FAILURE_LIMIT_PER_IP,
        per_seconds=_window(),
        count=count,
    )


class NetworkThrottleBackend:
    """Refuses every password login from a client address with too many failures across
    accounts, the right password too: otherwise a sprayer would still learn which guess was
    right. Listed after django-axes, so it guards the admin's login as well as ours.

    Only username-and-password logins: the signature makes Django skip it for other
    credentials (a school account's sign-in guesses no password). No get_user: it never logs
    anyone in, so Django must not choose it as the backend of a session (force_login does)."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None
    ) -> User | None:
        if request is not None and login_wait_for_ip(request) is not None:
            request.login_refused_for_network = True  # type: ignore[attr-defined]
            raise PermissionDenied
        return None


def count_login_failure(sender: Any, credentials: dict, request: HttpRequest | None, **kwargs):
    """Receiver of user_login_failed: one more failed password login from this address."""
    if request is not None and "password" in credentials:
        login_wait_for_ip(request, count=True)


# --- Two-step codes ----------------------------------------------------------------------


def two_factor_wait(request: HttpRequest, user: User, *, count: bool = False) -> int | None:
    """Seconds before another code may be tried by this account or from this address."""
    waits = [
        wait_seconds(
            request,
            group="two-factor-failures-user",
            key=_fixed(str(user.pk)),
            limit=settings.TWO_FACTOR_FAILURE_LIMIT,
            per_seconds=_window(),
            count=count,
        ),
        wait_seconds(
            request,
            group="two-factor-failures-ip",
            key="ip",
            limit=settings.TWO_FACTOR_FAILURE_LIMIT_PER_IP,
            per_seconds=_window(),
            count=count,
        ),
    ]
    return max((wait for wait in waits if wait is not None), default=None)


# --- E-mails -----------------------------------------------------------------------------


def _mail_wait(
    request: HttpRequest, *, kind: str, address: str, per_address: int, per_ip: int
) -> int | None:
    """Count one mail to `address` from this client; the wait when either allowance is used."""
    address = address.strip().lower()
    waits = [
        wait_seconds(
            request,
            group=f"{kind}-mails-address",
            key=_fixed(address),
            limit=per_address,
            per_seconds=HOUR,
            count=True,
        ),
        wait_seconds(
            request, group=f"{kind}-mails-ip", key="ip", limit=per_ip, per_seconds=HOUR, count=True
        ),
    ]
    return max((wait for wait in waits if wait is not None), default=None)


def password_reset_mail_wait(request: HttpRequest, address: str) -> int | None:
    return _mail_wait(
        request,
        kind="password-reset",
        address=address,
        per_address=settings.PASSWORD_RESET_MAILS_PER_ADDRESS,
        per_ip=settings.PASSWORD_RESET_MAILS_PER_IP,
    )


def invitation_mail_wait(request: HttpRequest, address: str) -> int | None:
    return _mail_wait(
        request,
        kind="invitation",
        address=address,
        per_address=settings.INVITATION_MAILS_PER_ADDRESS,
        per_ip=settings.INVITATION_MAILS_PER_IP,
    )
