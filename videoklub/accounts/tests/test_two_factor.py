"""Two-step verification (TOTP): setup, the code after the password, throttling, staff, admin."""

import re
import time

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from videoklub.testing.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
SETUP = reverse("accounts:two_factor")
VERIFY = reverse("accounts:two_factor_verify")
DISABLE = reverse("accounts:two_factor_disable")
HOME = reverse("home:home")


@pytest.fixture
def client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows, computed from the device's secret (RFC 6238).

    A code is accepted once: a second use in a test takes the next 30-second step, which the
    device accepts as clock drift."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def wrong(device: TOTPDevice) -> str:
    right = {code(device, offset) for offset in (-1, 0, 1)}
    return next(f"{n:06d}" for n in range(1_000_000) if f"{n:06d}" not in right)


def log_in(client, user):
    return client.post(LOGIN, {"username": user.email, "password": PASSWORD})


def confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def test_the_setup_shows_a_qr_code_and_the_secret_of_an_unconfirmed_device(client):
    user = UserFactory()
    client.force_login(user)
    response = client.get(SETUP)
    assert response.status_code == 200
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed
    page = response.content.decode()
    assert "<svg" in page
    secret = re.search(r'class="otp-secret">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
    from base64 import b32decode

    assert b32decode(secret + "=" * (-len(secret) % 8)) == device.bin_key
    assert response["Cache-Control"].startswith("max-age=0")
    # Reloading the page keeps the same secret (the QR code already scanned stays valid).
    client.get(SETUP)
    assert TOTPDevice.objects.get(user=user).key == device.key


def test_an_unconfirmed_device_asks_for_nothing_at_login(client):
    user = UserFactory()
    TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    assert log_in(client, user)["Location"] == HOME
    assert client.get(HOME).status_code == 200


def test_a_code_from_the_app_confirms_the_setup(client):
    user = UserFactory()
    client.force_login(user)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user)
    response = client.post(SETUP, {"code": code(device)}, follow=True)
    assert response.redirect_chain[-1][0] == HOME
    assert "Two-step verification is switched on." in response.content.decode()
    device.refresh_from_db()
    assert device.confirmed
    # This session passed the second step already.
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_a_wrong_code_does_not_confirm_the_setup(client):
    user = UserFactory()
    client.force_login(user)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user)
    response = client.post(SETUP, {"code": wrong(device)})
    assert response.status_code == 200
    assert "This code is not correct." in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert device.throttling_failure_count == 1


def test_letters_instead_of_a_code_get_a_form_error(client):
    user = UserFactory()
    client.force_login(user)
    client.get(SETUP)
    response = client.post(SETUP, {"code": "abcdef"})
    assert "Enter the 6 digits of the code." in response.content.decode()


