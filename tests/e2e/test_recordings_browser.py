"""Lesson recordings in a real Chromium: uploading, filming with the camera, seeking, fragments.

Background tasks run with the "immediate" backend: processing runs inside the live server's
request thread when the last tus PATCH commits, so the recording is ready (or failed) by the
time the browser is sent to its page.
"""

import math
from collections.abc import Iterator

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, DESKTOP, TIMEOUT_MS
from videoklub.media import MediaError
from videoklub.media.synth import make_video
from videoklub.recordings import storage
from videoklub.recordings.models import Fragment, Recording, Upload
from videoklub.recordings.tasks import process_recording

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Uploading, processing and the page reload that follows; generous for a loaded CI machine.
PROCESSING_TIMEOUT_MS = 60_000
# Chromium's stand-in camera and microphone: a test pattern and a beep, no real device needed.
FAKE_DEVICES = "--use-fake-device-for-media-stream"
FAKE_PROMPT_ALLOWS = "--use-fake-ui-for-media-stream"
# Answer every permission prompt with "block", as a teacher refusing the camera would.
PROMPT_DENIES = "--deny-permission-prompts"


def nl(message) -> str:
    """The Dutch text the interface shows for `message`."""
    with translation.override("nl-be"):
        return str(message)


def detail_path(recording: Recording) -> str:
    return reverse("recordings:detail", args=[recording.uuid])


def detail_url_pattern() -> str:
    """Glob for the detail page of any recording (its uuid is not known before the upload)."""
    return "**" + reverse("recordings:list") + "*-*-*-*-*/"


def wait_for_player(page: Page) -> None:
    """The detail page shows the player once the recording is ready; while it is processed,
    htmx polls the status and reloads the page."""
    page.locator("video#player").wait_for(state="visible", timeout=PROCESSING_TIMEOUT_MS)
    page.wait_for_function(
        "document.getElementById('player').readyState >= 1", timeout=PROCESSING_TIMEOUT_MS
    )


def recording_from(page: Page) -> Recording:
    uuid = page.url.rstrip("/").rsplit("/", 1)[-1]
    return Recording.objects.get(uuid=uuid)


@pytest.fixture
def browser_with(live_server, browser: Browser) -> Iterator:
    """Launch another Chromium with extra command line switches (camera behaviour can only be
    chosen at launch); every browser opened here is closed afterwards."""
    launched: list[Browser] = []

    def launch(*switches: str) -> BrowserContext:
        other = browser.browser_type.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[*CHROMIUM_ARGS, *switches],
            timeout=30_000,
        )
        launched.append(other)
        context = other.new_context(base_url=live_server.url, viewport=DESKTOP, locale="nl-BE")
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        return context

    yield launch
    for other in launched:
        other.close()


@pytest.fixture
def ready_recording(world, tmp_path) -> Recording:
    """An 8 s recording of the teacher, processed as an upload would be."""
    source = make_video(tmp_path / "les.mp4", seconds=8, width=640, height=360)
    recording = Recording.objects.create(
        owner=world.teacher,
        klub=world.klub,
        title="Rekenles",
        original_filename="les.mp4",
        original_size=source.stat().st_size,
        status=Recording.Status.QUEUED,
    )
    name = storage.save_file(f"{recording.prefix}original.mp4", str(source))
    Recording.objects.filter(pk=recording.pk).update(original=name)
    process_recording.enqueue(recording.pk)
    recording.refresh_from_db()
    assert recording.status == Recording.Status.READY, recording.error_message
    return recording


