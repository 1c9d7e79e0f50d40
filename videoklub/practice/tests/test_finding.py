"""Practice examples in the kennisbank's one search: for signed-in readers only, and only while
they are shown (the same consent check as their list)."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.search.models import IndexEntry

from videoklub.consent.models import Consent, Purpose
from videoklub.consent.services import consent_withdraw
from videoklub.cycles.models import CorePractice
from videoklub.knowledge.tests.helpers import make_dossier
from videoklub.practice.models import PracticeExample
from videoklub.practice.tests.helpers import class_group, fragment_of, publish

pytestmark = pytest.mark.django_db

INDEX = reverse("knowledge:index")


@pytest.fixture
def published(world):
    return publish(world, fragment_of(world, group=class_group(world)))


def found(client: Client, example, **params) -> bool:
    response = client.get(INDEX, params)
    assert response.status_code == 200
    return reverse("practice:detail", args=[example.pk]) in response.content.decode()


def test_a_reader_finds_an_example_by_the_words_of_what_to_look_at(world, published):
    client = Client()
    client.force_login(world.other_teacher)
    assert found(client, published, q="stilte houden")
    assert not found(client, published, q="zwembad")
    assert "1 praktijkvoorbeeld" in client.get(INDEX, {"q": "stilte"}).content.decode()


def test_anonymous_visitors_never_find_an_example(world, published):
    assert not found(Client(), published, q="stilte")
    assert not found(Client(), published)


def test_an_example_whose_consent_is_withdrawn_is_no_longer_found(world, published):
    client = Client()
    client.force_login(world.other_teacher)
    assert found(client, published, q="stilte")
    consent = Consent.objects.get(pupil__code="L2", purpose=Purpose.TRAINING)
    consent_withdraw(consent=consent, withdrawn_on=timezone.localdate(), recorded_by=world.teacher)
    assert not found(client, published, q="stilte")


def test_a_topic_filter_leaves_examples_out_and_the_core_practice_filter_applies(world, published):
    feedback = CorePractice.objects.get(code="growth-oriented-feedback")
    other = CorePractice.objects.exclude(pk=feedback.pk).first()
    make_dossier(topics=["evaluatie"], core_practice=feedback)  # both on offer in the filters
    PracticeExample.objects.filter(pk=published.pk).update(core_practice=other)
    client = Client()
    client.force_login(world.other_teacher)
    assert not found(client, published, thema="evaluatie")
    assert not found(client, published, praktijk=feedback.code)
    assert found(client, published, praktijk=other.code)


def test_deleting_an_example_leaves_no_text_in_the_search_index(world, published):
    def indexed() -> bool:
        return IndexEntry.objects.filter(object_id=str(published.pk)).exists()

    assert indexed()
    published.fragment.recording.delete()
    assert not indexed()
