import pytest
from django.urls import reverse
from django.utils.html import escape

pytestmark = pytest.mark.django_db


def test_the_klub_page_lists_coaches_and_teachers(client, world):
    client.force_login(world.teacher)
    html = client.get(reverse("home:klub_detail", kwargs={"pk": world.klub.pk})).content
    for person in (world.coach, world.teacher, world.colleague):
        assert escape(person.full_name).encode() in html


def test_the_school_page_shows_only_klubs_the_viewer_may_see(client, world):
    from videoklub.testing.factories import KlubFactory

    KlubFactory(
        name="Klub van een ander project", school=world.school, programme=world.other_programme
    )
    client.force_login(world.project_staff)
    html = client.get(reverse("home:school_detail", kwargs={"pk": world.school.pk}))
    assert world.klub.name.encode() in html.content
    assert b"Klub van een ander project" not in html.content

    client.force_login(world.school_leader)
    html = client.get(reverse("home:school_detail", kwargs={"pk": world.school.pk}))
    assert b"Klub van een ander project" in html.content


def test_the_programme_page_counts_schools_klubs_coaches_and_teachers(client, world):
    client.force_login(world.project_staff)
    response = client.get(reverse("home:programme_detail", kwargs={"pk": world.programme.pk}))
    assert response.context["counts"] == {"schools": 1, "klubs": 1, "coaches": 1, "teachers": 2}