def test_after_the_password_the_code_is_asked_before_anything_else(client):
    user = UserFactory()
    device = confirmed_device(user)
    response = log_in(client, user)
    assert response.status_code == 302
    response = client.get(reverse("cycles:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY + "?next=")
    assert client.get(response["Location"]).status_code == 200

    response = client.post(VERIFY, {"code": code(device), "next": reverse("cycles:list")})
    assert response["Location"] == reverse("cycles:list")
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_the_setup_then_a_login_with_the_next_code(client):
    user = UserFactory()
    client.force_login(user)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user)
    client.post(SETUP, {"code": code(device)})
    client.logout()

    log_in(client, user)
    assert client.get(HOME)["Location"].startswith(VERIFY)
    # The code just used is refused a second time; the next one is accepted.
    assert client.post(VERIFY, {"code": code(device)}).status_code == 400
    device.throttle_reset()
    assert client.post(VERIFY, {"code": code(device, 1)})["Location"] == HOME


def test_a_wrong_code_after_the_password_is_refused_with_a_clear_message(client):
    user = UserFactory()
    device = confirmed_device(user)
    log_in(client, user)
    response = client.post(VERIFY, {"code": wrong(device)})
    assert response.status_code == 400
    assert "This code is not correct. Enter the 6-digit code" in response.content.decode()
    assert client.get(HOME).status_code == 302


def test_wrong_codes_are_throttled_even_before_a_right_one(client):
    user = UserFactory()
    device = confirmed_device(user)
    log_in(client, user)
    for _attempt in range(3):
        client.post(VERIFY, {"code": wrong(device)})
    response = client.post(VERIFY, {"code": code(device)})
    assert response.status_code == 400
    assert "Too many wrong codes. Wait" in response.content.decode()
    assert client.get(HOME).status_code == 302


def test_a_logged_in_visitor_without_the_code_may_still_log_out(client):
    user = UserFactory()
    confirmed_device(user)
    log_in(client, user)
    assert client.post(reverse("accounts:logout"))["Location"] == LOGIN
    assert "_auth_user_id" not in client.session


def test_htmx_requests_are_sent_to_the_code_page_by_a_client_redirect(client):
    user = UserFactory()
    confirmed_device(user)
    log_in(client, user)
    response = client.get(HOME, headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == VERIFY


def test_the_code_page_does_not_follow_a_next_to_another_site(client):
    user = UserFactory()
    device = confirmed_device(user)
    log_in(client, user)
    response = client.post(VERIFY, {"code": code(device), "next": "https://evil.test/"})
    assert response["Location"] == HOME


def test_staff_without_a_device_are_sent_to_the_setup_when_it_is_required(client, settings):
    settings.OTP_REQUIRED_FOR_STAFF = True
    admin = UserFactory(is_staff=True, is_superuser=True)
    log_in(client, admin)
    for url in (HOME, reverse("admin:index"), reverse("accounts:profile")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(SETUP + "?next=")
    response = client.get(SETUP)
    assert "Administrators must use two-step verification." in response.content.decode()


def test_other_users_need_no_device_when_staff_must_have_one(client, settings):
    settings.OTP_REQUIRED_FOR_STAFF = True
    log_in(client, UserFactory())
    assert client.get(HOME).status_code == 200


def test_the_admin_refuses_a_session_without_the_second_step(client, settings):
    settings.OTP_REQUIRED_FOR_STAFF = True
    admin = UserFactory(is_staff=True, is_superuser=True)
    device = confirmed_device(admin)
    log_in(client, admin)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    client.post(VERIFY, {"code": code(device)})
    assert client.get(reverse("admin:index")).status_code == 200


def test_without_the_requirement_staff_reach_the_admin_without_a_device(client, settings):
    settings.OTP_REQUIRED_FOR_STAFF = False
    log_in(client, UserFactory(is_staff=True, is_superuser=True))
    assert client.get(reverse("admin:index")).status_code == 200


def test_switching_off_needs_the_password_and_a_code(client):
    user = UserFactory()
    device = confirmed_device(user)
    log_in(client, user)
    client.post(VERIFY, {"code": code(device)})

    response = client.post(DISABLE, {"password": "wrong", "code": code(device, 1)})
    assert response.status_code == 400
    assert "This password is not correct." in response.content.decode()
    response = client.post(DISABLE, {"password": PASSWORD, "code": wrong(device)})
    assert response.status_code == 400
    assert TOTPDevice.objects.filter(user=user).exists()

    device.throttle_reset()
    response = client.post(DISABLE, {"password": PASSWORD, "code": code(device, 1)}, follow=True)
    assert "Two-step verification is switched off." in response.content.decode()
    assert not TOTPDevice.objects.filter(user=user).exists()
    client.logout()
    log_in(client, user)
    assert client.get(HOME).status_code == 200


def test_administrators_cannot_switch_it_off_when_it_is_required(client, settings):
    settings.OTP_REQUIRED_FOR_STAFF = True
    admin = UserFactory(is_staff=True)
    device = confirmed_device(admin)
    log_in(client, admin)
    client.post(VERIFY, {"code": code(device)})
    response = client.post(DISABLE, {"password": PASSWORD, "code": code(device, 1)})
    assert response.status_code == 400
    assert "Administrators must keep two-step verification switched on." in (
        response.content.decode()
    )
    assert TOTPDevice.objects.filter(user=admin).exists()


def test_the_profile_says_whether_it_is_on(client):
    user = UserFactory()
    client.force_login(user)
    assert (
        "Two-step verification</a>:\n  off"
        in client.get(reverse("accounts:profile")).content.decode()
    )