def test_an_uploaded_video_plays_and_seeks_in_the_browser(page, login, world, tmp_path):
    video = make_video(tmp_path / "rekenles.mp4", seconds=8, width=640, height=360)
    login(page, world.teacher)
    page.goto(reverse("recordings:list"))
    page.set_input_files("#upload-file", str(video))
    stream = reverse("recordings:list")  # the stream's URL is under it; its uuid is not known
    stream_statuses: list[int] = []

    def remember(response) -> None:
        if response.url.endswith("/video/") and stream in response.url:
            stream_statuses.append(response.status)

    page.on("response", remember)
    with page.expect_navigation(url=detail_url_pattern(), timeout=PROCESSING_TIMEOUT_MS):
        page.click("#upload-start")
    wait_for_player(page)

    recording = recording_from(page)
    assert recording.status == Recording.Status.READY
    assert recording.owner == world.teacher
    assert recording.original_size == video.stat().st_size
    assert recording.duration == pytest.approx(8, abs=0.2)

    # Play, then jump ahead: the browser fetches the later bytes with an HTTP Range request.
    state = page.evaluate(
        """async () => {
            const player = document.getElementById("player");
            const within = (ms, what) => new Promise((_, reject) =>
                setTimeout(() => reject(new Error("timed out waiting for " + what)), ms));
            player.muted = true;
            await Promise.race([player.play(), within(15000, "play")]);
            const seeked = new Promise((resolve) =>
                player.addEventListener("seeked", resolve, { once: true }));
            player.currentTime = 5;
            await Promise.race([seeked, within(15000, "seeked")]);
            return { currentTime: player.currentTime, readyState: player.readyState,
                     duration: player.duration, error: player.error && player.error.code };
        }"""
    )
    assert state["error"] is None
    assert state["currentTime"] == pytest.approx(5, abs=0.5)
    assert state["readyState"] >= 2  # HAVE_CURRENT_DATA: the picture at 5 s has arrived
    assert state["duration"] == pytest.approx(8, abs=0.2)
    # Chromium asked for byte ranges and the server answered with partial content.
    assert 206 in stream_statuses, stream_statuses
    assert 200 not in stream_statuses, stream_statuses


def test_a_lesson_filmed_with_the_camera_is_uploaded_while_recording(browser_with, login, world):
    page = browser_with(FAKE_DEVICES, FAKE_PROMPT_ALLOWS).new_page()
    login(page, world.teacher)
    page.goto(reverse("recordings:record"))
    page.fill("#record-title", "Kringgesprek")
    page.click("#record-start")
    expect(page.locator("#record-stop")).to_be_enabled()
    expect(page.locator("#record-status")).to_have_text(
        page.locator("#recorder").get_attribute("data-msg-recording")
    )
    page.wait_for_timeout(5_000)  # film for five seconds
    with page.expect_navigation(url=detail_url_pattern(), timeout=PROCESSING_TIMEOUT_MS):
        page.click("#record-stop")
    wait_for_player(page)

    recording = recording_from(page)
    assert recording.status == Recording.Status.READY, recording.error_message
    assert recording.title == "Kringgesprek"
    assert recording.owner == world.teacher and recording.klub == world.klub
    assert recording.duration is not None and recording.duration >= 3
    # Uploaded as WebM while filming, its length only told at the end (creation-defer-length).
    assert recording.original.name.endswith(".webm")
    assert recording.original_filename.endswith(".webm")
    upload = Upload.objects.get(recording=recording)
    assert upload.filetype == "video/webm"
    assert upload.completed_at is not None
    assert upload.length == upload.offset == recording.original_size > 0
    assert len(upload.parts) >= 2  # pieces were sent while filming, not all at the end
    assert recording.original.size == recording.original_size

    duration = page.evaluate("document.getElementById('player').duration")
    assert duration >= 3


def test_refusing_the_camera_explains_how_to_allow_it(browser_with, login, world):
    page = browser_with(FAKE_DEVICES, PROMPT_DENIES).new_page()
    login(page, world.teacher)
    page.goto(reverse("recordings:record"))
    denied = page.locator("#recorder").get_attribute("data-msg-denied")
    assert denied and "camera" in denied
    page.click("#record-start")
    expect(page.locator("#record-status")).to_have_text(denied)
    expect(page.locator("#record-start")).to_be_enabled()
    expect(page.locator("#record-stop")).to_be_disabled()
    assert not Upload.objects.exists()
    assert not Recording.objects.exists()


