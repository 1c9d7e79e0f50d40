"""Offering a fragment to the kennisbank: only its owner, only with their ticked permission,
only with the pupils' consent for reuse in training or an approved anonymised copy."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from videoklub.audit.models import AuditEvent
from videoklub.practice import services
from videoklub.practice.models import PracticeExample
from videoklub.practice.tests.helpers import (
    approve_anonymised,
    class_group,
    fragment_of,
    offer_data,
)
from videoklub.recordings.models import Fragment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def queued_tasks(settings):
    """Tasks are queued, not run: cutting the file is not what these tests are about."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def offer_url(fragment) -> str:
    return reverse("practice:offer", args=[fragment.pk])


def test_an_offer_without_training_consent_is_refused_in_dutch_naming_the_pupils(client, world):
    fragment = fragment_of(world, group=class_group(world, training=("L1",)))
    client.force_login(world.teacher)
    with translation.override("nl-be"):
        response = client.post(
            offer_url(fragment), offer_data(), headers={"accept-language": "nl-be"}
        )
    assert response.status_code == 400
    page = response.content.decode()
    assert "hergebruik in vorming" in page  # the purpose, in Dutch
    assert "L2" in page and "pupils L1" not in page
    assert 'value="Wachttijd"' in page  # nothing typed is lost
    assert not PracticeExample.objects.exists()
    assert not AuditEvent.objects.exists()


def test_an_offer_without_a_class_group_is_refused(world):
    fragment = fragment_of(world, group=None)
    with pytest.raises(ValidationError, match="klasgroep"):
        services.practice_example_offer(
            fragment=fragment, by=world.teacher, title="T", description="D", permission_given=True
        )
    assert not PracticeExample.objects.exists()


def test_an_offer_without_the_permission_box_is_refused(client, world):
    fragment = fragment_of(world, group=class_group(world))
    client.force_login(world.teacher)
    data = offer_data()
    del data["permission_given"]
    response = client.post(offer_url(fragment), data)
    assert response.status_code == 400
    assert response.context["form"].errors["permission_given"]
    assert not PracticeExample.objects.exists()


@pytest.mark.parametrize("role", ["colleague", "coach", "project_staff", "other_teacher"])
def test_nobody_but_the_owner_offers_a_fragment(client, world, role):
    fragment = fragment_of(world, group=class_group(world))
    client.force_login(getattr(world, role))
    assert client.get(offer_url(fragment)).status_code == 404
    assert client.post(offer_url(fragment), offer_data()).status_code == 404
    with pytest.raises(PermissionDenied):
        services.practice_example_offer(
            fragment=fragment,
            by=getattr(world, role),
            title="T",
            description="D",
            permission_given=True,
        )
    assert not PracticeExample.objects.exists()


def test_the_owner_offers_with_consent_and_the_offer_is_logged(client, world):
    fragment = fragment_of(world, group=class_group(world))
    client.force_login(world.teacher)
    page = client.get(offer_url(fragment))
    assert page.status_code == 200
    assert "Ik geef toestemming" in page.content.decode() or "I give permission" in (
        page.content.decode()
    )
    response = client.post(offer_url(fragment), offer_data(indicator_keys=[]))
    example = PracticeExample.objects.get()
    assert response.status_code == 302
    assert example.status == PracticeExample.Status.OFFERED
    assert example.permission_given_at is not None and not example.use_anonymised
    event = AuditEvent.objects.get()
    assert (event.action, event.details["audience"], event.details["practice_example"]) == (
        "share",
        "kennisbank",
        example.pk,
    )


def test_an_approved_anonymised_copy_is_offered_without_training_consent(client, world):
    fragment = approve_anonymised(fragment_of(world, group=class_group(world, training=())))
    client.force_login(world.teacher)
    response = client.post(offer_url(fragment), offer_data(version="anonymised"))
    assert response.status_code == 302
    assert PracticeExample.objects.get().use_anonymised


def test_an_anonymised_copy_waiting_for_review_is_not_enough(world):
    fragment = approve_anonymised(fragment_of(world, group=class_group(world, training=())))
    Fragment.objects.filter(pk=fragment.pk).update(anonymisation_status="review")
    fragment.refresh_from_db()
    with pytest.raises(ValidationError, match="keur de geanonimiseerde versie goed"):
        services.practice_example_offer(
            fragment=fragment,
            by=world.teacher,
            title="T",
            description="D",
            permission_given=True,
            use_anonymised=True,
        )


def test_a_fragment_without_its_own_file_has_it_cut(world):
    fragment = fragment_of(world, group=class_group(world), exported=False)
    services.practice_example_offer(
        fragment=fragment, by=world.teacher, title="T", description="D", permission_given=True
    )
    fragment.refresh_from_db()
    assert fragment.export_status == Fragment.ExportStatus.QUEUED


def test_a_fragment_is_offered_once_until_it_is_withdrawn(world):
    fragment = fragment_of(world, group=class_group(world))
    kwargs = {"by": world.teacher, "title": "T", "description": "D", "permission_given": True}
    example = services.practice_example_offer(fragment=fragment, **kwargs)
    with pytest.raises(ValidationError, match="al aangeboden"):
        services.practice_example_offer(fragment=fragment, **kwargs)
    services.practice_example_withdraw(example=example, by=world.teacher)
    services.practice_example_offer(fragment=fragment, **kwargs)
    assert PracticeExample.objects.count() == 2


def test_only_shipped_indicators_are_accepted(world):
    fragment = fragment_of(world, group=class_group(world))
    with pytest.raises(ValidationError):
        services.practice_example_offer(
            fragment=fragment,
            by=world.teacher,
            title="T",
            description="D",
            permission_given=True,
            indicator_keys=["made-up"],
        )


def test_the_recording_page_links_each_fragment_to_the_offer_for_its_owner_only(client, world):
    fragment = fragment_of(world, group=class_group(world))
    client.force_login(world.teacher)
    page = client.get(reverse("recordings:detail", args=[fragment.recording.uuid]))
    assert offer_url(fragment) in page.content.decode()
