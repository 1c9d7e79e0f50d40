"""The video development cycle, told once end to end in a real Chromium.

A teacher shapes a learning question with GRROW, films (uploads) a lesson for it, marks a
fragment with the keyboard, annotates it against a kijkwijzer indicator and shares it with the
klub. The coach replies, puts the fragment on a session's agenda, runs session mode and agrees an
action with the teacher. The teacher observes the fragment with the kijkwijzer, writes a
reflection, starts the next cycle, sees the comparison, and exports the learning trail as a PDF.

Tasks run with the "immediate" backend (processing and the fragment file happen in the live
server's request thread). The shipped reference data (core practices, kijkwijzers, work forms)
is seeded here: the browser tests' transactional database starts empty.
"""

import io
import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from videoklub.cycles.models import Action, CorePractice, Cycle, Phase, Reflection
from videoklub.media.synth import make_video
from videoklub.meetings.models import AgendaItem, Meeting
from videoklub.observations import services as observation_services
from videoklub.observations.models import Annotation, Framework, Observation
from videoklub.recordings.models import Fragment, Recording
from videoklub.sharing.models import Share
from videoklub.testing.factories import FragmentFactory, RecordingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROCESSING_TIMEOUT_MS = 60_000
QUESTION = "Hoe geef ik mijn leerlingen denktijd, zodat iedereen een antwoord kan bedenken?"


def seek(page: Page, seconds: float) -> None:
    page.evaluate(
        """(seconds) => new Promise((resolve) => {
            const player = document.getElementById("player");
            player.addEventListener("seeked", resolve, { once: true });
            player.currentTime = seconds;
        })""",
        seconds,
    )


def wait_for_player(page: Page) -> None:
    page.locator("video#player").wait_for(state="visible", timeout=PROCESSING_TIMEOUT_MS)
    page.wait_for_function(
        "document.getElementById('player').readyState >= 1", timeout=PROCESSING_TIMEOUT_MS
    )


