"""The coaches' learning community in a browser: project staff plan a learning-community
session from the year plan, a coach registers, staff take attendance afterwards (one form for
the whole list) and the coach writes what they take away in their learning log. Each page is
checked with axe at desktop and phone width, without sideways scrolling."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible
from videoklub.community.models import Attendance, Event, LearningLogEntry, Registration

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}


def _check(page) -> None:
    assert_accessible(page)
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


def _check_at_phone_width(page) -> None:
    page.set_viewport_size(PHONE)
    _check(page)
    page.set_viewport_size(DESKTOP)


def test_staff_plan_a_session_a_coach_registers_and_keeps_a_log(new_context, authenticate, world):
    staff_context = new_context(viewport=DESKTOP)
    authenticate(staff_context, world.project_staff)
    staff = staff_context.new_page()
    staff.goto(reverse("community:year_plan", args=[world.programme.pk]))
    expect(staff.locator("main h1")).to_be_visible()
    _check(staff)
    _check_at_phone_width(staff)
    day = timezone.localdate() + timedelta(days=14)
    staff.select_option("#id_kind", "session")
    staff.fill("#id_title", "Leergemeenschap: feedback")
    staff.fill("#id_date", day.isoformat())
    staff.fill("#id_start_time", "13:30")
    staff.fill("#id_end_time", "16:30")
    staff.fill("#id_place", "Leuven")
    with staff.expect_navigation():
        staff.locator("main form button[type=submit]").click()
    event = Event.objects.get(title="Leergemeenschap: feedback")
    expect(staff.locator(f"#e{event.pk}")).to_be_visible()

    coach_context = new_context(viewport=DESKTOP)
    authenticate(coach_context, world.coach)
    coach = coach_context.new_page()
    coach.goto(reverse("community:home"))
    expect(coach.locator("main")).to_contain_text("Leergemeenschap: feedback")
    _check(coach)
    _check_at_phone_width(coach)
    coach.goto(reverse("community:event", args=[event.pk]))
    with coach.expect_navigation():
        coach.locator("main form button.primary").click()
    assert Registration.objects.filter(event=event, user=world.coach).exists()
    _check(coach)
    _check_at_phone_width(coach)

    # The day of the session has passed.
    Event.objects.filter(pk=event.pk).update(date=timezone.localdate() - timedelta(days=1))
    staff.goto(reverse("community:attendance", args=[event.pk]))
    _check(staff)
    _check_at_phone_width(staff)
    staff.locator(f"input[name=u{world.coach.pk}][value=present]").check()
    with staff.expect_navigation():
        staff.locator("main form button[type=submit]").click()
    assert Attendance.objects.get(event=event, user=world.coach).status == "present"
    _check(staff)

    coach.goto(reverse("community:logbook", args=[world.programme.pk]) + f"?activiteit={event.pk}")
    _check(coach)
    _check_at_phone_width(coach)
    coach.fill("#id_text", "Eerst de leraar laten vertellen wat hij ziet.")
    with coach.expect_navigation():
        coach.locator("main form button[type=submit]").click()
    entry = LearningLogEntry.objects.get(user=world.coach)
    assert entry.event_id == event.pk
    expect(coach.locator("main")).to_contain_text("Eerst de leraar laten vertellen")
    _check(coach)

    staff.goto(reverse("community:directory", args=[world.programme.pk]))
    expect(staff.locator("main")).not_to_contain_text("Eerst de leraar")
    _check(staff)
    _check_at_phone_width(staff)
