import pytest
from django.urls import reverse

from videoklub.observations import services
from videoklub.observations.models import Framework, Observation
from videoklub.observations.tests.conftest import SCALE
from videoklub.sharing.models import Audience
from videoklub.testing.factories import FragmentFactory, RecordingFactory, ShareFactory

pytestmark = pytest.mark.django_db


def _builder_data(
    *, name="Klasgesprek", scale="1 | nog niet | Niet gezien\n2 | wel | Gezien", domains=None
):
    domains = (
        domains if domains is not None else [("Vragen", "Wachttijd | Drie seconden\nDoorvragen")]
    )
    data = {
        "name": name,
        "description": "Onze kijkwijzer",
        "core_practice": "",
        "scale": scale,
        "domains-TOTAL_FORMS": str(len(domains) + 1),
        "domains-INITIAL_FORMS": "0",
        "domains-MIN_NUM_FORMS": "0",
        "domains-MAX_NUM_FORMS": "20",
    }
    for index, (domain_name, indicators) in enumerate(domains):
        data[f"domains-{index}-name"] = domain_name
        data[f"domains-{index}-indicators"] = indicators
    return data


def _fragment(owner, klub, *, share_with=None):
    fragment = FragmentFactory(recording=RecordingFactory(owner=owner, klub=klub))
    if share_with is not None:
        ShareFactory(fragment=fragment, klub=share_with, audience=Audience.KLUB)
    return fragment


def _observe_url(fragment, framework=None):
    url = reverse(
        "observations:observation_create",
        kwargs={"recording_uuid": fragment.recording.uuid, "pk": fragment.pk},
    )
    return url + (f"?kijkwijzer={framework.pk}" if framework else "")


