"""Sign in with the school's account against a real OpenID Connect provider (django-oauth-toolkit
in its own process): the Django test client plays the browser on our side, `requests` the person
at the provider, and our backend talks HTTP to the provider's token, keys and userinfo endpoints.
"""

from html import escape
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from axes.models import AccessAttempt
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.oidc_provider.server import log_in_and_consent
from videoklub.accounts import school_login
from videoklub.accounts.models import User
from videoklub.accounts.school_login import Refusal
from videoklub.organisations.models import Membership
from videoklub.testing.factories import UserFactory
from videoklub.testing.i18n import dutch

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")
START = reverse("accounts:school_login", kwargs={"provider": "school"})
CALLBACK = reverse("accounts:school_login_callback")


def at_provider(client, *, allow: bool = True, **params) -> str:
    """Click the school button, log in and consent at the provider: the URL it sends us back to."""
    response = client.get(START, params)
    assert response.status_code == 302
    return log_in_and_consent(response["Location"], allow=allow)


def dutch_refusal(reason: Refusal, email: str = "") -> str:
    """The refusal as the login page shows it, checked to be really translated."""
    dutch(school_login.REFUSAL_MESSAGES[reason])
    with translation.override("nl-be"):
        return escape(reason.message(email))


def assert_refused(client, back_url: str, reason: Refusal, email: str = "") -> None:
    response = client.get(back_url, follow=True)
    assert response.redirect_chain[-1][0] == LOGIN
    assert dutch_refusal(reason, email) in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_teacher_signs_in_with_the_verified_school_address(client, school_login_on, world):
    # Case differs from the account's address: addresses compare case-insensitively.
    school_login_on.set_claims(email=world.teacher.email.upper(), email_verified=True)
    response = client.get(at_provider(client))
    assert response.status_code == 302
    assert response["Location"] == reverse("home:home")
    assert client.session["_auth_user_id"] == str(world.teacher.pk)
    home = client.get(reverse("home:home"))
    assert escape(world.teacher.get_short_name()) in home.content.decode()


def test_it_returns_to_the_page_the_login_was_asked_for(client, school_login_on, world):
    school_login_on.set_claims(email=world.teacher.email, email_verified=True)
    profile = reverse("accounts:profile")
    response = client.get(at_provider(client, next=profile))
    assert response["Location"] == profile


def test_it_never_returns_to_another_site(client, school_login_on, world):
    school_login_on.set_claims(email=world.teacher.email, email_verified=True)
    response = client.get(at_provider(client, next="https://evil.test/"))
    assert response["Location"] == reverse("home:home")


def test_an_unknown_address_is_refused_and_no_account_is_made(client, school_login_on, world):
    users, memberships = User.objects.count(), Membership.objects.count()
    school_login_on.set_claims(email="nieuw@school.test", email_verified=True)
    assert_refused(client, at_provider(client), Refusal.UNKNOWN, "nieuw@school.test")
    assert not User.objects.filter(email__iexact="nieuw@school.test").exists()
    assert (User.objects.count(), Membership.objects.count()) == (users, memberships)


def test_an_unverified_address_is_refused(client, school_login_on, world):
    memberships = Membership.objects.count()
    school_login_on.set_claims(email=world.teacher.email, email_verified=False)
    assert_refused(client, at_provider(client), Refusal.UNVERIFIED, world.teacher.email)
    assert Membership.objects.count() == memberships


def test_a_missing_email_verified_claim_counts_as_unverified(client, school_login_on, world):
    school_login_on.set_claims(email=world.teacher.email, email_verified=None)
    assert_refused(client, at_provider(client), Refusal.UNVERIFIED, world.teacher.email)


def test_an_address_outside_the_allowed_domains_is_refused(client, school_login_on):
    # An account exists for it, so the domain alone refuses.
    UserFactory(email="an.peeters@gmail.test")
    users = User.objects.count()
    school_login_on.set_claims(email="an.peeters@gmail.test", email_verified=True)
    assert_refused(client, at_provider(client), Refusal.DOMAIN, "an.peeters@gmail.test")
    assert User.objects.count() == users


def test_a_deactivated_account_is_refused(client, school_login_on, world):
    User.objects.filter(pk=world.teacher.pk).update(is_active=False)
    school_login_on.set_claims(email=world.teacher.email, email_verified=True)
    assert_refused(client, at_provider(client), Refusal.INACTIVE)


def test_a_replayed_callback_is_refused(client, school_login_on, world):
    school_login_on.set_claims(email=world.teacher.email, email_verified=True)
    back = at_provider(client)
    assert client.get(back).status_code == 302
    client.post(reverse("accounts:logout"))
    assert_refused(client, back, Refusal.STATE)


def test_a_state_that_was_never_handed_out_is_refused(client, school_login_on, world):
    school_login_on.set_claims(email=world.teacher.email, email_verified=True)
    back = urlsplit(at_provider(client))
    query = {key: values[0] for key, values in parse_qs(back.query).items()}
    query["state"] = "made-up-state"
    assert_refused(client, f"{back.path}?{urlencode(query)}", Refusal.STATE)