def test_a_whole_cycle_from_question_to_the_next_cycle(
    new_context, login, world, tmp_path, reference_data
):
    teacher_page = new_context().new_page()
    coach_page = new_context().new_page()
    high_expectations = CorePractice.objects.get(code="high-expectations")
    kijkwijzer = Framework.objects.get(core_practice=high_expectations, klub__isnull=True)

    # --- The teacher starts a cycle and shapes the learning question, step by step. ---------
    login(teacher_page, world.teacher)
    teacher_page.goto(reverse("cycles:start"))
    with teacher_page.expect_navigation():
        teacher_page.locator("main form button[type=submit]").click()
    cycle = Cycle.objects.get(teacher=world.teacher)
    answers = [
        "Alle leerlingen denken mee bij een klasgesprek.",
        "Ik stel een vraag en de snelste leerling antwoordt meteen.",
        "Het kennisdossier over wachttijd en mijn collega's.",
        "Wachttijd, beurtenstokjes, eerst in duo's overleggen.",
        "Volgende les tel ik tot vijf na elke vraag en film ik het.",
    ]
    for step, answer in enumerate(answers, start=1):
        teacher_page.wait_for_url(f"**{reverse('cycles:question', args=[cycle.pk, step])}")
        teacher_page.fill("textarea[name=text]", answer)
        with teacher_page.expect_navigation():
            teacher_page.click("button[name=next]")
    teacher_page.fill("#id_question", QUESTION)
    teacher_page.select_option("#id_core_practice", str(high_expectations.pk))
    for criterion in ("specific", "challenging", "feasible"):
        teacher_page.check(f"#id_{criterion}")
    with teacher_page.expect_navigation():
        teacher_page.click("button[name=next]")
    teacher_page.wait_for_url(f"**{reverse('cycles:detail', args=[cycle.pk])}")
    expect(teacher_page.locator("main")).to_contain_text(QUESTION)
    cycle.refresh_from_db()
    assert cycle.learning_question.goal == answers[0]
    assert cycle.learning_question.way_forward == answers[4]
    assert cycle.core_practice == high_expectations

    # --- She films: the upload from the cycle page lands in this cycle. ---------------------
    video = make_video(tmp_path / "klasgesprek.mp4", seconds=8, width=640, height=360)
    teacher_page.goto(reverse("recordings:list") + f"?cyclus={cycle.pk}")
    teacher_page.set_input_files("#upload-file", str(video))
    with teacher_page.expect_navigation(
        url="**" + reverse("recordings:list") + "*-*-*-*-*/", timeout=PROCESSING_TIMEOUT_MS
    ):
        teacher_page.click("#upload-start")
    wait_for_player(teacher_page)
    recording = Recording.objects.get(owner=world.teacher)
    assert recording.cycle == cycle and recording.status == Recording.Status.READY
    # The cycle follows the work: filed under it, the recording moved it on to analysing.
    cycle.refresh_from_db()
    assert cycle.phase == Phase.ANALYSE

    # --- She marks a fragment with the keyboard. ---------------------------------------------
    seek(teacher_page, 1)
    teacher_page.keyboard.press("i")
    seek(teacher_page, 5)
    teacher_page.keyboard.press("o")
    teacher_page.fill("#id_title", "Na mijn vraag")
    teacher_page.select_option("#id_reason", Fragment.Reason.LEARNING_QUESTION.value)
    teacher_page.locator("#fragments button[type=submit]").click()
    fragment_link = teacher_page.locator("#fragments li", has_text="Na mijn vraag")
    expect(fragment_link).to_be_visible()
    fragment = Fragment.objects.get(recording=recording)
    assert (fragment.start, fragment.end) == pytest.approx((1, 5), abs=0.05)

    # --- In the fragment's workspace she annotates a moment against an indicator (N). -------
    teacher_page.goto(reverse("analysis:fragment", args=[recording.uuid, fragment.pk]))
    wait_for_player(teacher_page)
    expect(teacher_page.locator("#kijkwijzer-select")).to_have_value(str(kijkwijzer.pk))
    seek(teacher_page, 3)
    teacher_page.evaluate("document.activeElement.blur()")  # the keys work outside fields
    teacher_page.keyboard.press("n")
    expect(teacher_page.locator("#id_body")).to_be_focused()
    expect(teacher_page.locator("#id_at")).to_have_value("0:03.0")
    teacher_page.fill("#id_body", "Hier wacht ik niet: Noor antwoordt meteen.")
    indicator_value = teacher_page.locator("#id_indicator option").nth(1).get_attribute("value")
    teacher_page.select_option("#id_indicator", indicator_value)
    teacher_page.locator("#annotation-form button[type=submit]").click()
    expect(teacher_page.locator("#annotation-list")).to_contain_text("Noor antwoordt meteen")
    annotation = Annotation.objects.get()
    assert annotation.fragment == fragment and annotation.at_seconds == pytest.approx(3)
    assert annotation.indicator.version.framework == kijkwijzer

    # --- She shares the fragment with the klub. -----------------------------------------------
    teacher_page.goto(reverse("sharing:fragment", args=[recording.uuid, fragment.pk]))
    teacher_page.check("input[name=audience][value=klub]")
    with teacher_page.expect_navigation():
        teacher_page.locator("main form:has(input[name=audience]) button[type=submit]").click()
    assert Share.objects.active().filter(fragment=fragment, audience="klub").exists()
    cycle.refresh_from_db()
    assert cycle.phase == Phase.DISCUSS
    fragment.refresh_from_db()
    assert fragment.export_status == Fragment.ExportStatus.READY  # the klub gets the cut only

    # --- The coach finds it, watches the cut and replies. ------------------------------------
    login(coach_page, world.coach)
    coach_page.goto(reverse("sharing:klub", args=[world.klub.pk]))
    with coach_page.expect_navigation():
        coach_page.click("text=Na mijn vraag")
    wait_for_player(coach_page)
    src = coach_page.evaluate("document.getElementById('player').currentSrc")
    assert src.endswith(reverse("recordings:fragment_video", args=[recording.uuid, fragment.pk]))
    thread = coach_page.locator(f"#annotation-{annotation.pk}")
    thread.locator("summary").click()
    thread.locator("textarea[name=body]").fill("Tel eens stil tot vijf, dan zie je meer handen.")
    thread.locator("form button[type=submit]").click()
    expect(coach_page.locator("#annotation-list")).to_contain_text("Tel eens stil tot vijf")
    assert Annotation.objects.get(parent=annotation).author == world.coach

    # The teacher's open workspace shows the reply without a reload (it polls).
    teacher_page.goto(reverse("analysis:fragment", args=[recording.uuid, fragment.pk]))
    expect(teacher_page.locator("#annotation-list")).to_contain_text("Tel eens stil tot vijf")

    # --- The coach plans a session with the fragment and runs session mode. ------------------
    coach_page.goto(reverse("meetings:create", args=[world.klub.pk]))
    coach_page.fill("#id_title", "Bijeenkomst 2: denktijd")
    coach_page.fill("#id_date", "2027-01-20")
    coach_page.fill("#id_start_time", "15:30")
    coach_page.fill("#id_end_time", "17:00")
    coach_page.fill("#id_place", "Leraarskamer")
    with coach_page.expect_navigation():
        coach_page.locator("main form button[type=submit]").click()
    meeting = Meeting.objects.get(klub=world.klub)
    coach_page.goto(reverse("meetings:detail", args=[meeting.pk]))
    coach_page.select_option("select[name=fragment]", str(fragment.pk))
    coach_page.locator("form.agenda-add button[type=submit]").click()
    expect(coach_page.locator("#agenda .agenda li", has_text="Na mijn vraag")).to_be_visible()
    assert AgendaItem.objects.get(meeting=meeting).fragment == fragment

    coach_page.goto(reverse("meetings:session", args=[meeting.pk]))
    expect(coach_page.locator("main")).to_contain_text("Noor antwoordt meteen")
    panel = coach_page.locator(f"#teacher-{world.teacher.pk}")
    panel.locator(
        "details", has=coach_page.locator(f"#id_action-{world.teacher.pk}-description")
    ).locator("summary").click()
    coach_page.fill(
        f"#id_action-{world.teacher.pk}-description", "Na elke vraag vijf tellen wachten."
    )
    coach_page.fill(
        f"#id_action-{world.teacher.pk}-success_criterion", "Minstens de helft steekt de hand op."
    )
    panel.locator("form:has(textarea[name$=description]) button[type=submit]").click()
    expect(coach_page.locator(f"#teacher-{world.teacher.pk}")).to_contain_text(
        "Na elke vraag vijf tellen wachten."
    )
    action = Action.objects.get(cycle=cycle)
    assert (action.meeting, action.created_by) == (meeting, world.coach)
    cycle.refresh_from_db()
    assert cycle.phase == Phase.ACT

    # --- The teacher observes the fragment with the kijkwijzer and reflects. ------------------
    teacher_page.goto(
        reverse("observations:observation_create", args=[recording.uuid, fragment.pk])
        + f"?kijkwijzer={kijkwijzer.pk}"
    )
    radios = teacher_page.locator("input[type=radio][value='2']")
    indicators = radios.count()
    for index in range(indicators):
        radios.nth(index).check()
    with teacher_page.expect_navigation():
        teacher_page.locator("main form[method=post] button[type=submit]").click()
    first_observation = Observation.objects.get(fragment=fragment)
    assert first_observation.scores.exclude(value=None).count() == indicators > 0

    teacher_page.goto(reverse("cycles:detail", args=[cycle.pk]))
    expect(teacher_page.locator("#actions")).to_contain_text("Na elke vraag vijf tellen wachten.")
    teacher_page.fill("#reflections textarea[name=body]", "Vijf tellen voelt lang, maar het werkt.")
    teacher_page.locator("#reflections form button[type=submit]").click()
    expect(teacher_page.locator("#reflections")).to_contain_text("Vijf tellen voelt lang")
    assert Reflection.objects.get(cycle=cycle).author == world.teacher
    teacher_page.reload()
    expect(teacher_page.locator(".phase-reason")).to_contain_text("Evalueren")
    cycle.refresh_from_db()
    assert cycle.phase == Phase.EVALUATE

    # --- The next cycle links to this one and compares the observations. -------------------
    for phase in (Phase.DISCUSS, Phase.ACT, Phase.EVALUATE, Phase.DONE):
        Cycle.objects.filter(pk=cycle.pk).update(phase=phase)
    teacher_page.goto(reverse("cycles:detail", args=[cycle.pk]))
    with teacher_page.expect_navigation():
        teacher_page.click(f"a[href^='{reverse('cycles:start')}']")
    with teacher_page.expect_navigation():
        teacher_page.locator("main form button[type=submit]").click()
    second = Cycle.objects.get(teacher=world.teacher, number=2)
    assert second.previous == cycle
    # Its lesson and observation, made the way the first ones were (tested above).
    Cycle.objects.filter(pk=second.pk).update(core_practice=high_expectations)
    later = FragmentFactory(
        recording=RecordingFactory(owner=world.teacher, klub=world.klub, cycle=second, duration=8),
        start=1,
        end=5,
    )
    version = first_observation.version
    observation_services.observation_create(
        fragment=later,
        version=version,
        observer=world.teacher,
        scores={score.indicator_id: (4, "") for score in first_observation.scores.all()},
    )
    teacher_page.goto(reverse("cycles:detail", args=[second.pk]))
    comparison = teacher_page.locator("#observations figure.comparison")
    expect(comparison).to_be_visible()
    first_indicator = first_observation.scores.first().indicator.text
    expect(comparison).to_contain_text(first_indicator)
    # Mean scores, previous cycle 2 and this one 4 (written 2,0 / 4,0 in Dutch).
    expect(comparison).to_contain_text(re.compile(r"2[,.]0"))
    expect(comparison).to_contain_text(re.compile(r"4[,.]0"))

    # --- The learning trail as a PDF for her portfolio. ---------------------------------------
    response = teacher_page.request.get(reverse("cycles:trail_pdf"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.body())).pages)
    assert QUESTION in " ".join(text.split())