def test_a_text_file_named_like_a_video_is_refused_with_a_clear_message(
    page, login, world, tmp_path
):
    fake = tmp_path / "les.mp4"
    fake.write_text("Dit is een lesvoorbereiding, geen video.\n" * 50)
    login(page, world.teacher)
    page.goto(reverse("recordings:list"))
    page.set_input_files("#upload-file", str(fake))
    page.click("#upload-start")
    expected = nl(MediaError("not_video").message)
    expect(page.locator("#upload-status")).to_have_text(expected)
    expect(page.locator("#upload-start")).to_be_visible()

    assert not Recording.objects.filter(status=Recording.Status.READY).exists()
    recording = Recording.objects.get()
    assert recording.status == Recording.Status.FAILED
    assert recording.error_code == "not_video"
    page.reload()
    item = page.locator(".recording-item", has_text="les")
    expect(item.locator(".badge")).to_have_class("badge status-failed")
    expect(item.locator(".badge")).to_have_text(nl(Recording.Status.FAILED.label))


def test_marking_a_fragment_with_the_keyboard(page, login, world, ready_recording):
    login(page, world.teacher)
    page.goto(detail_path(ready_recording))
    wait_for_player(page)

    def seek(seconds: float) -> None:
        page.evaluate(
            """(seconds) => new Promise((resolve) => {
                const player = document.getElementById("player");
                player.addEventListener("seeked", resolve, { once: true });
                player.currentTime = seconds;
            })""",
            seconds,
        )

    # The keys work wherever the focus is, except in a form field.
    assert page.evaluate("document.activeElement === document.body")
    seek(1)
    page.keyboard.press("i")
    seek(3)
    page.keyboard.press("o")
    expect(page.locator("#id_start")).to_have_value("1.0")
    expect(page.locator("#id_end")).to_have_value("3.0")

    page.fill("#id_title", "De vraag van Noor")
    page.select_option("#id_reason", Fragment.Reason.QUESTION.value)
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        page.locator("#fragments button[type=submit]").click()
    assert posted.value.status == 200
    link = page.locator("#fragments ul.fragments a", has_text="De vraag van Noor")
    expect(link).to_be_visible()
    expect(page.locator("#fragments li", has_text="De vraag van Noor")).to_contain_text(
        nl(Fragment.Reason.QUESTION.label)
    )
    # The swapped-in form is empty again, ready for the next fragment.
    expect(page.locator("#id_title")).to_have_value("")

    fragment = Fragment.objects.get()
    assert fragment.recording == ready_recording
    assert fragment.created_by == world.teacher
    assert (fragment.title, fragment.reason) == ("De vraag van Noor", Fragment.Reason.QUESTION)
    assert fragment.start == pytest.approx(1, abs=0.05)
    assert fragment.end == pytest.approx(3, abs=0.05)

    # The fragment page plays the recording's range 1–3 s only (a media fragment, no copy).
    link.click()
    page.wait_for_url(
        "**" + reverse("recordings:fragment_detail", args=[ready_recording.uuid, fragment.pk])
    )
    wait_for_player(page)
    src = page.evaluate("document.getElementById('player').currentSrc")
    assert src.endswith(reverse("recordings:stream", args=[ready_recording.uuid]) + "#t=1.00,3.00")
    # The media fragment's start is where the player stands before it plays.
    page.wait_for_function("Math.abs(document.getElementById('player').currentTime - 1) < 0.1")
    ended_at = page.evaluate(
        """async () => {
            const player = document.getElementById("player");
            player.muted = true;
            const paused = new Promise((resolve) =>
                player.addEventListener("pause", resolve, { once: true }));
            await player.play();
            await Promise.race([paused, new Promise((_, reject) =>
                setTimeout(() => reject(new Error("never paused")), 15000))]);
            return player.currentTime;
        }"""
    )
    assert not math.isnan(ended_at)
    assert ended_at == pytest.approx(3, abs=0.3)
