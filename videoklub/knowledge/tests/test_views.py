"""Reading the kennisbank: published items only, open ones also without an account."""

import pytest
from django.urls import reverse

from videoklub.knowledge.tests.helpers import attach, make_document, make_dossier
from videoklub.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_draft_is_invisible_and_the_published_dossier_is_readable(client):
    make_dossier(publish=False, slug="concept", title="Nog een concept", is_open=True)
    make_dossier(is_open=True)
    index = client.get(reverse("knowledge:index"))
    assert "Groeigerichte feedback" in index.content.decode()
    assert "Nog een concept" not in index.content.decode()
    assert client.get(reverse("knowledge:dossier", args=["concept"])).status_code == 404
    page = client.get(reverse("knowledge:dossier", args=["groeigerichte-feedback"]))
    assert page.status_code == 200
    assert "CC BY-NC-SA 4.0" in page.content.decode()


def test_closed_content_is_404_for_anonymous_visitors_and_readable_when_signed_in(client):
    make_dossier(is_open=False)
    url = reverse("knowledge:dossier", args=["groeigerichte-feedback"])
    assert client.get(url).status_code == 404
    assert "Groeigerichte feedback" not in client.get(reverse("knowledge:index")).content.decode()
    client.force_login(UserFactory())
    assert client.get(url).status_code == 200
    assert "Groeigerichte feedback" in client.get(reverse("knowledge:index")).content.decode()


def test_the_sitemap_lists_open_dossiers_only(client):
    make_dossier(is_open=True)
    make_dossier(is_open=False, slug="intern", title="Intern dossier")
    body = client.get(reverse("sitemap")).content.decode()
    assert "/kennisbank/dossiers/groeigerichte-feedback/" in body
    assert "/kennisbank/dossiers/intern/" not in body


def test_a_search_finds_a_dossier_by_a_dutch_word_form(client):
    make_dossier(is_open=True, summary="Zo geef je leerlingen feedback die hen verder helpt.")
    make_dossier(is_open=True, slug="klasmanagement", title="Klasmanagement", summary="Routines.")
    body = client.get(reverse("knowledge:index"), {"q": "feedback geven"}).content.decode()
    assert "Groeigerichte feedback" in body
    assert "Klasmanagement" not in body


def test_filters_narrow_by_core_practice_level_and_topic(client):
    from videoklub.cycles.models import CorePractice

    feedback = CorePractice.objects.get(code="growth-oriented-feedback")
    make_dossier(
        is_open=True, core_practice=feedback, school_levels=["lager"], topics=["evaluatie"]
    )
    make_dossier(
        is_open=True, slug="klasmanagement", title="Klasmanagement", school_levels=["kleuter"]
    )
    index = reverse("knowledge:index")
    for params in ({"praktijk": feedback.code}, {"niveau": "lager"}, {"thema": "evaluatie"}):
        body = client.get(index, params).content.decode()
        assert "Groeigerichte feedback" in body, params
        assert "Klasmanagement" not in body, params


def test_an_unknown_filter_value_is_ignored_with_everything_shown(client):
    make_dossier(is_open=True)
    response = client.get(reverse("knowledge:index"), {"niveau": "hogeschool"})
    assert response.status_code == 200
    assert "Groeigerichte feedback" in response.content.decode()


def test_the_search_answers_htmx_with_the_results_only(client):
    make_dossier(is_open=True)
    response = client.get(
        reverse("knowledge:index"), {"q": "feedback"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert 'id="kb-results"' in body
    assert "<html" not in body


def test_a_document_is_served_only_with_a_dossier_its_reader_may_read(client):
    open_document, closed_document, loose = make_document(), make_document(), make_document()
    attach(make_dossier(is_open=True), open_document)
    attach(make_dossier(is_open=False, slug="intern", title="Intern"), closed_document)
    assert client.get(open_document.url).status_code == 200
    assert client.get(closed_document.url).status_code == 404
    assert client.get(loose.url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(closed_document.url).status_code == 200
    assert client.get(loose.url).status_code == 404


def test_the_dossier_page_keeps_its_query_count_whatever_its_length(
    client, django_assert_max_num_queries
):
    make_dossier(
        is_open=True, indicator_keys=["fb-feed-up", "fb-feed-forward"], topics=["a", "b", "c"]
    )
    url = reverse("knowledge:dossier", args=["groeigerichte-feedback"])
    with django_assert_max_num_queries(6):
        assert client.get(url).status_code == 200


def test_a_cycle_leads_in_two_clicks_to_the_dossier_on_its_core_practice(client, world):
    from videoklub.testing.factories import CycleFactory

    cycle = CycleFactory(teacher=world.user("teacher"), klub=world.klub)
    make_dossier(core_practice=cycle.core_practice)
    make_dossier(slug="klasmanagement", title="Klasmanagement", core_practice=None)
    client.force_login(cycle.teacher)
    page = client.get(reverse("cycles:detail", args=[cycle.pk])).content.decode()
    link = f"{reverse('knowledge:index')}?praktijk={cycle.core_practice.code}"
    assert f'href="{link}"' in page
    body = client.get(link).content.decode()
    assert reverse("knowledge:dossier", args=["groeigerichte-feedback"]) in body
    assert "Klasmanagement" not in body
