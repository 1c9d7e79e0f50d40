import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from videoklub.observations import selectors, services
from videoklub.observations.tests.conftest import SCALE, domains
from videoklub.testing.factories import CycleFactory, FragmentFactory, RecordingFactory

pytestmark = pytest.mark.django_db


def _observe(world, cycle, version, values: dict[str, int | None]):
    recording = RecordingFactory(owner=world.teacher, klub=world.klub, cycle=cycle)
    indicators = {i.key: i.pk for i in version.indicators.all()}
    return services.observation_create(
        fragment=FragmentFactory(recording=recording),
        version=version,
        observer=world.teacher,
        scores={indicators[key]: (value, "") for key, value in values.items()},
    )


@pytest.fixture
def cycles(world):
    previous = CycleFactory(teacher=world.teacher, klub=world.klub)
    current = CycleFactory(teacher=world.teacher, klub=world.klub, previous=previous)
    return previous, current


def test_the_summary_gives_mean_and_count_per_indicator_key(world, cycles, klub_framework):
    _previous, current = cycles
    v1 = klub_framework.versions.get()
    _observe(world, current, v1, {"wachttijd": 1, "iedereen-antwoordt": 3})
    _observe(world, current, v1, {"wachttijd": 2, "iedereen-antwoordt": None})
    # A later version with an edited text: matched on the key, its newest text shown.
    v2 = services.framework_publish_version(
        framework=klub_framework,
        created_by=world.coach,
        name=klub_framework.name,
        description="",
        domains=[
            {
                "name": "Vragen",
                "indicators": [
                    {"key": "wachttijd", "text": "Wachttijd van drie seconden"},
                    {"key": "iedereen-antwoordt", "text": "Iedereen antwoordt"},
                ],
            }
        ],
        scale=SCALE,
    )
    _observe(world, current, v2, {"wachttijd": 3})
    # Another cycle's observations do not count.
    _observe(world, CycleFactory(teacher=world.teacher, klub=world.klub), v1, {"wachttijd": 3})

    summary = selectors.observation_summary_for_cycle(current)

    assert [(r.key, r.text, r.mean, r.count) for r in summary] == [
        ("wachttijd", "Wachttijd van drie seconden", 2.0, 3),
        ("iedereen-antwoordt", "Iedereen antwoordt", 3.0, 1),
    ]
    assert summary[0].percent == 50.0  # 2 on a scale of 1–3


def test_the_comparison_lists_every_key_of_either_cycle_with_the_difference(
    world, cycles, klub_framework
):
    previous, current = cycles
    v1 = klub_framework.versions.get()
    _observe(world, previous, v1, {"wachttijd": 1})
    _observe(world, previous, v1, {"wachttijd": 2})
    _observe(world, current, v1, {"wachttijd": 3, "iedereen-antwoordt": 2})

    rows = selectors.compare_cycles(previous, current)

    assert [(r.key, r.previous, r.current, r.difference) for r in rows] == [
        ("wachttijd", 1.5, 3.0, 1.5),
        ("iedereen-antwoordt", None, 2.0, None),
    ]


def test_the_comparison_matches_a_copy_with_its_original_by_key(world, cycles, shipped_feedback):
    previous, current = cycles
    copy = services.framework_copy(
        framework=shipped_feedback, created_by=world.coach, klub=world.klub
    )
    _observe(world, previous, shipped_feedback.versions.get(), {"fb-feed-up": 2})
    _observe(world, current, copy.versions.get(), {"fb-feed-up": 4})
    [row] = selectors.compare_cycles(previous, current)
    assert (row.key, row.previous, row.current, row.difference) == ("fb-feed-up", 2.0, 4.0, 2.0)
    assert row.previous_percent == pytest.approx(33.3) and row.current_percent == 100.0


def _queries(function) -> int:
    with CaptureQueriesContext(connection) as context:
        function()
    return len(context.captured_queries)


def test_summary_and_comparison_take_a_constant_number_of_queries(world, cycles, klub_framework):
    previous, current = cycles
    v1 = klub_framework.versions.get()
    for _ in range(5):
        _observe(world, previous, v1, {"wachttijd": 1, "iedereen-antwoordt": 2})
        _observe(world, current, v1, {"wachttijd": 2, "iedereen-antwoordt": 3})
    few_summary = _queries(lambda: selectors.observation_summary_for_cycle(current))
    few_comparison = _queries(lambda: selectors.compare_cycles(previous, current))
    other = services.framework_create(
        created_by=world.coach,
        name="Ander",
        description="",
        klub=world.klub,
        domains=domains("Tempo", "Overgangen"),
        scale=SCALE,
    ).versions.get()
    for _ in range(45):
        _observe(world, previous, v1, {"wachttijd": 3, "iedereen-antwoordt": 2})
        _observe(world, current, other, {"tempo": 2, "overgangen": 3})

    assert _queries(lambda: selectors.observation_summary_for_cycle(current)) == few_summary
    assert _queries(lambda: selectors.compare_cycles(previous, current)) == few_comparison
    assert few_summary <= 3
    assert len(selectors.compare_cycles(previous, current)) == 4


def test_a_teacher_sees_shipped_and_own_klub_kijkwijzers_not_those_of_another_klub(
    world, klub_framework
):
    foreign = services.framework_create(
        created_by=world.other_coach,
        name="Elders",
        description="",
        klub=world.other_klub,
        domains=domains("A"),
        scale=SCALE,
    )
    archived = services.framework_create(
        created_by=world.coach,
        name="Oud",
        description="",
        klub=world.klub,
        domains=domains("A"),
        scale=SCALE,
    )
    archived.archived = True
    archived.save(update_fields=["archived"])

    usable = selectors.frameworks_for_user(world.teacher)

    assert klub_framework in usable
    assert foreign not in usable and archived not in usable
    assert sum(1 for framework in usable if framework.is_shipped) == 7
    assert selectors.frameworks_for_user(world.no_membership) == []
