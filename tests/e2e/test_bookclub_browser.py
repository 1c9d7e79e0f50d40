"""A book club in a real Chromium (issue 14): a teacher starts a club (book with title, authors
and ISBN), invites two colleagues, plans a meeting with a work form, divides the roles in turn,
holds the meeting, adds two insights and shares one with the school. A colleague of the school
who is not in the club reads the shared insight on the school's page, never the other one. The
pages pass axe at 1280 and 375 px and do not scroll sideways on the phone."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.e2e.axe import assert_accessible
from videoklub.bookclubs.models import BookClub, ClubMeeting, Insight, RoleAssignment
from videoklub.testing.factories import MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 375, "height": 740}, "has_touch": True, "is_mobile": True}
SHARED = "Feedback werkt pas als de leerling er iets mee doet."
KEPT = "Onze eigen twijfels over de rubric."


@pytest.fixture
def book_club_work_forms(reference_data):
    migration = importlib.import_module("videoklub.meetings.migrations.0005_book_club_work_forms")
    migration.add_book_club_work_forms(apps, None)


def _no_sideways_scroll(page: Page) -> None:
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow} px"


def test_a_teacher_runs_a_book_club_and_the_school_reads_only_what_was_shared(
    new_context, login, world, book_club_work_forms
):
    third = MembershipFactory(klub=world.klub).user
    page = new_context().new_page()
    login(page, world.teacher)

    # --- Start the club: which book, and why. ------------------------------------------------
    page.goto(reverse("bookclubs:list"))
    with page.expect_navigation():
        page.get_by_role("link", name="Boekenclub starten").click()
    page.get_by_label("Naam van de boekenclub").fill("Leesclub feedback")
    page.get_by_label("Titel van het boek of artikel").fill("Feedback die werkt")
    page.get_by_label("Auteurs", exact=True).fill("John Hattie, Shirley Clarke")
    page.get_by_label("ISBN", exact=True).fill("978-0-306-40615-7")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    club = BookClub.objects.get(title="Leesclub feedback")
    assert club.isbn == "9780306406157" and club.book_authors.startswith("John Hattie")

    # --- Invite two colleagues. ---------------------------------------------------------------
    with page.expect_navigation():
        page.get_by_role("link", name="Collega’s uitnodigen").first.click()
    for colleague in (world.colleague, third):
        page.get_by_label("Collega", exact=True).select_option(str(colleague.pk))
        with page.expect_navigation():
            page.get_by_role("button", name="Toevoegen aan de boekenclub").click()
        expect(page.locator("main")).to_contain_text(colleague.full_name)

    # --- Plan a meeting with a work form, then divide the roles. ------------------------------
    page.goto(reverse("bookclubs:meeting_create", args=[club.pk]))
    day = timezone.localdate() + timedelta(days=7)
    page.get_by_label("Datum", exact=True).fill(day.isoformat())
    page.get_by_label("Te lezen voor deze bijeenkomst").fill("hoofdstuk 1–2")
    page.get_by_label("Werkvorm", exact=True).select_option(label="Placemat (boekenclub)")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    meeting = ClubMeeting.objects.get(club=club)
    expect(page.locator("main")).to_contain_text("Placemat (boekenclub)")
    page.goto(reverse("bookclubs:detail", args=[club.pk]))
    with page.expect_navigation():
        page.get_by_role("button", name="Rollen beurtelings verdelen").click()
    assert RoleAssignment.objects.filter(meeting=meeting).count() == 4
    schedule = page.locator("#schedule")
    for person in (world.teacher, world.colleague, third):
        expect(schedule).to_contain_text(person.full_name)
    assert_accessible(page)

    # --- Hold the meeting: notes saved in place (htmx). ---------------------------------------
    page.goto(reverse("bookclubs:meeting", args=[meeting.pk]))
    page.get_by_label("Notities", exact=True).fill("Iedereen herkende vage wensen bij leerlingen.")
    page.get_by_label("Deze bijeenkomst heeft plaatsgevonden").check()
    page.locator("#notes button[type=submit]").click()
    expect(page.locator("#notes [role=status]")).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.held

    # --- Two insights; one is shared with the school (htmx). ----------------------------------
    page.goto(reverse("bookclubs:detail", args=[club.pk]) + "#insights")
    for kind, text in (("quote", SHARED), ("note", KEPT)):
        folder = page.locator("#insights")
        folder.get_by_label("Soort", exact=True).select_option(kind)
        folder.get_by_label("Inzicht", exact=True).fill(text)
        with page.expect_navigation():
            folder.get_by_role("button", name="Toevoegen aan de map").click()
    shared = Insight.objects.get(text=SHARED)
    page.locator(f"#insight-{shared.pk}").get_by_role(
        "button", name="Delen met het schoolteam"
    ).click()
    expect(page.locator(f"#insight-{shared.pk}")).to_contain_text("gedeeld met de school")
    shared.refresh_from_db()
    assert shared.shared_with_school
    assert not Insight.objects.get(text=KEPT).shared_with_school

    # --- At 375 px the club page still works for the teacher. ---------------------------------
    phone = new_context(**PHONE).new_page()
    login(phone, world.teacher)
    phone.goto(reverse("bookclubs:detail", args=[club.pk]))
    expect(phone.locator("main h1")).to_have_text("Leesclub feedback")
    assert_accessible(phone)
    _no_sideways_scroll(phone)

    # --- The coach of the school is not in the club: the shared insight only. -----------------
    for options in ({}, PHONE):
        coach = new_context(**options).new_page()
        login(coach, world.coach)
        coach.goto(reverse("bookclubs:list"))
        with coach.expect_navigation():
            coach.get_by_role("link", name=f"Gedeelde inzichten van {world.school.name}").click()
        main = coach.locator("main")
        expect(main).to_contain_text(SHARED)
        expect(main).to_contain_text("Leesclub feedback")
        expect(main).not_to_contain_text(KEPT)
        assert_accessible(coach)
        _no_sideways_scroll(coach)
        response = coach.goto(reverse("bookclubs:detail", args=[club.pk]))
        assert response is not None and response.status == 404
