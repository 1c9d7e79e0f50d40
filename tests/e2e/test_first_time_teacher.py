"""A first-time teacher, from the invitation to their first upload, guided by the home page.

Each step starts on the home page and follows the one button it offers: the guided start,
then the cycle's next step, then the upload. The page answers "what do I do now?" each time.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible
from videoklub.accounts import services as account_services
from videoklub.accounts.models import User
from videoklub.cycles.models import Cycle, Phase
from videoklub.media.synth import make_video
from videoklub.organisations.models import Role
from videoklub.recordings.models import Recording

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
PROCESSING_TIMEOUT_MS = 60_000


def home_button(page, name: str):
    """The one primary button of the home page's "What now?" block."""
    page.goto(reverse("home:home"))
    block = page.locator("[data-today=teacher]")
    expect(block).to_be_visible()
    return block.get_by_role("link", name=name).first


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_from_the_invitation_to_the_first_upload(
    new_context, world, reference_data, tmp_path, viewport
):
    invitation = account_services.invitation_create(
        invited_by=world.coach, email="nieuw@school.test", role=Role.TEACHER, klub=world.klub
    )
    page = new_context(viewport=viewport).new_page()
    page.goto(reverse("accounts:invitation", args=[account_services.invitation_token(invitation)]))
    page.fill("input[name=full_name]", "Nele Nieuw")
    page.fill("input[name=password1]", "een-sterk-wachtwoord-7")
    page.fill("input[name=password2]", "een-sterk-wachtwoord-7")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    teacher = User.objects.get(email="nieuw@school.test")

    # 1. Home, the first time: what a cycle is, film yourself first, the consent list.
    block = page.locator("[data-today=teacher]")
    expect(block).to_contain_text("Film jezelf eerst")
    expect(block.get_by_role("link", name="Voor het filmen")).to_be_visible()
    assert_accessible(page)
    block.get_by_role("link", name="Start je eerste cyclus").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Cyclus starten").click()
    cycle = Cycle.objects.get(teacher=teacher)

    # 2. Home now names the cycle's next step: the learning question, then filming.
    button = home_button(page, "Schrijf je leervraag")
    expect(button).to_be_visible()
    Cycle.objects.filter(pk=cycle.pk).update(phase=Phase.FILM)  # question written (tested apart)
    button = home_button(page, "Film een les")
    button.click()

    # 3. The upload, filed under the cycle; the cycle moves on to analysing by itself.
    video = make_video(tmp_path / "eerste-les.mp4", seconds=4, width=320, height=180)
    page.set_input_files("#upload-file", str(video))
    with page.expect_navigation(url="**/opnames/*/", timeout=PROCESSING_TIMEOUT_MS):
        page.click("#upload-start")
    recording = Recording.objects.get(owner=teacher)
    assert recording.cycle_id == cycle.pk
    cycle.refresh_from_db()
    assert cycle.phase == Phase.ANALYSE

    # 4. Home again: the next step is the analysis of that recording.
    button = home_button(page, "Duid fragmenten aan en maak aantekeningen")
    expect(button).to_have_attribute("href", reverse("recordings:detail", args=[recording.uuid]))
    assert_accessible(page)
