"""Team mode in a real Chromium (issue 12): a teacher starts an e-course with her klub, and the
klub's coach opens the team page from the klub's page: the reflection a member shared is there,
a private one is not; the page passes axe and does not scroll sideways at 1280 and 375 px."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible
from videoklub.courses.models import Enrolment
from videoklub.courses.services import enrolment_start, step_response_save
from videoklub.courses.tests.helpers import make_course, steps_by_kind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHARED = "Ik benoem eerst wat goed gaat, dan de volgende stap."
PRIVATE = "Deze twijfel houd ik voor mezelf."
PHONE = {"viewport": {"width": 375, "height": 740}, "has_touch": True, "is_mobile": True}


def test_a_teacher_joins_with_her_klub_and_the_coach_sees_only_what_was_shared(
    new_context, login, world, reference_data
):
    course = make_course(modules=1)
    reflection = steps_by_kind(course, "reflection")[0]

    # --- The teacher starts the course with her klub, from the course page. -----------------
    page = new_context().new_page()
    login(page, world.teacher)
    page.goto(reverse("courses:detail", args=[course.slug]))
    page.locator("#course-team-form").get_by_label(re.compile(world.klub.name)).check()
    with page.expect_navigation():
        page.locator("#course-team-form button[type=submit]").click()
    expect(page.locator("main h1")).to_have_text("Lezen 1")
    assert Enrolment.objects.get(user=world.teacher).klub == world.klub
    # She writes her reflection and shares it with the klub.
    page.goto(reverse("courses:step", args=[course.slug, reflection.id]))
    page.locator("main textarea").fill(SHARED)
    page.locator("main input[name=share]").check()
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator(".course-feedback")).to_be_visible()

    # The colleague takes it with the klub too, and keeps her reflection private.
    enrolment_start(user=world.colleague, course=course, klub=world.klub)
    step_response_save(user=world.colleague, course=course, step_id=reflection.id, answer=PRIVATE)

    # --- The coach: from the klub's page to the team page. ---------------------------------
    for options in ({}, PHONE):
        coach = new_context(**options).new_page()
        login(coach, world.coach)
        coach.goto(reverse("home:klub_detail", args=[world.klub.pk]))
        with coach.expect_navigation():
            coach.get_by_role("link", name=course.title).click()
        expect(coach.locator("main h1")).to_contain_text(world.klub.name)
        table = coach.locator("main table.course-team")
        expect(table).to_contain_text(world.teacher.full_name)
        expect(table).to_contain_text(world.colleague.full_name)
        expect(coach.locator("main")).to_contain_text(SHARED)
        expect(coach.locator("main")).not_to_contain_text(PRIVATE)
        assert_accessible(coach)
        overflow = coach.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"the team page scrolls sideways by {overflow} px"
