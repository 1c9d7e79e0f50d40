"""E-courses in the kennisbank's one search: found by the same words and filters as dossiers,
only what the reader may open, with where the reader stands in each."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from videoklub.courses.services import enrolment_start
from videoklub.courses.tests.helpers import make_course
from videoklub.cycles.models import CorePractice
from videoklub.knowledge.tests.helpers import make_dossier

pytestmark = pytest.mark.django_db

INDEX = reverse("knowledge:index")


def search(client: Client, **params) -> str:
    response = client.get(INDEX, params)
    assert response.status_code == 200
    return response.content.decode()


def test_one_search_finds_the_dossier_and_the_course_by_a_dutch_word_form(client):
    make_dossier(is_open=True, summary="Zo geef je leerlingen feedback die hen verder helpt.")
    make_course(is_open=True)
    make_course(
        is_open=True, slug="routines", title="Routines", summary="Over klasroutines.", modules=0
    )
    body = search(client, q="feedback geven")
    assert "/kennisbank/dossiers/groeigerichte-feedback/" in body
    assert reverse("courses:detail", args=["groeigerichte-feedback"]) in body
    assert "1 e-cursus" in body
    assert reverse("courses:detail", args=["routines"]) not in body


def test_a_course_is_found_by_the_words_of_its_modules(client):
    make_course(is_open=True, summary="Een korte cursus.")  # module titles: "Module 1", …
    body = search(client, q="klubgesprek")
    assert reverse("courses:detail", args=["groeigerichte-feedback"]) in body


def test_visitors_find_open_courses_only_and_nobody_finds_a_draft(client, world):
    make_course(is_open=False)
    make_course(is_open=True, slug="open-cursus", title="Open cursus over feedback")
    make_course(publish=False, slug="concept", title="Concept over feedback")
    anonymous = search(client, q="feedback")
    assert reverse("courses:detail", args=["open-cursus"]) in anonymous
    assert reverse("courses:detail", args=["groeigerichte-feedback"]) not in anonymous
    client.force_login(world.teacher)
    member = search(client, q="feedback")
    assert reverse("courses:detail", args=["groeigerichte-feedback"]) in member
    assert "voor leden" in member
    assert reverse("courses:detail", args=["concept"]) not in member


def test_the_filters_offer_and_apply_the_core_practices_and_topics_of_courses(client):
    feedback = CorePractice.objects.get(code="growth-oriented-feedback")
    make_course(is_open=True, core_practice=feedback, topics=["evaluatie"])
    make_course(is_open=True, slug="routines", title="Routines", school_levels=["kleuter"])
    page = search(client)
    assert 'value="evaluatie"' in page
    assert f'value="{feedback.code}"' in page
    course = reverse("courses:detail", args=["groeigerichte-feedback"])
    other = reverse("courses:detail", args=["routines"])
    for params in ({"praktijk": feedback.code}, {"thema": "evaluatie"}, {"niveau": "lager"}):
        body = search(client, **params)
        assert course in body, params
        assert other not in body, params


def test_a_learner_sees_which_courses_they_started_or_completed(client, world):
    course = make_course(is_open=True)
    enrolment_start(user=world.teacher, course=course)
    client.force_login(world.teacher)
    assert "je bent gestart" in search(client, q="feedback")


def test_nothing_found_says_so_once(client):
    make_course(is_open=True)
    body = search(client, q="zwembad")
    assert "Niets gevonden" in body
    assert "e-cursus" not in body.split('id="kb-results"')[1]


def test_the_search_costs_the_same_queries_for_two_courses_or_six(client, world):
    client.force_login(world.teacher)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            search(client, q="feedback")
        return len(captured)

    for number in range(2):
        make_course(is_open=True, slug=f"c{number}", title=f"Feedback {number}")
    few = queries()
    for number in range(2, 6):
        make_course(is_open=True, slug=f"c{number}", title=f"Feedback {number}")
    assert queries() == few


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="stemming is PostgreSQL's Dutch configuration"
)
def test_on_postgresql_a_word_form_finds_its_stem_in_every_kind(client):
    make_dossier(is_open=True, summary="Stel een open vraag en wacht.")
    make_course(is_open=True, modules=0, summary="Zo stel je een goede vraag.")
    body = search(client, q="vragen")  # "vraag" and "vragen" share the stem "vrag"
    assert "/kennisbank/dossiers/groeigerichte-feedback/" in body
    assert reverse("courses:detail", args=["groeigerichte-feedback"]) in body
