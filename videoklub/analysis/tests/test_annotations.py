"""Annotations in the analysis workspace: who sees them, what is refused, live updates."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy

from videoklub.analysis import services
from videoklub.analysis.forms import parse_time
from videoklub.observations.models import Annotation, Domain, Framework, FrameworkVersion, Indicator
from videoklub.sharing.models import Audience, Share
from videoklub.testing.factories import FragmentFactory, RecordingFactory
from videoklub.testing.i18n import dutch

pytestmark = pytest.mark.django_db


def kijkwijzer(name: str, key: str = "wachttijd") -> tuple[FrameworkVersion, Indicator]:
    framework = Framework.objects.create(name=name)
    version = FrameworkVersion.objects.create(framework=framework, number=1)
    domain = Domain.objects.create(version=version, name="Vragen stellen")
    indicator = Indicator.objects.create(
        domain=domain, version=version, key=key, text="Geeft denktijd na een vraag"
    )
    return version, indicator


@pytest.fixture
def recording(world):
    return RecordingFactory(owner=world.teacher, klub=world.klub, duration=120)


@pytest.fixture
def fragment(recording):
    return FragmentFactory(recording=recording, start=10, end=40)


@pytest.fixture
def shared(world, fragment):
    Share.objects.create(
        fragment=fragment, audience=Audience.KLUB, klub=world.klub, created_by=world.teacher
    )
    return fragment


def recording_list_url(recording):
    return reverse("analysis:recording_annotations", args=[recording.uuid])


def fragment_list_url(fragment):
    return reverse("analysis:fragment_annotations", args=[fragment.recording.uuid, fragment.pk])


def workspace_url(fragment):
    return reverse("analysis:fragment", args=[fragment.recording.uuid, fragment.pk])


def test_times_are_read_as_minutes_and_seconds():
    assert parse_time("83.4") == 83.4
    assert parse_time("1:23,5") == 83.5
    assert parse_time("1:05") == 65
    assert parse_time("1:02:03.4") == 3723.4  # past an hour, as the page writes it
    assert parse_time("een minuut") is None


def test_the_owner_annotates_a_moment_with_the_keyboard_format(client, world, recording):
    client.force_login(world.teacher)
    response = client.post(
        recording_list_url(recording),
        {"kind": "strength", "at": "1:05.5", "body": "Mooie wachttijd na de vraag."},
    )
    assert response.status_code == 302
    annotation = Annotation.objects.get()
    assert (annotation.at_seconds, annotation.kind, annotation.author) == (
        65.5,
        "strength",
        world.teacher,
    )
    page = client.get(reverse("recordings:detail", args=[recording.uuid])).content.decode()
    assert "Mooie wachttijd na de vraag." in page


@pytest.mark.parametrize(
    ("at", "until", "field"),
    [("2:01", "", "at"), ("-1", "", "at"), ("0:30", "0:20", "until"), ("1:50", "2:30", "until")],
)
def test_a_moment_outside_the_video_is_refused_clearly(client, world, recording, at, until, field):
    client.force_login(world.teacher)
    response = client.post(
        recording_list_url(recording),
        {"kind": "observation", "at": at, "until": until, "body": "x"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not Annotation.objects.exists()


def test_an_annotation_on_a_fragment_must_lie_within_it(world, fragment):
    with pytest.raises(ValidationError) as error:
        services.annotation_create(
            recording=fragment.recording,
            fragment=fragment,
            author=world.teacher,
            body="x",
            at_seconds=50,
        )
    assert "at_seconds" in error.value.message_dict


def test_an_htmx_post_outside_the_video_answers_422_with_the_message(client, world, recording):
    client.force_login(world.teacher)
    response = client.post(
        recording_list_url(recording),
        {"kind": "observation", "at": "5:00", "body": "Te laat"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 422
    message = dutch(gettext_lazy("This moment lies outside %(where)s.")) % {
        "where": dutch(gettext_lazy("the video"))
    }
    assert message in response.content.decode()


def test_an_indicator_from_another_kijkwijzer_is_refused(client, world, recording):
    version, _ = kijkwijzer("Hoge verwachtingen")
    _, foreign = kijkwijzer("Klasmanagement", key="routines")
    client.force_login(world.teacher)
    response = client.post(
        recording_list_url(recording) + f"?kijkwijzer={version.framework.pk}",
        {
            "kind": "observation",
            "at": "0:10",
            "body": "x",
            "indicator": foreign.pk,
            "kijkwijzer": version.framework.pk,
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["indicator"]
    assert not Annotation.objects.exists()


def test_an_indicator_of_the_kijkwijzer_in_use_is_kept(client, world, recording):
    version, indicator = kijkwijzer("Hoge verwachtingen")
    client.force_login(world.teacher)
    client.post(
        recording_list_url(recording),
        {
            "kind": "observation",
            "at": "0:10",
            "body": "Wachttijd",
            "indicator": indicator.pk,
            "kijkwijzer": version.framework.pk,
        },
    )
    assert Annotation.objects.get().indicator == indicator


def test_notes_on_the_whole_recording_stay_private_fragment_notes_reach_the_audience(
    client, world, recording, shared
):
    services.annotation_create(
        recording=recording, author=world.teacher, body="Privé: ik was moe", at_seconds=5
    )
    services.annotation_create(
        recording=recording,
        fragment=shared,
        author=world.teacher,
        body="Kijk naar de rij",
        at_seconds=12,
    )
    unshared = FragmentFactory(recording=recording, start=60, end=90)
    services.annotation_create(
        recording=recording,
        fragment=unshared,
        author=world.teacher,
        body="Nog niet gedeeld",
        at_seconds=61,
    )
    client.force_login(world.coach)
    page = client.get(workspace_url(shared)).content.decode()
    assert "Kijk naar de rij" in page
    assert "Privé: ik was moe" not in page
    assert "Nog niet gedeeld" not in page
    assert client.get(workspace_url(unshared)).status_code == 404
    assert client.get(recording_list_url(recording)).status_code == 404


@pytest.mark.parametrize("role", ["school_leader", "project_staff", "other_teacher", "other_coach"])
def test_people_outside_the_share_see_no_annotations(client, world, shared, role):
    client.force_login(getattr(world, role))
    assert client.get(workspace_url(shared)).status_code == 404
    assert client.get(fragment_list_url(shared)).status_code == 404
    response = client.post(
        fragment_list_url(shared), {"kind": "question", "at": "0:15", "body": "?"}
    )
    assert response.status_code == 404
    assert not Annotation.objects.exists()


def test_the_coach_replies_and_the_teacher_reads_it(client, world, shared):
    question = services.annotation_create(
        recording=shared.recording,
        fragment=shared,
        author=world.teacher,
        body="Wat zien jullie hier?",
        at_seconds=20,
        kind=Annotation.Kind.QUESTION,
    )
    client.force_login(world.coach)
    response = client.post(
        reverse("analysis:annotation_reply", args=[question.pk]),
        {"body": "Ze wachten allemaal op jou."},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    reply = Annotation.objects.get(parent=question)
    assert (reply.author, reply.fragment, reply.at_seconds) == (world.coach, shared, 20)

    client.force_login(world.teacher)
    assert "Ze wachten allemaal op jou." in client.get(workspace_url(shared)).content.decode()


def test_a_reply_to_a_reply_joins_the_thread(world, shared):
    root = services.annotation_create(
        recording=shared.recording, fragment=shared, author=world.teacher, body="a", at_seconds=20
    )
    first = services.annotation_reply(parent=root, author=world.coach, body="b")
    second = services.annotation_reply(parent=first, author=world.colleague, body="c")
    assert second.parent == root


def test_nobody_edits_or_deletes_someone_elses_annotation(client, world, shared):
    annotation = services.annotation_create(
        recording=shared.recording,
        fragment=shared,
        author=world.coach,
        body="Van de coach",
        at_seconds=15,
    )
    client.force_login(world.teacher)  # the owner of the video, not of the annotation
    edit = reverse("analysis:annotation_edit", args=[annotation.pk])
    assert client.get(edit).status_code == 403
    assert (
        client.post(edit, {"kind": "question", "at": "0:15", "body": "Veranderd"}).status_code
        == 403
    )
    delete = reverse("analysis:annotation_delete", args=[annotation.pk])
    assert client.post(delete).status_code == 403
    annotation.refresh_from_db()
    assert annotation.body == "Van de coach"


def test_the_author_edits_and_deletes_their_own(client, world, shared):
    annotation = services.annotation_create(
        recording=shared.recording, fragment=shared, author=world.coach, body="Eerst", at_seconds=15
    )
    services.annotation_reply(parent=annotation, author=world.teacher, body="Antwoord")
    client.force_login(world.coach)
    edit = reverse("analysis:annotation_edit", args=[annotation.pk])
    response = client.post(edit, {"kind": "suggestion", "at": "0:16", "body": "Daarna"})
    assert response.status_code == 302
    annotation.refresh_from_db()
    assert (annotation.body, annotation.kind, annotation.at_seconds) == ("Daarna", "suggestion", 16)
    assert annotation.edited_at is not None
    # Moving it outside the fragment is refused.
    response = client.post(edit, {"kind": "suggestion", "at": "0:50", "body": "Daarna"})
    assert response.status_code == 400
    client.post(reverse("analysis:annotation_delete", args=[annotation.pk]))
    assert not Annotation.objects.exists()  # with its replies


def test_the_edit_form_shows_the_moment_in_lesson_time(client, world, shared):
    annotation = services.annotation_create(
        recording=shared.recording,
        fragment=shared,
        author=world.coach,
        body="Eerst",
        at_seconds=15.4,
    )
    client.force_login(world.coach)
    page = client.get(reverse("analysis:annotation_edit", args=[annotation.pk])).content.decode()
    assert 'name="at" value="0:15.4"' in page


def test_revoking_the_share_takes_the_discussion_away(client, world, shared):
    annotation = services.annotation_create(
        recording=shared.recording,
        fragment=shared,
        author=world.coach,
        body="Van de coach",
        at_seconds=15,
    )
    Share.objects.update(revoked_at="2026-01-01T00:00Z")
    client.force_login(world.coach)
    assert client.get(workspace_url(shared)).status_code == 403
    edit = reverse("analysis:annotation_edit", args=[annotation.pk])
    assert client.get(edit).status_code == 404


def test_polling_gets_nothing_until_something_changes(client, world, shared):
    client.force_login(world.coach)
    first = client.get(fragment_list_url(shared), headers={"HX-Request": "true"})
    token = re.search(r'data-token="([^"]+)"', first.content.decode()).group(1)
    unchanged = client.get(fragment_list_url(shared) + f"?since={token}")
    assert unchanged.status_code == 204
    services.annotation_create(
        recording=shared.recording,
        fragment=shared,
        author=world.teacher,
        body="Nieuw!",
        at_seconds=30,
    )
    changed = client.get(fragment_list_url(shared) + f"?since={token}")
    assert changed.status_code == 200
    assert "Nieuw!" in changed.content.decode()


def _annotate_many(recording, fragment, authors, count):
    Annotation.objects.bulk_create(
        Annotation(
            recording=recording,
            fragment=fragment,
            author=authors[n % len(authors)],
            body=f"Aantekening {n}",
            at_seconds=fragment.start + (n % 29),
        )
        for n in range(count)
    )
    roots = list(Annotation.objects.filter(parent__isnull=True)[:5])
    Annotation.objects.bulk_create(
        Annotation(
            recording=recording,
            fragment=fragment,
            parent=root,
            author=authors[0],
            body="ok",
            at_seconds=root.at_seconds,
        )
        for root in roots
    )


@pytest.mark.parametrize("view", ["recording", "fragment"])
def test_the_workspace_runs_the_same_queries_for_10_or_1000_annotations(
    client, world, shared, view, django_assert_num_queries
):
    recording = shared.recording
    if view == "recording":
        client.force_login(world.teacher)
        url = reverse("recordings:detail", args=[recording.uuid])
    else:
        client.force_login(world.coach)
        url = workspace_url(shared)
    authors = [world.teacher, world.coach, world.colleague]
    _annotate_many(recording, shared, authors, 10)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # The first visit of the hour also writes the "viewed" entry of the audit log.
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _annotate_many(recording, shared, authors, 990)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('class="thread ') >= 1000
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]
