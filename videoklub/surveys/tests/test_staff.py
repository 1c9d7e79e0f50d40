"""The staff side: building and versioning instruments, administrations, and who may."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from videoklub.surveys.demo import seed_demo_surveys
from videoklub.surveys.models import Administration, Instrument, Response
from videoklub.surveys.selectors import applying_practice_share, comparison_for_staff
from videoklub.surveys.tests.helpers import shipped


def _builder_data(title="Onze bevraging", rows=(("Ik film graag", "filmen", False),)):
    data = {
        "title": title,
        "description": "",
        "source_note": "Eigen vragen",
        "scale": "agree5",
        "items-TOTAL_FORMS": str(len(rows) + 1),
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "200",
    }
    for n, (text, subscale, reversed_) in enumerate(rows):
        data |= {
            f"items-{n}-text": text,
            f"items-{n}-subscale": subscale,
            f"items-{n}-kind": "scale",
        }
        if reversed_:
            data[f"items-{n}-reverse"] = "on"
    data[f"items-{len(rows)}-kind"] = "scale"
    return data


def test_staff_build_publish_and_edit_into_a_new_version(client, world):
    client.force_login(world.project_staff)
    programme = world.programme.pk
    rows = (("Ik film graag", "Filmen", False), ("Filmen maakt me zenuwachtig", "Filmen", True))
    response = client.post(
        reverse("surveys:instrument_create", args=[programme]), _builder_data(rows=rows)
    )
    instrument = Instrument.objects.get(programme=world.programme)
    assert response.status_code == 302
    draft = instrument.versions.get()
    assert not draft.is_published and draft.number == 1
    assert draft.items[1] | {} == {
        "key": "v2",
        "text": "Filmen maakt me zenuwachtig",
        "kind": "scale",
        "subscale": "filmen",
        "reverse": True,
        "optional": False,
    }
    detail = reverse("surveys:instrument_detail", args=[programme, instrument.pk])
    assert "Filmen maakt me zenuwachtig" in client.get(detail).content.decode()  # the preview
    client.post(reverse("surveys:instrument_publish", args=[programme, instrument.pk]))
    draft.refresh_from_db()
    assert draft.is_published
    edit = reverse("surveys:instrument_edit", args=[programme, instrument.pk])
    client.post(edit, _builder_data(rows=(("Ik film elke week", "Filmen", False),)))
    v1, v2 = instrument.versions.order_by("number")
    assert v1.items[0]["text"] == "Ik film graag"  # published: unchanged
    assert (v2.number, v2.is_published, v2.items[0]["text"]) == (2, False, "Ik film elke week")


def test_a_builder_without_questions_says_so_and_keeps_the_input(client, world):
    client.force_login(world.project_staff)
    data = _builder_data(title="Mijn titel", rows=())
    response = client.post(reverse("surveys:instrument_create", args=[world.programme.pk]), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Voeg minstens één vraag toe." in page and 'value="Mijn titel"' in page
    assert not Instrument.objects.filter(programme__isnull=False).exists()


def test_shipped_instruments_are_not_edited_here(client, world):
    instrument = shipped("zelfeffectiviteit").instrument
    client.force_login(world.project_staff)
    url = reverse("surveys:instrument_edit", args=[world.programme.pk, instrument.pk])
    assert client.get(url).status_code == 403


def test_an_administration_with_bad_dates_gets_a_dutch_error(client, world):
    version = shipped("zelfeffectiviteit")
    client.force_login(world.project_staff)
    today = timezone.localdate()
    data = {
        "version": version.pk,
        "title": "Voormeting",
        "moment": "pre",
        "audience": "teachers",
        "opens_on": today.isoformat(),
        "closes_on": (today - timedelta(days=3)).isoformat(),
        "min_group_size": "5",
    }
    url = reverse("surveys:administration_create", args=[world.programme.pk])
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "De sluitingsdatum kan niet voor de openingsdatum liggen." in page
    assert 'value="Voormeting"' in page
    assert not Administration.objects.exists()
    data["closes_on"] = (today + timedelta(days=3)).isoformat()
    assert client.post(url, data).status_code == 302
    assert Administration.objects.get().min_group_size == 5


def test_a_min_group_below_two_is_refused(client, world):
    client.force_login(world.project_staff)
    today = timezone.localdate().isoformat()
    data = {
        "version": shipped("klubsessie").pk,
        "moment": "once",
        "audience": "teachers",
        "opens_on": today,
        "closes_on": today,
        "min_group_size": "1",
    }
    response = client.post(
        reverse("surveys:administration_create", args=[world.programme.pk]), data
    )
    assert response.status_code == 400 and not Administration.objects.exists()


def test_another_programmes_staff_and_members_find_nothing(client, world):
    seed_demo_surveys(world.programme)
    adm = Administration.objects.filter(programme=world.programme).first()
    urls = [
        reverse("surveys:overview", args=[world.programme.pk]),
        reverse("surveys:administration_detail", args=[world.programme.pk, adm.pk]),
        reverse("surveys:administration_compare", args=[world.programme.pk, adm.pk]),
    ]
    for person in (world.other_project_staff, world.teacher, world.school_leader):
        client.force_login(person)
        for url in urls:
            assert client.get(url).status_code == 404
    # Nor through their own programme's address.
    client.force_login(world.other_project_staff)
    url = reverse("surveys:administration_detail", args=[world.other_programme.pk, adm.pk])
    assert client.get(url).status_code == 404


def test_the_demo_gives_paired_pre_post_and_an_end_evaluation(world):
    pre, post, end = seed_demo_surveys(world.programme)
    seed_demo_surveys(world.programme)  # a second run adds nothing
    assert Administration.objects.count() == 3
    assert Response.objects.filter(administration=pre).count() >= 8
    assert end.responses.count() >= 6
    comparison = comparison_for_staff(world.project_staff, post)
    assert comparison.pairs >= 8 and comparison.enough
    share, n = applying_practice_share(world.programme)
    assert n >= 6 and share is not None
