import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy

from videoklub.accounts.forms import EmailAuthenticationForm
from videoklub.accounts.models import User
from videoklub.testing.factories import PASSWORD, UserFactory
from videoklub.testing.i18n import dutch

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")


def login(client, email, password=PASSWORD):
    return client.post(LOGIN, {"username": email, "password": password})


def test_it_logs_in_with_email_and_password(client):
    user = UserFactory(email="lotte.peeters@school.test")
    response = login(client, "lotte.peeters@school.test")
    assert response.status_code == 302
    assert response["Location"] == reverse("home:home")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_the_email_address_is_case_insensitive(client):
    UserFactory(email="lotte.peeters@school.test")
    assert login(client, "Lotte.Peeters@School.test").status_code == 302


def test_a_wrong_password_gets_a_clear_message_not_an_error(client):
    UserFactory(email="lotte.peeters@school.test")
    response = login(client, "lotte.peeters@school.test", "wrong-password")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    message = dutch(EmailAuthenticationForm.error_messages["invalid_login"])
    assert message in response.content.decode()


def test_repeated_failures_lock_the_login_even_with_the_right_password(client):
    UserFactory(email="lotte.peeters@school.test")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        login(client, "lotte.peeters@school.test", "wrong-password")
    response = login(client, "lotte.peeters@school.test")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert dutch(gettext_lazy("Too many attempts")) in response.content.decode()


def test_a_lockout_does_not_lock_other_people_out(client):
    UserFactory(email="lotte.peeters@school.test")
    UserFactory(email="jens.janssens@school.test")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        login(client, "lotte.peeters@school.test", "wrong-password")
    assert login(client, "jens.janssens@school.test").status_code == 302


def test_a_deactivated_account_cannot_log_in(client):
    UserFactory(email="weg@school.test", is_active=False)
    response = login(client, "weg@school.test")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_production_hashes_passwords_with_argon2():
    # Tests swap in a fast hasher; the production settings module must not.
    import importlib

    import videoklub.settings as production

    importlib.reload(production)
    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_logout_requires_post(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_emails_are_stored_in_lower_case():
    user = User.objects.create_user("An.Verstraeten@School.TEST", "x-long-password", full_name="An")
    assert user.email == "an.verstraeten@school.test"
