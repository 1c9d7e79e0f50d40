"""The festival page, its video, the screening and the offline package."""

import io
import re
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from videoklub.audit.models import Action, AuditEvent
from videoklub.festival import services
from videoklub.festival.models import Festival


@pytest.fixture
def programme_of(world, festival, submit):
    """Selects `n` submissions into a block and closes the selection."""

    def make(n=2, *, anonymised=False):
        block = services.block_save(festival=festival, by=world.project_staff, title="Stilte")
        chosen = []
        for i in range(n):
            submission = submit(title=f"Fragment {i}", anonymised=anonymised)
            services.submission_decide(
                submission=submission, by=world.project_staff, select=True, block=block
            )
            chosen.append(submission)
        return chosen

    return make


def _close(world, festival):
    services.festival_close_selection(festival=festival, by=world.project_staff)


def test_a_withdrawn_submission_disappears_from_the_page_and_the_package(
    client, world, festival, programme_of
):
    kept, withdrawn = programme_of(2)
    services.submission_withdraw(submission=withdrawn, by=world.teacher)
    _close(world, festival)
    client.force_login(world.colleague)
    page = client.get(reverse("festival:detail", args=[festival.pk])).content.decode()
    assert kept.title in page and withdrawn.title not in page
    video = reverse("festival:video", args=[festival.pk, withdrawn.pk])
    assert client.get(video).status_code == 404
    client.force_login(world.project_staff)
    names, html = _package(client, festival)
    assert names == {"index.html", "video/01.mp4", "captions/01.vtt"}
    assert kept.title in html and withdrawn.title not in html


def _package(client, festival):
    response = client.get(reverse("festival:package", args=[festival.pk]))
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = set(archive.namelist())
    return names, archive.read("index.html").decode()


def test_the_package_holds_exactly_the_shown_fragments_and_references_only_its_files(
    client, world, festival, programme_of
):
    chosen = programme_of(3)
    client.force_login(world.project_staff)
    response = client.get(reverse("festival:package", args=[festival.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = set(archive.namelist())
    assert names == {
        "index.html",
        *{f"video/{i:02d}.mp4" for i in (1, 2, 3)},
        *{f"captions/{i:02d}.vtt" for i in (1, 2, 3)},
    }
    for number, submission in enumerate(chosen, start=1):
        assert archive.read(f"video/{number:02d}.mp4") == submission.fragment.export.read()
    html = archive.read("index.html").decode()
    references = set(re.findall(r'(?:src|href)="([^"]+)"', html))
    references |= set(re.findall(r'"(?:video|captions)": "([^"]+)"', html))
    assert references and references <= names
    assert "http" not in "".join(references)
    downloads = AuditEvent.objects.filter(action=Action.DOWNLOAD, details__package=True)
    assert downloads.count() == 3


def test_the_package_is_for_the_organisers_only(client, world, festival, programme_of):
    programme_of(1)
    client.force_login(world.teacher)
    assert client.get(reverse("festival:package", args=[festival.pk])).status_code == 403


def test_a_public_festival_shows_its_programme_to_anonymous_visitors(
    client, world, festival, programme_of
):
    (submission,) = programme_of(1)
    festival.visibility = Festival.Visibility.PUBLIC
    festival.save()
    _close(world, festival)
    page = client.get(reverse("festival:detail", args=[festival.pk])).content.decode()
    assert submission.title in page
    assert world.teacher.full_name not in page  # nothing private: no teachers' names
    video = client.get(reverse("festival:video", args=[festival.pk, submission.pk]))
    assert video.status_code == 200
    assert b"".join(video.streaming_content) == submission.fragment.export.read()
    stream = AuditEvent.objects.get(action=Action.STREAM)
    assert stream.actor is None and stream.details["festival"] == festival.pk
    assert AuditEvent.objects.filter(action=Action.VIEW, details__page="festival").exists()


def test_a_programme_only_festival_asks_visitors_to_log_in(client, world, festival, programme_of):
    (submission,) = programme_of(1)
    _close(world, festival)
    response = client.get(reverse("festival:detail", args=[festival.pk]))
    assert response.status_code == 302 and "next=" in response["Location"]
    video = client.get(reverse("festival:video", args=[festival.pk, submission.pk]))
    assert video.status_code == 302


def test_an_anonymised_submission_plays_the_blurred_copy(client, world, festival, programme_of):
    (submission,) = programme_of(1, anonymised=True)
    _close(world, festival)
    client.force_login(world.colleague)
    video = client.get(reverse("festival:video", args=[festival.pk, submission.pk]))
    assert b"".join(video.streaming_content) == submission.fragment.anonymised.read()


def test_the_screening_lists_the_fragments_in_order(client, world, festival, programme_of):
    chosen = programme_of(2)
    client.force_login(world.project_staff)
    page = client.get(reverse("festival:screening", args=[festival.pk])).content.decode()
    first = page.index(reverse("festival:video", args=[festival.pk, chosen[0].pk]))
    second = page.index(reverse("festival:video", args=[festival.pk, chosen[1].pk]))
    assert first < second


@pytest.mark.parametrize("name", ["festival:detail", "festival:curate", "festival:screening"])
def test_list_pages_make_as_many_queries_for_two_fragments_as_for_six(
    client, world, festival, programme_of, name
):
    client.force_login(world.project_staff)
    url = reverse(name, args=[festival.pk])
    programme_of(2)
    _close(world, festival)
    client.get(url)
    with CaptureQueriesContext(connection) as two:
        assert client.get(url).status_code == 200
    Festival.objects.filter(pk=festival.pk).update(selection_closed_at=None)
    festival.refresh_from_db()
    programme_of(4)
    _close(world, festival)
    client.get(url)
    with CaptureQueriesContext(connection) as six:
        assert client.get(url).status_code == 200
    assert len(six) == len(two)
