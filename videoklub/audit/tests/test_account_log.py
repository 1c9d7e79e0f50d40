"""What an administrator did to an account is on the person's own log page, in their language."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from videoklub.accounts import administration
from videoklub.audit.models import Action, AuditEvent
from videoklub.audit.services import audit_record_account
from videoklub.organisations.models import Membership
from videoklub.testing.factories import UserFactory
from videoklub.testing.i18n import dutch

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator():
    return UserFactory(full_name="Ria Beheer", is_staff=True, is_superuser=True)


def _log_page(user) -> str:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(reverse("audit:my_log"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_person_reads_what_an_administrator_did_to_their_account(world, administrator):
    teacher = world.teacher
    administration.account_deactivate(user=teacher, by=administrator)
    administration.account_reactivate(user=teacher, by=administrator)
    administration.account_changes_record(
        user=teacher, by=administrator, changed=["full_name", "is_staff"]
    )
    membership = Membership.objects.get(user=teacher)
    administration.membership_record(
        membership=membership, by=administrator, action=Action.ROLE_REMOVE
    )

    content = _log_page(teacher)

    assert "Ria Beheer" in content
    for action in (
        Action.DEACTIVATE,
        Action.REACTIVATE,
        Action.ACCOUNT_CHANGE,
        Action.PRIVILEGES,
        Action.ROLE_REMOVE,
    ):
        assert dutch(action.label) in content
    assert dutch(_("your account")) in content
    # The details are worded for the reader: field names, the role and its klub, the rights.
    assert "volledige naam" in content.lower()
    assert f"leraar in {world.klub.name}".lower() in content.lower()
    assert "vanaf nu geen" in content


def test_nobody_else_reads_it(world, administrator):
    administration.account_deactivate(user=world.teacher, by=administrator)
    assert dutch(Action.DEACTIVATE.label) not in _log_page(world.colleague)
    assert dutch(Action.DEACTIVATE.label) not in _log_page(administrator)


def test_an_account_event_names_the_person_as_owner(world, administrator):
    event = audit_record_account(
        actor=administrator, action=Action.PASSWORD_MAIL, owner=world.teacher
    )
    assert (event.owner, event.item_type, event.item_id) == (
        world.teacher,
        "account",
        str(world.teacher.pk),
    )
    assert AuditEvent.objects.filter(owner=world.teacher).count() == 1


def test_an_account_entry_names_no_anonymous_actor_and_keeps_200_characters(world):
    from django.contrib.auth.models import AnonymousUser

    plain = audit_record_account(
        actor=AnonymousUser(), action=Action.PASSWORD_MAIL, owner=world.teacher
    )
    assert (plain.actor, plain.item_label) == (None, "")
    long = audit_record_account(
        actor=None, action=Action.ROLE_ADD, owner=world.teacher, label="k" * 250
    )
    assert (long.actor, long.item_label) == (None, "k" * 200)
