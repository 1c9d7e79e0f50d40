"""Kennisbank videos: processing, the editor's subtitles, who reads the page and its files."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from videoklub import media
from videoklub.knowledge import vtt
from videoklub.knowledge.models import KnowledgeVideo
from videoklub.knowledge.services import knowledge_video_subtitles_set
from videoklub.knowledge.tasks import process_knowledge_video
from videoklub.knowledge.tests.helpers import SUBTITLES, make_knowledge_video, make_video_page
from videoklub.media.synth import make_video
from videoklub.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def _queued(content: bytes | None = None, *, tmp_path=None) -> KnowledgeVideo:
    if content is None:
        content = make_video(tmp_path / "les.mp4", seconds=2, width=320, height=240).read_bytes()
    video = KnowledgeVideo(title="Les", status=KnowledgeVideo.Status.QUEUED)
    video.original.save("les.mp4", ContentFile(content), save=False)
    video.save()
    return video


def test_processing_makes_a_rendition_and_a_poster_and_a_second_run_changes_nothing(tmp_path):
    video = _queued(tmp_path=tmp_path)
    process_knowledge_video.call(video.pk)
    video.refresh_from_db()
    assert video.status == KnowledgeVideo.Status.READY and video.is_ready
    assert video.rendition.storage.exists(video.rendition.name)
    assert video.poster.storage.exists(video.poster.name)
    assert media.probe(video.rendition.path).video_codec == "h264"
    assert round(video.duration) == 2 and (video.width, video.height) == (320, 240)

    process_knowledge_video.call(video.pk)  # delivered twice: a ready video is left alone
    video.refresh_from_db()
    assert video.processing_attempts == 1 and video.status == KnowledgeVideo.Status.READY


def test_a_file_that_is_no_video_fails_with_a_dutch_message():
    video = _queued(b"dit is geen video, maar tekst")
    process_knowledge_video.call(video.pk)
    video.refresh_from_db()
    assert video.status == KnowledgeVideo.Status.FAILED
    with translation.override("nl-be"):
        dutch = str(media.MESSAGES["not_video"])
    with translation.override("en"):
        english = str(media.MESSAGES["not_video"])
    assert dutch != english
    assert video.error_message == dutch
    assert not video.rendition


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"Hallo\n\n00:00:01.000 --> 00:00:02.000\nHoi\n",
        b"WEBVTT\n\n00:01 --> xx\nHoi\n",
        b"WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nHoi\n",
        b"WEBVTT\n\nHoi zonder tijd\n",
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHoi\n".encode("utf-16"),
    ],
)
def test_a_subtitle_file_that_is_not_webvtt_is_refused(data):
    with pytest.raises(ValidationError):
        vtt.parse(data)


def test_subtitles_written_read_back_the_same():
    cues = [vtt.Cue(1.0, 4.5, "Iedereen heeft vraagstuk 1."), vtt.Cue(3661.25, 3662, "Later.")]
    assert vtt.parse(vtt.write(cues).encode()) == cues
    assert vtt.parse(
        b"WEBVTT - nl\n\nNOTE een notitie\n\n1\n00:01.000 --> 00:02.000 align:start\nHoi\n"
    )


def test_bad_subtitles_are_refused_and_the_old_ones_stay():
    video = make_knowledge_video()
    before = video.subtitles.name
    with pytest.raises(ValidationError) as refused:
        knowledge_video_subtitles_set(video=video, data=b"geen ondertitels")
    assert "subtitles" in refused.value.message_dict
    video.refresh_from_db()
    assert video.subtitles.name == before
    with video.subtitles.open("rb") as file:
        assert file.read() == SUBTITLES


def test_the_editor_refuses_a_bad_vtt_upload_and_keeps_the_video(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from videoklub.knowledge.models import KnowledgeEditor

    editor = UserFactory()
    KnowledgeEditor.objects.create(user=editor)
    client.force_login(editor)
    video = make_knowledge_video()
    url = reverse("wagtailsnippets_knowledge_knowledgevideo:edit", args=[video.pk])
    response = client.post(
        url,
        {
            "title": "Nieuwe titel",
            "subtitles": SimpleUploadedFile("nl.vtt", b"geen webvtt", "text/vtt"),
        },
    )
    assert response.status_code == 200  # the form again, with its error
    # The form's error names what is wrong (the lead adds the Dutch to the translations).
    assert "WEBVTT" in response.content.decode()
    video.refresh_from_db()
    assert video.title == "Feedback in de klas"
    with video.subtitles.open("rb") as file:
        assert file.read() == SUBTITLES


def test_a_draft_video_is_seen_by_nobody_an_open_one_by_everyone(client):
    draft = make_video_page(publish=False, slug="concept", is_open=True)
    member = UserFactory()
    client.force_login(member)
    assert client.get(reverse("knowledge:video", args=[draft.slug])).status_code == 404
    assert client.get(reverse("knowledge:video_file", args=[draft.video.uuid])).status_code == 404
    client.logout()
    page = make_video_page(slug="open", is_open=True)
    response = client.get(reverse("knowledge:video", args=[page.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("knowledge:video_subtitles", args=[page.video.uuid]) in html
    assert 'srclang="nl"' in html and "data-seek" in html
    subtitles = client.get(reverse("knowledge:video_subtitles", args=[page.video.uuid]))
    assert subtitles["Content-Type"].startswith("text/vtt") and subtitles.content == SUBTITLES


def test_a_closed_video_is_404_for_anonymous_visitors_page_file_and_subtitles(client):
    page = make_video_page(slug="gesloten", is_open=False)
    for url in (
        reverse("knowledge:video", args=[page.slug]),
        reverse("knowledge:video_file", args=[page.video.uuid]),
        reverse("knowledge:video_poster", args=[page.video.uuid]),
        reverse("knowledge:video_subtitles", args=[page.video.uuid]),
    ):
        assert client.get(url).status_code == 404, url
    client.force_login(UserFactory())
    assert client.get(reverse("knowledge:video", args=[page.slug])).status_code == 200


def test_the_file_answers_a_range_request_with_206(client):
    page = make_video_page(slug="open", is_open=True)
    response = client.get(
        reverse("knowledge:video_file", args=[page.video.uuid]), headers={"Range": "bytes=2-5"}
    )
    assert response.status_code == 206
    assert response["Content-Range"] == "bytes 2-5/10"
    assert b"".join(response.streaming_content) == b"2345"


def test_a_video_not_processed_yet_has_no_file(client):
    page = make_video_page(slug="open", is_open=True, video=make_knowledge_video(ready=False))
    assert client.get(reverse("knowledge:video_file", args=[page.video.uuid])).status_code == 404
    response = client.get(reverse("knowledge:video", args=[page.slug]))
    assert response.status_code == 200 and b"<video" not in response.content


def test_the_video_page_runs_the_same_queries_for_1_or_10_chapters_and_comments(client):
    client.force_login(UserFactory())

    def page_with(count: int, slug: str):
        return make_video_page(
            slug=slug,
            topics=["feedback", "klas"],
            chapters=[("chapter", {"at": n * 10, "title": f"Deel {n}"}) for n in range(count)],
            commentary=[
                ("comment", {"at": n * 10, "indicator": "fb-feed-up", "body": f"<p>{n}</p>"})
                for n in range(count)
            ],
        )

    small, large = page_with(1, "klein"), page_with(10, "groot")
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("knowledge:video", args=[small.slug])).status_code == 200
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("knowledge:video", args=[large.slug])).status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_the_index_lists_and_searches_videos_beside_dossiers(client):
    page = make_video_page(slug="open", is_open=True, topics=["feedback"])
    response = client.get(reverse("knowledge:index"))
    assert page.title in response.content.decode()
    found = client.get(reverse("knowledge:index"), {"q": "zelfstandig"})
    assert page.title in found.content.decode()
    missed = client.get(reverse("knowledge:index"), {"q": "kleuterturnen"})
    assert page.title not in missed.content.decode()
    assert (
        page.title in client.get(reverse("knowledge:index"), {"thema": "feedback"}).content.decode()
    )


def test_open_videos_are_in_the_sitemap(client):
    page = make_video_page(slug="open", is_open=True)
    closed = make_video_page(slug="dicht", is_open=False, video=make_knowledge_video())
    sitemap = client.get(reverse("sitemap")).content.decode()
    assert reverse("knowledge:video", args=[page.slug]) in sitemap
    assert reverse("knowledge:video", args=[closed.slug]) not in sitemap


def test_editors_open_the_video_page_form_and_upload_a_video_that_is_queued(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from videoklub.knowledge.editors import knowledge_root
    from videoklub.knowledge.models import KnowledgeEditor

    editor = UserFactory()
    KnowledgeEditor.objects.create(user=editor)
    client.force_login(editor)
    add_page = reverse(
        "wagtailadmin_pages:add", args=["knowledge", "videopage", knowledge_root().pk]
    )
    assert client.get(add_page).status_code == 200
    response = client.post(
        reverse("wagtailsnippets_knowledge_knowledgevideo:add"),
        {
            "title": "Kennisclip feed-up",
            "original": SimpleUploadedFile("clip.mp4", b"nog te verwerken", "video/mp4"),
            "subtitles": SimpleUploadedFile("nl.vtt", SUBTITLES, "text/vtt"),
        },
    )
    assert response.status_code == 302
    video = KnowledgeVideo.objects.get(title="Kennisclip feed-up")
    # Queued; the worker is only asked once the upload is committed (not inside this test).
    assert video.status == KnowledgeVideo.Status.QUEUED
    assert video.original.name.startswith(video.prefix)


def test_a_video_a_killed_worker_left_is_queued_again_and_given_up_after_three_attempts(tmp_path):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    from videoklub.knowledge.tasks import MAX_ATTEMPTS

    stalled = _queued(tmp_path=tmp_path)
    long_ago = timezone.now() - timedelta(hours=1)
    KnowledgeVideo.objects.filter(pk=stalled.pk).update(
        status=KnowledgeVideo.Status.PROCESSING, processing_heartbeat_at=long_ago
    )
    busy = _queued(tmp_path=tmp_path)  # a worker is on it now: left alone
    KnowledgeVideo.objects.filter(pk=busy.pk).update(
        status=KnowledgeVideo.Status.PROCESSING, processing_heartbeat_at=timezone.now()
    )
    call_command("recover_stalled_videos")  # the immediate backend runs what it queues
    stalled.refresh_from_db()
    busy.refresh_from_db()
    assert stalled.status == KnowledgeVideo.Status.READY
    assert busy.status == KnowledgeVideo.Status.PROCESSING

    KnowledgeVideo.objects.filter(pk=busy.pk).update(
        processing_heartbeat_at=long_ago, processing_attempts=MAX_ATTEMPTS
    )
    call_command("recover_stalled_videos")
    busy.refresh_from_db()
    assert busy.status == KnowledgeVideo.Status.FAILED and busy.error_message
