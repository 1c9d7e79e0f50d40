"""Reading e-courses: published only, open ones also without an account (their overview and
text steps), closed ones 404 for anonymous visitors, drafts 404 for everyone."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from videoklub.courses.tests.helpers import make_course, steps_by_kind
from videoklub.cycles.models import CorePractice
from videoklub.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_draft_is_invisible_to_everyone_and_the_published_course_readable(client):
    make_course(publish=False, slug="concept", title="Nog een concept", is_open=True)
    make_course(is_open=True)
    client.force_login(UserFactory())
    listing = client.get(reverse("courses:index")).content.decode()
    assert "Groeigerichte feedback in de klas" in listing
    assert "Nog een concept" not in listing
    assert client.get(reverse("courses:detail", args=["concept"])).status_code == 404
    page = client.get(reverse("courses:detail", args=["groeigerichte-feedback"]))
    assert page.status_code == 200
    assert "Module 2" in page.content.decode()


def test_an_open_course_is_public_with_its_licence_and_text_steps(client):
    course = make_course(is_open=True)
    page = client.get(reverse("courses:detail", args=[course.slug])).content.decode()
    assert "CC BY-NC-SA 4.0" in page
    assert reverse("accounts:login") in page  # a sign-in prompt
    text = steps_by_kind(course, "text")[0]
    response = client.get(reverse("courses:step", args=[course.slug, text.id]))
    assert response.status_code == 200
    assert "Feedback zegt waar je naartoe gaat." in response.content.decode()


def test_an_anonymous_visitor_is_asked_to_sign_in_to_answer_and_nothing_is_saved(client):
    from videoklub.courses.models import Enrolment

    course = make_course(is_open=True)
    question = steps_by_kind(course, "question")[0]
    url = reverse("courses:step", args=[course.slug, question.id])
    assert client.get(url).status_code == 302
    response = client.post(url, {"choice": "0"})
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    text = steps_by_kind(course, "text")[0]
    client.post(reverse("courses:step", args=[course.slug, text.id]))
    assert not Enrolment.objects.exists()


def test_a_closed_course_is_404_for_anonymous_visitors_and_readable_when_signed_in(client):
    course = make_course(is_open=False)
    text = steps_by_kind(course, "text")[0]
    urls = [
        reverse("courses:detail", args=[course.slug]),
        reverse("courses:step", args=[course.slug, text.id]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404
    assert course.title not in client.get(reverse("courses:index")).content.decode()
    client.force_login(UserFactory())
    for url in urls:
        assert client.get(url).status_code == 200


def test_an_unknown_step_is_404(client):
    course = make_course(is_open=True)
    client.force_login(UserFactory())
    url = reverse("courses:step", args=[course.slug, "00000000-0000-0000-0000-000000000000"])
    assert client.get(url).status_code == 404
    assert client.post(url, {"answer": "x"}).status_code == 404


def test_the_list_filters_by_core_practice_and_answers_htmx_with_the_results(client):
    feedback = CorePractice.objects.get(code="growth-oriented-feedback")
    make_course(is_open=True, core_practice=feedback)
    make_course(is_open=True, slug="klasmanagement", title="Klasmanagement")
    index = reverse("courses:index")
    body = client.get(index, {"praktijk": feedback.code}).content.decode()
    assert "Groeigerichte feedback in de klas" in body
    assert "Klasmanagement" not in body
    assert "Klasmanagement" in client.get(index, {"praktijk": "onbekend"}).content.decode()
    partial = client.get(index, {"praktijk": feedback.code}, headers={"HX-Request": "true"})
    assert 'id="course-results"' in partial.content.decode()
    assert "<html" not in partial.content.decode()


def test_the_kennisbank_links_to_the_courses(client):
    body = client.get(reverse("knowledge:index")).content.decode()
    assert f'href="{reverse("courses:index")}"' in body


@pytest.mark.parametrize("page", ["detail", "step"])
def test_course_pages_keep_their_query_count_whatever_the_course_length(client, page):
    from videoklub.courses.services import step_response_save

    user = UserFactory()
    counts = []
    for size, slug in ((2, "kort"), (6, "lang")):
        course = make_course(is_open=False, modules=size, slug=slug)
        text = steps_by_kind(course, "text")
        for step in text:
            step_response_save(user=user, course=course, step_id=step.id)
        client.force_login(user)
        kwargs = {"slug": slug} if page == "detail" else {"slug": slug, "step_id": text[-1].id}
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(f"courses:{page}", kwargs=kwargs)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[0] <= 12


def test_the_sitemap_lists_open_courses_only(client):
    make_course(is_open=True)
    make_course(is_open=False, slug="intern", title="Interne cursus")
    body = client.get(reverse("sitemap")).content.decode()
    assert "/kennisbank/cursussen/groeigerichte-feedback/" in body
    assert "/kennisbank/cursussen/intern/" not in body


def test_a_cycle_leads_in_two_clicks_to_the_courses_on_its_core_practice(client, world):
    from videoklub.testing.factories import CycleFactory

    cycle = CycleFactory(teacher=world.user("teacher"), klub=world.klub)
    make_course(core_practice=cycle.core_practice)
    make_course(slug="klasmanagement", title="Klasmanagement", core_practice=None)
    client.force_login(cycle.teacher)
    kennisbank = f"{reverse('knowledge:index')}?praktijk={cycle.core_practice.code}"
    assert (
        f'href="{kennisbank}"'
        in client.get(reverse("cycles:detail", args=[cycle.pk])).content.decode()
    )
    courses = f"{reverse('courses:index')}?praktijk={cycle.core_practice.code}"
    assert f'href="{courses}"' in client.get(kennisbank).content.decode()
    body = client.get(courses).content.decode()
    assert reverse("courses:detail", args=["groeigerichte-feedback"]) in body
    assert "Klasmanagement" not in body