def test_the_callback_of_another_browser_is_refused(client, school_login_on, world):
    """Login CSRF: a code and state obtained in the attacker's browser, opened in the victim's."""
    school_login_on.set_claims(email=world.teacher.email, email_verified=True)
    back = at_provider(Client())
    assert_refused(client, back, Refusal.STATE)


def test_refusing_consent_at_the_provider_is_a_clear_message(client, school_login_on, world):
    school_login_on.set_claims(email=world.teacher.email, email_verified=True)
    assert_refused(client, at_provider(client, allow=False), Refusal.CANCELLED)


def test_an_error_from_the_provider_is_a_clear_message(client, school_login_on):
    response = client.get(START)
    state = parse_qs(urlsplit(response["Location"]).query)["state"][0]
    back = f"{CALLBACK}?{urlencode({'state': state, 'error': 'server_error'})}"
    assert_refused(client, back, Refusal.PROVIDER)


def test_a_wrong_client_secret_is_a_clear_message_not_an_error(
    client, oidc_provider, settings, world
):
    settings.OIDC_PROVIDERS = oidc_provider.settings(client_secret="not-the-secret")
    oidc_provider.set_claims(email=world.teacher.email, email_verified=True)
    assert_refused(client, at_provider(client), Refusal.PROVIDER)


def test_a_provider_that_cannot_be_reached_is_a_clear_message(client, settings, caplog):
    settings.OIDC_PROVIDERS = {
        "school": {"client_id": "x", "client_secret": "y", "issuer": "http://127.0.0.1:9/nothing"}
    }
    response = client.get(START, follow=True)
    assert response.redirect_chain[-1][0] == LOGIN
    assert dutch_refusal(Refusal.PROVIDER) in response.content.decode()
    assert "School sign-in refused (provider)" in caplog.text


def test_each_refusal_is_logged_with_its_reason(client, school_login_on, caplog):
    school_login_on.set_claims(email="nieuw@school.test", email_verified=True)
    client.get(at_provider(client))
    assert "School sign-in refused (unknown) provider=school email=nieuw@school.test" in caplog.text


def test_two_step_verification_is_still_asked_after_the_school_sign_in(
    client, school_login_on, world
):
    TOTPDevice.objects.create(user=world.teacher, name="authenticator", confirmed=True)
    school_login_on.set_claims(email=world.teacher.email, email_verified=True)
    client.get(at_provider(client))
    response = client.get(reverse("home:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_verify"))


def test_refused_school_sign_ins_do_not_count_as_failed_password_logins(client, school_login_on):
    school_login_on.set_claims(email="nieuw@school.test", email_verified=True)
    client.get(at_provider(client))
    assert not AccessAttempt.objects.exists()


def test_the_discovery_document_is_fetched_once(client, school_login_on, monkeypatch):
    cache.delete(f"school-login:discovery:{school_login_on.issuer}")
    fetched = []
    real_get = school_login.requests.get

    def counting_get(url, **kwargs):
        fetched.append(url)
        return real_get(url, **kwargs)

    monkeypatch.setattr(school_login.requests, "get", counting_get)
    for _ in range(3):
        assert client.get(START).status_code == 302
    assert fetched == [school_login_on.issuer + "/.well-known/openid-configuration"]


def test_the_login_page_shows_the_school_button(client, school_login_on):
    body = client.get(LOGIN, {"next": "/profiel/"}).content.decode()
    assert f'href="{START}?next=/profiel/"' in body
    assert dutch(gettext_lazy("Log in with your school account")) in body


def test_the_button_label_can_be_configured(client, oidc_provider, settings):
    settings.OIDC_PROVIDERS = oidc_provider.settings(button_label="Aanmelden via Smartschool")
    assert "Aanmelden via Smartschool" in client.get(LOGIN).content.decode()


def test_school_sign_in_is_off_without_configuration(client, settings):
    settings.OIDC_PROVIDERS = {}
    assert client.get(START).status_code == 404
    assert client.get(CALLBACK, {"state": "x", "code": "y"}).status_code == 404
    assert 'href="' + START not in client.get(LOGIN).content.decode()


def test_each_provider_applies_its_own_rules(client, oidc_provider, settings, world):
    """Two providers (as Microsoft and Google): the state remembers which one was chosen."""
    microsoft = oidc_provider.settings(button_label="Microsoft")["school"]
    google = {**microsoft, "button_label": "Google", "allowed_email_domains": ["gmail.test"]}
    settings.OIDC_PROVIDERS = {"microsoft": microsoft, "google": google}
    body = client.get(LOGIN).content.decode()
    assert ">Microsoft</a>" in body and ">Google</a>" in body
    UserFactory(email="an@gmail.test", full_name="An Peeters")
    oidc_provider.set_claims(email="an@gmail.test", email_verified=True)
    start = reverse("accounts:school_login", kwargs={"provider": "google"})
    back = log_in_and_consent(client.get(start)["Location"])
    assert client.get(back)["Location"] == reverse("home:home")
    client.post(reverse("accounts:logout"))
    start = reverse("accounts:school_login", kwargs={"provider": "microsoft"})
    back = log_in_and_consent(client.get(start)["Location"])
    assert_refused(client, back, Refusal.DOMAIN, "an@gmail.test")
