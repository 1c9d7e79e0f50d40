"""The cycle follows the work, in a browser: a teacher files a recording from its page and sees
why the cycle moved, stops a cycle after the confirmation, starts a new one while another is
open; the coach reads the board. Each page is checked with axe at phone and desktop width."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible
from videoklub.cycles.models import Cycle, Phase
from videoklub.testing.factories import CycleFactory, RecordingFactory

pytestmark = pytest.mark.browser

WIDTHS = [{"width": 375, "height": 740}, {"width": 1280, "height": 800}]


def no_sideways_scrolling(page) -> None:
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("viewport", WIDTHS, ids=["phone", "desktop"])
def test_filing_stopping_and_starting_a_cycle(
    new_context, authenticate, reference_data, world, viewport
):
    cycle = CycleFactory(teacher=world.teacher, klub=world.klub, number=1, phase=Phase.FILM)
    recording = RecordingFactory(owner=world.teacher, klub=world.klub, title="Hoekenwerk dinsdag")
    context = new_context(viewport=viewport)
    authenticate(context, world.teacher)
    page = context.new_page()

    # From the recording page, she files the recording under her open cycle.
    page.goto(reverse("recordings:detail", args=[recording.uuid]))
    page.select_option("#file-recording-cycle", str(cycle.pk))
    assert_accessible(page)
    no_sideways_scrolling(page)
    with page.expect_navigation():
        page.locator("form[action$='/cyclus/'] button[type=submit]").click()
    recording.refresh_from_db()
    assert recording.cycle == cycle

    # The cycle page says why it is analysing now.
    page.goto(reverse("cycles:detail", args=[cycle.pk]))
    expect(page.locator(".phase-reason")).to_contain_text("Hoekenwerk dinsdag")
    page.locator(".phase-history summary").click()
    assert_accessible(page)
    no_sideways_scrolling(page)

    # Starting another cycle asks first; she keeps both open.
    page.goto(reverse("cycles:start"))
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("Cyclus 1")
    assert_accessible(page)
    no_sideways_scrolling(page)
    with page.expect_navigation():
        page.locator("button[name=open_cycles][value=keep]").click()
    assert Cycle.objects.filter(teacher=world.teacher).exclude(phase=Phase.DONE).count() == 2

    # She stops the first one, after the confirmation page.
    page.goto(reverse("cycles:detail", args=[cycle.pk]))
    with page.expect_navigation():
        page.click(f"a[href='{reverse('cycles:abandon', args=[cycle.pk])}']")
    assert_accessible(page)
    no_sideways_scrolling(page)
    with page.expect_navigation():
        page.locator("main form button.danger").click()
    cycle.refresh_from_db()
    assert cycle.abandoned and cycle.phase == Phase.DONE

    # The coach's board shows her one open cycle left, and the colleague without one.
    coach_context = new_context(viewport=viewport)
    authenticate(coach_context, world.coach)
    board = coach_context.new_page()
    board.goto(reverse("cycles:board", args=[world.klub.pk]))
    second = Cycle.objects.get(teacher=world.teacher, number=2)
    expect(board.locator(f"a[href='{reverse('cycles:detail', args=[second.pk])}']")).to_be_visible()
    assert board.locator(f"a[href='{reverse('cycles:detail', args=[cycle.pk])}']").count() == 0
    assert_accessible(board)
    no_sideways_scrolling(board)
