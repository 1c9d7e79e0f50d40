"""Intervision in a real Chromium (issue 14): project staff make a round and a group of three
coaches of different schools; one coach brings a case with a fragment of a klub session she
filmed (its pupils consent to reuse in training); the two others open session mode, step through
the incident method, write a note and leave their advice; the case owner finds it and marks what
she will try. Every page passes axe at 1280 and 375 px, does not scroll sideways on a phone and
logs no console or script error.

The pages are read by their structure (names, ids), not their wording: the Dutch of this app is
compiled on merge."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.e2e.axe import assert_accessible
from tests.e2e.work import processed_recording
from videoklub.audit.models import AuditEvent
from videoklub.consent.models import ClassGroup, Consent, Pupil
from videoklub.intervision.methods import method_by_slug
from videoklub.intervision.models import Advice, Case, Group, Round
from videoklub.intervision.tests.conftest import coach_at
from videoklub.recordings.models import Fragment
from videoklub.recordings.tasks import export_fragment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 375, "height": 740}, "has_touch": True, "is_mobile": True}
METHOD = "incidentmethode"
QUESTION = "Hoe help ik een leraar om zelf weer een fragment te kiezen?"


def coach_fragment(world, video_dir) -> Fragment:
    """A real, processed klub session the world's coach filmed, its pupils consenting to reuse
    in training, and a fragment of it with its cut exported."""
    group = ClassGroup.objects.create(school=world.school, name="5A", school_year="2026-2027")
    for code in ("L1", "L2"):
        pupil = Pupil.objects.create(class_group=group, code=code)
        Consent.objects.create(
            pupil=pupil, purpose="training", given_by="parent", given_on="2026-09-01"
        )
    recording = processed_recording(
        video_dir,
        filename="klub.mp4",
        seconds=6,
        owner=world.coach,
        klub=world.klub,
        class_group=group,
        title="Klubsessie oktober",
    )
    fragment = Fragment.objects.create(
        recording=recording,
        created_by=world.coach,
        title="Nabespreking met de leraar",
        start=1,
        end=5,
        export_status=Fragment.ExportStatus.QUEUED,
    )
    export_fragment.enqueue(fragment.pk)
    fragment.refresh_from_db()
    assert fragment.export_status == Fragment.ExportStatus.READY, fragment.export_error
    return fragment


class Visitor:
    """A logged-in browser page that keeps every console error and uncaught script error."""

    def __init__(self, new_context, authenticate, user, **options):
        context = new_context(**options)
        authenticate(context, user)
        self.page: Page = context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def check(self) -> None:
        """axe (serious and critical), no sideways scrolling, nothing in the console."""
        page = self.page
        page.wait_for_load_state("load")
        assert_accessible(page)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{page.url} scrolls sideways by {overflow} px"
        assert not self.errors, f"{page.url}: {self.errors}"

    def submit(self, form: str) -> None:
        with self.page.expect_navigation():
            self.page.locator(f"{form} button[type=submit]").first.click()


def test_a_case_goes_from_staff_to_group_to_advice(new_context, authenticate, world, tmp_path):
    second = coach_at(world.programme, name="Griet Claes")
    third = coach_at(world.programme, name="Karim El Amrani")
    fragment = coach_fragment(world, tmp_path)
    today = timezone.localdate()

    # --- Project staff: a round, then a group of the three coaches. ------------------------
    staff = Visitor(new_context, authenticate, world.project_staff)
    page = staff.page
    page.goto(reverse("intervision:index"))
    staff.check()
    with page.expect_navigation():
        page.locator(
            f"main a[href='{reverse('intervision:round_create', args=[world.programme.pk])}']"
        ).click()
    page.fill("input[name=title]", "Intervisieronde najaar")
    page.fill("input[name=starts_on]", (today - timedelta(days=1)).isoformat())
    page.fill("input[name=ends_on]", today.isoformat())  # ends before it starts: refused
    page.fill("input[name=starts_on]", (today + timedelta(days=1)).isoformat())
    staff.submit("main form")
    expect(page.locator("main [role=alert]").first).to_be_visible()
    expect(page.locator("input[name=title]")).to_have_value("Intervisieronde najaar")
    staff.check()
    page.fill("input[name=starts_on]", (today - timedelta(days=1)).isoformat())
    page.fill("input[name=ends_on]", (today + timedelta(days=20)).isoformat())
    staff.submit("main form")
    round_ = Round.objects.get(title="Intervisieronde najaar")
    expect(page).to_have_url(re.compile(re.escape(reverse("intervision:round", args=[round_.pk]))))
    staff.check()
    for coach in (world.coach, second, third):
        page.check(f"input[name=members][value='{coach.pk}']")
    page.fill("input[name=name]", "Groep Noord")
    staff.submit(f"form[action='{reverse('intervision:group_create', args=[round_.pk])}']")
    group = Group.objects.get(round=round_)
    assert {m.user_id for m in group.members.all()} == {world.coach.pk, second.pk, third.pk}
    expect(page.locator("main .groups")).to_contain_text("Groep Noord")
    staff.check()

    # --- The coach brings a case with her fragment. ----------------------------------------
    owner = Visitor(new_context, authenticate, world.coach)
    page = owner.page
    page.goto(reverse("intervision:index"))
    with page.expect_navigation():
        page.locator(f"main a[href='{reverse('intervision:group', args=[group.pk])}']").click()
    owner.check()
    with page.expect_navigation():
        page.locator(
            f"main a[href='{reverse('intervision:case_create', args=[group.pk])}']"
        ).click()
    owner.check()
    page.fill("input[name=title]", "De leraar kiest niet meer zelf")
    page.fill("textarea[name=question]", QUESTION)
    page.fill("textarea[name=context]", "Sinds een kritische klubsessie vraagt ze mij te kiezen.")
    page.select_option("select[name=fragment]", str(fragment.pk))
    owner.submit("main form")
    case = Case.objects.get(group=group)
    assert case.fragment == fragment and case.share is not None
    expect(page.locator("main")).to_contain_text(QUESTION)
    expect(page.locator("main video")).to_be_attached()
    owner.check()

    # --- A coach of another school opens session mode and steps through the method. --------
    method = method_by_slug(METHOD)
    assert method is not None
    guest = Visitor(new_context, authenticate, second)
    page = guest.page
    page.goto(reverse("intervision:case", args=[case.pk]))
    expect(page.locator("main video")).to_be_attached()  # the group's share lets her watch
    assert AuditEvent.objects.filter(
        actor=second, item_type="fragment", item_id=str(fragment.pk), action="view"
    ).exists()  # in the owner's log
    guest.check()
    with page.expect_navigation():
        page.locator(f"main a[href='{reverse('intervision:session', args=[case.pk])}']").click()
    guest.check()
    page.check(f"input[name=method][value={METHOD}]")
    guest.submit(f"form[action='{reverse('intervision:session_start', args=[case.pk])}']")
    expect(page.locator("#step-heading")).to_contain_text(method.steps[0].name)
    guest.check()
    for step in method.steps[1:]:
        with page.expect_navigation():
            page.locator("main a[rel=next]").click()
        expect(page.locator("#step-heading")).to_contain_text(step.name)
        if step.number == 2:
            page.fill("textarea[name=body]", "Wat zei de leraar net voor ze het vroeg?")
            guest.submit(f"form[action='{reverse('intervision:session_note', args=[case.pk])}']")
            expect(page.locator("main")).to_contain_text("Wat zei de leraar net voor")
            expect(page.locator("#step-heading")).to_contain_text(step.name)
    expect(page.locator("main a[rel=next]")).to_have_count(0)
    panel = page.locator(f"#member-{second.pk}")
    panel.locator("textarea").fill("Laat haar drie momenten markeren en kies er samen één.")
    with page.expect_navigation():
        panel.locator("button[type=submit]").click()
    expect(page.locator(f"#member-{second.pk}")).to_contain_text("drie momenten markeren")
    guest.check()

    # --- The third coach joins the running session and gives advice too. ------------------
    other = Visitor(new_context, authenticate, third)
    page = other.page
    page.goto(reverse("intervision:session", args=[case.pk]))
    expect(page.locator("#step-heading")).to_contain_text(method.steps[0].name)
    panel = page.locator(f"#member-{third.pk}")
    panel.locator("textarea").fill("Vraag wat ze wél goed vond, en zoek dat moment samen op.")
    with page.expect_navigation():
        panel.locator("button[type=submit]").click()
    other.check()
    other.submit(f"form[action='{reverse('intervision:session_finish', args=[case.pk])}']")
    assert case.session.finished_at is not None  # type: ignore[union-attr]
    assert Advice.objects.filter(case=case).count() == 2

    # --- The owner finds the advice and marks what she will try. ---------------------------
    page = owner.page
    page.goto(reverse("intervision:case", args=[case.pk]))
    advice = page.locator("main .advice")
    expect(advice).to_contain_text("drie momenten markeren")
    expect(advice).to_contain_text("wél goed vond")
    owner.check()
    with page.expect_navigation():
        advice.locator("li", has_text="wél goed vond").locator("button[type=submit]").click()
    assert Advice.objects.get(case=case, member=third).will_try
    page.goto(reverse("intervision:my_advice"))
    expect(page.locator("main .advice")).to_contain_text("drie momenten markeren")
    owner.check()

    # --- The same pages on a phone. ---------------------------------------------------------
    phone_pages = [
        (world.project_staff, reverse("intervision:index")),
        (world.project_staff, reverse("intervision:round", args=[round_.pk])),
        (world.project_staff, reverse("intervision:round_create", args=[world.programme.pk])),
        (world.coach, reverse("intervision:index")),
        (world.coach, reverse("intervision:group", args=[group.pk])),
        (world.coach, reverse("intervision:case_create", args=[group.pk])),
        (world.coach, reverse("intervision:case", args=[case.pk])),
        (world.coach, reverse("intervision:my_advice")),
        (world.coach, reverse("intervision:methods")),
        (world.coach, reverse("intervision:method", args=[METHOD])),
        (second, reverse("intervision:session", args=[case.pk]) + "?stap=2"),
        (second, reverse("intervision:session", args=[case.pk]) + "?methode=1"),
    ]
    phones: dict[int, Visitor] = {}
    for user, address in phone_pages:
        if user.pk not in phones:
            phones[user.pk] = Visitor(new_context, authenticate, user, **PHONE)
        visitor = phones[user.pk]
        visitor.page.goto(address)
        visitor.check()
