"""The upload form in a real Chromium: only the buttons that fit the moment are shown, and an
upload under way cannot be started a second time."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, Route, expect

from videoklub.media.synth import make_video
from videoklub.recordings.models import Recording, Upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Uploading, processing and the page reload that follows; generous for a loaded CI machine.
PROCESSING_TIMEOUT_MS = 60_000


def wait_until(page: Page, condition, what: str, *, timeout_ms: int = 10_000) -> None:
    for _ in range(timeout_ms // 100):
        if condition():
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"timed out waiting for {what}")


def test_before_an_upload_only_the_upload_button_shows(page, login, world):
    login(page, world.teacher)
    page.goto(reverse("recordings:list"))

    expect(page.locator("#upload-start")).to_be_visible()
    # The author's `display` rules for buttons and the progress row must not undo `hidden`.
    expect(page.locator("#upload-pause")).to_be_hidden()
    expect(page.locator("#upload-resume")).to_be_hidden()
    expect(page.locator(".upload-progress")).to_be_hidden()


def test_an_upload_under_way_cannot_be_started_twice(page, login, world, tmp_path):
    video = make_video(tmp_path / "rekenles.mp4", seconds=2, width=320, height=180)
    login(page, world.teacher)
    page.goto(reverse("recordings:list"))
    tus_path = reverse("recordings:tus_collection")
    requests: list[str] = []
    held: list[Route] = []
    holding = True

    def remember(request) -> None:
        if tus_path in request.url:
            requests.append(request.method)

    def hold(route: Route) -> None:
        # The first bytes stay "on their way" until the test lets them go: an upload under way.
        if holding and route.request.method == "PATCH":
            held.append(route)
        else:
            route.continue_()

    page.on("request", remember)
    page.route(f"**{tus_path}**", hold)
    page.set_input_files("#upload-file", str(video))
    page.fill("#upload-title", "Rekenles")
    page.click("#upload-start")
    wait_until(page, lambda: held, "the first PATCH")

    expect(page.locator("#upload-start")).to_be_hidden()
    expect(page.locator("#upload-pause")).to_be_visible()
    expect(page.locator("#upload-resume")).to_be_hidden()
    expect(page.locator(".upload-progress")).to_be_visible()
    sent_before = list(requests)
    # Enter in the title field, or a script submitting the form, while the file is going up.
    page.press("#upload-title", "Enter")
    page.evaluate("document.getElementById('upload-form').requestSubmit()")
    page.wait_for_timeout(500)
    assert requests == sent_before, requests
    assert Upload.objects.count() == 1

    detail = "**" + reverse("recordings:list") + "*-*-*-*-*/"
    with page.expect_navigation(url=detail, timeout=PROCESSING_TIMEOUT_MS):
        holding = False
        for route in held:
            route.continue_()
    assert Recording.objects.count() == 1
    assert Upload.objects.count() == 1
