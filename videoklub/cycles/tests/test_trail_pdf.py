"""The learning trail's PDF is the teacher's portfolio: the GRROW answers, the observations with
their scores and the klub's feedback about this teacher, and nothing of a colleague's."""

import io
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from videoklub.cycles import services as cycle_services
from videoklub.cycles.models import LearningQuestion
from videoklub.cycles.portfolio import learning_trail_portfolio
from videoklub.meetings import services as meeting_services
from videoklub.observations import services as observation_services
from videoklub.observations.models import Framework
from videoklub.testing.factories import CycleFactory, FragmentFactory, RecordingFactory


def _pdf_text(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("cycles:trail_pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    return " ".join(text.split())


def _session(world, title, *, days_from_now=0):
    starts_at = timezone.now() + timedelta(days=days_from_now)
    return meeting_services.meeting_create(
        klub=world.klub,
        created_by=world.coach,
        title=title,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=1),
    )


def _observe(world, cycle, owner, notes=""):
    version = Framework.objects.get(code="groeigerichte-feedback").versions.get()
    indicator = version.indicators.order_by("domain__order", "order").first()
    level = version.scale_levels.order_by("-value").first()
    recording = RecordingFactory(owner=owner, klub=world.klub, cycle=cycle)
    observation_services.observation_create(
        fragment=FragmentFactory(recording=recording, title=f"Fragment van {owner.full_name}"),
        version=version,
        observer=world.coach,
        notes=notes,
        scores={indicator.pk: (level.value, "Duidelijk feed-up gegeven")},
    )
    return indicator, level


def test_the_pdf_holds_the_grrow_answers(client, world):
    cycle = CycleFactory(teacher=world.teacher, klub=world.klub)
    cycle_services.learning_question_update(
        cycle=cycle,
        reality="Ik zeg vaak alleen 'goed zo'.",
        resources="Het boek van Hattie en mijn duo-collega.",
        options="Feedbackkaartjes of een exit ticket.",
        way_forward="Volgende week elke les drie procesvragen stellen.",
    )
    text = _pdf_text(client, world.teacher)
    for label in ("Goal", "Reality", "Resources", "Options", "Way forward"):
        assert label in text
    assert "Mijn leerlingen krijgen feedback waarmee ze verder kunnen." in text
    assert "Het boek van Hattie en mijn duo-collega." in text
    assert "Volgende week elke les drie procesvragen stellen." in text


def test_the_pdf_holds_the_observation_scores(client, world):
    cycle = CycleFactory(teacher=world.teacher, klub=world.klub)
    indicator, level = _observe(world, cycle, world.teacher, notes="Sterke start van de les")
    text = _pdf_text(client, world.teacher)
    assert "Observations" in text
    assert " ".join(indicator.text.split()) in text
    assert f"{level.value} – {level.label}" in text
    assert "Duidelijk feed-up gegeven" in text
    assert "Sterke start van de les" in text


def test_the_pdf_holds_the_klub_feedback_about_me(client, world):
    cycle = CycleFactory(teacher=world.teacher, klub=world.klub)
    cycle_services.question_comment_create(
        cycle=cycle, author=world.coach, body="Maak je vraag nog wat concreter."
    )
    session = _session(world, "Derde klubbijeenkomst")
    meeting_services.teacher_note_add(
        meeting=session, teacher=world.teacher, author=world.coach, body="Sterke denktijd"
    )
    meeting_services.meeting_agree_action(
        meeting=session,
        teacher=world.teacher,
        created_by=world.coach,
        description="Wisbordjes gebruiken",
        success_criterion="Elke leerling antwoordt",
    )
    text = _pdf_text(client, world.teacher)
    assert "Feedback from the klub" in text
    assert "Maak je vraag nog wat concreter." in text
    assert "Klub session “Derde klubbijeenkomst”" in text
    assert "Sterke denktijd" in text
    assert "Agreed action Wisbordjes gebruiken" in text


def test_the_pdf_holds_nothing_of_a_colleagues_work(client, world):
    mine = CycleFactory(teacher=world.teacher, klub=world.klub)
    theirs = CycleFactory(teacher=world.colleague, klub=world.klub)
    LearningQuestion.objects.filter(cycle=theirs).update(
        question="Hoe laat ik mijn kleuters zelfstandig werken?", goal="Zelfstandige kleuters"
    )
    cycle_services.question_comment_create(
        cycle=theirs, author=world.coach, body="Opmerking voor Jens"
    )
    _observe(world, theirs, world.colleague, notes="Observatie van Jens")
    session = _session(world, "Gedeelde bijeenkomst")
    session.notes = "Algemene notities van de hele klub"
    session.save(update_fields=["notes"])
    meeting_services.teacher_note_add(
        meeting=session, teacher=world.colleague, author=world.coach, body="Notitie over Jens"
    )
    meeting_services.teacher_note_add(
        meeting=session, teacher=world.teacher, author=world.coach, body="Notitie over mij"
    )
    meeting_services.meeting_agree_action(
        meeting=session,
        teacher=world.colleague,
        created_by=world.coach,
        description="Actie van Jens",
        success_criterion="Jens weet het",
    )
    text = _pdf_text(client, world.teacher)
    assert mine.learning_question.question in text
    assert "Notitie over mij" in text
    for private in (
        "Hoe laat ik mijn kleuters zelfstandig werken?",
        "Zelfstandige kleuters",
        "Opmerking voor Jens",
        "Fragment van Jens",
        "Observatie van Jens",
        "Algemene notities van de hele klub",
        "Notitie over Jens",
        "Actie van Jens",
    ):
        assert private not in text


def test_a_cycle_without_a_question_says_so_under_its_own_heading(client, world):
    cycle = CycleFactory(teacher=world.teacher, klub=world.klub, learning_question=None)
    text = _pdf_text(client, world.teacher)
    assert f"Cycle {cycle.number} · {world.klub.name}" in text
    assert "Learning question No learning question yet." in text
    # The cycle's start is one line of the timeline, not a "learning question" entry.
    assert "Learning question Cycle started" not in text
    assert "Cycle started" in text


def test_session_notes_go_to_the_cycle_of_their_time(world, django_assert_max_num_queries):
    first = CycleFactory(teacher=world.teacher, klub=world.klub)
    second = CycleFactory(teacher=world.teacher, klub=world.klub, previous=first)
    first.created_at = timezone.now() - timedelta(days=60)
    first.save(update_fields=["created_at"])
    early = _session(world, "Toen", days_from_now=-30)
    late = _session(world, "Nu", days_from_now=1)
    for session in (early, late):
        meeting_services.teacher_note_add(
            meeting=session, teacher=world.teacher, author=world.coach, body=session.title
        )
    with django_assert_max_num_queries(14):
        portfolio = learning_trail_portfolio(world.teacher)
    sessions = {s.cycle: [f.title for f in s.sessions] for s in portfolio.sections}
    assert sessions == {first: ["Toen"], second: ["Nu"]}
    assert portfolio.other_sessions == []
