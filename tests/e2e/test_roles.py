"""Every role logs in through the real login form and lands on a home page made for it."""

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, expect

from videoklub.accounts.forms import EmailAuthenticationForm

pytestmark = pytest.mark.browser


def translated(message, language: str) -> str:
    """The text the interface shows for `message` (a source string or a lazy translation)."""
    with translation.override(language):
        return translation.gettext(message) if isinstance(message, str) else str(message)


def nl(message) -> str:
    """The Dutch text (the English source, as long as it is untranslated)."""
    return translated(message, "nl-be")


def en(message) -> str:
    return translated(message, "en")


def logged_in_home(page: Page, login, user) -> None:
    login(page, user)
    assert page.url.endswith(reverse("home:home"))
    expect(page.locator("html")).to_have_attribute("lang", "nl-be")
    expect(page.locator("main h1")).to_contain_text(user.get_short_name())


def test_a_teacher_sees_their_klub_and_colleagues(page, login, world):
    logged_in_home(page, login, world.teacher)
    card = page.locator("section[data-role=teacher]")
    expect(card).to_have_count(1)
    expect(card.get_by_role("heading", level=2)).to_have_text(world.klub.name)
    expect(card.locator(".members")).to_contain_text(world.colleague.full_name)
    expect(card.locator(".members")).to_contain_text(world.coach.full_name)
    # No other role's cards, nothing from the other klub, no invitation button for teachers.
    expect(page.locator("section[data-role]:not([data-role=teacher])")).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text(world.other_klub.name)
    invite = reverse("home:klub_invite", kwargs={"pk": world.klub.pk})
    expect(page.locator(f'a[href="{invite}"]')).to_have_count(0)


def test_a_coach_sees_the_klub_and_a_link_to_invite_teachers(page, login, world):
    logged_in_home(page, login, world.coach)
    card = page.locator("section[data-role=coach]")
    expect(card).to_have_count(1)
    expect(card.get_by_role("heading", level=2)).to_have_text(world.klub.name)
    expect(card.locator(".members")).to_contain_text(world.teacher.full_name)
    invite = reverse("home:klub_invite", kwargs={"pk": world.klub.pk})
    expect(card.locator(f'a[href="{invite}"]')).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(world.other_klub.name)


def test_a_school_leader_sees_their_school_and_its_klub(page, login, world):
    logged_in_home(page, login, world.school_leader)
    card = page.locator("section[data-role=school_leader]")
    expect(card).to_have_count(1)
    expect(card.get_by_role("heading", level=2)).to_have_text(world.school.name)
    expect(card).to_contain_text(world.school.town)
    klub = reverse("home:klub_detail", kwargs={"pk": world.klub.pk})
    expect(card.locator(f'a[href="{klub}"]')).to_have_text(world.klub.name)
    expect(page.locator("main")).not_to_contain_text(world.other_school.name)


def test_project_staff_see_their_programme_with_counts(page, login, world):
    logged_in_home(page, login, world.project_staff)
    card = page.locator("section[data-role=project_staff]")
    expect(card).to_have_count(1)
    expect(card.get_by_role("heading", level=2)).to_contain_text(world.programme.name)
    # schools, klubs, coaches, teachers: one school with one klub, one coach, two teachers.
    expect(card.locator(".stats li strong")).to_have_text(["1", "1", "1", "2"])
    invite = reverse("home:programme_invite", kwargs={"pk": world.programme.pk})
    expect(card.locator(f'a[href="{invite}"]')).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(world.other_programme.name)


def test_someone_without_a_membership_is_told_they_have_no_klub_yet(page, login, world):
    logged_in_home(page, login, world.no_membership)
    expect(page.locator("#no-membership")).to_be_visible()
    expect(page.locator("section[data-role]")).to_have_count(0)
    # The navigation holds only the home page and the kennisbank (open to everyone signed in):
    # no klub, school or programme to go to.
    expect(page.locator("header nav li")).to_have_text(["Start", "Kennisbank"])


def test_a_wrong_password_shows_an_error_and_stays_on_the_login_page(page, login, world):
    login(page, world.teacher, secret="not-the-password")
    assert page.url.endswith(reverse("accounts:login"))
    alert = page.get_by_role("alert")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text(nl(EmailAuthenticationForm.error_messages["invalid_login"]))
    # Still logged out, and the e-mail address is kept for the next try.
    expect(page.locator("form[action$='/afmelden/']")).to_have_count(0)
    expect(page.locator("input[name=username]")).to_have_value(world.teacher.email)


def test_logging_out_returns_to_the_login_page(page, login, world):
    logged_in_home(page, login, world.teacher)
    with page.expect_navigation():
        page.locator("header .account button[type=submit]").click()
    assert page.url.endswith(reverse("accounts:login"))
    page.goto(reverse("home:home"))
    assert reverse("accounts:login") in page.url  # home now asks to log in again


def switch_language(page: Page, code: str) -> None:
    page.locator("#language-select").select_option(code)
    with page.expect_navigation():
        page.locator("form.language-switch button[type=submit]").click()


def test_the_language_switch_goes_from_dutch_to_english_and_back(page, login, world):
    logged_in_home(page, login, world.teacher)
    html = page.locator("html")
    log_out = page.locator("header .account button[type=submit]")
    expect(html).to_have_attribute("lang", "nl-be")
    expect(log_out).to_have_text(nl("Log out"))
    expect(page.locator("#language-select")).to_have_value("nl-be")

    switch_language(page, "en")
    assert page.url.endswith(reverse("home:home"))  # back on the same page
    expect(html).to_have_attribute("lang", "en")
    expect(log_out).to_have_text(en("Log out"))
    expect(log_out).to_have_text("Log out")
    expect(page.get_by_role("navigation").get_by_role("link", name="Home")).to_be_visible()
    expect(page.locator("#language-select")).to_have_value("en")
    expect(page.locator("section[data-role=teacher] h2")).to_have_text(world.klub.name)

    # The choice sticks on the next page.
    page.goto(reverse("home:klub_detail", kwargs={"pk": world.klub.pk}))
    expect(html).to_have_attribute("lang", "en")

    switch_language(page, "nl-be")
    expect(html).to_have_attribute("lang", "nl-be")
    expect(log_out).to_have_text(nl("Log out"))
    expect(page.locator("main h1")).to_have_text(world.klub.name)


def test_a_language_chosen_on_the_login_page_holds_after_logging_in(page, login, world, password):
    page.goto(reverse("accounts:login"))
    expect(page.locator("html")).to_have_attribute("lang", "nl-be")
    switch_language(page, "en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")

    page.fill("input[name=username]", world.coach.email)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("form:has(input[name=password]) button[type=submit]")
    assert page.url.endswith(reverse("home:home"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    expect(page.get_by_role("link", name="Invite teachers")).to_be_visible()
