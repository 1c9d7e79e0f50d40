import importlib

from django.apps import apps as django_apps
from django.urls import reverse

from videoklub.meetings.models import WorkForm

seed = importlib.import_module("videoklub.meetings.migrations.0002_work_forms")


def test_the_library_ships_at_least_ten_work_forms_with_dutch_texts(db):
    codes = set(WorkForm.objects.values_list("code", flat=True))
    assert len(codes) >= 10
    assert {
        "think-pair-share",
        "placemat",
        "silent-discussion",
        "speed-dating",
        "reflection-cards",
        "role-division",
        "statements-debate",
        "practice-link",
        "visual-thinking",
        "action-research",
    } <= codes
    for work_form in WorkForm.objects.all():
        assert work_form.summary and work_form.how_to
    assert WorkForm.objects.get(code="silent-discussion").name == "Stil gesprek"


def test_seeding_again_updates_instead_of_duplicating(db):
    WorkForm.objects.filter(code="placemat").update(summary="oud")
    before = WorkForm.objects.count()
    seed.add_work_forms(django_apps, None)
    seed.add_work_forms(django_apps, None)
    assert WorkForm.objects.count() == before
    assert WorkForm.objects.get(code="placemat").summary != "oud"


def test_the_library_page_lists_the_work_forms(client, world):
    client.force_login(world.teacher)
    response = client.get(reverse("meetings:workform_list"))
    assert response.status_code == 200
    assert "Placemat" in response.content.decode()
    assert reverse("meetings:workform_detail", args=["placemat"]) in response.content.decode()


def test_a_work_form_page_shows_how_to_run_it(client, world):
    client.force_login(world.coach)
    response = client.get(reverse("meetings:workform_detail", args=["think-pair-share"]))
    assert response.status_code == 200
    assert WorkForm.objects.get(code="think-pair-share").how_to.splitlines()[0] in (
        response.content.decode()
    )


def test_an_unknown_work_form_is_not_found(client, world):
    client.force_login(world.coach)
    assert client.get(reverse("meetings:workform_detail", args=["bestaat-niet"])).status_code == 404
