from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from videoklub.accounts import services
from videoklub.accounts.models import Invitation, User
from videoklub.organisations.models import Membership, Role
from videoklub.testing.factories import PASSWORD, UserFactory
from videoklub.testing.i18n import dutch

pytestmark = pytest.mark.django_db


def invite(world, email="nieuw@school.test", **kwargs) -> Invitation:
    return services.invitation_create(
        invited_by=world.coach, email=email, role=Role.TEACHER, klub=world.klub, **kwargs
    )


def link(invitation: Invitation) -> str:
    return reverse("accounts:invitation", kwargs={"token": services.invitation_token(invitation)})


def register(client, invitation, name="Nieuwe Leraar", password="een-sterk-wachtwoord-7"):
    return client.post(
        link(invitation), {"full_name": name, "password1": password, "password2": password}
    )


def test_a_coach_invites_a_teacher_and_the_mail_carries_a_working_link(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.coach)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("home:klub_invite", kwargs={"pk": world.klub.pk}),
            {"email": "Nieuw@School.test", "full_name": "Nieuwe Leraar"},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "nieuw@school.test"
    assert invitation.sent_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nieuw@school.test"]
    assert link(invitation) in mail.outbox[0].body
    assert world.klub.name in mail.outbox[0].subject


def test_the_invite_form_answers_htmx_with_the_panel_only(client, world):
    client.force_login(world.coach)
    response = client.post(
        reverse("home:klub_invite", kwargs={"pk": world.klub.pk}),
        {"email": "nieuw@school.test"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="invite-panel"' in html
    assert "<html" not in html
    assert "nieuw@school.test" in html


def test_a_double_submit_creates_one_invitation(client, world):
    client.force_login(world.coach)
    url = reverse("home:klub_invite", kwargs={"pk": world.klub.pk})
    client.post(url, {"email": "nieuw@school.test"})
    client.post(url, {"email": "nieuw@school.test"})
    assert Invitation.objects.count() == 1


def test_registering_through_the_link_creates_the_account_and_membership(client, world):
    invitation = invite(world)
    response = register(client, invitation)
    assert response.status_code == 302
    user = User.objects.get(email="nieuw@school.test")
    assert user.full_name == "Nieuwe Leraar"
    assert Membership.objects.filter(user=user, role=Role.TEACHER, klub=world.klub).exists()
    assert client.session["_auth_user_id"] == str(user.pk)
    home = client.get(reverse("home:home")).content.decode()
    assert world.klub.name in home


def test_a_used_invitation_cannot_be_used_again(client, world):
    invitation = invite(world)
    register(client, invitation)
    client.logout()
    response = client.get(link(invitation))
    assert response.status_code == 410
    assert (
        dutch(services._("This invitation has already been used. Log in with your e-mail address."))
        in response.content.decode()
    )


def test_an_expired_invitation_says_so(client, world):
    invitation = invite(world)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    response = client.get(link(invitation))
    assert response.status_code == 410
    assert escape(world.coach.full_name) in response.content.decode()
    assert register(client, invitation).status_code == 410
    assert not User.objects.filter(email="nieuw@school.test").exists()


def test_a_tampered_link_is_refused(client, world):
    invitation = invite(world)
    response = client.get(link(invitation)[:-3] + "xyz/")
    assert response.status_code == 404
    assert (
        dutch(
            services._("This invitation link is not valid. Check that you copied the whole link.")
        )
        in response.content.decode()
    )


def test_an_already_registered_address_is_asked_to_log_in_then_accepts(client, world):
    existing = UserFactory(email="bestaand@school.test")
    invitation = invite(world, email="bestaand@school.test")
    page = client.get(link(invitation))
    assert page.status_code == 200
    assert 'name="password1"' not in page.content.decode(), "no second account"
    assert reverse("accounts:login") in page.content.decode()
    # A registration posted anyway is refused, not a 500.
    assert register(client, invitation).status_code == 200
    assert User.objects.filter(email="bestaand@school.test").count() == 1

    client.post(reverse("accounts:login"), {"username": existing.email, "password": PASSWORD})
    assert client.post(link(invitation)).status_code == 302
    assert Membership.objects.filter(user=existing, klub=world.klub, role=Role.TEACHER).exists()


def test_another_logged_in_user_cannot_accept_it(client, world):
    invitation = invite(world)
    client.force_login(world.colleague)
    response = client.post(link(invitation))
    assert response.status_code == 200
    assert invitation.email in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_inviting_a_current_member_is_refused_with_a_message(client, world):
    client.force_login(world.coach)
    response = client.post(
        reverse("home:klub_invite", kwargs={"pk": world.klub.pk}),
        {"email": world.teacher.email},
    )
    assert response.status_code == 200
    assert world.teacher.email in response.content.decode()
    assert not Invitation.objects.exists()


def test_staff_invite_a_coach_into_a_klub_of_their_programme(client, world):
    client.force_login(world.project_staff)
    url = reverse("home:programme_invite", kwargs={"pk": world.programme.pk})
    response = client.post(
        url, {"role": "coach", "email": "coach2@school.test", "klub": world.klub.pk}
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.role, invitation.klub) == (Role.COACH, world.klub)


def test_staff_cannot_invite_into_a_klub_of_another_programme(client, world):
    client.force_login(world.project_staff)
    url = reverse("home:programme_invite", kwargs={"pk": world.programme.pk})
    response = client.post(
        url, {"role": "coach", "email": "x@school.test", "klub": world.other_klub.pk}
    )
    assert response.status_code == 200
    assert not Invitation.objects.exists()


def test_a_school_leader_invitation_needs_a_school(client, world):
    client.force_login(world.project_staff)
    url = reverse("home:programme_invite", kwargs={"pk": world.programme.pk})
    response = client.post(url, {"role": "school_leader", "email": "dir@school.test"})
    assert response.status_code == 200
    assert 'class="errors"' in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_teacher_cannot_invite(client, world):
    client.force_login(world.teacher)
    response = client.post(
        reverse("home:klub_invite", kwargs={"pk": world.klub.pk}),
        {"email": "x@school.test"},
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_the_service_refuses_a_role_without_its_organisation(world):
    with pytest.raises(ValidationError):
        services.invitation_create(
            invited_by=world.project_staff, email="x@school.test", role=Role.SCHOOL_LEADER
        )
