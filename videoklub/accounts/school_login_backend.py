"""The authentication backend of the school sign-in: mozilla-django-oidc's code flow, for the
provider of this sign-in, linking only to an existing account (`school_login.user_for_claims`).

Listed after django-axes' backend and ModelBackend. Password logins pass it by (it answers only
when given a `school_provider`); django-axes neither blocks nor counts school sign-ins (see
`axes_exempt` below): they prove nothing about our passwords, and the provider
throttles its own logins.
"""

from __future__ import annotations

from typing import Any

import jwt
import requests
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from videoklub.accounts.school_login import (
    Refusal,
    SchoolLoginRefused,
    SchoolProvider,
    user_for_claims,
)

# What the provider and the network can throw at us; each ends as a refusal, never a 500.
_PROVIDER_ERRORS = (
    requests.RequestException,
    SuspiciousOperation,
    jwt.PyJWTError,
    ValueError,
    KeyError,
    TypeError,
)


class SchoolLoginBackend(OIDCAuthenticationBackend):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # mozilla-django-oidc reads one provider's endpoints from settings here; ours depend on
        # the sign-in, so they are set in authenticate(). Reading nothing also lets Django load
        # this backend for sessions and password logins while school sign-in is off.
        self.UserModel = get_user_model()
        self.provider: SchoolProvider | None = None
        self.issuer = ""

    def authenticate(  # type: ignore[override]
        self, request: HttpRequest | None, school_provider: SchoolProvider | None = None, **kwargs
    ):
        """The account for the code in `request.GET`, or None with `request.school_login_refusal`
        telling why."""
        if request is None or school_provider is None:
            return None
        try:
            endpoints = school_provider.endpoints()
            self.provider = school_provider
            self.issuer = endpoints.issuer
            self.OIDC_OP_TOKEN_ENDPOINT = endpoints.token
            self.OIDC_OP_USER_ENDPOINT = endpoints.userinfo
            self.OIDC_OP_JWKS_ENDPOINT = endpoints.jwks
            self.OIDC_RP_CLIENT_ID = school_provider.client_id
            self.OIDC_RP_CLIENT_SECRET = school_provider.client_secret
            self.OIDC_RP_SIGN_ALGO = self.get_settings("OIDC_RP_SIGN_ALGO", "RS256")
            self.OIDC_RP_IDP_SIGN_KEY = None
            return super().authenticate(request, **kwargs)
        except SchoolLoginRefused as refusal:
            request.school_login_refusal = refusal  # type: ignore[attr-defined]
        except _PROVIDER_ERRORS as error:
            request.school_login_refusal = SchoolLoginRefused(  # type: ignore[attr-defined]
                Refusal.PROVIDER, detail=f"{type(error).__name__}: {error}"
            )
        return None

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        """The library checks signature, expiry and nonce; the audience and the issuer are ours."""
        payload = super().verify_token(token, **kwargs)
        if "nonce" in kwargs:  # the ID token (a signed userinfo answer has no nonce)
            audience = payload.get("aud")
            audiences = audience if isinstance(audience, list) else [audience]
            if self.OIDC_RP_CLIENT_ID not in audiences:
                raise SuspiciousOperation(f"ID token for another client: {audience!r}")
            if self.issuer:
                # Microsoft's multi-tenant issuer is a template: .../{tenantid}/v2.0.
                expected = self.issuer.replace("{tenantid}", str(payload.get("tid", "")))
                if str(payload.get("iss", "")).rstrip("/") != expected.rstrip("/"):
                    raise SuspiciousOperation(f"ID token from another issuer: {payload.get('iss')}")
        return payload

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]):
        """Link to the existing account only: never creates one (whatever OIDC_CREATE_USER says)."""
        assert self.provider is not None
        userinfo = self.get_userinfo(access_token, id_token, payload)
        if str(userinfo.get("sub")) != str(payload.get("sub")):
            # OpenID Connect Core 5.3.2: userinfo about someone else must not be used.
            raise SchoolLoginRefused(Refusal.PROVIDER, detail="userinfo sub differs from ID token")
        return user_for_claims(provider=self.provider, claims={**payload, **userinfo})

    def get_user(self, user_id: Any):
        # ModelBackend's, which also ends the session of a deactivated account (the library's
        # does not look at is_active).
        return ModelBackend.get_user(self, user_id)


def axes_exempt(request: HttpRequest, credentials: dict | None) -> bool:
    """django-axes leaves school sign-ins alone (AXES_WHITELIST_CALLABLE): they neither count
    as failed password attempts nor are stopped by a password lockout. A refused one says
    nothing about our passwords, and a school's teachers share one address: counting them would
    soon lock the whole school out of the password form."""
    return "school_provider" in (credentials or {})
