"""The administrator holds no key: no password page, no password on new accounts, no deleting
people; every act on a person is written to that person's audit log."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from videoklub.accounts.models import User
from videoklub.audit.models import Action, AuditEvent
from videoklub.testing.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

BACKEND = "django.contrib.auth.backends.ModelBackend"
NO_MEMBERSHIPS = {
    "memberships-TOTAL_FORMS": 0,
    "memberships-INITIAL_FORMS": 0,
    "memberships-MIN_NUM_FORMS": 0,
    "memberships-MAX_NUM_FORMS": 1000,
}


@pytest.fixture
def person():
    return UserFactory(full_name="Sofie Maes", email="sofie.maes@school.test")


def _logged(person, action) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(owner=person, action=action, item_type="account"))


def _form(user: User, **changes) -> dict:
    """The change form as the browser posts it: unticked boxes are left out."""
    values = {
        "email": user.email,
        "full_name": user.full_name,
        "is_active": user.is_active,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
        **changes,
    }
    data = {name: "on" if value is True else value for name, value in values.items()}
    return {name: value for name, value in data.items() if value is not False} | NO_MEMBERSHIPS


def test_the_password_page_of_the_user_admin_is_forbidden(admin_client, person):
    url = reverse("admin:auth_user_password_change", args=[person.pk])
    assert admin_client.get(url).status_code == 403
    new = "door-de-beheerder-gekozen-42"
    response = admin_client.post(url, {"password1": new, "password2": new})
    assert response.status_code == 403
    person.refresh_from_db()
    assert person.check_password(PASSWORD)


def test_the_change_form_offers_no_way_to_set_a_password(admin_client, person):
    response = admin_client.get(reverse("admin:accounts_user_change", args=[person.pk]))
    assert response.status_code == 200
    assert "password" not in response.context["adminform"].form.fields
    content = response.content.decode()
    assert reverse("admin:auth_user_password_change", args=[person.pk]) not in content
    assert 'href="../password/"' not in content


def test_a_new_account_has_no_password_and_gets_a_link_to_choose_one(
    admin_client, administrator, client, django_capture_on_commit_callbacks
):
    add = reverse("admin:accounts_user_add")
    assert "password" not in admin_client.get(add).content.decode().lower().split("<form")[1]
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            add,
            {"email": "Jonas.Peeters@school.test", "full_name": "Jonas Peeters", **NO_MEMBERSHIPS},
        )

    assert response.status_code == 302
    person = User.objects.get(email="jonas.peeters@school.test")
    assert not person.has_usable_password()
    assert [event.actor for event in _logged(person, Action.ACCOUNT_CREATE)] == [administrator]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["jonas.peeters@school.test"]
    # The link is the password-reset link of the login page: the person chooses the password.
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    chosen = "mijn-eigen-wachtwoord-42"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": chosen, "new_password2": chosen})
    person.refresh_from_db()
    assert person.check_password(chosen)


def test_an_administrator_can_send_a_link_to_choose_a_new_password(
    admin_client, administrator, person, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:accounts_user_changelist"),
            {"action": "send_password_link", "_selected_action": [person.pk]},
        )

    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [[person.email]]
    person.refresh_from_db()
    assert person.check_password(PASSWORD)  # unchanged until the person uses the link
    assert [event.actor for event in _logged(person, Action.PASSWORD_MAIL)] == [administrator]


def test_deactivating_and_reactivating_are_logged(admin_client, administrator, person):
    changelist = reverse("admin:accounts_user_changelist")
    admin_client.post(changelist, {"action": "deactivate", "_selected_action": [person.pk]})
    person.refresh_from_db()
    assert not person.is_active
    admin_client.post(changelist, {"action": "reactivate", "_selected_action": [person.pk]})
    person.refresh_from_db()
    assert person.is_active
    assert len(_logged(person, Action.DEACTIVATE)) == 1
    assert len(_logged(person, Action.REACTIVATE)) == 1


def test_changes_in_the_form_are_logged_and_rights_are_never_granted_silently(
    admin_client, administrator, person
):
    url = reverse("admin:accounts_user_change", args=[person.pk])
    response = admin_client.post(
        url, _form(person, full_name="Sofie Maes-Peeters", is_staff=True, is_active=False)
    )

    assert response.status_code == 302
    (changed,) = _logged(person, Action.ACCOUNT_CHANGE)
    assert changed.details == {"fields": ["full_name"]}
    (rights,) = _logged(person, Action.PRIVILEGES)
    assert rights.details == {"is_staff": True, "is_superuser": False}
    assert len(_logged(person, Action.DEACTIVATE)) == 1
    assert {event.actor for event in AuditEvent.objects.filter(owner=person)} == {administrator}


def test_a_changed_address_is_told_to_the_old_one(
    admin_client, person, django_capture_on_commit_callbacks
):
    url = reverse("admin:accounts_user_change", args=[person.pk])
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url, _form(person, email="iemand.anders@school.test"))

    person.refresh_from_db()
    assert person.email == "iemand.anders@school.test"
    assert [message.to for message in mail.outbox] == [["sofie.maes@school.test"]]
    assert "iemand.anders@school.test" in mail.outbox[0].body
    assert _logged(person, Action.ACCOUNT_CHANGE)[0].details == {"fields": ["email"]}


def test_staff_without_superuser_rights_cannot_grant_them(person):
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__endswith="_user"))
    client = Client()
    client.force_login(staff, backend=BACKEND)

    url = reverse("admin:accounts_user_change", args=[staff.pk])
    response = client.post(url, _form(staff, full_name="Nieuwe Naam", is_superuser=True))

    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.full_name == "Nieuwe Naam"
    assert not staff.is_superuser


def test_people_are_never_deleted_in_the_admin(admin_client, person):
    assert (
        admin_client.get(reverse("admin:accounts_user_delete", args=[person.pk])).status_code == 403
    )
    changelist = admin_client.get(reverse("admin:accounts_user_changelist"))
    assert "delete_selected" not in dict(changelist.context["action_form"].fields["action"].choices)
    admin_client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "delete_selected", "_selected_action": [person.pk], "post": "yes"},
    )
    assert User.objects.filter(pk=person.pk).exists()


def test_a_removed_two_factor_device_is_logged(admin_client, administrator, person):
    device = TOTPDevice.objects.create(user=person, name="authenticator", confirmed=True)
    url = reverse("admin:otp_totp_totpdevice_delete", args=[device.pk])

    assert admin_client.post(url, {"post": "yes"}).status_code == 302

    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    assert [event.actor for event in _logged(person, Action.DEVICE_DELETE)] == [administrator]


def test_two_factor_devices_are_not_added_or_changed_in_the_admin(admin_client, person):
    device = TOTPDevice.objects.create(user=person, name="authenticator", confirmed=True)
    assert admin_client.get(reverse("admin:otp_totp_totpdevice_add")).status_code == 403
    change = reverse("admin:otp_totp_totpdevice_change", args=[device.pk])
    response = admin_client.post(change, {"user": person.pk, "name": "x", "key": "00" * 20})
    assert response.status_code == 403
    device.refresh_from_db()
    assert device.name == "authenticator"
