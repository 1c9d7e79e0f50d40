"""The Filmfestival in a real Chromium (issue 14): a teacher submits a fragment, project staff
select it into a block, and the screening mode plays it; the pages pass axe and do not scroll
sideways at 1280 and 375 px."""

from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible
from videoklub.consent.models import ClassGroup, Consent, Pupil
from videoklub.festival import services
from videoklub.festival.models import Submission
from videoklub.media.synth import make_video
from videoklub.recordings.models import Fragment
from videoklub.testing.factories import FragmentFactory, RecordingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 375, "height": 740}, "has_touch": True, "is_mobile": True}


def _fragment(world, tmp_path):
    group = ClassGroup.objects.create(school=world.school, name="5B", school_year="2026-2027")
    pupil = Pupil.objects.create(class_group=group, code="5B-01")
    Consent.objects.create(
        pupil=pupil, purpose="public", given_by="parent", given_on=timezone.localdate()
    )
    recording = RecordingFactory(owner=world.teacher, klub=world.klub, class_group=group)
    fragment = FragmentFactory(recording=recording, title="Wachttijd na de vraag", start=0, end=6)
    video = make_video(tmp_path / "fragment.mp4", seconds=6, width=320, height=180)
    with video.open("rb") as handle:
        fragment.export = default_storage.save(f"{recording.prefix}fragments/1.mp4", handle)
    fragment.export_status = Fragment.ExportStatus.READY
    fragment.save(update_fields=["export", "export_status"])
    return fragment


def _check_layout(page):
    assert_accessible(page)
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow} px"


def test_a_teacher_submits_staff_select_it_and_the_screening_plays_it(
    new_context, login, world, tmp_path
):
    fragment = _fragment(world, tmp_path)
    today = timezone.localdate()
    festival = services.festival_create(
        programme=world.programme,
        by=world.project_staff,
        year=today.year,
        title="Filmfestival Brede basiszorg",
        date=today + timedelta(days=30),
        call_text="Toon je klas.",
        submission_deadline=today + timedelta(days=14),
    )
    services.festival_publish_call(festival=festival, by=world.project_staff)
    services.block_save(festival=festival, by=world.project_staff, title="Stilte in de klas")

    # --- The teacher submits her fragment from the festival page. --------------------------
    page = new_context().new_page()
    login(page, world.teacher)
    page.goto(reverse("festival:detail", args=[festival.pk]))
    _check_layout(page)
    with page.expect_navigation():
        page.locator("main a[href$='/inzenden/']").click()
    _check_layout(page)
    page.locator("select[name=fragment]").select_option(str(fragment.pk))
    page.locator("input[name=title]").fill("Even wachten")
    page.locator("textarea[name=what_it_shows]").fill("Ik wacht na mijn vraag.")
    page.locator("textarea[name=why]").fill("Meer kinderen denken mee.")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    submission = Submission.objects.get()
    assert submission.share is not None and submission.share.is_active()

    # --- Staff select it into the block, with an introduction. -----------------------------
    staff = new_context().new_page()
    login(staff, world.project_staff)
    staff.goto(reverse("festival:curate", args=[festival.pk]))
    _check_layout(staff)
    card = staff.locator(f"#inzending-{submission.pk}")
    card.locator("select[name=decision]").select_option("select")
    card.locator("select[name=block]").select_option(label="Stilte in de klas")
    with staff.expect_navigation():
        card.locator("form[action$='/beslissen/'] button").click()
    card = staff.locator(f"#inzending-{submission.pk}")
    card.locator("textarea[name$=introduction]").fill("Let op de stilte na de vraag.")
    with staff.expect_navigation():
        card.locator("form.place-form button").click()
    submission.refresh_from_db()
    assert submission.status == "selected" and submission.introduction

    # --- The screening mode plays it. -----------------------------------------------------
    for options in ({}, PHONE):
        screen = new_context(**options).new_page()
        login(screen, world.project_staff)
        screen.goto(reverse("festival:screening", args=[festival.pk]))
        expect(screen.locator("[data-caption]")).to_have_text("Let op de stilte na de vraag.")
        _check_layout(screen)
        screen.locator("main h1").click()
        screen.keyboard.press("Space")
        # Polled from here: the page's CSP forbids the string evaluation wait_for_function uses.
        played = 0.0
        for _attempt in range(60):
            played = screen.evaluate("() => document.querySelector('#screening video').currentTime")
            if played > 0.3:
                break
            screen.wait_for_timeout(250)
        assert played > 0.3, "the screening did not play the fragment"
        expect(screen.locator("[data-next]")).to_be_visible()
        expect(screen.locator("[data-prev]")).to_be_visible()

    # --- Every page of the story again on a phone. ------------------------------------------
    pages = (
        (world.teacher, [("festival:detail", festival.pk), ("festival:submit", festival.pk)]),
        (world.teacher, [("festival:submission", submission.pk)]),
        (
            world.project_staff,
            [("festival:curate", festival.pk), ("festival:preview", festival.pk)],
        ),
        (world.project_staff, [("festival:programme", world.programme.pk)]),
    )
    for user, names in pages:
        phone = new_context(**PHONE).new_page()
        login(phone, user)
        for name, pk in names:
            phone.goto(reverse(name, args=[pk]))
            _check_layout(phone)
