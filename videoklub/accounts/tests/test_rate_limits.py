"""Rate limits on accounts: password spraying, wrong two-step codes, password-reset and
invitation mails. Counted per client address (REMOTE_ADDR in these tests) and per account."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from videoklub.accounts.models import Invitation
from videoklub.accounts.tests.test_two_factor import code, wrong
from videoklub.testing.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")
RESET = reverse("accounts:password_reset")
VERIFY = reverse("accounts:two_factor_verify")
SCHOOL = "10.0.0.1"
ELSEWHERE = "10.0.0.2"


def login(client, email, password=PASSWORD, ip=SCHOOL):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip)


# --- Password spraying ---------------------------------------------------------------------


def test_failures_on_many_accounts_from_one_address_pause_logins_from_it(client, settings):
    settings.LOGIN_FAILURE_LIMIT_PER_IP = 5
    victims = [UserFactory() for _ in range(5)]
    for victim in victims:  # one guess each: far below the per-account lockout
        assert login(client, victim.email, "Zomer2026!").status_code == 200
    target = UserFactory()
    response = login(client, target.email)
    assert "_auth_user_id" not in client.session
    page = response.content.decode()
    assert "Aanmelden vanaf je netwerk is te vaak mislukt" in page
    assert re.search(r"Probeer het over \d+ minu(ut|ten) opnieuw\.", page)
    # Another address logs in as usual.
    assert login(client, target.email, ip=ELSEWHERE).status_code == 302


def test_the_admin_login_is_paused_for_that_address_too(client, settings):
    settings.LOGIN_FAILURE_LIMIT_PER_IP = 2
    admin = UserFactory(is_staff=True, is_superuser=True)
    for _attempt in range(2):
        login(client, UserFactory().email, "fout")
    client.post(
        reverse("admin:login"),
        {"username": admin.email, "password": PASSWORD},
        REMOTE_ADDR=SCHOOL,
    )
    assert "_auth_user_id" not in client.session


def test_successful_logins_from_a_school_do_not_count(client, settings):
    settings.LOGIN_FAILURE_LIMIT_PER_IP = 2
    for teacher in [UserFactory() for _ in range(5)]:
        assert login(client, teacher.email).status_code == 302
        client.logout()


# --- Two-step codes ------------------------------------------------------------------------


@pytest.fixture
def without_device_throttle(settings):
    """django-otp's own doubling wait per device off, to see the limit on top of it."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    return settings


def logged_in_with_device(client, ip=SCHOOL):
    user = UserFactory()
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    login(client, user.email, ip=ip)
    return user, device


def test_wrong_codes_are_limited_per_account(client, without_device_throttle):
    without_device_throttle.TWO_FACTOR_FAILURE_LIMIT = 3
    _user, device = logged_in_with_device(client)
    for _attempt in range(3):
        assert client.post(VERIFY, {"code": wrong(device)}, REMOTE_ADDR=SCHOOL).status_code == 400
    # Even the right code now waits, from another address too.
    response = client.post(VERIFY, {"code": code(device)}, REMOTE_ADDR=ELSEWHERE)
    assert response.status_code == 429
    assert "Er zijn te veel foute codes ingegeven" in response.content.decode()
    assert client.get(reverse("home:home"), REMOTE_ADDR=ELSEWHERE).status_code == 302


def test_wrong_codes_are_limited_per_address_across_accounts(client, without_device_throttle):
    without_device_throttle.TWO_FACTOR_FAILURE_LIMIT_PER_IP = 3
    for _account in range(3):
        _user, device = logged_in_with_device(client)
        client.post(VERIFY, {"code": wrong(device)}, REMOTE_ADDR=SCHOOL)
        client.logout()
    _user, device = logged_in_with_device(client)
    assert client.post(VERIFY, {"code": code(device)}, REMOTE_ADDR=SCHOOL).status_code == 429


def test_a_right_code_within_the_limit_still_passes(client, without_device_throttle):
    without_device_throttle.TWO_FACTOR_FAILURE_LIMIT = 3
    _user, device = logged_in_with_device(client)
    for _attempt in range(2):
        client.post(VERIFY, {"code": wrong(device)}, REMOTE_ADDR=SCHOOL)
    assert client.post(VERIFY, {"code": code(device)}, REMOTE_ADDR=SCHOOL).status_code == 302


# --- Password-reset mails ------------------------------------------------------------------


def reset(client, email, ip=SCHOOL):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=ip)


def test_password_reset_mails_are_limited_per_address_without_saying_so(client, settings):
    settings.PASSWORD_RESET_MAILS_PER_ADDRESS = 2
    user = UserFactory()
    answers = [reset(client, user.email, ip=f"10.0.1.{n}") for n in range(4)]
    assert len(mail.outbox) == 2
    unknown = reset(client, "niemand@school.test")
    # Over the limit the answer is the one an unknown address gets: nothing to learn from it.
    for answer in answers:
        assert (answer.status_code, answer["Location"]) == (302, unknown["Location"])


def test_password_reset_mails_are_limited_per_client_address(client, settings):
    settings.PASSWORD_RESET_MAILS_PER_IP = 2
    users = [UserFactory() for _ in range(3)]
    for user in users:
        assert reset(client, user.email).status_code == 302
    assert [m.to for m in mail.outbox] == [[users[0].email], [users[1].email]]
    reset(client, users[2].email, ip=ELSEWHERE)
    assert len(mail.outbox) == 3


# --- Invitation mails ----------------------------------------------------------------------


def invite(client, world, email, ip=SCHOOL, **extra):
    return client.post(
        reverse("home:klub_invite", kwargs={"pk": world.klub.pk}),
        {"email": email, "full_name": "Nieuwe Leraar"},
        REMOTE_ADDR=ip,
        **extra,
    )


def test_invitations_to_one_address_are_limited_and_the_form_keeps_what_was_typed(
    client, world, settings, django_capture_on_commit_callbacks
):
    settings.INVITATION_MAILS_PER_ADDRESS = 2
    client.force_login(world.coach)
    with django_capture_on_commit_callbacks(execute=True):
        for _attempt in range(2):
            assert invite(client, world, "nieuw@school.test").status_code == 302
        response = invite(client, world, "nieuw@school.test")
    assert len(mail.outbox) == 2
    assert response.status_code == 200
    page = response.content.decode()
    assert "Er werden te veel uitnodigingen verstuurd" in page
    assert 'value="nieuw@school.test"' in page
    assert 'value="Nieuwe Leraar"' in page


def test_invitations_from_one_client_address_are_limited(client, world, settings):
    settings.INVITATION_MAILS_PER_IP = 2
    client.force_login(world.coach)
    for n in range(2):
        assert invite(client, world, f"leraar{n}@school.test").status_code == 302
    response = invite(client, world, "leraar3@school.test", headers={"HX-Request": "true"})
    assert response.status_code == 200  # htmx swaps the panel with the form error in it
    assert "Er werden te veel uitnodigingen verstuurd" in response.content.decode()
    assert Invitation.objects.count() == 2
    assert invite(client, world, "leraar3@school.test", ip=ELSEWHERE).status_code == 302
