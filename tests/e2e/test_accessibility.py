"""axe-core finds no serious or critical accessibility problems, on desktop and phone widths."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible
from tests.e2e.work import klub_work
from videoklub.accounts import services
from videoklub.organisations.models import Role

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}


def invite_a_teacher(world):
    return services.invitation_create(
        invited_by=world.coach,
        email="nieuwe.leraar@school.test",
        full_name="Nieuwe Leraar",
        role=Role.TEACHER,
        klub=world.klub,
    )


def invitation_link(world) -> str:
    token = services.invitation_token(invite_a_teacher(world))
    return reverse("accounts:invitation", kwargs={"token": token})


def klub_page(name: str):
    """A klub page as its coach sees it, with an open invitation in the list."""

    def url(world) -> str:
        invite_a_teacher(world)
        return reverse(f"home:{name}", kwargs={"pk": world.klub.pk})

    return url


def programme_invite_with_an_open_invitation(world) -> str:
    services.invitation_create(
        invited_by=world.project_staff,
        email="nieuwe.coach@school.test",
        role=Role.COACH,
        klub=world.klub,
    )
    return reverse("home:programme_invite", kwargs={"pk": world.programme.pk})


def work_page(name, *args):
    def url(world):
        work = klub_work(world)
        kwargs = {
            "cycles:detail": lambda: [work["cycle"].pk],
            "cycles:question": lambda: [work["cycle"].pk, 6],
            "cycles:board": lambda: [world.klub.pk],
            "recordings:detail": lambda: [work["recording"].uuid],
            "analysis:fragment": lambda: [work["recording"].uuid, work["fragment"].pk],
            "sharing:fragment": lambda: [work["recording"].uuid, work["fragment"].pk],
            "sharing:klub": lambda: [world.klub.pk],
            "observations:observation_create": lambda: [
                work["recording"].uuid,
                work["fragment"].pk,
            ],
            "observations:framework_detail": lambda: [work["framework"].pk],
            "meetings:detail": lambda: [work["meeting"].pk],
            "meetings:session": lambda: [work["meeting"].pk],
            "meetings:list": lambda: [world.klub.pk],
        }
        query = f"?kijkwijzer={work['framework'].pk}" if name.startswith("observations:obs") else ""
        return reverse(name, args=kwargs[name]()) + query

    return url


# (who is logged in, where they look); `world` fills in the objects.
PAGES = {
    "login": (None, lambda w: reverse("accounts:login")),
    "password-reset": (None, lambda w: reverse("accounts:password_reset")),
    "invitation-registration": (None, invitation_link),
    "home-teacher": ("teacher", lambda w: reverse("home:home")),
    "home-coach": ("coach", lambda w: reverse("home:home")),
    "home-school-leader": ("school_leader", lambda w: reverse("home:home")),
    "home-project-staff": ("project_staff", lambda w: reverse("home:home")),
    "home-no-membership": ("no_membership", lambda w: reverse("home:home")),
    "klub-detail": ("coach", klub_page("klub_detail")),
    "klub-invite": ("coach", klub_page("klub_invite")),
    "school-detail": (
        "school_leader",
        lambda w: reverse("home:school_detail", kwargs={"pk": w.school.pk}),
    ),
    "programme-detail": (
        "project_staff",
        lambda w: reverse("home:programme_detail", kwargs={"pk": w.programme.pk}),
    ),
    "programme-invite": ("project_staff", programme_invite_with_an_open_invitation),
    "profile": ("teacher", lambda w: reverse("accounts:profile")),
    # The video development cycle.
    "cycle-detail": ("teacher", work_page("cycles:detail")),
    "learning-question": ("teacher", work_page("cycles:question")),
    "klub-board": ("coach", work_page("cycles:board")),
    "recording-workspace": ("teacher", work_page("recordings:detail")),
    "fragment-workspace": ("coach", work_page("analysis:fragment")),
    "fragment-sharing": ("teacher", work_page("sharing:fragment")),
    "klub-shared": ("coach", work_page("sharing:klub")),
    "observation-form": ("teacher", work_page("observations:observation_create")),
    "kijkwijzer": ("coach", work_page("observations:framework_detail")),
    "kijkwijzer-library": ("coach", lambda w: reverse("observations:framework_list")),
    "kijkwijzer-builder": ("coach", lambda w: reverse("observations:framework_create")),
    "sessions": ("teacher", work_page("meetings:list")),
    "session-detail": ("coach", work_page("meetings:detail")),
    "session-mode": ("coach", work_page("meetings:session")),
    "work-forms": ("coach", lambda w: reverse("meetings:workform_list")),
    "learning-trail": ("teacher", lambda w: reverse("cycles:trail")),
}
# The busiest layouts: the header with its navigation, forms side by side, a wide table.
PHONE_PAGES = [
    "login",
    "home-coach",
    "klub-invite",
    "programme-detail",
    "cycle-detail",
    "fragment-workspace",
    "session-mode",
    "observation-form",
]


def open_page(new_context, authenticate, world, name, viewport=None):
    role, url = PAGES[name]
    context = new_context(viewport=viewport)
    if role:
        authenticate(context, world.user(role))
    page = context.new_page()
    response = page.goto(url(world))
    assert response is not None, name
    assert response.status == 200, f"{name}: HTTP {response.status}"
    if role:  # really logged in, not sent to the login page (on a phone the menu is folded)
        expect(page.locator("header .account")).to_be_attached()
    return page


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_serious_accessibility_violations(
    name, new_context, authenticate, world, reference_data
):
    page = open_page(new_context, authenticate, world, name)
    assert_accessible(page)


@pytest.mark.parametrize("name", PHONE_PAGES)
def test_page_has_no_serious_accessibility_violations_on_a_phone(
    name, new_context, authenticate, world, reference_data
):
    page = open_page(new_context, authenticate, world, name, viewport=PHONE)
    assert_accessible(page)
    # Nothing wider than the screen: no sideways scrolling on a phone.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} is {overflow}px wider than a {PHONE['width']}px phone screen"


def test_the_english_interface_has_no_serious_accessibility_violations(
    new_context, authenticate, world
):
    page = open_page(new_context, authenticate, world, "home-coach")
    page.locator("#language-select").select_option("en")
    with page.expect_navigation():
        page.locator("form.language-switch button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(page)


def test_forms_showing_errors_have_no_serious_accessibility_violations(
    new_context, authenticate, world
):
    page = open_page(new_context, authenticate, world, "login")
    page.fill("input[name=username]", world.teacher.email)
    page.fill("input[name=password]", "not-the-password")
    with page.expect_navigation():
        page.click("form:has(input[name=password]) button[type=submit]")
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page)

    # The invite panel after htmx swapped in an invalid submission.
    page = open_page(new_context, authenticate, world, "klub-invite")
    page.fill("#invite-panel input[name=email]", "not-an-address")
    page.click("#invite-panel button[type=submit]")
    expect(page.locator("#invite-panel .errors[role=alert]")).to_be_visible()
    assert_accessible(page)

    # Registration with two different passwords.
    page = open_page(new_context, authenticate, world, "invitation-registration")
    page.fill("input[name=password1]", "een-sterk-wachtwoord-7")
    page.fill("input[name=password2]", "een-ander-wachtwoord-8")
    with page.expect_navigation():
        page.click("form:has(input[name=password1]) button[type=submit]")
    expect(page.locator(".errors[role=alert]")).to_be_visible()
    assert_accessible(page)


def test_on_a_phone_the_menu_folds_behind_a_button(new_context, authenticate, world):
    page = open_page(new_context, authenticate, world, "home-teacher", viewport=PHONE)
    toggle = page.get_by_role("button", name="Menu")
    navigation = page.get_by_role("navigation", name="Hoofdnavigatie")
    # Folded: the page starts near the top of the screen.
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(navigation).to_be_hidden()
    assert page.locator("header").bounding_box()["height"] < 80
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(navigation.get_by_role("link", name="Mijn cycli")).to_be_visible()
    assert_accessible(page)
    # Escape folds it again and leaves the focus on the button.
    page.keyboard.press("Escape")
    expect(navigation).to_be_hidden()
    expect(toggle).to_be_focused()


def test_on_a_desktop_the_menu_is_open_without_a_button(new_context, authenticate, world):
    page = open_page(new_context, authenticate, world, "home-teacher")
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    navigation = page.get_by_role("navigation", name="Hoofdnavigatie")
    expect(navigation.get_by_role("link", name="Mijn cycli")).to_be_visible()
