"""Sign in with the school's account in a real Chromium: our login page, the provider's login and
consent pages (django-oauth-toolkit in its own process), and back into VideoKLuB."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.oidc_provider.server import PASSWORD, USERNAME
from videoklub.accounts.models import User
from videoklub.accounts.school_login import Refusal
from videoklub.organisations.models import Membership

pytestmark = pytest.mark.browser
LABEL = "Aanmelden met je schoolaccount"


@pytest.fixture
def school_provider(oidc_provider, live_server, settings):
    oidc_provider.add_redirect_uri(live_server.url + reverse("accounts:school_login_callback"))
    settings.OIDC_PROVIDERS = oidc_provider.settings(button_label=LABEL)
    return oidc_provider


def sign_in_at_the_school(page: Page) -> None:
    page.goto(reverse("accounts:login"))
    page.get_by_role("link", name=LABEL).click()
    # The provider's own pages, on another origin.
    page.fill("input[name=username]", USERNAME)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Authorize").click()


def test_a_teacher_signs_in_with_the_school_account(page, school_provider, live_server, world):
    school_provider.set_claims(email=world.teacher.email, email_verified=True)
    sign_in_at_the_school(page)
    expect(page).to_have_url(live_server.url + reverse("home:home"))
    expect(page.locator("main h1")).to_contain_text(world.teacher.get_short_name())
    expect(page.locator("section[data-role=teacher]")).to_have_count(1)


def test_an_unknown_address_comes_back_to_the_login_page_with_a_message(
    page, school_provider, live_server, world
):
    users, memberships = User.objects.count(), Membership.objects.count()
    school_provider.set_claims(email="nieuw@school.test", email_verified=True)
    sign_in_at_the_school(page)
    expect(page).to_have_url(live_server.url + reverse("accounts:login"))
    expect(page.locator(".messages")).to_contain_text("Er is geen VideoKLuB-account voor")
    expect(page.locator(".messages")).to_contain_text(Refusal.UNKNOWN.message("nieuw@school.test"))
    expect(page.get_by_role("link", name=LABEL)).to_be_visible()
    assert (User.objects.count(), Membership.objects.count()) == (users, memberships)
