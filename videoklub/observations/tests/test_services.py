import pytest
from django.core.exceptions import ValidationError

from videoklub.observations import services
from videoklub.observations.models import Framework, Score
from videoklub.observations.tests.conftest import SCALE, domains
from videoklub.testing.factories import FragmentFactory, RecordingFactory

pytestmark = pytest.mark.django_db


def _fragment(world):
    return FragmentFactory(recording=RecordingFactory(owner=world.teacher, klub=world.klub))


def test_creating_a_kijkwijzer_makes_version_one_with_keys(world, klub_framework):
    version = klub_framework.versions.get()
    assert version.number == 1
    assert list(version.indicators.values_list("key", "text")) == [
        ("wachttijd", "Wachttijd"),
        ("iedereen-antwoordt", "Iedereen antwoordt"),
    ]
    assert version.scale_levels.count() == 3
    assert klub_framework.klub == world.klub and not klub_framework.is_shipped


def test_a_kijkwijzer_belongs_to_exactly_one_klub_or_school(world):
    for owner in ({}, {"klub": world.klub, "school": world.school}):
        with pytest.raises(ValidationError, match="exactly one klub or one school"):
            services.framework_create(
                created_by=world.coach,
                name="X",
                description="",
                domains=domains("A"),
                scale=SCALE,
                **owner,
            )


@pytest.mark.parametrize(
    ("name", "content", "scale", "field", "message"),
    [
        ("", domains("A"), SCALE, "name", "Give the kijkwijzer a name."),
        ("X", [], SCALE, "domains", "at least one domain"),
        ("X", [{"name": "Leeg", "indicators": []}], SCALE, "domains", "has no indicators"),
        ("X", domains("A", name=""), SCALE, "domains", "Every domain needs a name."),
        ("X", domains("A"), SCALE[:1], "scale", "at least two levels"),
        ("X", domains("A"), [*SCALE, SCALE[0]], "scale", "appears more than once"),
        (
            "X",
            domains("A"),
            [{"value": 1, "label": "", "anchor": ""}, {"value": 2, "label": "b"}],
            "scale",
            "needs a label",
        ),
    ],
)
def test_invalid_content_is_refused_with_a_clear_error(world, name, content, scale, field, message):
    with pytest.raises(ValidationError) as error:
        services.framework_create(
            created_by=world.coach,
            name=name,
            description="",
            klub=world.klub,
            domains=content,
            scale=scale,
        )
    assert any(message in text for text in error.value.message_dict[field])
    assert not Framework.objects.filter(klub=world.klub).exists()


def test_editing_publishes_a_new_version_and_old_observations_keep_theirs(world, klub_framework):
    v1 = klub_framework.versions.get()
    wachttijd = v1.indicators.get(key="wachttijd")
    observation = services.observation_create(
        fragment=_fragment(world),
        version=v1,
        observer=world.teacher,
        scores={wachttijd.pk: (2, "")},
    )

    v2 = services.framework_publish_version(
        framework=klub_framework,
        created_by=world.coach,
        name="Vragen stellen (v2)",
        description="Herzien",
        domains=[
            {
                "name": "Vragen",
                "indicators": [
                    {"text": "Wachttijd", "description": "Minstens drie seconden."},
                    {"text": "Doorvragen", "description": ""},
                ],
            }
        ],
        scale=SCALE,
    )

    assert v2.number == 2
    klub_framework.refresh_from_db()
    assert klub_framework.name == "Vragen stellen (v2)"
    # The unchanged indicator keeps its key; the new one gets a new key.
    assert list(v2.indicators.values_list("key", "description")) == [
        ("wachttijd", "Minstens drie seconden."),
        ("doorvragen", ""),
    ]
    # Version 1 and the observation made with it are untouched.
    assert list(v1.indicators.values_list("text", flat=True)) == ["Wachttijd", "Iedereen antwoordt"]
    observation.refresh_from_db()
    assert observation.version == v1
    assert observation.scores.get().indicator == wachttijd


