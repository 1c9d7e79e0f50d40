import io
from datetime import date

from django.urls import reverse
from pypdf import PdfReader

from videoklub.cycles.models import Action, CoachingVisit, Reflection
from videoklub.cycles.selectors import learning_trail
from videoklub.testing.factories import CycleFactory, FragmentFactory, RecordingFactory


def _fill(world):
    cycle = CycleFactory(teacher=world.teacher, klub=world.klub)
    recording = RecordingFactory(owner=world.teacher, cycle=cycle, title="Rekenles")
    FragmentFactory(recording=recording, title="Instructie begin")
    Action.objects.create(cycle=cycle, description="Denktijd geven", success_criterion="Handen")
    Reflection.objects.create(cycle=cycle, author=world.teacher, body="Het werkte beter")
    CoachingVisit.objects.create(
        coach=world.coach,
        teacher=world.teacher,
        klub=world.klub,
        kind=CoachingVisit.Kind.CO_TEACHING,
        visited_on=date.today(),
        goals="Samen lesgeven",
    )
    return cycle


def test_the_trail_holds_everything_in_date_order(world, django_assert_max_num_queries):
    cycle = _fill(world)
    with django_assert_max_num_queries(8):
        sections = learning_trail(world.teacher)
    assert [s.cycle for s in sections] == [cycle]
    entries = sections[0].entries
    kinds = {e.kind for e in entries}
    assert kinds == {"question", "recording", "fragment", "action", "reflection", "visit"}
    assert entries[0].kind == "question"
    assert [e.at for e in entries] == sorted(e.at for e in entries)


def test_the_trail_page_shows_only_my_own(client, world):
    _fill(world)
    CycleFactory(teacher=world.colleague, klub=world.klub)
    client.force_login(world.colleague)
    content = client.get(reverse("cycles:trail")).content.decode()
    assert "Rekenles" not in content
    client.force_login(world.teacher)
    content = client.get(reverse("cycles:trail")).content.decode()
    assert "Rekenles" in content
    assert "Instructie begin" in content


def test_the_pdf_contains_the_learning_question(client, world):
    cycle = _fill(world)
    client.force_login(world.teacher)
    response = client.get(reverse("cycles:trail_pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    flat = " ".join(text.split())
    assert cycle.learning_question.question in flat
    assert "Denktijd geven" in flat


def test_a_colleagues_pdf_does_not_contain_my_question(client, world):
    cycle = _fill(world)
    client.force_login(world.coach)
    response = client.get(reverse("cycles:trail_pdf"))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert cycle.learning_question.question not in " ".join(text.split())