def test_the_library_groups_shipped_kijkwijzers_and_the_klubs_own(client, world, klub_framework):
    client.force_login(world.teacher)
    response = client.get(reverse("observations:framework_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Groeigerichte feedback" in html and "Betrokkenheid scannen" in html
    assert "Vragen stellen" in html and world.klub.name in html
    assert reverse("observations:framework_create") not in html  # a teacher does not build


def test_the_detail_shows_indicators_anchors_and_older_versions(client, world, klub_framework):
    services.framework_publish_version(
        framework=klub_framework,
        created_by=world.coach,
        name=klub_framework.name,
        description="",
        domains=[{"name": "Vragen", "indicators": [{"text": "Wachttijd na een vraag"}]}],
        scale=SCALE,
    )
    client.force_login(world.teacher)
    url = reverse("observations:framework_detail", kwargs={"pk": klub_framework.pk})
    latest = client.get(url).content.decode()
    assert "Wachttijd na een vraag" in latest and "Af en toe." in latest
    assert "?versie=1" in latest
    older = client.get(url + "?versie=1").content.decode()
    assert "Iedereen antwoordt" in older and "Wachttijd na een vraag" not in older
    assert client.get(url + "?versie=9").status_code == 404


def test_shipped_detail_shows_descriptions(client, world, shipped_feedback):
    client.force_login(world.school_leader)
    html = client.get(
        reverse("observations:framework_detail", kwargs={"pk": shipped_feedback.pk})
    ).content.decode()
    assert "Feedback op procesniveau" in html and "sterk en consequent" in html


def test_a_coach_builds_a_kijkwijzer_for_the_klub(client, world):
    client.force_login(world.coach)
    response = client.post(
        reverse("observations:framework_create"),
        _builder_data() | {"owner": f"klub-{world.klub.pk}"},
    )
    framework = Framework.objects.get(name="Klasgesprek")
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "observations:framework_detail", kwargs={"pk": framework.pk}
    )
    assert framework.klub == world.klub
    assert list(framework.versions.get().indicators.values_list("text", "description")) == [
        ("Wachttijd", "Drie seconden"),
        ("Doorvragen", ""),
    ]


def test_a_school_leader_builds_one_for_the_school_and_a_teacher_may_not(client, world):
    client.force_login(world.school_leader)
    assert client.get(reverse("observations:framework_create")).status_code == 200
    client.post(
        reverse("observations:framework_create"),
        _builder_data() | {"owner": f"school-{world.school.pk}"},
    )
    assert Framework.objects.get(name="Klasgesprek").school == world.school
    client.force_login(world.teacher)
    assert client.get(reverse("observations:framework_create")).status_code == 403


def test_a_coach_cannot_build_for_another_klub(client, world):
    client.force_login(world.coach)
    response = client.post(
        reverse("observations:framework_create"),
        _builder_data() | {"owner": f"klub-{world.other_klub.pk}"},
    )
    assert response.status_code == 400
    assert not Framework.objects.filter(name="Klasgesprek").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"domains": []}, "Add at least one domain with indicators."),
        ({"domains": [("Vragen", "")]}, "Add at least one indicator to this domain."),
        ({"domains": [("", "Wachttijd")]}, "Give this domain a name."),
        ({"scale": "1 | a\n1 | b"}, "The value 1 appears more than once in the scale."),
        ({"scale": "een | a\n2 | b"}, "Line 1: a scale level starts with a whole number."),
        ({"name": ""}, "This field is required."),
    ],
)
def test_builder_errors_are_shown_in_the_form(client, world, data, message):
    client.force_login(world.coach)
    response = client.post(
        reverse("observations:framework_create"),
        _builder_data(**data) | {"owner": f"klub-{world.klub.pk}"},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Framework.objects.filter(klub=world.klub).exists()


def test_the_coach_edits_the_klubs_kijkwijzer_into_a_new_version(client, world, klub_framework):
    url = reverse("observations:framework_edit", kwargs={"pk": klub_framework.pk})
    client.force_login(world.teacher)
    assert client.get(url).status_code == 403
    client.force_login(world.coach)
    form = client.get(url).content.decode()
    assert "Wachttijd" in form and "Iedereen antwoordt" in form
    response = client.post(url, _builder_data(domains=[("Vragen", "Wachttijd\nNieuw")]))
    assert response.status_code == 302
    v2 = klub_framework.versions.get(number=2)
    assert list(v2.indicators.values_list("key", flat=True)) == ["wachttijd", "nieuw"]


def test_a_coach_copies_a_shipped_kijkwijzer_into_the_klub(client, world, shipped_feedback):
    client.force_login(world.coach)
    url = reverse("observations:framework_copy", kwargs={"pk": shipped_feedback.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {"owner": f"klub-{world.klub.pk}"})
    copy = Framework.objects.get(klub=world.klub)
    assert response["Location"] == reverse("observations:framework_edit", kwargs={"pk": copy.pk})
    assert (
        copy.versions.get().indicators.count() == shipped_feedback.versions.get().indicators.count()
    )


def test_a_teacher_cannot_observe_an_unshared_fragment_of_a_colleague(
    client, world, shipped_feedback
):
    fragment = _fragment(world.colleague, world.klub)
    client.force_login(world.teacher)
    assert client.get(_observe_url(fragment, shipped_feedback)).status_code == 404


def test_a_coach_observes_a_fragment_shared_with_the_klub(client, world, shipped_feedback):
    fragment = _fragment(world.teacher, world.klub, share_with=world.klub)
    client.force_login(world.coach)
    url = _observe_url(fragment, shipped_feedback)
    page = client.get(url).content.decode()
    assert "Feed up: het doel is helder" in page and "sterk en consequent" in page
    version = shipped_feedback.versions.get()
    first, second = version.indicators.all()[:2]
    assert f'name="score_{first.pk}" value="3"' in page
    assert 'aria-describedby="level-3-anchor"' in page and 'id="level-3-anchor"' in page
    response = client.post(
        url,
        {
            "kijkwijzer": shipped_feedback.pk,
            "versie": version.number,
            f"score_{first.pk}": "3",
            f"note_{first.pk}": "Duidelijk lesdoel op het bord.",
            f"score_{second.pk}": "",
            "notes": "Sterke start.",
        },
    )
    observation = Observation.objects.get()
    assert response["Location"] == reverse(
        "observations:observation_detail", kwargs={"pk": observation.pk}
    )
    assert (observation.observer, observation.version, observation.notes) == (
        world.coach,
        version,
        "Sterke start.",
    )
    assert list(observation.scores.values_list("indicator", "value")) == [(first.pk, 3)]
    detail = client.get(response["Location"]).content.decode()
    assert "Duidelijk lesdoel op het bord." in detail and "zichtbaar" in detail

    # The teacher who owns the fragment sees it too; the school leader does not.
    client.force_login(world.teacher)
    assert client.get(response["Location"]).status_code == 200
    client.force_login(world.school_leader)
    assert client.get(response["Location"]).status_code == 404


def test_a_school_leader_cannot_observe_a_fragment_shared_with_the_klub(
    client, world, shipped_feedback
):
    fragment = _fragment(world.teacher, world.klub, share_with=world.klub)
    client.force_login(world.school_leader)
    assert client.get(_observe_url(fragment, shipped_feedback)).status_code == 404


def test_a_teacher_of_another_klub_cannot_use_the_klubs_own_kijkwijzer(
    client, world, klub_framework
):
    fragment = _fragment(world.other_teacher, world.other_klub)
    client.force_login(world.other_teacher)
    assert client.get(_observe_url(fragment)).status_code == 200
    assert client.get(_observe_url(fragment, klub_framework)).status_code == 404
    detail = reverse("observations:framework_detail", kwargs={"pk": klub_framework.pk})
    assert client.get(detail).status_code == 404


def test_a_score_outside_the_scale_is_a_form_error(client, world, klub_framework):
    fragment = _fragment(world.teacher, world.klub)
    indicator = klub_framework.versions.get().indicators.first()
    client.force_login(world.teacher)
    response = client.post(
        _observe_url(fragment, klub_framework),
        {"kijkwijzer": klub_framework.pk, "versie": 1, f"score_{indicator.pk}": "7"},
    )
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert not Observation.objects.exists()


def test_an_observation_is_scored_on_the_version_the_form_showed(client, world, klub_framework):
    fragment = _fragment(world.teacher, world.klub)
    v1 = klub_framework.versions.get()
    indicator = v1.indicators.first()
    services.framework_publish_version(
        framework=klub_framework,
        created_by=world.coach,
        name="Nieuw",
        description="",
        domains=[{"name": "D", "indicators": [{"text": "Anders"}]}],
        scale=SCALE,
    )
    client.force_login(world.teacher)
    response = client.post(
        _observe_url(fragment, klub_framework),
        {"kijkwijzer": klub_framework.pk, "versie": 1, f"score_{indicator.pk}": "2"},
    )
    assert response.status_code == 302
    assert Observation.objects.get().version == v1


def test_the_partials_render_summary_and_comparison(world):
    from django.template.loader import render_to_string

    from videoklub.observations.selectors import ComparisonRow, SummaryRow

    summary = render_to_string(
        "observations/_summary.html",
        {"summary": [SummaryRow("k", "Wachttijd", 2.5, 4, 1, 4)]},
    )
    assert "Wachttijd" in summary and "2.5" in summary and 'width="50.0"' in summary
    rows = [
        ComparisonRow("k", "Wachttijd", 1.5, 3.0, 1, 4),
        ComparisonRow("n", "Nieuw", None, 2.0, 1, 4),
    ]
    comparison = render_to_string("observations/_comparison.html", {"rows": rows})
    assert "+1.5" in comparison and "<table" in comparison and "<svg" in comparison
