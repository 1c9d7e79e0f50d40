"""Sign in with the school's account (OpenID Connect): providers, endpoints and linking rules.

A school account only ever opens an account that already exists: the provider's e-mail address
must be verified, in an allowed domain, and belong to an active account. Accounts and
memberships still come from invitations alone. The code flow itself (token exchange, ID token
signature, nonce, PKCE) is mozilla-django-oidc's, in `school_login_backend`.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import requests
from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from videoklub.accounts.models import User

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

logger = logging.getLogger(__name__)

DISCOVERY_PATH = "/.well-known/openid-configuration"
# The discovery document rarely changes; a day keeps a key rotation or move visible soon enough.
DISCOVERY_CACHE_SECONDS = 60 * 60 * 24
# Long enough to type a password and a second factor at the school's provider.
STATE_MAX_AGE_SECONDS = 15 * 60


class Refusal(enum.Enum):
    """Why a school sign-in was refused; each has its own message on the login page."""

    UNVERIFIED = "unverified"
    NO_EMAIL = "no_email"
    DOMAIN = "domain"
    UNKNOWN = "unknown"
    INACTIVE = "inactive"
    STATE = "state"
    CANCELLED = "cancelled"
    PROVIDER = "provider"

    def message(self, email: str = "") -> str:
        domain = email.rpartition("@")[2]
        return str(REFUSAL_MESSAGES[self]) % {"email": email, "domain": domain}


REFUSAL_MESSAGES: dict[Refusal, StrPromise] = {
    Refusal.UNVERIFIED: _(
        "Your school account does not confirm that the e-mail address %(email)s is verified, "
        "so it cannot open your VideoKLuB account. Log in with your e-mail address and password."
    ),
    Refusal.NO_EMAIL: _(
        "Your school account did not share an e-mail address, so we cannot find your VideoKLuB "
        "account. Log in with your e-mail address and password."
    ),
    Refusal.DOMAIN: _(
        "Addresses ending in @%(domain)s cannot be used to log in here. Use your school account "
        "or log in with your e-mail address and password."
    ),
    Refusal.UNKNOWN: _(
        "There is no VideoKLuB account for %(email)s. You get an account by accepting an "
        "invitation: ask your coach or project staff for one."
    ),
    Refusal.INACTIVE: _("This account has been deactivated. Contact your project staff."),
    Refusal.STATE: _(
        "This sign-in attempt has expired or was already used. Click the button to log in with "
        "your school account again."
    ),
    Refusal.CANCELLED: _("Logging in with your school account was cancelled."),
    Refusal.PROVIDER: _(
        "Your school account could not be checked just now. Try again in a moment, or log in "
        "with your e-mail address and password."
    ),
}


class SchoolLoginRefused(Exception):
    """A school sign-in that may not open an account; `message()` is shown to the person."""

    def __init__(self, reason: Refusal, *, email: str = "", detail: str = "") -> None:
        super().__init__(f"{reason.value}: {detail or email}")
        self.reason = reason
        self.email = email
        self.detail = detail

    def message(self) -> str:
        return self.reason.message(self.email)


@dataclass(frozen=True)
class Endpoints:
    issuer: str
    authorization: str
    token: str
    userinfo: str
    jwks: str


@dataclass(frozen=True)
class SchoolProvider:
    """One OpenID Connect provider (a Microsoft 365 or Google Workspace sign-in), from settings."""

    key: str
    client_id: str
    client_secret: str
    issuer: str = ""
    allowed_email_domains: tuple[str, ...] = ()
    button_label: str = ""
    authorization_endpoint: str = ""
    token_endpoint: str = ""
    userinfo_endpoint: str = ""
    jwks_endpoint: str = ""

    @property
    def label(self) -> str:
        return self.button_label or str(_("Log in with your school account"))

    def endpoints(self) -> Endpoints:
        """The explicit endpoints, or those of the issuer's discovery document (cached).

        Raises SchoolLoginRefused(PROVIDER) when the document cannot be had.
        """
        explicit = (
            self.authorization_endpoint,
            self.token_endpoint,
            self.userinfo_endpoint,
            self.jwks_endpoint,
        )
        if all(explicit):
            return Endpoints(self.issuer, *explicit)
        document = _discovery_document(self.issuer)
        try:
            return Endpoints(
                # The document's issuer is the one tokens carry (Microsoft's has {tenantid}).
                issuer=document.get("issuer") or self.issuer,
                authorization=self.authorization_endpoint or document["authorization_endpoint"],
                token=self.token_endpoint or document["token_endpoint"],
                userinfo=self.userinfo_endpoint or document["userinfo_endpoint"],
                jwks=self.jwks_endpoint or document["jwks_uri"],
            )
        except KeyError as missing:
            raise SchoolLoginRefused(
                Refusal.PROVIDER, detail=f"discovery document lacks {missing}"
            ) from None


def _discovery_document(issuer: str) -> dict[str, Any]:
    key = f"school-login:discovery:{issuer}"
    document = cache.get(key)
    if document is None:
        url = issuer.rstrip("/") + DISCOVERY_PATH
        try:
            response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
            response.raise_for_status()
            document = response.json()
        except (requests.RequestException, ValueError) as error:
            raise SchoolLoginRefused(
                Refusal.PROVIDER, detail=f"discovery {url} failed: {error}"
            ) from error
        if not isinstance(document, dict):
            raise SchoolLoginRefused(Refusal.PROVIDER, detail=f"discovery {url}: not an object")
        cache.set(key, document, DISCOVERY_CACHE_SECONDS)
    return document


def providers() -> list[SchoolProvider]:
    """The configured providers, in the order of the buttons; empty when school sign-in is off."""
    return [
        SchoolProvider(
            key=key,
            client_id=config["client_id"],
            client_secret=config["client_secret"],
            issuer=config.get("issuer", ""),
            allowed_email_domains=tuple(config.get("allowed_email_domains", ())),
            button_label=config.get("button_label", ""),
            authorization_endpoint=config.get("authorization_endpoint", ""),
            token_endpoint=config.get("token_endpoint", ""),
            userinfo_endpoint=config.get("userinfo_endpoint", ""),
            jwks_endpoint=config.get("jwks_endpoint", ""),
        )
        for key, config in settings.OIDC_PROVIDERS.items()
    ]


def provider_get(key: str) -> SchoolProvider:
    """The provider with this key; 404 when it is not configured (or school sign-in is off)."""
    for provider in providers():
        if provider.key == key:
            return provider
    raise Http404


def _is_true(value: object) -> bool:
    # Some providers send the claim as the string "true".
    return value is True or (isinstance(value, str) and value.lower() == "true")


def user_for_claims(*, provider: SchoolProvider, claims: dict[str, Any]) -> User:
    """The existing, active account of the verified e-mail address in `claims`.

    Never creates an account or a membership. Raises SchoolLoginRefused with the reason.
    """
    email = str(claims.get("email") or "").strip().lower()
    if not email or "@" not in email:
        raise SchoolLoginRefused(Refusal.NO_EMAIL)
    if not _is_true(claims.get("email_verified")):
        raise SchoolLoginRefused(Refusal.UNVERIFIED, email=email)
    domain = email.rpartition("@")[2]
    allowed = provider.allowed_email_domains
    if allowed and domain not in allowed:
        raise SchoolLoginRefused(Refusal.DOMAIN, email=email)
    users = list(User.objects.filter(email__iexact=email)[:2])
    if not users:
        raise SchoolLoginRefused(Refusal.UNKNOWN, email=email)
    if len(users) > 1:
        # Two accounts differing only in case: picking one would be a guess.
        raise SchoolLoginRefused(Refusal.UNKNOWN, email=email, detail="several accounts")
    user = users[0]
    if not user.is_active:
        raise SchoolLoginRefused(Refusal.INACTIVE, email=email)
    return user


def refusal_log(*, refusal: SchoolLoginRefused, provider_key: str, ip_address: str) -> None:
    """One warning line per refused sign-in, for whoever answers the helpdesk."""
    logger.warning(
        "School sign-in refused (%s) provider=%s email=%s ip=%s %s",
        refusal.reason.value,
        provider_key or "-",
        refusal.email or "-",
        ip_address or "-",
        refusal.detail,
    )