def test_a_new_indicator_never_reuses_a_key_of_an_earlier_version(world, klub_framework):
    keep = [{"text": "Wachttijd", "description": ""}]
    services.framework_publish_version(
        framework=klub_framework,
        created_by=world.coach,
        name="V",
        description="",
        domains=[{"name": "D", "indicators": keep}],
        scale=SCALE,
    )
    v3 = services.framework_publish_version(
        framework=klub_framework,
        created_by=world.coach,
        name="V",
        description="",
        domains=[{"name": "D", "indicators": [*keep, {"text": "Iedereen antwoordt!"}]}],
        scale=SCALE,
    )
    assert set(v3.indicators.values_list("key", flat=True)) == {
        "wachttijd",
        "iedereen-antwoordt-2",
    }


def test_a_shipped_kijkwijzer_cannot_be_edited(world, shipped_feedback):
    with pytest.raises(ValidationError, match="make a copy first"):
        services.framework_publish_version(
            framework=shipped_feedback,
            created_by=world.coach,
            name="X",
            description="",
            domains=domains("A"),
            scale=SCALE,
        )


def test_copying_a_shipped_kijkwijzer_makes_an_editable_own_one(world, shipped_feedback):
    copy = services.framework_copy(
        framework=shipped_feedback, created_by=world.coach, klub=world.klub
    )
    assert copy.klub == world.klub and not copy.is_shipped and copy.code == ""
    assert copy.core_practice == shipped_feedback.core_practice
    original = shipped_feedback.versions.get()
    copied = copy.versions.get()
    assert copied.number == 1
    assert list(copied.indicators.values_list("key", "text", "description")) == list(
        original.indicators.values_list("key", "text", "description")
    )
    assert list(copied.scale_levels.values_list("value", "label", "anchor")) == list(
        original.scale_levels.values_list("value", "label", "anchor")
    )
    assert copied.domains.count() == original.domains.count()

    services.framework_publish_version(
        framework=copy,
        created_by=world.coach,
        name=copy.name,
        description="",
        domains=domains("Eigen indicator"),
        scale=SCALE,
    )
    assert shipped_feedback.versions.count() == 1


def test_an_indicator_of_another_kijkwijzer_is_a_clear_error(
    world, klub_framework, shipped_feedback
):
    foreign = shipped_feedback.versions.get().indicators.first()
    with pytest.raises(ValidationError) as error:
        services.observation_create(
            fragment=_fragment(world),
            version=klub_framework.versions.get(),
            observer=world.teacher,
            scores={foreign.pk: (2, "")},
        )
    assert (
        f"“{foreign.text}” is not part of the kijkwijzer “Vragen stellen”"
        in error.value.messages[0]
    )
    assert not Score.objects.exists()


def test_a_score_outside_the_scale_is_refused(world, klub_framework):
    indicator = klub_framework.versions.get().indicators.first()
    with pytest.raises(
        ValidationError, match=r"The score 4 is not on this kijkwijzer’s scale \(1, 2, 3\)"
    ):
        services.observation_create(
            fragment=_fragment(world),
            version=klub_framework.versions.get(),
            observer=world.teacher,
            scores={indicator.pk: (4, "")},
        )


def test_an_observation_stores_scores_notes_and_skips_empty_ones(world, klub_framework):
    first, second = klub_framework.versions.get().indicators.all()
    observation = services.observation_create(
        fragment=_fragment(world),
        version=klub_framework.versions.get(),
        observer=world.teacher,
        notes="  Mooie les. ",
        scores={first.pk: (3, " wacht goed "), second.pk: (None, "")},
    )
    assert observation.notes == "Mooie les."
    assert list(observation.scores.values_list("indicator", "value", "note")) == [
        (first.pk, 3, "wacht goed")
    ]
