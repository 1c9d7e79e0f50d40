"""An e-course, told once end to end in a real Chromium (issue 12).

A teacher goes from the cycle on their learning question to an e-course on its core practice,
answers a multiple-choice question and sees its feedback, answers an open one and sees the model
answer, writes a reflection and finds it in the learning trail, finishes, downloads the
certificate and gives feedback. Project staff then read that feedback without the teacher's name
and download it as CSV.
"""

import csv
import io

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from videoklub.courses.models import Enrolment, FeedbackResponse
from videoklub.courses.tests.helpers import make_course
from videoklub.cycles.models import CorePractice
from videoklub.cycles.services import cycle_start

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REFLECTION = "Ik zeg te vaak 'goed zo'. Ik ga zeggen wat goed is en wat de volgende stap is."
WISH = "Meer voorbeelden uit de kleuterklas."


def next_step(page: Page) -> None:
    with page.expect_navigation():
        page.locator("main .course-nav").get_by_role("button", name="Volgende").or_(
            page.locator("main .course-nav").get_by_role("link", name="Volgende")
        ).click()


def test_a_teacher_takes_a_course_from_their_cycle_and_staff_read_the_feedback(
    new_context, login, world, reference_data
):
    practice = CorePractice.objects.get(code="growth-oriented-feedback")
    course = make_course(core_practice=practice, modules=1)
    cycle = cycle_start(teacher=world.teacher, klub=world.klub, core_practice=practice)
    page = new_context().new_page()
    login(page, world.teacher)

    # --- From the cycle to the course: the kennisbank on its core practice, then its courses.
    page.goto(reverse("cycles:detail", args=[cycle.pk]))
    with page.expect_navigation():
        page.get_by_role("link", name="Lees erover in de kennisbank").click()
    with page.expect_navigation():
        page.get_by_role("link", name="E-cursussen over deze kernpraktijk").click()
    with page.expect_navigation():
        page.get_by_role("link", name=course.title).click()
    with page.expect_navigation():
        # A klub member chooses: on her own (ticked here) or with her klub (team mode).
        page.locator("#course-team-form input[value='']").check()
        page.get_by_role("button", name="Start de cursus").click()

    # --- A text step, then a multiple-choice question: no choice is a Dutch error. ------------
    expect(page.locator("main h1")).to_have_text("Lezen 1")
    next_step(page)
    expect(page.locator("main h1")).to_have_text("Meerkeuze 1")
    page.get_by_role("button", name="Bewaar mijn antwoord").click()
    expect(page.get_by_role("alert")).to_contain_text("Kies een van de antwoorden.")
    page.get_by_label("De stand").check()
    page.get_by_role("button", name="Bewaar mijn antwoord").click()
    expect(page.locator(".course-feedback")).to_contain_text("Niet helemaal. Dat is feedback.")
    page.get_by_label("Het doel").check()
    page.get_by_role("button", name="Bewaar mijn gewijzigde antwoord").click()
    expect(page.locator(".course-feedback")).to_contain_text("Juist. Juist: het doel.")
    next_step(page)

    # --- An open question shows the model answer once answered. ---------------------------
    expect(page.locator("main h1")).to_have_text("Open vraag 1")
    page.locator("main textarea").fill("Ik noem het doel van de les.")
    page.get_by_role("button", name="Bewaar mijn antwoord").click()
    expect(page.locator(".course-feedback")).to_contain_text("Een voorbeeldantwoord")
    next_step(page)

    # --- The reflection goes into the learning trail; a cycle can start from it. ----------
    expect(page.locator("main h1")).to_have_text("Reflectie 1")
    page.locator("main textarea").fill(REFLECTION)
    page.get_by_role("button", name="Bewaar mijn antwoord").click()
    expect(page.locator(".course-feedback")).to_contain_text("Alleen jij ziet ze.")
    expect(page.get_by_role("link", name="Start een cyclus over")).to_be_visible()
    next_step(page)

    expect(page.locator("main h1")).to_have_text("Klubgesprek 1")
    with page.expect_navigation():
        page.locator("main .course-nav").get_by_role("button", name="Afronden").click()

    # --- Completed: the certificate names the course; feedback once. ------------------------
    expect(page.locator("main")).to_contain_text("Je rondde deze cursus af op")
    assert Enrolment.objects.get(user=world.teacher, course=course).completed_at is not None
    with page.expect_download() as download:
        page.get_by_role("link", name="Download je getuigschrift (pdf)").click()
    pdf = PdfReader(download.value.path())
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert course.title in text
    assert world.teacher.full_name in text

    with page.expect_navigation():
        page.get_by_role("link", name="Geef feedback op deze cursus").click()
    page.locator("main input[type=radio][value='4']").first.check()
    page.locator("main textarea").fill(WISH)
    with page.expect_navigation():
        page.get_by_role("button", name="Verstuur mijn feedback").click()
    expect(page.locator("main")).to_contain_text("Bedankt voor je feedback.")
    assert FeedbackResponse.objects.filter(course=course).count() == 1

    trail = new_context().new_page()
    login(trail, world.teacher)
    trail.goto(reverse("cycles:trail"))
    expect(trail.locator("main")).to_contain_text(REFLECTION)

    # --- Project staff read all feedback of the course, without names, and export it. -------
    staff = new_context().new_page()
    login(staff, world.project_staff)
    staff.goto(reverse("courses:detail", args=[course.slug]))
    with staff.expect_navigation():
        staff.get_by_role("link", name="Alle feedback op deze cursus").click()
    overview = staff.locator("main")
    expect(overview).to_contain_text(WISH)
    expect(overview).to_contain_text("1 cursist gaf feedback.")
    expect(overview).not_to_contain_text(world.teacher.full_name)
    with staff.expect_download() as download:
        staff.get_by_role("link", name="Download als csv").click()
    rows = list(csv.reader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig"))))
    assert any(WISH in cell for row in rows for cell in row)
    assert not any(world.teacher.full_name in cell for row in rows for cell in row)
