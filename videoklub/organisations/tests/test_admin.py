"""A klub, school or programme is deleted in the admin only once it holds nothing; roles given
and taken away in the admin are written to the person's log."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils.text import capfirst

from videoklub.audit.models import Action, AuditEvent
from videoklub.organisations.models import Klub, Membership, Programme, Role, School, Wave
from videoklub.testing.factories import (
    KlubFactory,
    ProgrammeFactory,
    RecordingFactory,
    SchoolFactory,
)
from videoklub.testing.i18n import dutch

pytestmark = pytest.mark.django_db


def _admin_url(obj, view: str, *args) -> str:
    return reverse(f"admin:organisations_{obj._meta.model_name}_{view}", args=args)


@pytest.fixture
def held(world):
    """The world's klub, school and programme hold people; the klub also a recording."""
    recording = RecordingFactory(owner=world.teacher, klub=world.klub)
    recording.rendition = default_storage.save(
        f"{recording.prefix}rendition.mp4", ContentFile(b"video")
    )
    recording.save(update_fields=["rendition"])
    return recording


@pytest.mark.parametrize("which", ["klub", "school", "programme"])
def test_an_organisation_that_still_holds_people_or_recordings_is_not_deleted(
    admin_client, world, held, which
):
    obj = getattr(world, which)
    url = _admin_url(obj, "delete", obj.pk)

    page = admin_client.get(url)
    assert page.status_code == 200
    content = page.content.decode()
    assert capfirst(dutch(Membership._meta.verbose_name_plural)) + ": " in content
    response = admin_client.post(url, {"post": "yes"})

    assert response.status_code == 200  # the page again, with what it still holds
    assert type(obj).objects.filter(pk=obj.pk).exists()
    assert Membership.objects.filter(user=world.teacher).exists()
    assert default_storage.exists(held.rendition.name)


@pytest.mark.parametrize("which", ["klub", "school", "programme"])
def test_the_delete_selected_action_refuses_them_too(admin_client, world, held, which):
    obj = getattr(world, which)
    response = admin_client.post(
        _admin_url(obj, "changelist"),
        {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"},
    )

    assert response.status_code == 200
    assert type(obj).objects.filter(pk=obj.pk).exists()
    assert default_storage.exists(held.rendition.name)


def test_a_klub_holding_only_recordings_is_not_deleted_either(admin_client):
    klub = KlubFactory()
    recording = RecordingFactory(klub=klub)

    admin_client.post(_admin_url(klub, "delete", klub.pk), {"post": "yes"})

    assert Klub.objects.filter(pk=klub.pk).exists()
    recording.refresh_from_db()
    assert recording.klub_id == klub.pk


def test_empty_organisations_can_be_deleted(admin_client):
    klub = KlubFactory()
    programme, school = ProgrammeFactory(), SchoolFactory()
    Wave.objects.create(programme=programme, number=1)

    for obj in (klub, klub.school, klub.programme, programme, school):
        response = admin_client.post(_admin_url(obj, "delete", obj.pk), {"post": "yes"})
        assert response.status_code == 302, obj
        assert not type(obj).objects.filter(pk=obj.pk).exists()


def _logged(person, action) -> AuditEvent | None:
    return AuditEvent.objects.filter(owner=person, action=action, item_type="account").first()


def test_roles_given_and_taken_in_the_membership_admin_are_logged(
    admin_client, administrator, world
):
    person = world.no_membership
    response = admin_client.post(
        reverse("admin:organisations_membership_add"),
        {"user": person.pk, "role": Role.TEACHER, "klub": world.klub.pk},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=person)
    added = _logged(person, Action.ROLE_ADD)
    assert added.actor == administrator
    assert added.details == {"role": "teacher"}
    assert added.item_label == str(world.klub)

    admin_client.post(_admin_url(membership, "delete", membership.pk), {"post": "yes"})
    assert not Membership.objects.filter(user=person).exists()
    assert _logged(person, Action.ROLE_REMOVE).actor == administrator


def test_roles_given_in_the_klub_admin_are_logged(admin_client, world):
    person = world.no_membership
    memberships = list(world.klub.memberships.order_by("pk"))
    data = {
        "name": world.klub.name,
        "school": world.klub.school_id,
        "programme": world.klub.programme_id,
        "wave": "",
        "memberships-TOTAL_FORMS": len(memberships) + 1,
        "memberships-INITIAL_FORMS": len(memberships),
        "memberships-MIN_NUM_FORMS": 0,
        "memberships-MAX_NUM_FORMS": 1000,
    }
    for index, membership in enumerate(memberships):
        data |= {
            f"memberships-{index}-id": membership.pk,
            f"memberships-{index}-klub": world.klub.pk,
            f"memberships-{index}-user": membership.user_id,
            f"memberships-{index}-role": membership.role,
        }
    new = len(memberships)
    data |= {
        f"memberships-{new}-klub": world.klub.pk,
        f"memberships-{new}-user": person.pk,
        f"memberships-{new}-role": Role.COACH,
    }

    response = admin_client.post(_admin_url(world.klub, "change", world.klub.pk), data)

    assert response.status_code == 302
    assert _logged(person, Action.ROLE_ADD).details == {"role": "coach"}
    assert not AuditEvent.objects.filter(owner=world.teacher).exists()  # nothing changed


def test_a_role_cannot_be_moved_to_another_person(admin_client, world):
    membership = Membership.objects.get(user=world.teacher)
    response = admin_client.post(
        _admin_url(membership, "change", membership.pk),
        {"user": world.no_membership.pk, "role": Role.TEACHER, "klub": world.klub.pk},
    )
    assert response.status_code == 200
    membership.refresh_from_db()
    assert membership.user == world.teacher


def test_programme_and_school_lists_are_reachable(admin_client):
    for model in (Programme, School):
        url = reverse(f"admin:organisations_{model._meta.model_name}_changelist")
        assert admin_client.get(url).status_code == 200
