"""A school's track in a browser: the coach reads the track page, the core team ticks a
checklist item (htmx swaps the section in place) and moves on after the confirmation. Each page
is checked with axe at phone and desktop width, without sideways scrolling."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible
from videoklub.baseline import selectors, services
from videoklub.baseline.models import ChecklistTick, SchoolTrack
from videoklub.cycles.models import CorePractice

pytestmark = pytest.mark.browser

WIDTHS = [{"width": 375, "height": 740}, {"width": 1280, "height": 800}]


def no_sideways_scrolling(page) -> None:
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


def _track(world) -> SchoolTrack:
    track = selectors.track_for_user(world.coach, world.programme.pk, world.school.pk)
    services.report_update(
        track=track, by=world.coach, report="Eerste alinea.\n\nTweede alinea.", final=True
    )
    services.feedback_update(
        track=track,
        by=world.coach,
        data={},
        focus_practice=CorePractice.objects.order_by("order").first(),
        focus_statement="Feedback tijdens het werk",
    )
    services.action_item_create(
        track=track,
        by=world.coach,
        goal="Een gedeelde kijkwijzer voor feedback",
        action="Het kernteam maakt hem op de eerste pedagogische studiedag.",
        owner_text="Kernteam",
    )
    return track


@pytest.mark.parametrize("viewport", WIDTHS, ids=["phone", "desktop"])
def test_the_core_team_ticks_and_moves_on(
    new_context, authenticate, reference_data, world, viewport
):
    track = _track(world)
    context = new_context(viewport=viewport)
    authenticate(context, world.school_leader)
    page = context.new_page()
    address = reverse("baseline:track", args=[world.programme.pk, world.school.pk])
    page.goto(address)
    expect(page.locator("#focus")).to_contain_text("Feedback tijdens het werk")
    assert_accessible(page)
    no_sideways_scrolling(page)

    page.locator("#implementatie details[open] .tick-button").first.click()
    expect(page.locator("#implementatie details[open] .tick-button").first).to_have_attribute(
        "aria-pressed", "true"
    )
    assert ChecklistTick.objects.filter(track=track).count() == 1
    assert_accessible(page)

    page.goto(reverse("baseline:phase_move", args=[world.programme.pk, world.school.pk]))
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.locator("main .notice")).to_contain_text("nog niet afgevinkt")
    assert_accessible(page)
    no_sideways_scrolling(page)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    track.refresh_from_db()
    assert track.phase == "prepare"
    expect(page.locator("#implementatie")).to_contain_text("Fasegeschiedenis")


@pytest.mark.parametrize("viewport", WIDTHS, ids=["phone", "desktop"])
def test_the_overview_and_the_baseline_form_read_well(
    new_context, authenticate, reference_data, world, viewport
):
    _track(world)
    context = new_context(viewport=viewport)
    authenticate(context, world.project_staff)
    page = context.new_page()
    page.goto(reverse("baseline:programme", args=[world.programme.pk]))
    expect(page.locator("main table")).to_contain_text(world.school.name)
    assert_accessible(page)
    no_sideways_scrolling(page)
    page.goto(reverse("baseline:baseline_edit", args=[world.programme.pk, world.school.pk]))
    page.fill("input[name=team_size]", "-3")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.locator(".errors[role=alert]").first).to_be_visible()
    assert_accessible(page)
    no_sideways_scrolling(page)
