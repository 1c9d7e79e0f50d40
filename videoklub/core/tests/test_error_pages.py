"""Error pages in the site's layout and in Dutch: a way on instead of a bare "Not Found"."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from videoklub.courses.tests.helpers import make_course

pytestmark = pytest.mark.django_db


def test_a_missing_page_says_so_in_dutch_with_the_menu_and_a_way_home(client, world):
    client.force_login(world.teacher)
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Deze pagina bestaat niet (meer)" in page
    assert f'href="{reverse("home:home")}"' in page
    assert 'id="site-menu"' in page  # the site's own layout, not Django's bare page


def test_a_refusal_explains_itself_when_the_code_wrote_a_reason(client, world):
    course = make_course()
    client.force_login(world.teacher)
    response = client.get(reverse("courses:feedback", args=[course.slug]))
    assert response.status_code == 403
    page = response.content.decode()
    assert "Je kunt deze pagina niet openen" in page
    assert "Rond eerst de cursus af" in page


def test_a_bare_refusal_names_no_reason_but_who_to_ask(client, world):
    client.force_login(world.other_teacher)
    response = client.get(reverse("courses:feedback_overview", args=[make_course().slug]))
    assert response.status_code == 403
    assert "vraag het aan je coach of aan het projectteam" in response.content.decode()


def test_the_server_error_page_renders_without_a_request():
    page = render_to_string("500.html")
    assert "Er ging iets mis bij ons" in page
