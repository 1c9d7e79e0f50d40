"""The rules of the school sign-in without a provider: which claims open which account, and the
checks our backend adds to mozilla-django-oidc's (audience, issuer, the session's account).
The whole flow against a real provider is in tests/test_school_login.py."""

import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import authenticate
from django.core.exceptions import SuspiciousOperation
from django.test import RequestFactory

from videoklub.accounts.models import User
from videoklub.accounts.school_login import (
    Refusal,
    SchoolLoginRefused,
    SchoolProvider,
    user_for_claims,
)
from videoklub.accounts.school_login_backend import SchoolLoginBackend, axes_exempt
from videoklub.organisations.models import Membership
from videoklub.testing.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
PROVIDER = SchoolProvider(
    key="school",
    client_id="videoklub",
    client_secret="secret",
    issuer="https://login.school.test",
    allowed_email_domains=("school.test", "scholengroep.test"),
)


def refusal(claims: dict, provider: SchoolProvider = PROVIDER) -> Refusal:
    with pytest.raises(SchoolLoginRefused) as raised:
        user_for_claims(provider=provider, claims=claims)
    return raised.value.reason


def test_a_verified_address_opens_its_account_whatever_the_case():
    user = UserFactory(email="lotte.peeters@school.test")
    claims = {"email": "Lotte.Peeters@School.TEST", "email_verified": True}
    assert user_for_claims(provider=PROVIDER, claims=claims) == user


def test_email_verified_as_the_string_true_counts():
    user = UserFactory(email="lotte@school.test")
    claims = {"email": "lotte@school.test", "email_verified": "true"}
    assert user_for_claims(provider=PROVIDER, claims=claims) == user


@pytest.mark.parametrize("verified", [False, None, "false", "yes", 1])
def test_anything_but_a_true_email_verified_is_refused(verified):
    UserFactory(email="lotte@school.test")
    claims = {"email": "lotte@school.test", "email_verified": verified}
    assert refusal(claims) == Refusal.UNVERIFIED


def test_a_missing_email_verified_is_refused():
    UserFactory(email="lotte@school.test")
    assert refusal({"email": "lotte@school.test"}) == Refusal.UNVERIFIED


def test_a_missing_address_is_refused():
    assert refusal({"email_verified": True}) == Refusal.NO_EMAIL
    assert refusal({"email": "not-an-address", "email_verified": True}) == Refusal.NO_EMAIL


def test_only_the_allowed_domains_exactly_not_their_subdomains():
    UserFactory(email="an@gmail.test")
    UserFactory(email="an@leerling.school.test")
    UserFactory(email="an@scholengroep.test")
    assert refusal({"email": "an@gmail.test", "email_verified": True}) == Refusal.DOMAIN
    claims = {"email": "an@leerling.school.test", "email_verified": True}
    assert refusal(claims) == Refusal.DOMAIN
    assert user_for_claims(
        provider=PROVIDER, claims={"email": "AN@Scholengroep.test", "email_verified": True}
    )


def test_without_a_domain_list_every_domain_may_sign_in():
    user = UserFactory(email="an@gmail.test")
    open_provider = SchoolProvider(key="google", client_id="x", client_secret="y", issuer="z")
    claims = {"email": "an@gmail.test", "email_verified": True}
    assert user_for_claims(provider=open_provider, claims=claims) == user


def test_an_unknown_address_is_refused_and_nothing_is_created():
    users, memberships = User.objects.count(), Membership.objects.count()
    assert refusal({"email": "nieuw@school.test", "email_verified": True}) == Refusal.UNKNOWN
    assert (User.objects.count(), Membership.objects.count()) == (users, memberships)


def test_a_deactivated_account_is_refused():
    UserFactory(email="weg@school.test", is_active=False)
    assert refusal({"email": "weg@school.test", "email_verified": True}) == Refusal.INACTIVE


def test_every_refusal_has_a_message_with_the_address():
    for reason in Refusal:
        assert reason.message("an@gmail.test")
    assert "gmail.test" in Refusal.DOMAIN.message("an@gmail.test")
    assert "an@gmail.test" in Refusal.UNKNOWN.message("an@gmail.test")


def test_a_password_login_passes_the_school_backend_by():
    user = UserFactory(email="lotte@school.test")
    request = RequestFactory().post("/account/aanmelden/?code=x&state=y")
    assert (
        SchoolLoginBackend().authenticate(request, username=user.email, password=PASSWORD) is None
    )
    assert authenticate(request, username=user.email, password=PASSWORD) == user


def test_the_session_of_a_deactivated_account_ends():
    user = UserFactory()
    assert SchoolLoginBackend().get_user(user.pk) == user
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert SchoolLoginBackend().get_user(user.pk) is None


def test_django_axes_leaves_only_school_sign_ins_alone():
    request = RequestFactory().get("/")
    assert axes_exempt(request, {"school_provider": PROVIDER, "nonce": "n"})
    assert not axes_exempt(request, {"username": "an@school.test", "password": "x"})
    assert not axes_exempt(request, None)


# --- The ID token's audience and issuer -------------------------------------------------------

KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def backend_for(issuer: str) -> SchoolLoginBackend:
    backend = SchoolLoginBackend()
    backend.issuer = issuer
    backend.OIDC_RP_CLIENT_ID = "videoklub"
    backend.OIDC_RP_CLIENT_SECRET = "secret"
    backend.OIDC_RP_SIGN_ALGO = "RS256"
    backend.OIDC_RP_IDP_SIGN_KEY = KEY.public_key()
    return backend


def id_token(**claims) -> str:
    payload = {
        "iss": "https://login.school.test",
        "aud": "videoklub",
        "sub": "42",
        "nonce": "n",
        "exp": int(time.time()) + 300,
        **claims,
    }
    return jwt.encode(payload, KEY, algorithm="RS256", headers={"kid": "k"})


def test_a_token_for_this_client_from_this_issuer_is_accepted():
    backend = backend_for("https://login.school.test")
    assert backend.verify_token(id_token(aud=["other", "videoklub"]), nonce="n")["sub"] == "42"


def test_a_token_for_another_client_is_refused():
    with pytest.raises(SuspiciousOperation):
        backend_for("https://login.school.test").verify_token(id_token(aud="other"), nonce="n")


def test_a_token_from_another_issuer_is_refused():
    backend = backend_for("https://login.school.test")
    with pytest.raises(SuspiciousOperation):
        backend.verify_token(id_token(iss="https://evil.test"), nonce="n")


def test_a_token_with_another_nonce_is_refused():
    with pytest.raises(SuspiciousOperation):
        backend_for("https://login.school.test").verify_token(id_token(), nonce="other")


def test_an_expired_token_is_refused():
    with pytest.raises(jwt.ExpiredSignatureError):
        backend_for("https://login.school.test").verify_token(
            id_token(exp=int(time.time()) - 60), nonce="n"
        )


def test_microsofts_multi_tenant_issuer_is_matched_with_the_tokens_tenant():
    backend = backend_for("https://login.microsoftonline.com/{tenantid}/v2.0")
    tenant = "9188040d-6c67-4c5b-b112-36a304b66dad"
    token = id_token(iss=f"https://login.microsoftonline.com/{tenant}/v2.0", tid=tenant)
    assert backend.verify_token(token, nonce="n")["tid"] == tenant
    forged = id_token(iss=f"https://login.microsoftonline.com/{tenant}/v2.0", tid="another")
    with pytest.raises(SuspiciousOperation):
        backend.verify_token(forged, nonce="n")
