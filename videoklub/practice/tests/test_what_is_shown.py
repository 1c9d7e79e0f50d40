"""Exactly which file an example shows, and when it shows nothing: each condition of `_shown`
on its own (the mutation run found them untested one by one), the right example for its
address, the right file for its choice, the list's filter and order, and the offer page."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from videoklub.audit.models import AuditEvent
from videoklub.consent.models import Consent
from videoklub.cycles.models import CorePractice
from videoklub.practice import selectors
from videoklub.practice.models import PracticeExample
from videoklub.practice.tests.helpers import (
    approve_anonymised,
    class_group,
    fragment_of,
    publish,
)
from videoklub.recordings.models import Fragment

pytestmark = pytest.mark.django_db

BLURRED = b"blurred-faces" * 50


def reader(world) -> Client:
    client = Client()
    client.force_login(world.other_teacher)
    return client


def video(client, example) -> int:
    return client.get(reverse("practice:video", args=[example.pk])).status_code


def with_blurred_copy(fragment: Fragment) -> Fragment:
    approve_anonymised(fragment)
    fragment.anonymised = default_storage.save(
        fragment.recording.prefix + f"fragments/{fragment.pk}-blurred.mp4", ContentFile(BLURRED)
    )
    fragment.save(update_fields=["anonymised"])
    return fragment


def update(fragment: Fragment, **fields) -> None:
    Fragment.objects.filter(pk=fragment.pk).update(**fields)


def test_an_example_of_its_own_file_is_not_shown_on_the_strength_of_a_blurred_copy(world):
    example = publish(world, fragment_of(world, group=class_group(world)))
    with_blurred_copy(example.fragment)
    Consent.objects.filter(pupil__code="L2").update(withdrawn_on=timezone.localdate())
    # The example shows the fragment itself: a blurred copy beside it allows nothing.
    assert video(reader(world), example) == 404


def test_a_blurred_example_needs_its_copy_approved_and_stored(world):
    fragment = with_blurred_copy(fragment_of(world, group=class_group(world, training=())))
    example = publish(world, fragment, use_anonymised=True)
    client = reader(world)
    assert video(client, example) == 200
    update(fragment, anonymisation_status=Fragment.Anonymisation.REVIEW)
    assert video(client, example) == 404
    update(fragment, anonymisation_status=Fragment.Anonymisation.APPROVED, anonymised="")
    assert video(client, example) == 404


def test_a_blurred_example_never_falls_back_to_the_unblurred_file(world):
    fragment = with_blurred_copy(fragment_of(world, group=class_group(world)))
    example = publish(world, fragment, use_anonymised=True)
    update(fragment, anonymisation_status=Fragment.Anonymisation.NONE, anonymised="")
    # Consent covers the class and the fragment's own file is ready, but the teacher chose to
    # show the faces blurred: without that copy nothing is shown.
    assert video(reader(world), example) == 404


def test_its_own_file_must_be_ready_and_stored(world):
    example = publish(world, fragment_of(world, group=class_group(world)))
    client = reader(world)
    assert video(client, example) == 200
    update(example.fragment, export_status=Fragment.ExportStatus.PROCESSING)
    assert video(client, example) == 404
    update(example.fragment, export_status=Fragment.ExportStatus.READY, export="")
    assert video(client, example) == 404


def test_the_video_is_the_file_the_teacher_chose(world):
    fragment = with_blurred_copy(fragment_of(world, group=class_group(world)))
    example = publish(world, fragment, use_anonymised=True)
    response = reader(world).get(reverse("practice:video", args=[example.pk]))
    assert b"".join(response.streaming_content) == BLURRED


def test_each_address_opens_its_own_example(world):
    group = class_group(world)
    first = publish(world, fragment_of(world, group=group))
    second = publish(world, fragment_of(world, group=group))
    PracticeExample.objects.filter(pk=first.pk).update(title="Eerste voorbeeld")
    PracticeExample.objects.filter(pk=second.pk).update(title="Tweede voorbeeld")
    client = reader(world)
    # Both ways round: a lookup that ignored the address would open one of them for both.
    for example, title in ((first, "Eerste voorbeeld"), (second, "Tweede voorbeeld")):
        body = client.get(reverse("practice:detail", args=[example.pk])).content.decode()
        assert title in body


def test_the_teachers_own_unshown_example_plays_for_nobody(world):
    example = publish(world, fragment_of(world, group=class_group(world)))
    Consent.objects.filter(pupil__code="L2").update(withdrawn_on=timezone.localdate())
    owner = Client()
    owner.force_login(world.teacher)
    assert owner.get(reverse("practice:detail", args=[example.pk])).status_code == 200
    assert video(owner, example) == 404
    assert [e.shown for e in selectors.examples_offered_by(world.teacher)] == [False]


def test_the_list_filters_by_core_practice_and_shows_the_newest_first(world):
    feedback = CorePractice.objects.get(code="growth-oriented-feedback")
    group = class_group(world)
    older = publish(world, fragment_of(world, group=group))
    newer = publish(world, fragment_of(world, group=group))
    tied = publish(world, fragment_of(world, group=group))
    now = timezone.now()
    PracticeExample.objects.filter(pk=older.pk).update(reviewed_at=now - timedelta(days=2))
    PracticeExample.objects.filter(pk__in=[newer.pk, tied.pk]).update(reviewed_at=now)
    PracticeExample.objects.filter(pk=older.pk).update(core_practice=feedback)
    assert [e.pk for e in selectors.examples_for_user(world.other_teacher)] == [
        tied.pk,
        newer.pk,
        older.pk,
    ]
    assert [
        e.pk for e in selectors.examples_for_user(world.other_teacher, core_practice=feedback.code)
    ] == [older.pk]
    # The order is by review, not by offer: the first one offered, reviewed last, comes first.
    PracticeExample.objects.filter(pk__in=[newer.pk, tied.pk]).update(
        reviewed_at=now - timedelta(days=3)
    )
    assert [e.pk for e in selectors.examples_for_user(world.other_teacher)] == [
        older.pk,
        tied.pk,
        newer.pk,
    ]


def test_the_teachers_own_list_holds_their_examples(world):
    example = publish(world, fragment_of(world, group=class_group(world)))
    assert [e.pk for e in selectors.examples_offered_by(world.teacher)] == [example.pk]
    assert selectors.examples_offered_by(world.other_teacher) == []


def test_opening_an_example_is_logged_as_a_view_of_the_practice_page(world):
    example = publish(world, fragment_of(world, group=class_group(world)))
    reader(world).get(reverse("practice:detail", args=[example.pk]))
    event = AuditEvent.objects.get(action="view", actor=world.other_teacher)
    assert event.details["page"] == "practice"


def offer_page(world, fragment) -> str:
    owner = Client()
    owner.force_login(world.teacher)
    return owner.get(reverse("practice:offer", args=[fragment.pk])).content.decode()


def test_the_offer_page_says_what_consent_allows(world):
    covered = offer_page(world, fragment_of(world, group=class_group(world)))
    assert "je kunt het fragment zelf aanbieden" in covered
    assert "Zonder toestemming" not in covered
    Consent.objects.filter(pupil__code="L2").update(withdrawn_on=timezone.localdate())
    short = offer_page(world, fragment_of(world, group=Consent.objects.first().pupil.class_group))
    assert "Niet elke leerling" in short
    assert "Zonder toestemming: L2." in short


def test_the_offer_page_offers_the_blurred_copy_only_when_approved_and_stored(world):
    fragment = fragment_of(world, group=class_group(world, training=()))
    blurred = "mag zonder die toestemming getoond worden"
    assert blurred not in offer_page(world, fragment)
    with_blurred_copy(fragment)
    assert blurred in offer_page(world, fragment)
    update(fragment, anonymised="")
    assert blurred not in offer_page(world, fragment)
    update(fragment, anonymisation_status=Fragment.Anonymisation.REVIEW)
    assert blurred not in offer_page(world, fragment)


def test_the_offer_page_knows_only_this_fragments_active_example(world):
    group = class_group(world)
    offered = publish(world, fragment_of(world, group=group))
    other = fragment_of(world, group=group)
    assert "Al aangeboden" in offer_page(world, offered.fragment)
    assert "Al aangeboden" not in offer_page(world, other)
    PracticeExample.objects.filter(pk=offered.pk).update(status="withdrawn")
    assert "Al aangeboden" not in offer_page(world, offered.fragment)
