import copy

import pytest

from videoklub.cycles.models import CorePractice
from videoklub.observations import services, shipped
from videoklub.observations.models import Framework, FrameworkVersion, Indicator

pytestmark = pytest.mark.django_db

CORE_PRACTICES = {
    "growth-oriented-feedback",
    "classroom-management",
    "high-expectations",
    "growing-independence",
    "language-oriented-teaching",
    "purposeful-differentiation",
}


def test_the_migration_ships_seven_kijkwijzers_one_per_core_practice_plus_leuven():
    frameworks = Framework.objects.exclude(code="")
    assert frameworks.count() == 7
    assert all(framework.is_shipped for framework in frameworks)
    linked = {f.core_practice.code for f in frameworks if f.core_practice is not None}
    assert linked == CORE_PRACTICES
    leuven = frameworks.get(code="betrokkenheid-leuvense-schaal")
    assert leuven.core_practice is None


def test_seeding_again_updates_and_never_duplicates():
    versions_before = FrameworkVersion.objects.count()
    indicators_before = Indicator.objects.count()
    services.framework_seed_shipped()
    services.framework_seed_shipped()
    assert Framework.objects.exclude(code="").count() == 7
    assert FrameworkVersion.objects.count() == versions_before
    assert Indicator.objects.count() == indicators_before


def test_changed_shipped_content_is_published_as_a_new_version(monkeypatch):
    content = copy.deepcopy(shipped.SHIPPED)
    content[0]["domains"][0]["indicators"][0]["text"] = "Feed up: doel en succescriteria"
    content[0]["name"] = "Groeigerichte feedback (herzien)"
    monkeypatch.setattr(shipped, "SHIPPED", content)

    services.framework_seed_shipped()
    services.framework_seed_shipped()

    framework = Framework.objects.get(code=content[0]["code"])
    assert framework.name == "Groeigerichte feedback (herzien)"
    assert list(framework.versions.values_list("number", flat=True)) == [2, 1]
    newest = framework.versions.get(number=2).indicators.get(key="fb-feed-up")
    assert newest.text == "Feed up: doel en succescriteria"
    # The first version is untouched.
    assert (
        framework.versions.get(number=1)
        .indicators.get(key="fb-feed-up")
        .text.startswith("Feed up: het doel")
    )


def test_seeding_links_the_core_practices_even_when_they_are_seeded_later():
    Framework.objects.exclude(code="").update(core_practice=None)
    services.framework_seed_shipped()
    assert Framework.objects.filter(core_practice__isnull=False).count() == 6
    assert CorePractice.objects.count() >= 6


@pytest.mark.parametrize("code", [entry["code"] for entry in shipped.SHIPPED])
def test_every_shipped_kijkwijzer_has_domains_indicators_and_an_anchored_scale(code):
    version = Framework.objects.get(code=code).versions.get()
    domains = list(version.domains.all())
    assert 2 <= len(domains) <= 4
    for domain in domains:
        indicators = list(domain.indicators.all())
        assert 3 <= len(indicators) <= 5, domain.name
        for indicator in indicators:
            assert len(indicator.description) > 40, indicator.text
    levels = list(version.scale_levels.all())
    assert [level.value for level in levels] == list(range(1, len(levels) + 1))
    assert len(levels) in (4, 5)
    assert all(level.label and len(level.anchor) > 20 for level in levels)


def test_the_leuven_scale_runs_from_no_activity_to_sustained_intense_activity():
    version = Framework.objects.get(code="betrokkenheid-leuvense-schaal").versions.get()
    labels = list(version.scale_levels.values_list("value", "label"))
    assert labels[0] == (1, "geen activiteit")
    assert labels[-1] == (5, "aanhoudend intense activiteit")
    keys = set(version.indicators.values_list("key", flat=True))
    assert {"lb-concentratie", "lb-energie", "lb-voldoening", "lb-reactietijd"} <= keys
    assert version.indicators.count() == 9


def test_shipped_indicator_keys_are_unique_slugs_across_all_kijkwijzers():
    keys = [
        item["key"]
        for entry in shipped.SHIPPED
        for domain in entry["domains"]
        for item in domain["indicators"]
    ]
    assert len(keys) == len(set(keys))
    assert all(services.KEY_PATTERN.match(key) for key in keys)
