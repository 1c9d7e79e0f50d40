"""Upload limits in a real Chromium: tus-js-client gets 413 or 429, and the page shows the
server's Dutch sentence instead of retrying or a generic failure."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from videoklub.media.synth import make_video
from videoklub.recordings.models import Recording
from videoklub.testing.factories import RecordingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
GB = 1024**3


@pytest.fixture
def video(tmp_path):
    path = tmp_path / "les.mp4"
    make_video(path, seconds=1)
    return str(path)


def test_a_full_storage_space_is_explained_in_dutch(page, login, world, settings, video):
    settings.STORAGE_QUOTA_PER_TEACHER_GB = 1
    RecordingFactory(owner=world.teacher, original="recordings/x/original.mp4", original_size=GB)
    login(page, world.teacher)
    page.goto(reverse("recordings:list"))
    expect(page.locator("#storage-usage")).to_have_text(
        "Je opslagruimte: 1,0 GB van 1 GB gebruikt."
    )
    page.set_input_files("#upload-file", video)
    page.click("#upload-start")
    expect(page.locator("#upload-status")).to_contain_text(
        "Hiervoor is er niet genoeg opslagruimte meer: je gebruikt 1,0 GB van je 1 GB."
    )
    expect(page.locator("#upload-start")).to_be_visible()
    assert Recording.objects.count() == 1


def test_too_many_new_uploads_are_explained_not_retried(page, login, world, settings, video):
    settings.UPLOAD_CREATIONS_PER_HOUR = 0
    login(page, world.teacher)
    page.goto(reverse("recordings:list"))
    page.set_input_files("#upload-file", video)
    page.click("#upload-start")
    expect(page.locator("#upload-status")).to_contain_text(
        "Je bent in korte tijd te veel opnames beginnen opladen."
    )
    assert not Recording.objects.exists()
