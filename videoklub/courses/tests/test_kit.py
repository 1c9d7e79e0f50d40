"""The coaching kit: the general kit public (shipped kijkwijzers, work forms, the questions of
the courses a visitor may read), a programme's kit with the programme's own kijkwijzers for
its people only, both also as one PDF."""

import io

import pytest
from django.apps import apps as global_apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from videoklub.courses.kit import coaching_kit, kit_programmes
from videoklub.courses.tests.helpers import make_course
from videoklub.observations import shipped
from videoklub.observations.models import Framework, FrameworkVersion
from videoklub.organisations.models import Role
from videoklub.testing.factories import (
    KlubFactory,
    MembershipFactory,
    ProgrammeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

SHIPPED = "Klasmanagement"  # a shipped kijkwijzer's name (migration observations 0002..)


def programme_framework(programme, name="Kijkwijzer van het project", versions=1):
    framework = Framework.objects.create(name=name, programme=programme)
    for number in range(1, versions + 1):
        version = FrameworkVersion.objects.create(framework=framework, number=number)
        shipped.write_version_content(
            global_apps,
            version,
            domains=[
                {
                    "name": "Domein",
                    "indicators": [{"key": f"eigen-{number}", "text": f"Indicator v{number}"}],
                }
            ],
            scale=[{"value": 1, "label": "nog niet"}, {"value": 2, "label": "al wel"}],
        )
    return framework


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_general_kit_is_public_with_the_shipped_kijkwijzers_work_forms_and_open_courses(
    client,
):
    make_course(is_open=True, title="Open cursus", slug="open")
    make_course(is_open=False, title="Cursus voor leden", slug="leden")
    page = client.get(reverse("courses:kit"))
    assert page.status_code == 200
    html = page.content.decode()
    assert SHIPPED in html
    assert "Denken-delen-uitwisselen" in html  # a work form
    assert "Open cursus" in html and "Hoe geef jij feedback?" in html  # a reflection prompt
    assert "Bespreek." in html  # a discussion prompt
    assert "Cursus voor leden" not in html  # closed: for members only
    client.force_login(UserFactory())
    assert "Cursus voor leden" in client.get(reverse("courses:kit")).content.decode()


def test_a_programme_kit_adds_its_own_kijkwijzer_at_its_latest_version_for_its_people_only(
    client,
):
    programme = ProgrammeFactory(name="Brede basiszorg West")
    programme_framework(programme, versions=2)
    programme_framework(ProgrammeFactory(), name="Kijkwijzer van een ander project")
    teacher = MembershipFactory(klub=KlubFactory(programme=programme)).user
    url = reverse("courses:programme_kit", args=[programme.pk])

    client.force_login(teacher)
    html = client.get(url).content.decode()
    assert "Kijkwijzer van het project" in html and "Indicator v2" in html
    assert "Indicator v1" not in html  # only the latest version
    assert "Kijkwijzer van een ander project" not in html
    assert SHIPPED in html
    # The general kit links to it and does not show the programme's own kijkwijzer.
    general = client.get(reverse("courses:kit")).content.decode()
    assert url in general and "Kijkwijzer van het project" not in general

    client.force_login(UserFactory())  # not in the programme
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404
    assert client.get(reverse("courses:programme_kit", args=[999999])).status_code == 404


def test_programme_staff_and_the_leader_of_a_school_in_it_open_the_programme_kit(client):
    programme = ProgrammeFactory()
    klub = KlubFactory(programme=programme)
    staff = UserFactory()
    MembershipFactory(user=staff, klub=None, programme=programme, role=Role.PROJECT_STAFF)
    leader = UserFactory()
    MembershipFactory(user=leader, klub=None, school=klub.school, role=Role.SCHOOL_LEADER)
    for person in (staff, leader):
        assert kit_programmes(person) == [programme]
        client.force_login(person)
        assert client.get(reverse("courses:programme_kit", args=[programme.pk])).status_code == 200
    assert kit_programmes(UserFactory()) == []


def test_the_kit_pdf_holds_the_kijkwijzers_work_forms_and_course_questions(client):
    make_course(is_open=True, title="Open cursus", slug="open")
    response = client.get(reverse("courses:kit_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "coachingskit.pdf" in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert "Coachingskit" in text
    assert SHIPPED in text
    assert "Placemat" in text
    assert "Hoe geef jij feedback?" in text


def test_the_programme_kit_pdf_holds_its_own_kijkwijzer(client):
    programme = ProgrammeFactory(name="Brede basiszorg West")
    programme_framework(programme)
    staff = UserFactory()
    MembershipFactory(user=staff, klub=None, programme=programme, role=Role.PROJECT_STAFF)
    client.force_login(staff)
    response = client.get(reverse("courses:programme_kit_pdf", args=[programme.pk]))
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "Brede basiszorg West" in text and "Kijkwijzer van het project" in text


def test_the_kit_reads_in_a_fixed_number_of_queries_however_many_courses_and_kijkwijzers(
    client,
):
    programme = ProgrammeFactory()
    staff = UserFactory()
    MembershipFactory(user=staff, klub=None, programme=programme, role=Role.PROJECT_STAFF)
    make_course(is_open=True, slug="een")
    programme_framework(programme)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            kit = coaching_kit(staff, programme)
            for version in kit.kijkwijzers:
                for domain in version.domains.all():
                    list(domain.indicators.all())
                list(version.scale_levels.all())
            assert [m.prompts for m in kit.courses]
        return len(queries)

    before = count()
    make_course(is_open=True, slug="twee", title="Tweede")
    programme_framework(programme, name="Nog een eigen kijkwijzer", versions=3)
    assert count() == before
