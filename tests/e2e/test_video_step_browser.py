"""A course's video step in a real Chromium (issue 12): the player pauses at the first
observation task, shows and focuses it, the learner answers and watches on; the kennisbank's
video page and the step pass axe at 1280 and 375 px."""

from pathlib import Path

import pytest
from django.core.files import File
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.e2e.axe import axe_violations, describe_violations
from videoklub.courses.models import Enrolment
from videoklub.courses.tests.helpers import make_course, steps_of
from videoklub.knowledge.models import KnowledgeVideo
from videoklub.knowledge.tasks import process_knowledge_video
from videoklub.knowledge.tests.helpers import SUBTITLES, make_video_page
from videoklub.media.synth import make_captioned_video

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {
    "1280 px": {"viewport": {"width": 1280, "height": 800}},
    "375 px": {"viewport": {"width": 375, "height": 740}, "has_touch": True, "is_mobile": True},
}


def _ready_video(tmp_path: Path) -> KnowledgeVideo:
    path = make_captioned_video(
        tmp_path / "les.mp4",
        scenes=[(0, 6, "De juf begroet de klas."), (6, 20, "De leerlingen werken in duo's.")],
        seconds=20,
    )
    video = KnowledgeVideo(title="Les", status=KnowledgeVideo.Status.QUEUED)
    with path.open("rb") as file:
        video.original.save("les.mp4", File(file), save=False)
    from django.core.files.base import ContentFile

    video.subtitles.save("nl.vtt", ContentFile(SUBTITLES), save=False)
    video.save()
    process_knowledge_video.call(video.pk)
    video.refresh_from_db()
    assert video.is_ready, video.error_message
    return video


def _course(page):
    step = (
        "video",
        {
            "title": "De juf aan het werk",
            "intro": "<p>Kijk goed.</p>",
            "video": page,
            "tasks": [
                {"at": 4, "question": "Hoe begroet de juf de klas?", "hint": ""},
                {"at": 15, "question": "Wat doen de duo's?", "hint": ""},
            ],
        },
    )
    course = make_course(slug="kijkcursus", modules=0, is_open=True)
    course.modules = [("module", {"title": "Kijken", "intro": "", "steps": [step]})]
    course.save_revision().publish()
    course.refresh_from_db()
    return course


def test_the_player_pauses_at_the_first_observation_task_and_the_learner_answers(
    new_context, login, world, reference_data, tmp_path
):
    page_model = make_video_page(slug="de-juf", is_open=True, video=_ready_video(tmp_path))
    course = _course(page_model)
    (step,) = steps_of(course)
    page: Page = new_context().new_page()
    login(page, world.teacher)
    page.goto(reverse("courses:step", args=[course.slug, step.id]))

    video = page.locator("#kb-video")
    page.wait_for_function("document.getElementById('kb-video').readyState >= 1")
    # Just before the first task, then play: the player must stop by itself at 0:04.
    page.evaluate(
        "() => { const v = document.getElementById('kb-video'); v.muted = true;"
        " v.currentTime = 3.2; return v.play(); }"
    )
    page.wait_for_function(
        "() => { const v = document.getElementById('kb-video');"
        " return v.paused && v.currentTime >= 4 && v.currentTime < 6; }",
        timeout=15000,
    )
    first = page.locator(".video-task").first
    expect(first).to_have_class("field video-task is-active")
    expect(first.locator("textarea")).to_be_focused()
    expect(page.locator("#video-task-pause")).to_be_visible()
    expect(page.locator("#video-task-pause")).to_contain_text("0:04")

    page.keyboard.type("Bij naam, aan de deur.")
    page.locator("#video-task-resume").click()
    page.wait_for_function("() => !document.getElementById('kb-video').paused")
    expect(page.locator("#video-task-resume")).to_be_hidden()
    assert video.evaluate("v => v.currentTime") >= 4

    page.locator(".video-task").nth(1).locator("textarea").fill("Ze kijken elkaars werk na.")
    page.get_by_role("button", name="Bewaar mijn antwoord").click()  # htmx swaps the step
    expect(page.locator(".course-feedback")).to_contain_text("Het doel is zichtbaar.")
    assert Enrolment.objects.get(user=world.teacher, course=course).completed_at is not None

    for name, options in VIEWPORTS.items():
        checked = new_context(**options).new_page()
        login(checked, world.teacher)
        for url in (
            reverse("courses:step", args=[course.slug, step.id]),
            reverse("knowledge:video", args=[page_model.slug]),
        ):
            checked.goto(url)
            violations = axe_violations(checked)
            assert not violations, f"{name}: " + describe_violations(checked, violations)
