"""A coach invites a teacher; the teacher follows the e-mailed link and creates an account."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import Page, expect

from videoklub.accounts.models import Invitation, User
from videoklub.organisations.models import Membership, Role

pytestmark = pytest.mark.browser

NEW_TEACHER = "nieuwe.leraar@school.test"
NEW_PASSWORD = "een-sterk-wachtwoord-7"


@pytest.fixture(autouse=True)
def links_point_to_the_live_server(settings, live_server):
    # Mailed links are built from SITE_URL, as no request is at hand in the background task.
    settings.SITE_URL = live_server.url


def open_invite_page(page: Page, login, world) -> None:
    login(page, world.coach)
    page.goto(reverse("home:klub_invite", kwargs={"pk": world.klub.pk}))
    # Remember this document: a full page load would forget the mark.
    page.evaluate("window.videoklubSamePage = true")


def still_the_same_page(page: Page) -> bool:
    return page.evaluate("window.videoklubSamePage === true")


def send_invitation(page: Page, email: str, name: str = "") -> None:
    panel = page.locator("#invite-panel")
    panel.locator("input[name=email]").fill(email)
    panel.locator("input[name=full_name]").fill(name)
    with page.expect_response(
        lambda r: r.request.method == "POST" and r.request.headers.get("hx-request") == "true"
    ) as answer:
        panel.locator("button[type=submit]").click()
    assert answer.value.status == 200


def test_a_coach_invites_a_teacher_who_registers_through_the_mailed_link(
    page, login, world, new_context, live_server
):
    open_invite_page(page, login, world)
    invitations = page.locator("#invitation-list")
    expect(invitations).not_to_contain_text(NEW_TEACHER)

    send_invitation(page, NEW_TEACHER, "Nieuwe Leraar")

    # htmx swapped the panel in place: the invitation is listed, the page was not reloaded.
    expect(invitations).to_contain_text(NEW_TEACHER)
    expect(invitations).to_contain_text("Nieuwe Leraar")
    expect(page.locator("#invite-panel [role=status]")).to_contain_text(NEW_TEACHER)
    expect(page.locator("#invite-panel input[name=email]")).to_have_value("")  # ready for more
    assert still_the_same_page(page)

    # The e-mail went out at once (TASK_BACKEND=immediate) from the live server's thread.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [NEW_TEACHER]
    assert world.klub.name in message.subject
    prefix = live_server.url + reverse("accounts:invitation", kwargs={"token": "T"})[: -len("T/")]
    found = re.search(re.escape(prefix) + r"[^/\s]+/", message.body)
    assert found, f"no invitation link in the mail:\n{message.body}"
    link = found.group(0)

    # The invited teacher opens the link in a browser of their own.
    teacher = new_context().new_page()
    response = teacher.goto(link)
    assert response is not None and response.status == 200
    expect(teacher.locator("html")).to_have_attribute("lang", "nl-be")
    expect(teacher.locator("main")).to_contain_text(NEW_TEACHER)
    expect(teacher.locator("main")).to_contain_text(world.klub.name)
    expect(teacher.locator("input[name=full_name]")).to_have_value("Nieuwe Leraar")
    teacher.locator("input[name=full_name]").fill("Nieuwe Leraar Peeters")
    teacher.locator("input[name=password1]").fill(NEW_PASSWORD)
    teacher.locator("input[name=password2]").fill(NEW_PASSWORD)
    with teacher.expect_navigation():
        teacher.locator("main form button[type=submit]").click()

    # Logged in on the home page, in the klub.
    assert teacher.url.endswith(reverse("home:home")), teacher.url
    expect(teacher.locator(".messages[role=status]")).to_be_visible()
    expect(teacher.locator("main h1")).to_contain_text("Nieuwe")
    card = teacher.locator("section[data-role=teacher]")
    expect(card.get_by_role("heading", level=2)).to_have_text(world.klub.name)
    expect(card.locator(".members")).to_contain_text(world.teacher.full_name)
    expect(teacher.locator("header .account")).to_be_visible()

    user = User.objects.get(email=NEW_TEACHER)
    assert user.full_name == "Nieuwe Leraar Peeters"
    assert Membership.objects.filter(user=user, role=Role.TEACHER, klub=world.klub).exists()
    assert Invitation.objects.get(email=NEW_TEACHER).accepted_by == user

    # The link works once: opening it again says it has been used.
    again = teacher.goto(link)
    assert again is not None and again.status == 410
    expect(teacher.get_by_role("alert")).to_be_visible()
    expect(teacher.locator("input[name=password1]")).to_have_count(0)
    # ... also for anyone else who gets hold of it.
    stranger = new_context().new_page()
    again = stranger.goto(link)
    assert again is not None and again.status == 410
    expect(stranger.get_by_role("alert")).to_be_visible()

    # The coach's list of open invitations no longer shows it.
    page.reload()
    expect(page.locator("#invitation-list")).not_to_contain_text(NEW_TEACHER)


def test_an_invalid_address_is_refused_in_place(page, login, world):
    open_invite_page(page, login, world)
    send_invitation(page, "not-an-address")
    email = page.locator("#invite-panel input[name=email]")
    expect(page.locator("#invite-panel .errors[role=alert]")).to_be_visible()
    expect(email).to_have_value("not-an-address")
    expect(page.locator("#invitation-list")).not_to_contain_text("not-an-address")
    assert still_the_same_page(page)
    assert mail.outbox == []
    assert not Invitation.objects.exists()


def test_a_teacher_cannot_open_the_invite_page(page, login, world):
    login(page, world.teacher)
    response = page.goto(reverse("home:klub_invite", kwargs={"pk": world.klub.pk}))
    assert response is not None and response.status in (403, 404)
    expect(page.locator("#invite-panel")).to_have_count(0)
