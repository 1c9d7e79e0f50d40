"""Who sees a practice example, decided at every read: published and still allowed by consent
(or its anonymised copy) and its file, for signed-in readers of the kennisbank only. Withdrawn,
consent withdrawn, copy discarded: gone with the next request."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from videoklub.audit.models import AuditEvent
from videoklub.consent.models import ClassGroup, Consent, Pupil, Purpose
from videoklub.consent.selectors import consent_covers, consent_covers_q
from videoklub.consent.services import consent_withdraw
from videoklub.practice import services
from videoklub.practice.models import PracticeExample
from videoklub.practice.tests.helpers import (
    VIDEO,
    approve_anonymised,
    class_group,
    fragment_of,
    publish,
)
from videoklub.recordings.models import Recording
from videoklub.recordings.services import fragment_anonymisation_discard

pytestmark = pytest.mark.django_db


def urls(example) -> dict[str, str]:
    return {
        "detail": reverse("practice:detail", args=[example.pk]),
        "video": reverse("practice:video", args=[example.pk]),
    }


def as_user(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def listed(client: Client) -> bool:
    response = client.get(reverse("practice:list"))
    return response.status_code == 200 and "Wachttijd na een vraag" in response.content.decode()


def shows(client: Client, example) -> bool:
    """Listed, its page and its video answer: what "visible" means to a reader."""
    statuses = {name: client.get(url).status_code for name, url in urls(example).items()}
    return listed(client) and statuses == {"detail": 200, "video": 200}


def gone(client: Client, example) -> bool:
    statuses = {name: client.get(url).status_code for name, url in urls(example).items()}
    return not listed(client) and statuses == {"detail": 404, "video": 404}


@pytest.fixture
def published(world):
    return publish(world, fragment_of(world, group=class_group(world)))


def test_a_published_example_is_seen_by_a_signed_in_teacher_of_another_school(world, published):
    assert shows(as_user(world.other_teacher), published)


def test_anonymous_visitors_never_see_practice_examples(world, published):
    client = as_user(None)
    assert client.get(reverse("practice:list")).status_code == 404
    assert {client.get(url).status_code for url in urls(published).values()} == {404}
    assert reverse("practice:list") not in client.get(reverse("knowledge:index")).content.decode()
    assert "praktijkvoorbeelden" not in client.get(reverse("sitemap")).content.decode()


def test_an_offered_example_waits_unseen_except_by_its_teacher_and_the_reviewers(world):
    example = services.practice_example_offer(
        fragment=fragment_of(world, group=class_group(world)),
        by=world.teacher,
        title="Wachttijd na een vraag",
        description="D",
        permission_given=True,
    )
    assert gone(as_user(world.other_teacher), example)
    assert as_user(world.teacher).get(urls(example)["detail"]).status_code == 200
    reviewer = as_user(world.other_project_staff)
    assert reviewer.get(urls(example)["detail"]).status_code == 200
    assert "Wachttijd" in reviewer.get(reverse("practice:review_queue")).content.decode()


def test_withdrawn_it_is_gone_at_once(world, published):
    reader = as_user(world.other_teacher)
    assert shows(reader, published)
    response = as_user(world.teacher).post(reverse("practice:withdraw", args=[published.pk]))
    assert response.status_code == 302
    assert gone(reader, published)
    assert AuditEvent.objects.filter(action="revoke", details__practice_example=published.pk)


def test_a_reader_cannot_withdraw_someone_elses_example(world, published):
    response = as_user(world.other_teacher).post(reverse("practice:withdraw", args=[published.pk]))
    assert response.status_code == 403
    published.refresh_from_db()
    assert published.status == PracticeExample.Status.PUBLISHED


def test_consent_withdrawn_after_publishing_takes_it_away_at_once(world, published):
    reader = as_user(world.other_teacher)
    assert shows(reader, published)
    consent = Consent.objects.get(pupil__code="L2", purpose=Purpose.TRAINING)
    consent_withdraw(consent=consent, withdrawn_on=timezone.localdate(), recorded_by=world.teacher)
    assert gone(reader, published)


def test_a_deleted_recording_takes_its_examples_with_it(world, published):
    Recording.objects.filter(pk=published.fragment.recording_id).delete()
    assert not PracticeExample.objects.exists()


def test_the_anonymised_copy_discarded_takes_it_away_at_once(world):
    fragment = approve_anonymised(fragment_of(world, group=class_group(world, training=())))
    example = publish(world, fragment, use_anonymised=True)
    reader = as_user(world.other_teacher)
    assert shows(reader, example)
    fragment_anonymisation_discard(fragment=fragment, by=world.teacher)
    assert gone(reader, example)


def test_the_reviewer_checks_consent_again_before_publishing(world):
    example = services.practice_example_offer(
        fragment=fragment_of(world, group=class_group(world)),
        by=world.teacher,
        title="T",
        description="D",
        permission_given=True,
    )
    consent = Consent.objects.get(pupil__code="L1", purpose=Purpose.TRAINING)
    consent_withdraw(consent=consent, withdrawn_on=timezone.localdate(), recorded_by=world.teacher)
    response = as_user(world.project_staff).post(
        reverse("practice:review", args=[example.pk]), {"decision": "publish"}
    )
    assert response.status_code == 302
    example.refresh_from_db()
    assert example.status == PracticeExample.Status.OFFERED


def test_publishing_tells_the_teacher(world, published):
    notification = world.teacher.notifications.get()
    assert notification.kind == "practice_published"


def test_the_list_takes_the_same_queries_for_one_example_or_many(world):
    reader = as_user(world.other_teacher)
    group = class_group(world)
    publish(world, fragment_of(world, group=group))
    reader.get(reverse("practice:list"))  # the session and the like, once
    with CaptureQueriesContext(connection) as one:
        assert reader.get(reverse("practice:list")).status_code == 200
    for _n in range(4):
        publish(world, fragment_of(world, group=group))
    with CaptureQueriesContext(connection) as five:
        response = reader.get(reverse("practice:list"))
    assert response.content.decode().count("Wachttijd na een vraag") == 5
    assert len(five) == len(one)


def test_a_range_request_gets_part_of_the_video(world, published):
    response = as_user(world.other_teacher).get(
        urls(published)["video"], headers={"range": "bytes=0-9"}
    )
    assert response.status_code == 206
    assert b"".join(response.streaming_content) == VIDEO[:10]


def test_viewing_and_starting_the_video_are_logged_for_the_teacher(world, published):
    reader = as_user(world.other_teacher)
    reader.get(urls(published)["detail"])
    reader.get(urls(published)["video"])
    reader.get(urls(published)["video"], headers={"range": "bytes=5-9"})  # seeking: no entry
    events = AuditEvent.objects.filter(actor=world.other_teacher, owner=world.teacher)
    assert sorted(events.values_list("action", flat=True)) == ["stream", "view"]
    assert events.get(action="stream").details["practice_example"] == published.pk


@pytest.mark.parametrize("training", [(), ("L1",), ("L1", "L2")])
def test_the_list_filter_and_consent_covers_agree(world, training):
    fragment = fragment_of(world, group=class_group(world, training=training))
    recording = fragment.recording
    filtered = Recording.objects.filter(
        consent_covers_q("class_group", Purpose.TRAINING), pk=recording.pk
    ).exists()
    assert filtered == consent_covers(recording, Purpose.TRAINING)


def test_the_filter_asks_only_the_recordings_own_class_group(world):
    """A pupil without consent in another class group of the school blocks nothing here; an
    archived pupil (who left the class) neither."""
    covered = fragment_of(world, group=class_group(world))
    other = ClassGroup.objects.create(school=world.school, name="5B", school_year="2026-2027")
    Pupil.objects.create(class_group=other, code="X1")  # no consent at all
    left = Pupil.objects.create(class_group=covered.recording.class_group, code="L3")
    left.archived = True
    left.save()
    assert Recording.objects.filter(
        consent_covers_q("class_group", Purpose.TRAINING), pk=covered.recording.pk
    ).exists()
    left.archived = False
    left.save()
    assert not Recording.objects.filter(
        consent_covers_q("class_group", Purpose.TRAINING), pk=covered.recording.pk
    ).exists()


def test_the_filter_refuses_an_unknown_purpose_by_name():
    with pytest.raises(ValueError, match="Unknown consent purpose 'reclame'"):
        consent_covers_q("class_group", "reclame")
